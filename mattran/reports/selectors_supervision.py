"""Supervision figures of an organisation and a period (see ``selectors.py`` for the shared rules)."""

import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from mattran.organisations.models import Organisation
from mattran.supervision.models import (
    AWAITING_RESPONSE,
    Recommendation,
    RecommendationStatus,
    SupervisionActivity,
    SupervisionForm,
)

from .periods import Period, period_as_of
from .scope import Scope, scope_build


def supervision_figures(
    *,
    organisation: Organisation,
    period: Period,
    rollup: bool = True,
    today: datetime.date | None = None,
    scope: Scope | None = None,
) -> dict:
    """Supervision activities by form (started, finished in the period), recommendations issued in the period by
    their state now, carried out on time / late, escalated, and awaiting a response past due at the period's end."""
    today = today or timezone.localdate()
    scope = scope or scope_build(organisation=organisation, period=period, rollup=rollup)
    form_labels, status_labels = dict(SupervisionForm.choices), dict(RecommendationStatus.choices)
    activities = SupervisionActivity.objects.all()
    by_form: dict[str, dict] = {}
    for field in ("started_on", "finished_on"):
        rows = (
            activities.filter(
                scope.q(date_field=field), **{f"{field}__gte": period.start, f"{field}__lt": period.end}
            )
            .values("form")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for r in rows:
            by_form.setdefault(
                r["form"],
                {"form": str(form_labels.get(r["form"], r["form"])), "started_on": 0, "finished_on": 0},
            )[field] = r["n"]
    recommendations = Recommendation.objects.exclude(status=RecommendationStatus.DRAFTED)
    issued = recommendations.filter(
        scope.q(date_field="issued_on"), issued_on__gte=period.start, issued_on__lt=period.end
    )
    by_status = dict(issued.values_list("status").annotate(n=Count("pk")).order_by())
    implemented = recommendations.filter(
        scope.q(date_field="implemented_on"), implemented_on__gte=period.start, implemented_on__lt=period.end
    ).aggregate(
        on_time=Count(
            "pk", filter=Q(implementation_due__isnull=True) | Q(implemented_on__lte=F("implementation_due"))
        ),
        late=Count("pk", filter=Q(implemented_on__gt=F("implementation_due"))),
    )
    escalated = recommendations.filter(
        scope.q(date_field="escalated_on"), escalated_on__gte=period.start, escalated_on__lt=period.end
    ).count()
    as_of = period_as_of(period, today)
    awaiting_overdue = (
        recommendations.filter(
            scope.q(on=as_of), status__in=AWAITING_RESPONSE, response_due__lt=as_of, issued_on__lte=as_of
        ).count()
        if as_of
        else 0
    )
    return {
        "activities_by_form": sorted(by_form.values(), key=lambda r: r["form"]),
        "activities_started": sum(r["started_on"] for r in by_form.values()),
        "activities_finished": sum(r["finished_on"] for r in by_form.values()),
        "recommendations_issued": sum(by_status.values()),
        "recommendations_by_status": [
            (str(status_labels[s]), by_status[s]) for s in RecommendationStatus.values if s in by_status
        ],
        "implemented_on_time": implemented["on_time"],
        "implemented_late": implemented["late"],
        "escalated": escalated,
        "awaiting_overdue": awaiting_overdue,
    }
