import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from mattran.core.forms import BoundedDateField, add_validation_errors, without_nul
from mattran.core.parsing import nul_free, parse_date, parse_id, parse_ids, parse_month, text_param


@pytest.mark.parametrize("raw", ["²", "١٢", "", None, "-1", "0", "1.5", " ", "99999999999999999999999", "9223372036854775808"])
def test_parse_id_refuses_anything_but_ascii_digits_in_range(raw):
    assert parse_id(raw) is None


def test_parse_id_accepts_ids_up_to_the_bigint_limit():
    assert parse_id("42") == 42 and parse_id(" 7 ") == 7 and parse_id("9223372036854775807") == 2**63 - 1


def test_parse_ids_is_none_when_any_value_is_not_an_id():
    assert parse_ids(["1", "2"]) == [1, 2]
    assert parse_ids(["1", "²"]) is None


@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2026-13-01", "x", "\x00"])
def test_parse_date_refuses_dates_outside_1900_to_2100(raw):
    assert parse_date(raw) is None


def test_parse_date_accepts_the_range_ends():
    assert parse_date("1900-01-01") == datetime.date(1900, 1, 1)
    assert parse_date("2100-12-31") == datetime.date(2100, 12, 31)


@pytest.mark.parametrize("raw", ["1-1", "9999-12", "2026-13", "2026-0", "-1-1", "1-2-3", "²-1"])
def test_parse_month_refuses_months_outside_1900_to_2100(raw):
    assert parse_month(raw) is None


def test_parse_month_reads_year_and_month():
    assert parse_month("2026-7") == (2026, 7) and parse_month("1900-01") == (1900, 1)


def test_text_param_strips_nul_and_cuts():
    assert nul_free("a\x00b") == "ab"
    assert text_param(QueryDict("q=%00%20abc%20"), "q", max_length=2) == "ab"


def test_without_nul_cleans_every_value_of_a_querydict():
    data = without_nul(QueryDict("a=%00x&a=y%00&b=z"))
    assert data.getlist("a") == ["x", "y"] and data["b"] == "z"


class _Form(forms.Form):
    day = BoundedDateField(required=False)
    note = forms.CharField(required=False)


def test_bounded_date_field_refuses_year_9999_with_a_message():
    form = _Form({"day": "9999-12-31"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Ngày phải nằm trong khoảng từ năm 1900 đến năm 2100."]


def test_add_validation_errors_puts_field_errors_on_fields_and_others_on_top():
    form = _Form({})
    form.is_valid()
    add_validation_errors(form, ValidationError({"note": "sai", "unknown": "khác"}))
    assert form.errors["note"] == ["sai"] and form.non_field_errors() == ["khác"]
    form = _Form({})
    form.is_valid()
    add_validation_errors(form, ValidationError("chung"))
    assert form.non_field_errors() == ["chung"]
