"""Template filters for Vietnamese dates: ``{{ page.first_published_at|vi_legacy_datetime }}``."""

from django import template

from mattran.core import dates, text

register = template.Library()


@register.filter
def vi_legacy_datetime(value):
    return dates.format_legacy_long(value) if value else ""


@register.filter
def vi_weekday_datetime(value):
    return dates.format_weekday_datetime(value) if value else ""


@register.filter
def vi_date(value):
    return dates.format_date(value) if value else ""


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
