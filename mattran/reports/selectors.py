"""Figures for an organisation and a period, alone or rolled up over its subtree (``scope.py``).

Every figure is an aggregate query (``COUNT``/``AVG``… with ``GROUP BY``), the same on SQLite and PostgreSQL.
The only Python arithmetic is over grouped results, never over petitions: working days to answer are grouped by
(forwarding day, answer day) pairs — at most a few thousand per year whatever the number of petitions — and each
pair is converted once with the working-day calendar (``petitions.deadlines``), which SQL does not know.

Definitions (also in docs/domain.md):
- *received*: created in the period (merged duplicates are counted once, through the item they joined);
- *accepted, forwarded, informed, closed, reopened*: petitions with such a timeline event in the period;
- *answered*: ``answered_on`` in the period; *on time* when ``answered_on ≤ due_date`` (or no due date), else *late*;
- *open overdue*: at the end of the period (today for the current one), due before that day and still waiting
  then — waiting now, or answered only after that day;
- *on-time %* = closed on time ÷ (closed + open overdue), closed on time = closed in the period with an answer
  by its due date;
- *working days to answer*: from the last forwarding to the answer, for the petitions answered in the period.
"""

import datetime
from functools import lru_cache

from django.db.models import Avg, Count, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from mattran.organisations.models import Organisation
from mattran.petitions.deadlines import working_days_between
from mattran.petitions.models import (
    PENDING_STATUSES,
    EventKind,
    Petition,
    PetitionChannel,
    PetitionEvent,
    PetitionKind,
    PetitionStatus,
)

from .periods import Period, local_midnight, period_as_of
from .scope import Scope, scope_build
from .selectors_supervision import supervision_figures  # noqa: F401  (one selector module for callers)

EVENT_FIGURES = {
    "accepted": EventKind.ACCEPTED,
    "forwarded": EventKind.FORWARDED,
    "informed": EventKind.INFORMED,
    "closed": EventKind.CLOSED,
    "reopened": EventKind.REOPENED,
}
ON_TIME = Q(due_date__isnull=True) | Q(answered_on__lte=F("due_date"))
OVERDUE_LIST_LIMIT = 50


def _kept(prefix: str = "", *, include_confidential: bool = True) -> Q:
    """Merged duplicates are counted once, through the item they joined; confidential items only for staff."""
    q = ~Q(**{f"{prefix}status": PetitionStatus.MERGED})
    return q if include_confidential else q & Q(**{f"{prefix}confidential": False})


def _petitions(*, include_confidential: bool):
    return Petition.objects.filter(_kept(include_confidential=include_confidential))


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@lru_cache(maxsize=65536)
def _working_days(start: datetime.date, end: datetime.date) -> int:
    return max(working_days_between(start, end), 0)


def _duration_stats(groups) -> dict:
    """Mean and median from (working days, count) pairs."""
    pairs = sorted(groups)
    total = sum(n for _, n in pairs)
    if not total:
        return {"count": 0, "mean": None, "median": None}
    mean = sum(d * n for d, n in pairs) / total

    def nth(k: int) -> int:  # the k-th smallest value, 0-based
        seen = 0
        for days, n in pairs:
            seen += n
            if k < seen:
                return days
        return pairs[-1][0]

    median = nth(total // 2) if total % 2 else (nth(total // 2 - 1) + nth(total // 2)) / 2
    return {"count": total, "mean": round(mean, 1), "median": median}


def answered_durations(answered_qs, *, by_body: bool = False, extra_fields: tuple[str, ...] = ()):
    """Grouped (forwarding day, answer day[, body][, extra fields]) counts of the answered petitions in
    ``answered_qs``."""
    last_forward = (
        PetitionEvent.objects.filter(
            petition=OuterRef("pk"), kind=EventKind.FORWARDED, created_at__lte=OuterRef("answered_at")
        )
        .order_by()
        .values("petition")
        .annotate(last=Max("created_at"))
        .values("last")
    )
    tz = timezone.get_default_timezone()
    fields = ["forwarded_on", "answered_on", *(["body_id"] if by_body else []), *extra_fields]
    return (
        answered_qs.annotate(forwarded_at=Subquery(last_forward))
        .filter(forwarded_at__isnull=False)
        .annotate(forwarded_on=TruncDate("forwarded_at", tzinfo=tz))
        .values(*fields)
        .annotate(n=Count("pk"))
        .order_by()
    )


def petition_figures(
    *, scope: Scope, today: datetime.date | None = None, include_confidential: bool = True, detail: bool = True
) -> dict:
    """Every petition figure of the scope's organisation (and its subtree when it rolls up) in its period.
    Without ``detail`` (the comparison periods of the dashboard) the breakdowns and the per-body table are left
    out."""
    today = today or timezone.localdate()
    period = scope.period
    base = _petitions(include_confidential=include_confidential)

    received = base.filter(
        scope.q(date_field="created_at", is_datetime=True),
        created_at__gte=period.start_dt,
        created_at__lt=period.end_dt,
    )
    by = {"channel": {}, "kind": {}, "topic": {}, "ward": {}}
    for name, field in (
        (("channel", "channel"), ("kind", "kind"), ("topic", "topic__name"), ("ward", "organisation__name"))
        if detail
        else ()
    ):
        by[name] = {row[field]: row["n"] for row in received.values(field).annotate(n=Count("pk")).order_by()}
    channel_labels, kind_labels = dict(PetitionChannel.choices), dict(PetitionKind.choices)
    figures = {
        "received": sum(by["channel"].values()) if detail else received.count(),
        "by_channel": sorted(
            ((str(channel_labels.get(k, k)), n) for k, n in by["channel"].items()),
            key=lambda r: (-r[1], r[0]),
        ),
        "by_kind": sorted(
            ((str(kind_labels.get(k, k)), n) for k, n in by["kind"].items()), key=lambda r: (-r[1], r[0])
        ),
        "by_topic": sorted(by["topic"].items(), key=lambda r: (-r[1], r[0])),
        "by_ward": sorted(by["ward"].items(), key=lambda r: (-r[1], r[0])),
    }

    events = PetitionEvent.objects.filter(
        scope.q(prefix="petition__", date_field="created_at", is_datetime=True),
        _kept("petition__", include_confidential=include_confidential),
        created_at__gte=period.start_dt,
        created_at__lt=period.end_dt,
        kind__in=list(EVENT_FIGURES.values()),
    ).aggregate(
        **{
            name: Count("petition_id", distinct=True, filter=Q(kind=kind))
            for name, kind in EVENT_FIGURES.items()
        },
        closed_on_time=Count(
            "petition_id",
            distinct=True,
            filter=Q(kind=EventKind.CLOSED)
            & (Q(petition__due_date__isnull=True) | Q(petition__answered_on__lte=F("petition__due_date"))),
        ),
    )
    figures.update(events)

    answered_qs = base.filter(
        scope.q(date_field="answered_on"), answered_on__gte=period.start, answered_on__lt=period.end
    )
    answered = answered_qs.aggregate(
        answered=Count("pk"),
        on_time=Count("pk", filter=ON_TIME),
        late=Count("pk", filter=Q(answered_on__gt=F("due_date"))),
    )
    figures.update(
        answered=answered["answered"], answered_on_time=answered["on_time"], answered_late=answered["late"]
    )

    as_of = period_as_of(period, today)
    figures["as_of"] = as_of
    figures["open_overdue"] = overdue_queryset(scope=scope, as_of=as_of, base=base).count() if as_of else 0
    figures["on_time_percent"] = _percent(
        figures["closed_on_time"], figures["closed"] + figures["open_overdue"]
    )
    figures["answered_on_time_percent"] = _percent(
        figures["answered_on_time"], figures["answered"] + figures["open_overdue"]
    )

    groups = [
        (_working_days(r["forwarded_on"], r["answered_on"]), r["n"]) for r in answered_durations(answered_qs)
    ]
    figures["working_days"] = _duration_stats(groups)

    rated = base.filter(
        scope.q(date_field="rated_at", is_datetime=True),
        rated_at__gte=period.start_dt,
        rated_at__lt=period.end_dt,
        rating__isnull=False,
    )
    distribution = dict(rated.values_list("rating").annotate(n=Count("pk")).order_by())
    figures["satisfaction"] = {
        "count": sum(distribution.values()),
        "mean": (round(rated.aggregate(m=Avg("rating"))["m"], 2) if distribution else None),
        "distribution": [(score, distribution.get(score, 0)) for score in range(1, 6)],
    }
    figures["bodies"] = (
        petition_figures_by_body(
            scope=scope, today=today, include_confidential=include_confidential, answered_qs=answered_qs
        )
        if detail
        else []
    )
    return figures


def overdue_queryset(*, scope: Scope, as_of: datetime.date, base=None):
    """Petitions that were open and past due on ``as_of`` (received before the period ended)."""
    base = base if base is not None else _petitions(include_confidential=True)
    return base.filter(
        scope.q(on=as_of),
        Q(status__in=PENDING_STATUSES) | Q(answered_on__gt=as_of),
        created_at__lt=min(scope.period.end_dt, _day_after(as_of)),
        due_date__isnull=False,
        due_date__lt=as_of,
    )


def _day_after(day: datetime.date) -> datetime.datetime:
    return local_midnight(day + datetime.timedelta(days=1))


def petition_figures_by_body(
    *, scope: Scope, today: datetime.date, include_confidential: bool, answered_qs
) -> list[dict]:
    """Per body: forwarded to it, answered on time / late, open overdue, working days; slowest first."""
    period = scope.period
    base = _petitions(include_confidential=include_confidential)
    rows: dict[int, dict] = {}

    def row(body_id, name=None):
        entry = rows.setdefault(
            body_id,
            {
                "body_id": body_id,
                "name": name,
                "forwarded": 0,
                "answered": 0,
                "on_time": 0,
                "late": 0,
                "open_overdue": 0,
                "groups": [],
            },
        )
        entry["name"] = entry["name"] or name
        return entry

    forwarded = (
        PetitionEvent.objects.filter(
            scope.q(prefix="petition__", date_field="created_at", is_datetime=True),
            _kept("petition__", include_confidential=include_confidential),
            kind=EventKind.FORWARDED,
            body__isnull=False,
            created_at__gte=period.start_dt,
            created_at__lt=period.end_dt,
        )
        .values("body_id", "body__name")
        .annotate(n=Count("petition_id", distinct=True))
        .order_by()
    )
    for r in forwarded:
        row(r["body_id"], r["body__name"])["forwarded"] = r["n"]
    answered = (
        answered_qs.filter(body__isnull=False)
        .values("body_id", "body__name")
        .annotate(
            n=Count("pk"),
            on_time=Count("pk", filter=ON_TIME),
            late=Count("pk", filter=Q(answered_on__gt=F("due_date"))),
        )
        .order_by()
    )
    for r in answered:
        entry = row(r["body_id"], r["body__name"])
        entry.update(answered=r["n"], on_time=r["on_time"], late=r["late"])
    as_of = period_as_of(period, today)
    if as_of:
        overdue = (
            overdue_queryset(scope=scope, as_of=as_of, base=base)
            .filter(body__isnull=False)
            .values("body_id", "body__name")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for r in overdue:
            row(r["body_id"], r["body__name"])["open_overdue"] = r["n"]
    for r in answered_durations(answered_qs.filter(body__isnull=False), by_body=True):
        row(r["body_id"])["groups"].append((_working_days(r["forwarded_on"], r["answered_on"]), r["n"]))
    out = []
    for entry in rows.values():
        entry["working_days"] = _duration_stats(entry.pop("groups"))
        out.append(entry)
    out.sort(
        key=lambda e: (-(e["working_days"]["mean"] or 0), -e["open_overdue"], -e["late"], e["name"] or "")
    )
    return out


def petition_overdue_list(
    *, scope: Scope, as_of: datetime.date, limit: int = OVERDUE_LIST_LIMIT
) -> list[dict]:
    """The oldest-due open overdue petitions: reference, topic, receiving organisation, body, due date (no
    personal data and no title, which a confidential item must not show)."""
    return list(
        overdue_queryset(scope=scope, as_of=as_of)
        .order_by("due_date", "id")
        .values("pk", "reference", "topic__name", "organisation__name", "body__name", "due_date", "status")[
            :limit
        ]
    )


def petition_trend(
    *,
    organisation: Organisation,
    months: list[Period],
    rollup: bool = True,
    include_confidential: bool = True,
) -> list[dict]:
    """Per month: received, answered on time, answered late (two aggregate queries a month)."""
    out = []
    base = _petitions(include_confidential=include_confidential)
    for month in months:
        scope = scope_build(organisation=organisation, period=month, rollup=rollup)
        received = base.filter(
            scope.q(date_field="created_at", is_datetime=True),
            created_at__gte=month.start_dt,
            created_at__lt=month.end_dt,
        ).count()
        answered = base.filter(
            scope.q(date_field="answered_on"), answered_on__gte=month.start, answered_on__lt=month.end
        ).aggregate(
            on_time=Count("pk", filter=ON_TIME), late=Count("pk", filter=Q(answered_on__gt=F("due_date")))
        )
        out.append({"period": month, "received": received, **answered})
    return out
