"""Vietnamese date formats.

Two forms: the old portal's long form ("03 Tháng Tám 2018 4:20:00 CH", the .NET vi-VN "dd MMMM yyyy h:mm:ss tt"
pattern the 2018 site printed) and the modern administrative form ("Thứ Sáu, 03/08/2018 16:20").
Both are written out here rather than taken from the locale, because Django's vi locale uses
"tháng 8" style month names and no SA/CH marker.
"""

import datetime

from django.utils import timezone

MONTH_NAMES = (
    "Tháng Giêng",
    "Tháng Hai",
    "Tháng Ba",
    "Tháng Tư",
    "Tháng Năm",
    "Tháng Sáu",
    "Tháng Bảy",
    "Tháng Tám",
    "Tháng Chín",
    "Tháng Mười",
    "Tháng Mười Một",
    "Tháng Mười Hai",
)
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _local(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_legacy_long(value: datetime.datetime) -> str:
    """ "03 Tháng Tám 2018 4:20:00 CH" — day, month name, year, 12-hour time, SA (morning) / CH (afternoon)."""
    value = _local(value)
    hour12 = value.hour % 12 or 12
    marker = "SA" if value.hour < 12 else "CH"
    return (
        f"{value.day:02d} {MONTH_NAMES[value.month - 1]} {value.year} "
        f"{hour12}:{value.minute:02d}:{value.second:02d} {marker}"
    )


def format_weekday_datetime(value: datetime.datetime) -> str:
    """ "Thứ Sáu, 03/08/2018 16:20"."""
    value = _local(value)
    return f"{WEEKDAY_NAMES[value.weekday()]}, {value:%d/%m/%Y %H:%M}"


def format_date(value: datetime.date) -> str:
    """ "03/08/2018" — the short form used in lists."""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return f"{value:%d/%m/%Y}"


def parse_legacy_long(text: str, *, tz=None) -> datetime.datetime:
    """Inverse of :func:`format_legacy_long`; raises ValueError on anything else."""
    parts = text.strip().split()
    if len(parts) < 5:
        raise ValueError(f"not a legacy date-time: {text!r}")
    day, rest = parts[0], parts[1:]
    marker = rest[-1].upper()
    clock = rest[-2]
    year = rest[-3]
    month_name = " ".join(rest[:-3])
    month_lookup = {name.casefold(): index for index, name in enumerate(MONTH_NAMES, start=1)}
    if month_name.casefold() not in month_lookup or marker not in ("SA", "CH"):
        raise ValueError(f"not a legacy date-time: {text!r}")
    hour, minute, second = (int(x) for x in clock.split(":"))
    if not 1 <= hour <= 12:
        raise ValueError(f"hour out of range in {text!r}")
    hour = hour % 12 + (12 if marker == "CH" else 0)
    naive = datetime.datetime(int(year), month_lookup[month_name.casefold()], int(day), hour, minute, second)
    return timezone.make_aware(naive, tz or timezone.get_default_timezone())
