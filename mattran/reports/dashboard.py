"""What the leader's dashboard and the periodic report show, composed from the selectors and cached.

The petition figures are summed from the precomputed days (``selectors_daily``, ``figures.py``): they are as of
the newest refresh (``figures_as_of``, shown as "số liệu tính đến HH:MM"), which cron runs every 5 minutes and the
dashboard asks for when it is older than ``REPORTS_FIGURES_MAX_AGE`` (300 s). The composed result is cached for
``REPORTS_CACHE_SECONDS`` (300 s) under a key holding the refresh, the organisation, the roll-up flag, the period
and today's date, so a new refresh or a new day is never hidden by the cache. The overdue list and the supervision
and dialogue figures are counted live (small tables, or the first rows of an index).

A new refresh changes the key, so each dashboard would be computed cold once per refresh, by whichever officer
opens it first (about 0.5 s at 1,000,000 petitions). Instead every composed result notes its parameters in a
short list of recently viewed dashboards (``VIEWED_KEY``, kept a day), and the refresh job recomputes those
right after each refresh (``dashboards_warm``): an officer opening a dashboard that anyone opened in the last
day gets it from the cache (for ``REPORTS_WARM_SECONDS``, 120 s, at most per refresh). Staleness stays
bounded by the refresh interval (5 minutes by cron).
"""

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.organisations.models import Organisation

from . import selectors, selectors_daily
from .figures import daily_figures_ensure_fresh
from .periods import Period, period_last_months
from .scope import scope_build
from .selectors_dialogues import dialogue_figures

CACHE_VERSION = 3
VIEWED_KEY = "reports:viewed-dashboards"
VIEWED_SECONDS = 24 * 3600
VIEWED_MAX = 500  # the most dashboards one refresh re-warms (the most recently viewed first)


def _cache_seconds() -> int:
    return getattr(settings, "REPORTS_CACHE_SECONDS", 300)


def report_data(
    *,
    organisation: Organisation,
    period: Period,
    rollup: bool = True,
    today: datetime.date | None = None,
    include_confidential: bool = True,
    with_comparison: bool = True,
) -> dict:
    """The figures of ``period``, the previous period and the same period a year earlier, a 12-month trend up to
    the period's last month, the overdue list, the supervision and the dialogue figures."""
    today = today or timezone.localdate()
    figures_as_of = daily_figures_ensure_fresh()
    key = ":".join(
        str(part)
        for part in (
            "reports",
            CACHE_VERSION,
            organisation.pk,
            int(rollup),
            period.key(),
            today.isoformat(),
            int(include_confidential),
            int(with_comparison),
            figures_as_of.timestamp() if figures_as_of else "-",
        )
    )
    data = cache.get(key)
    if data is not None:
        return data

    def figures(of: Period, *, detail: bool = True) -> dict:
        return selectors_daily.petition_figures_daily(
            scope=scope_build(organisation=organisation, period=of, rollup=rollup),
            today=today, include_confidential=include_confidential, detail=detail,
        )

    scope = scope_build(organisation=organisation, period=period, rollup=rollup)
    current = selectors_daily.petition_figures_daily(
        scope=scope, today=today, include_confidential=include_confidential
    )
    data = {
        "period": period, "current": current, "previous": None, "year_before": None, "figures_as_of": figures_as_of
    }
    if with_comparison:
        data["previous"] = figures(period.previous(), detail=False)
        data["year_before"] = figures(period.year_before(), detail=False)
    trend_end = min(period.last_day, today)
    data["trend"] = selectors_daily.petition_trend_daily(
        organisation=organisation,
        months=period_last_months(day=trend_end),
        rollup=rollup,
        include_confidential=include_confidential,
    )
    data["overdue"] = (
        selectors.petition_overdue_list(scope=scope, as_of=current["as_of"])
        if current["as_of"] and include_confidential
        else []
    )
    data["supervision"] = selectors.supervision_figures(
        period=period, scope=scope, organisation=organisation, rollup=rollup, today=today
    )
    data["dialogues"] = dialogue_figures(scope=scope, today=today, include_confidential=include_confidential)
    cache.set(key, data, _cache_seconds())
    _viewed_note(organisation.pk, rollup, period, include_confidential, with_comparison)
    return data


def _viewed_note(organisation_id, rollup, period, include_confidential, with_comparison) -> None:
    # A hint for the warm-up, not a record: two officers noting at once may drop one entry, which then costs one
    # cold view later. So a plain read-then-write of the cache is enough here.
    viewed = cache.get(VIEWED_KEY) or {}
    viewed[(organisation_id, rollup, period.kind, period.start, period.end, include_confidential, with_comparison)] = (
        timezone.now().timestamp()
    )
    if len(viewed) > VIEWED_MAX:
        viewed = dict(sorted(viewed.items(), key=lambda item: item[1])[-VIEWED_MAX:])
    cache.set(VIEWED_KEY, viewed, VIEWED_SECONDS)


def dashboards_warm(*, today: datetime.date | None = None) -> int:
    """Recompute, after a refresh, the dashboards viewed in the last day, so officers find them in the cache, the
    most recently viewed first and for at most ``REPORTS_WARM_SECONDS`` (so a warm-up never outlasts the refresh
    interval; what is left is computed by its next viewer). Returns how many were computed."""
    today = today or timezone.localdate()
    deadline = time.monotonic() + getattr(settings, "REPORTS_WARM_SECONDS", 120)
    cutoff = timezone.now().timestamp() - VIEWED_SECONDS
    viewed = {params: at for params, at in (cache.get(VIEWED_KEY) or {}).items() if at >= cutoff}
    organisations = Organisation.objects.in_bulk({params[0] for params in viewed})
    warmed = 0
    for org_id, rollup, kind, start, end, include_confidential, with_comparison in sorted(
            viewed, key=viewed.get, reverse=True):
        if time.monotonic() > deadline:
            break
        organisation = organisations.get(org_id)
        if organisation is None or start > today:
            continue
        report_data(organisation=organisation, period=Period(kind, start, end), rollup=rollup, today=today,
                    include_confidential=include_confidential, with_comparison=with_comparison)
        warmed += 1
    return warmed


KEY_FIGURES = (
    ("received", _("Tiếp nhận")),
    ("forwarded", _("Chuyển cơ quan có thẩm quyền")),
    ("answered", _("Đã trả lời")),
    ("answered_on_time", _("Trả lời đúng hạn")),
    ("answered_late", _("Trả lời trễ hạn")),
    ("open_overdue", _("Chưa trả lời, quá hạn")),
    ("informed", _("Đã thông tin lại cho người gửi")),
    ("closed", _("Đã kết thúc")),
    ("on_time_percent", _("Tỷ lệ đúng hạn (%)")),
    ("mean_working_days", _("Số ngày làm việc trung bình để trả lời")),
    ("median_working_days", _("Trung vị số ngày làm việc để trả lời")),
    ("satisfaction_mean", _("Mức hài lòng trung bình (1–5)")),
    ("reopened", _("Mở lại")),
)


def key_value(figures: dict | None, name: str):
    if figures is None:
        return None
    if name == "mean_working_days":
        return figures["working_days"]["mean"]
    if name == "median_working_days":
        return figures["working_days"]["median"]
    if name == "satisfaction_mean":
        return figures["satisfaction"]["mean"]
    return figures[name]


def key_rows(data: dict) -> list[tuple[str, object, object, object]]:
    """(label, this period, previous period, same period last year) for the key numbers."""
    return [
        (
            str(label),
            key_value(data["current"], name),
            key_value(data["previous"], name),
            key_value(data["year_before"], name),
        )
        for name, label in KEY_FIGURES
    ]
