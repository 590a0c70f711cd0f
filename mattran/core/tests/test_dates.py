import datetime
import zoneinfo

import pytest
from django.template import Context, Template

from mattran.core.dates import format_legacy_long, format_weekday_datetime, parse_legacy_long

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_legacy_long_form_matches_the_old_portal():
    value = datetime.datetime(2018, 8, 3, 16, 20, tzinfo=HCM)
    assert format_legacy_long(value) == "03 Tháng Tám 2018 4:20:00 CH"


def test_legacy_long_form_morning_and_month_names():
    assert (
        format_legacy_long(datetime.datetime(2019, 1, 5, 9, 5, 7, tzinfo=HCM))
        == "05 Tháng Giêng 2019 9:05:07 SA"
    )
    assert format_legacy_long(datetime.datetime(2019, 12, 31, 0, 0, tzinfo=HCM)) == (
        "31 Tháng Mười Hai 2019 12:00:00 SA"
    )
    assert format_legacy_long(datetime.datetime(2019, 11, 1, 12, 0, tzinfo=HCM)) == (
        "01 Tháng Mười Một 2019 12:00:00 CH"
    )


def test_legacy_long_form_converts_utc_to_vietnam_time():
    value = datetime.datetime(2018, 8, 3, 9, 20, tzinfo=datetime.UTC)
    assert format_legacy_long(value) == "03 Tháng Tám 2018 4:20:00 CH"


def test_weekday_form():
    value = datetime.datetime(2018, 8, 3, 16, 20, tzinfo=HCM)
    assert format_weekday_datetime(value) == "Thứ Sáu, 03/08/2018 16:20"


def test_parse_legacy_long_round_trips():
    parsed = parse_legacy_long("03 Tháng Tám 2018 4:20:00 CH")
    assert parsed == datetime.datetime(2018, 8, 3, 16, 20, tzinfo=HCM)
    assert format_legacy_long(parsed) == "03 Tháng Tám 2018 4:20:00 CH"


@pytest.mark.parametrize(
    "text", ["03 Tháng Mười Ba 2018 4:20:00 CH", "hôm qua", "03 Tháng Tám 2018 13:20:00 CH"]
)
def test_parse_legacy_long_rejects_malformed_text(text):
    with pytest.raises(ValueError):
        parse_legacy_long(text)


def test_template_filters_render_both_forms():
    value = datetime.datetime(2018, 8, 3, 16, 20, tzinfo=HCM)
    html = Template("{% load vi_format %}{{ v|vi_legacy_datetime }} | {{ v|vi_weekday_datetime }}").render(
        Context({"v": value})
    )
    assert html == "03 Tháng Tám 2018 4:20:00 CH | Thứ Sáu, 03/08/2018 16:20"


def test_digits_filter_zero_pads_to_eight():
    html = Template("{% load vi_format %}{% for d in n|digits %}[{{ d }}]{% endfor %}").render(
        Context({"n": 4321})
    )
    assert html == "[0][0][0][0][4][3][2][1]"
