"""Building ``PetitionDailyFigure``: the petition counts per organisation and local day that the dashboard, the
DOCX report and the public statistics sum (``selectors_daily.py``), so that they never count a million petitions
and their timelines while an officer waits.

Each row holds what ``selectors.petition_figures`` would count for one organisation on one day, with the same
definitions (``selectors.py``), so a period's figure is the sum of its days':

- ``received.channel`` / ``received.kind`` / ``received.topic`` (key: channel, kind, topic id), by creation day;
- ``accepted``, ``forwarded``, ``informed``, ``closed``, ``reopened``, ``closed_on_time``, ``forwarded.body`` (key:
  body id): petitions with such an event that day. A petition with the event on two days is counted on both, so
  the pair also gets a ``<figure>.repeat`` row (``day`` the later one, ``since`` the earlier): a period holding
  both days subtracts it, and the petition is counted once, exactly as ``COUNT(DISTINCT)`` does;
- ``answered.on_time`` / ``answered.late`` and per body ``answered.body.on_time`` / ``.late`` (key: body id), by
  ``answered_on``; ``answered.days`` (key: working days from the last forwarding) and ``answered.body.days``
  (key: ``<body id>:<days>``), from which the mean and median are taken;
- ``rating`` (key: 1–5), by the day of the rating;
- ``overdue`` (key: body id, "" for none): *not* a count of the day's events but the open-overdue figure taken
  on that day (due before it, still waiting then); since "still waiting" depends on the petition's state now,
  every refresh rebuilds all of these rows.

A refresh recomputes whole days: ``daily_figures_refresh(days=None)`` everything (``manage.py
reports_figures_refresh --all``), ``daily_figures_refresh_recent()`` today, yesterday and every day a
petition changed since the previous refresh touches (its creation, events, answer and rating days) — run every few
minutes by cron (``manage.py reports_figures_refresh``) and enqueued by the dashboard when the newest refresh is
older than ``REPORTS_FIGURES_MAX_AGE``. Derived data like the search index: no audit row, the refresh log
(``PetitionFigureRefresh``) is its record.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import BooleanField, Case, Count, F, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from mattran.petitions.deadlines import working_days_between
from mattran.petitions.models import PENDING_STATUSES, EventKind, Petition, PetitionEvent, PetitionStatus

from .models import PetitionDailyFigure, PetitionFigureRefresh
from .periods import local_midnight
from .selectors import EVENT_FIGURES, ON_TIME, answered_durations

ONE_DAY = datetime.timedelta(days=1)
PUBLIC = Q(confidential=False)
WATERMARK_MARGIN = datetime.timedelta(minutes=10)  # a transaction still open when the previous refresh began


def _max_age() -> int:
    return getattr(settings, "REPORTS_FIGURES_MAX_AGE", 300)


class _Rows:
    """(organisation, day, figure, key, since) → [n, n_public]."""

    def __init__(self):
        self.counts = defaultdict(lambda: [0, 0])

    def add(self, org, day, figure, key="", since=None, *, n, public):
        entry = self.counts[(org, day, figure, "" if key is None else str(key), since)]
        entry[0] += n
        entry[1] += public

    def models(self) -> list[PetitionDailyFigure]:
        return [
            PetitionDailyFigure(organisation_id=o, day=d, figure=f, key=k, since=s, n=n, n_public=p)
            for (o, d, f, k, s), (n, p) in self.counts.items()
            if n
        ]


def _kept():
    return Petition.objects.exclude(status=PetitionStatus.MERGED)


def _between(field: str, lo, hi, *, is_datetime: bool) -> Q:
    if lo is None:
        return Q()
    if is_datetime:
        return Q(**{f"{field}__gte": local_midnight(lo), f"{field}__lt": local_midnight(hi + ONE_DAY)})
    return Q(**{f"{field}__gte": lo, f"{field}__lte": hi})


def _day(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=timezone.get_default_timezone())


def _received(rows: _Rows, lo, hi) -> None:
    received = _kept().filter(_between("created_at", lo, hi, is_datetime=True)).annotate(d=_day("created_at"))
    for dim, field in (("channel", "channel"), ("kind", "kind"), ("topic", "topic_id")):
        grouped = received.values("organisation_id", "d", field).annotate(n=Count("pk"), p=Count("pk", filter=PUBLIC))
        for r in grouped.order_by():
            rows.add(r["organisation_id"], r["d"], f"received.{dim}", r[field], n=r["n"], public=r["p"])


def _events(rows: _Rows, lo, hi) -> None:
    kinds = list(EVENT_FIGURES.values())
    events = (
        PetitionEvent.objects.filter(_between("created_at", lo, hi, is_datetime=True), kind__in=kinds)
        .exclude(petition__status=PetitionStatus.MERGED)
        .annotate(d=_day("created_at"))
    )
    public = Q(petition__confidential=False)
    on_time = Q(kind=EventKind.CLOSED) & (
        Q(petition__due_date__isnull=True) | Q(petition__answered_on__lte=F("petition__due_date"))
    )
    distinct = {"distinct": True}
    grouped = events.values("petition__organisation_id", "d", "kind").annotate(
        n=Count("petition_id", **distinct),
        p=Count("petition_id", filter=public, **distinct),
        ot=Count("petition_id", filter=on_time, **distinct),
        otp=Count("petition_id", filter=on_time & public, **distinct),
    )
    names = {kind: name for name, kind in EVENT_FIGURES.items()}
    for r in grouped.order_by():
        org = r["petition__organisation_id"]
        rows.add(org, r["d"], names[r["kind"]], n=r["n"], public=r["p"])
        if r["ot"]:
            rows.add(org, r["d"], "closed_on_time", n=r["ot"], public=r["otp"])
    by_body = (
        events.filter(kind=EventKind.FORWARDED, body__isnull=False)
        .values("petition__organisation_id", "d", "body_id")
        .annotate(n=Count("petition_id", **distinct), p=Count("petition_id", filter=public, **distinct))
    )
    for r in by_body.order_by():
        rows.add(r["petition__organisation_id"], r["d"], "forwarded.body", r["body_id"], n=r["n"], public=r["p"])
    _repeats(rows, lo, hi, events)


def _repeats(rows: _Rows, lo, hi, events) -> None:
    """The ``*.repeat`` rows. Only petitions with an event kind on two days or more are read one by one (a
    reopened petition forwarded again): a handful, whatever the number of petitions."""
    kinds = list(EVENT_FIGURES.values())
    repeated = (
        PetitionEvent.objects.filter(kind__in=kinds, petition_id__in=events.values("petition_id"))
        .values("petition_id", "kind")
        .annotate(c=Count("pk"))
        .filter(c__gt=1)
        .order_by()
        .values_list("petition_id", flat=True)
    )
    ids = set(repeated)
    if not ids:
        return
    tz = timezone.get_default_timezone()
    sequences = defaultdict(set)
    facts = {}
    for pid, kind, body_id, at, org, confidential, due, answered in PetitionEvent.objects.filter(
        petition_id__in=ids, kind__in=kinds
    ).values_list(
        "petition_id", "kind", "body_id", "created_at", "petition__organisation_id", "petition__confidential",
        "petition__due_date", "petition__answered_on",
    ):
        day = at.astimezone(tz).date()
        facts[pid] = (org, not confidential, due is None or (answered is not None and answered <= due))
        sequences[(pid, EVENT_FIGURES_BY_KIND[kind], "")].add(day)
        if kind == EventKind.CLOSED:
            sequences[(pid, "closed_on_time", "")].add(day)
        if kind == EventKind.FORWARDED and body_id:
            sequences[(pid, "forwarded.body", body_id)].add(day)
    for (pid, figure, key), days in sequences.items():
        org, public, on_time = facts[pid]
        if figure == "closed_on_time" and not on_time:
            continue
        ordered = sorted(days)
        for before, day in zip(ordered, ordered[1:], strict=False):
            if lo is None or lo <= day <= hi:
                rows.add(org, day, f"{figure}.repeat", key, before, n=1, public=int(public))


EVENT_FIGURES_BY_KIND = {kind: name for name, kind in EVENT_FIGURES.items()}


def _answered(rows: _Rows, lo, hi) -> None:
    answered = _kept().filter(_between("answered_on", lo, hi, is_datetime=False), answered_on__isnull=False)
    late = Q(answered_on__gt=F("due_date"))
    grouped = answered.values("organisation_id", "answered_on", "body_id").annotate(
        ot=Count("pk", filter=ON_TIME),
        otp=Count("pk", filter=ON_TIME & PUBLIC),
        late=Count("pk", filter=late),
        latep=Count("pk", filter=late & PUBLIC),
    )
    for r in grouped.order_by():
        org, day, body = r["organisation_id"], r["answered_on"], r["body_id"]
        rows.add(org, day, "answered.on_time", n=r["ot"], public=r["otp"])
        rows.add(org, day, "answered.late", n=r["late"], public=r["latep"])
        if body:
            rows.add(org, day, "answered.body.on_time", body, n=r["ot"], public=r["otp"])
            rows.add(org, day, "answered.body.late", body, n=r["late"], public=r["latep"])
    durations = answered_durations(answered, extra_fields=("organisation_id", "confidential"), by_body=True)
    for r in durations:
        days = max(working_days_between(r["forwarded_on"], r["answered_on"]), 0)
        org, day, public = r["organisation_id"], r["answered_on"], int(not r["confidential"])
        rows.add(org, day, "answered.days", days, n=r["n"], public=public * r["n"])
        if r["body_id"]:
            rows.add(org, day, "answered.body.days", f"{r['body_id']}:{days}", n=r["n"], public=public * r["n"])


def _ratings(rows: _Rows, lo, hi) -> None:
    rated = (
        _kept()
        .filter(_between("rated_at", lo, hi, is_datetime=True), rating__isnull=False, rated_at__isnull=False)
        .annotate(d=_day("rated_at"))
        .values("organisation_id", "d", "rating")
        .annotate(n=Count("pk"), p=Count("pk", filter=PUBLIC))
    )
    for r in rated.order_by():
        rows.add(r["organisation_id"], r["d"], "rating", r["rating"], n=r["n"], public=r["p"])


def _overdue(rows: _Rows, today: datetime.date) -> None:
    """Open overdue on every day up to today: a petition is counted from the day after its due date (or its
    creation day, if later) while it waits — for ever if pending now, else until the day it was answered."""
    pending = Q(status__in=PENDING_STATUSES)
    candidates = (
        _kept()
        .filter(due_date__isnull=False)
        .filter(pending | Q(answered_on__gt=F("due_date")))
        .annotate(created_on=_day("created_at"), pending=Case(When(pending, then=Value(True)), default=Value(False),
                                                              output_field=BooleanField()))
        .values("organisation_id", "body_id", "confidential", "pending", "answered_on", "due_date", "created_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    changes = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # (org, body, public) → day → delta
    for r in candidates:
        start = max(r["due_date"] + ONE_DAY, r["created_on"])
        end = None if r["pending"] else r["answered_on"]
        if start > today or (end is not None and end <= start):
            continue
        public = 0 if r["confidential"] else r["n"]
        series = changes[(r["organisation_id"], r["body_id"] or "")]
        series[start][0] += r["n"]
        series[start][1] += public
        if end is not None and end <= today:
            series[end][0] -= r["n"]
            series[end][1] -= public
    for (org, body), series in changes.items():
        day, n, p = min(series), 0, 0
        while day <= today:
            delta = series.get(day)
            if delta:
                n, p = n + delta[0], p + delta[1]
            if n:
                rows.add(org, day, "overdue", body, n=n, public=p)
            day += ONE_DAY


def _ranges(days: Iterable[datetime.date], gap: int = 7) -> list[tuple[datetime.date, datetime.date]]:
    """Sorted days as few (first, last) ranges, joining ranges less than ``gap`` days apart."""
    out: list[list[datetime.date]] = []
    for day in sorted(set(days)):
        if out and (day - out[-1][1]).days <= gap:
            out[-1][1] = day
        else:
            out.append([day, day])
    return [(a, b) for a, b in out]


def daily_figures_refresh(
    *, days: Iterable[datetime.date] | None = None, today: datetime.date | None = None
) -> PetitionFigureRefresh:
    """Recompute the rows of ``days`` (every day when None) and all the ``overdue`` rows, in one transaction."""
    today = today or timezone.localdate()
    started = timezone.now()
    ranges = [(None, None)] if days is None else _ranges(days)
    with transaction.atomic():
        rows = _Rows()
        for lo, hi in ranges:
            _received(rows, lo, hi)
            _events(rows, lo, hi)
            _answered(rows, lo, hi)
            _ratings(rows, lo, hi)
            stale = PetitionDailyFigure.objects.exclude(figure="overdue")
            (stale if lo is None else stale.filter(day__gte=lo, day__lte=hi)).delete()
        PetitionDailyFigure.objects.filter(figure="overdue").delete()
        _overdue(rows, today)
        PetitionDailyFigure.objects.bulk_create(rows.models(), batch_size=5000)
        refresh = PetitionFigureRefresh.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            full=days is None,
            days=sum((hi - lo).days + 1 for lo, hi in ranges if lo is not None),
        )
    return refresh


def _touched_days(since: datetime.datetime) -> set[datetime.date]:
    """The days whose rows a petition changed since ``since`` may have changed."""
    changed = Petition.objects.filter(updated_at__gte=since)
    days = set(changed.annotate(d=_day("created_at")).values_list("d", flat=True).distinct())
    days |= set(changed.exclude(answered_on=None).values_list("answered_on", flat=True).distinct())
    days |= set(
        changed.exclude(rated_at=None).annotate(d=_day("rated_at")).values_list("d", flat=True).distinct()
    )
    days |= set(
        PetitionEvent.objects.filter(petition__in=changed)
        .annotate(d=_day("created_at"))
        .values_list("d", flat=True)
        .distinct()
    )
    return {d for d in days if d is not None}


def daily_figures_refresh_recent(*, today: datetime.date | None = None) -> PetitionFigureRefresh:
    """Today, yesterday and the days touched by petitions changed since the previous refresh began (a full
    refresh when there was none)."""
    today = today or timezone.localdate()
    previous = PetitionFigureRefresh.objects.filter(finished_at__isnull=False).first()
    if previous is None:
        return daily_figures_refresh(today=today)
    days = {today, today - ONE_DAY} | _touched_days(previous.started_at - WATERMARK_MARGIN)
    return daily_figures_refresh(days=days, today=today)


def daily_figures_as_of() -> datetime.datetime | None:
    """Every change committed before this moment is in the figures (the newest refresh's start)."""
    newest = PetitionFigureRefresh.objects.filter(finished_at__isnull=False).only("started_at").first()
    return newest.started_at if newest else None


def daily_figures_ensure_fresh() -> datetime.datetime | None:
    """Ask the worker for a refresh when the newest one began more than ``REPORTS_FIGURES_MAX_AGE`` seconds ago;
    return the moment the figures are as of (before that refresh, which the next page view will show)."""
    as_of = daily_figures_as_of()
    if as_of is None or (timezone.now() - as_of).total_seconds() > _max_age():
        from .tasks import daily_figures_refresh_task

        if cache.add("reports:figures:refresh-asked", 1, _max_age()):  # one request per period, not per view
            daily_figures_refresh_task.enqueue()
            as_of = daily_figures_as_of()
    return as_of

