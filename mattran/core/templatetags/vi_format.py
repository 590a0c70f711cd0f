"""Template filters for dates and names in the page's language: ``{{ page.published_at|vi_legacy_datetime }}``,
``{{ category|localised:"title" }}``.

Every template prints a date through one of the three date filters below. They print the Vietnamese forms
(:mod:`mattran.core.dates`) on Vietnamese pages and English ones on English pages ("3 August 2018, 4:20 PM"),
so an /en/ page never shows "03 Tháng Tám 2018 4:20:00 CH".
"""

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import get_language

from mattran.core import dates, text

register = template.Library()

# Django's format characters; English month and weekday names come from Django's own (English) strings.
ENGLISH_FORMATS = {"long": "j F Y, g:i A", "weekday": "l, j F Y, g:i A", "date": "j F Y"}


def _english(value, style: str) -> str:
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    if style == "date" and hasattr(value, "hour"):
        value = value.date()
    return dateformat.format(value, ENGLISH_FORMATS[style])


def _date_in_language(value, style: str, vietnamese) -> str:
    if not value:
        return ""
    return _english(value, style) if get_language() == "en" else vietnamese(value)


@register.filter
def vi_legacy_datetime(value):
    """ "03 Tháng Tám 2018 4:20:00 CH" / "3 August 2018, 4:20 PM"."""
    return _date_in_language(value, "long", dates.format_legacy_long)


@register.filter
def vi_weekday_datetime(value):
    """ "Thứ Sáu, 03/08/2018 16:20" / "Friday, 3 August 2018, 4:20 PM"."""
    return _date_in_language(value, "weekday", dates.format_weekday_datetime)


@register.filter
def vi_date(value):
    """ "03/08/2018" / "3 August 2018"."""
    return _date_in_language(value, "date", dates.format_date)


@register.filter
def localised(obj, field="name"):
    """``obj.<field>_en`` on English pages when it is filled, else ``obj.<field>``: a portal's or category's
    ``title_en``, an organisation's ``name_en``."""
    if obj is None:
        return ""
    value = getattr(obj, field, "")
    if get_language() == "en":
        return getattr(obj, f"{field}_en", "") or value
    return value


@register.filter
def vi_slug(value):
    return text.vi_slugify(str(value or ""))


@register.filter
def digits(value, width=8):
    """Split a counter into zero-padded single digits for the "SỐ LƯỢT TRUY CẬP" display."""
    return list(str(int(value or 0)).zfill(int(width)))


@register.simple_tag(takes_context=True)
def language_url(context, language_code):
    """The current page's address in another language (/en/… for English, unprefixed for Vietnamese)."""
    from django.urls import translate_url

    request = context.get("request")
    if request is None:
        return "/" if language_code == "vi" else f"/{language_code}/"
    return translate_url(request.get_full_path(), language_code)


@register.simple_tag
def language_choices():
    """settings.LANGUAGES as written there: each language named in itself ("English", "Tiếng Việt"). Django's
    {% get_available_languages %} translates the names into the page's language ("Tiếng Anh" on Vietnamese pages)."""
    from django.conf import settings

    return settings.LANGUAGES
