"""The petition figures summed from the precomputed days (``figures.py``): the same result, key for key, as
``selectors.petition_figures`` (the live count, which the tests hold both to), in a handful of queries over a few
thousand rows, whatever the number of petitions. As fresh as the newest refresh (``figures.daily_figures_as_of``)."""

import datetime
from collections import defaultdict

from django.db.models import Sum
from django.utils import timezone

from mattran.organisations.models import Body, Organisation, Topic
from mattran.petitions.models import PetitionChannel, PetitionKind

from .models import PetitionDailyFigure
from .periods import Period, period_as_of
from .scope import Scope, scope_build
from .selectors import EVENT_FIGURES, _duration_stats, _percent

BODY_FIGURES = ("forwarded.body", "answered.body.on_time", "answered.body.late", "answered.body.days")
LIGHT_FIGURES = ("received.channel", *EVENT_FIGURES, "closed_on_time", "answered.on_time", "answered.late",
                 "answered.days", "rating")


def _column(include_confidential: bool) -> str:
    return "n" if include_confidential else "n_public"


def _sums(rows, column: str, *fields) -> list[dict]:
    return list(rows.values(*fields).annotate(total=Sum(column)).order_by())


def _sorted(pairs) -> list[tuple]:
    return sorted(pairs, key=lambda r: (-r[1], r[0] or ""))


def petition_figures_daily(
    *, scope: Scope, today: datetime.date | None = None, include_confidential: bool = True, detail: bool = True
) -> dict:
    """``selectors.petition_figures`` (same arguments, same result) from the precomputed days."""
    today = today or timezone.localdate()
    period = scope.period
    column = _column(include_confidential)
    in_period = PetitionDailyFigure.objects.filter(
        scope.q(date_field="day"), day__gte=period.start, day__lt=period.end
    )
    days = in_period.filter(since__isnull=True)
    if not detail:
        days = days.filter(figure__in=LIGHT_FIGURES)
    sums: dict[str, dict[str, int]] = defaultdict(dict)
    for r in _sums(days, column, "figure", "key"):
        sums[r["figure"]][r["key"]] = r["total"]
    repeats = in_period.filter(scope.q(date_field="since"), since__gte=period.start, figure__endswith=".repeat")
    for r in _sums(repeats, column, "figure", "key"):
        figure = sums[r["figure"].removesuffix(".repeat")]
        figure[r["key"]] = figure.get(r["key"], 0) - r["total"]

    def total(name: str) -> int:
        return sum(sums[name].values())

    channel_labels, kind_labels = dict(PetitionChannel.choices), dict(PetitionKind.choices)
    figures = {"received": total("received.channel"), "by_channel": [], "by_kind": [], "by_topic": [], "by_ward": []}
    if detail:
        figures["by_channel"] = _sorted(
            (str(channel_labels.get(k, k)), n) for k, n in sums["received.channel"].items() if n
        )
        figures["by_kind"] = _sorted((str(kind_labels.get(k, k)), n) for k, n in sums["received.kind"].items() if n)
        names = dict(Topic.objects.filter(pk__in=[k for k in sums["received.topic"] if k]).values_list("pk", "name"))
        by_topic: dict = defaultdict(int)
        for k, n in sums["received.topic"].items():
            by_topic[names.get(int(k)) if k else None] += n
        figures["by_topic"] = _sorted((k, n) for k, n in by_topic.items() if n)
        wards = _sums(days.filter(figure="received.channel"), column, "organisation__name")
        figures["by_ward"] = _sorted((r["organisation__name"], r["total"]) for r in wards if r["total"])
    for name in EVENT_FIGURES:
        figures[name] = total(name)
    figures["closed_on_time"] = total("closed_on_time")
    on_time, late = total("answered.on_time"), total("answered.late")
    figures.update(answered=on_time + late, answered_on_time=on_time, answered_late=late)

    as_of = period_as_of(period, today)
    figures["as_of"] = as_of
    overdue = _overdue(scope=scope, as_of=as_of, column=column)
    figures["open_overdue"] = sum(overdue.values())
    figures["on_time_percent"] = _percent(figures["closed_on_time"], figures["closed"] + figures["open_overdue"])
    figures["answered_on_time_percent"] = _percent(on_time, figures["answered"] + figures["open_overdue"])
    figures["working_days"] = _duration_stats([(int(k), n) for k, n in sums["answered.days"].items() if n])
    ratings = {int(k): n for k, n in sums["rating"].items()}
    count = sum(ratings.values())
    figures["satisfaction"] = {
        "count": count,
        "mean": round(sum(s * n for s, n in ratings.items()) / count, 2) if count else None,
        "distribution": [(score, ratings.get(score, 0)) for score in range(1, 6)],
    }
    figures["bodies"] = _bodies(sums, overdue) if detail else []
    return figures


def _overdue(*, scope: Scope, as_of: datetime.date | None, column: str) -> dict[str, int]:
    if not as_of:
        return {}
    rows = PetitionDailyFigure.objects.filter(scope.q(on=as_of), figure="overdue", day=as_of)
    return {r["key"]: r["total"] for r in _sums(rows, column, "key")}


def _bodies(sums: dict, overdue: dict[str, int]) -> list[dict]:
    rows: dict[int, dict] = {}

    def row(body_id: int) -> dict:
        return rows.setdefault(
            body_id,
            {"body_id": body_id, "name": None, "forwarded": 0, "answered": 0, "on_time": 0, "late": 0,
             "open_overdue": 0, "groups": []},
        )

    for key, n in sums["forwarded.body"].items():
        if n:
            row(int(key))["forwarded"] = n
    for key, n in sums["answered.body.on_time"].items():
        row(int(key))["on_time"] = n
    for key, n in sums["answered.body.late"].items():
        row(int(key))["late"] = n
    for key, n in overdue.items():
        if key and n:
            row(int(key))["open_overdue"] = n
    for key, n in sums["answered.body.days"].items():
        body, days = key.split(":")
        if n:
            row(int(body))["groups"].append((int(days), n))
    names = dict(Body.objects.filter(pk__in=list(rows)).values_list("pk", "name"))
    out = []
    for entry in rows.values():
        entry["answered"] = entry["on_time"] + entry["late"]
        if not (entry["forwarded"] or entry["answered"] or entry["open_overdue"]):
            continue
        entry["name"] = names.get(entry["body_id"])
        entry["working_days"] = _duration_stats(entry.pop("groups"))
        out.append(entry)
    out.sort(key=lambda e: (-(e["working_days"]["mean"] or 0), -e["open_overdue"], -e["late"], e["name"] or ""))
    return out


def petition_trend_daily(
    *, organisation: Organisation, months: list[Period], rollup: bool = True, include_confidential: bool = True
) -> list[dict]:
    """Per month: received, answered on time, answered late (one query a month)."""
    column, out = _column(include_confidential), []
    for month in months:
        scope = scope_build(organisation=organisation, period=month, rollup=rollup)
        rows = PetitionDailyFigure.objects.filter(
            scope.q(date_field="day"),
            day__gte=month.start,
            day__lt=month.end,
            figure__in=("received.channel", "answered.on_time", "answered.late"),
        )
        sums = {r["figure"]: r["total"] for r in _sums(rows, column, "figure")}
        out.append(
            {
                "period": month,
                "received": sums.get("received.channel", 0),
                "on_time": sums.get("answered.on_time", 0),
                "late": sums.get("answered.late", 0),
            }
        )
    return out
