"""Working-day arithmetic on Vietnam's calendar, through the ``holidays`` package's own working-day functions:
weekends and public holidays (lunar Tết included) are days off, and the official make-up Saturdays
(``weekend_workdays``, e.g. 2026-08-22) are working days. Due dates of petitions are counted with it."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=1)
def vietnam_calendar() -> holidays.HolidayBase:
    # One expanding calendar per process: years are added on first use, so any year works.
    return holidays.country_holidays("VN")


def is_working_day(day: datetime.date) -> bool:
    return vietnam_calendar().is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (the day of receipt itself does not count)."""
    if days <= 0:
        return start
    return vietnam_calendar().get_nth_working_day(start, days)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    if end == start:
        return 0
    low, high, sign = (start, end, 1) if end > start else (end, start, -1)
    return sign * vietnam_calendar().get_working_days_count(low + datetime.timedelta(days=1), high)
