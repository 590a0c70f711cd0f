"""Reporting periods: a month, quarter, half-year, year or custom range of local (Asia/Ho_Chi_Minh) days.

A period is the half-open interval of days ``[start, end)``; its datetime edges are local midnights, so a
petition received at 23:59:59 on 31 March belongs to March and one at 00:00:00 on 1 April to April.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    RANGE = "range"
    ALL = (MONTH, QUARTER, HALF, YEAR, RANGE)


def _first_of(year: int, month: int) -> datetime.date:
    return datetime.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date  # first day, included
    end: datetime.date  # day after the last day, excluded

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def start_dt(self) -> datetime.datetime:
        return local_midnight(self.start)

    @property
    def end_dt(self) -> datetime.datetime:
        return local_midnight(self.end)

    @property
    def number(self) -> int:
        """The month, quarter or half of the year (1 for a year or a range)."""
        if self.kind == PeriodKind.MONTH:
            return self.start.month
        if self.kind == PeriodKind.QUARTER:
            return (self.start.month - 1) // 3 + 1
        if self.kind == PeriodKind.HALF:
            return 1 if self.start.month == 1 else 2
        return 1

    def label(self) -> str:
        year = self.start.year
        if self.kind == PeriodKind.MONTH:
            return _("tháng %(m)s/%(y)s") % {"m": self.start.month, "y": year}
        if self.kind == PeriodKind.QUARTER:
            return _("quý %(q)s năm %(y)s") % {"q": self.number, "y": year}
        if self.kind == PeriodKind.HALF:
            return (_("6 tháng đầu năm %(y)s") if self.number == 1 else _("6 tháng cuối năm %(y)s")) % {
                "y": year
            }
        if self.kind == PeriodKind.YEAR:
            return _("năm %(y)s") % {"y": year}
        return _("từ %(a)s đến %(b)s") % {"a": f"{self.start:%d/%m/%Y}", "b": f"{self.last_day:%d/%m/%Y}"}

    def previous(self) -> "Period":
        """The period of the same length just before (last month, last quarter…)."""
        if self.kind == PeriodKind.RANGE:
            return period_range(
                start=self.start - (self.end - self.start), last_day=self.start - datetime.timedelta(1)
            )
        months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}[
            self.kind
        ]
        start = _first_of(self.start.year, self.start.month - months)
        return Period(self.kind, start, self.start)

    def year_before(self) -> "Period":
        """The same period one year earlier."""
        if self.kind == PeriodKind.RANGE:
            return period_range(start=_shift_year(self.start), last_day=_shift_year(self.last_day))
        return Period(
            self.kind, self.start.replace(year=self.start.year - 1), self.end.replace(year=self.end.year - 1)
        )

    def months(self) -> list["Period"]:
        """The calendar months the period touches, each clipped to the period."""
        out, day = [], self.start
        while day < self.end:
            following = _first_of(day.year, day.month + 1)
            out.append(
                Period(
                    PeriodKind.MONTH if day.day == 1 and following <= self.end else PeriodKind.RANGE,
                    day,
                    min(following, self.end),
                )
            )
            day = following
        return out

    def key(self) -> str:
        return f"{self.kind}:{self.start.isoformat()}:{self.end.isoformat()}"


def _shift_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def _check_year(year: int) -> None:
    if not 1900 <= year <= 2100:
        raise ValidationError(_("Năm phải từ 1900 đến 2100."), code="year_range")


def period_month(*, year: int, month: int) -> Period:
    _check_year(year)
    if not 1 <= month <= 12:
        raise ValidationError(_("Tháng phải từ 1 đến 12."), code="month_range")
    return Period(PeriodKind.MONTH, _first_of(year, month), _first_of(year, month + 1))


def period_quarter(*, year: int, quarter: int) -> Period:
    _check_year(year)
    if not 1 <= quarter <= 4:
        raise ValidationError(_("Quý phải từ 1 đến 4."), code="quarter_range")
    first = 3 * (quarter - 1) + 1
    return Period(PeriodKind.QUARTER, _first_of(year, first), _first_of(year, first + 3))


def period_half(*, year: int, half: int) -> Period:
    _check_year(year)
    if half not in (1, 2):
        raise ValidationError(_("Chọn 6 tháng đầu năm hoặc 6 tháng cuối năm."), code="half_range")
    first = 1 if half == 1 else 7
    return Period(PeriodKind.HALF, _first_of(year, first), _first_of(year, first + 6))


def period_year(*, year: int) -> Period:
    _check_year(year)
    return Period(PeriodKind.YEAR, datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))


MAX_RANGE_DAYS = 366 * 5


def period_range(*, start: datetime.date, last_day: datetime.date) -> Period:
    """A custom range, both days included (at most five years)."""
    _check_year(start.year)
    _check_year(last_day.year)
    if last_day < start:
        raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."), code="range_order")
    if (last_day - start).days > MAX_RANGE_DAYS:
        raise ValidationError(_("Khoảng thời gian tối đa là 5 năm."), code="range_length")
    return Period(PeriodKind.RANGE, start, last_day + datetime.timedelta(days=1))


def period_build(*, kind: str, year: int, number: int = 1) -> Period:
    """A month / quarter / half / year period from its kind, year and number (month, quarter or half)."""
    if kind == PeriodKind.MONTH:
        return period_month(year=year, month=number)
    if kind == PeriodKind.QUARTER:
        return period_quarter(year=year, quarter=number)
    if kind == PeriodKind.HALF:
        return period_half(year=year, half=number)
    if kind == PeriodKind.YEAR:
        return period_year(year=year)
    raise ValidationError(_("Loại kỳ báo cáo không hợp lệ."), code="period_kind")


def period_last_months(*, day: datetime.date, count: int = 12) -> list[Period]:
    """The ``count`` calendar months ending with the month of ``day``, oldest first."""
    return [
        period_month(
            year=_first_of(day.year, day.month - i).year, month=_first_of(day.year, day.month - i).month
        )
        for i in range(count - 1, -1, -1)
    ]


def period_as_of(period: Period, today: datetime.date) -> datetime.date | None:
    """The day the open-overdue figure is taken on: the period's last day, today for the current period, none
    for a period that has not begun."""
    if period.start > today:
        return None
    return min(period.last_day, today)
