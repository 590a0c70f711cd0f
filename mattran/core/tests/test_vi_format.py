"""The date and name filters print the page's language: Vietnamese forms on Vietnamese pages, English on /en/."""

import datetime
import zoneinfo
from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SEED_TIME = datetime.datetime(2018, 8, 3, 16, 20, tzinfo=HCM)
FILTERS = "{% load vi_format %}{{ v|vi_legacy_datetime }} | {{ v|vi_weekday_datetime }} | {{ v|vi_date }}"


def _render(source, language, **context):
    with translation.override(language):
        return Template(source).render(Context(context))


def test_dates_keep_the_vietnamese_forms_on_vietnamese_pages():
    assert (
        _render(FILTERS, "vi", v=SEED_TIME)
        == "03 Tháng Tám 2018 4:20:00 CH | Thứ Sáu, 03/08/2018 16:20 | 03/08/2018"
    )


def test_dates_are_written_in_english_on_english_pages():
    assert _render(FILTERS, "en", v=SEED_TIME) == (
        "3 August 2018, 4:20 PM | Friday, 3 August 2018, 4:20 PM | 3 August 2018"
    )


def test_english_dates_are_in_vietnam_time_and_plain_dates_work():
    utc_morning = datetime.datetime(2019, 1, 4, 23, 5, tzinfo=datetime.UTC)  # 06:05 on 5 January in Vietnam
    assert (
        _render("{% load vi_format %}{{ v|vi_legacy_datetime }}", "en", v=utc_morning)
        == "5 January 2019, 6:05 AM"
    )
    assert (
        _render("{% load vi_format %}{{ v|vi_date }}", "en", v=datetime.date(2025, 6, 30)) == "30 June 2025"
    )


def test_an_empty_date_prints_nothing_in_either_language():
    for language in ("vi", "en"):
        assert _render(FILTERS, language, v=None) == " |  | "


def test_localised_takes_the_english_field_on_english_pages_and_falls_back_when_blank():
    category = SimpleNamespace(title="Tin tức sự kiện", title_en="News and events")
    untranslated = SimpleNamespace(title="Thông báo", title_en="")
    source = '{% load vi_format %}{{ a|localised:"title" }} / {{ b|localised:"title" }}'
    assert _render(source, "en", a=category, b=untranslated) == "News and events / Thông báo"
    assert _render(source, "vi", a=category, b=untranslated) == "Tin tức sự kiện / Thông báo"
