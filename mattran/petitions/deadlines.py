"""Working-day arithmetic on Vietnam's calendar: weekends and public holidays (lunar Tết included, from the
``holidays`` package) are not working days. Due dates of petitions are counted with it."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays_for(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=[year]).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays_for(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (the day of receipt itself does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign == 1 else (end, start)
    count = 0
    day = low
    while day < high:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return sign * count
