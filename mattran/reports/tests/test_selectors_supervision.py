import datetime
import random

import pytest

from mattran.reports import selectors
from mattran.reports.periods import period_month, period_quarter, period_year
from mattran.supervision.models import (
    AWAITING_RESPONSE,
    Recommendation,
    RecommendationStatus,
    SupervisionActivity,
    SupervisionForm,
)

from .world import REORGANISATION, ReorganisedCity, brute_scope

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 2, 15)


def _generate(world, rng):
    day0 = datetime.date(2025, 1, 1)
    for n in range(60):
        start = day0 + datetime.timedelta(days=rng.randrange(400))
        org = rng.choice(world.before if start < REORGANISATION else world.after)
        finished = start + datetime.timedelta(days=rng.choice([0, 10, 40])) if rng.random() < 0.6 else None
        activity = SupervisionActivity.objects.create(
            organisation=org,
            reference=f"GS-T-{n}",
            form=rng.choice(SupervisionForm.values),
            title=f"Giám sát {n}",
            started_on=start if rng.random() < 0.9 else None,
            finished_on=finished,
        )
        for m in range(rng.randint(0, 3)):
            issued = start + datetime.timedelta(days=rng.randrange(60))
            status = rng.choice(RecommendationStatus.values)
            Recommendation.objects.create(
                activity=activity,
                organisation=org,
                reference=f"KNGS-T-{n}-{m}",
                addressee=rng.choice(world.bodies),
                text="Kiến nghị",
                status=status,
                issued_on=None if status == RecommendationStatus.DRAFTED else issued,
                response_due=issued + datetime.timedelta(days=20),
                implementation_due=issued + datetime.timedelta(days=60),
                implemented_on=issued + datetime.timedelta(days=rng.choice([30, 90]))
                if status == RecommendationStatus.IMPLEMENTED
                else None,
                escalated_on=issued + datetime.timedelta(days=25)
                if status == RecommendationStatus.ESCALATED
                else None,
            )


def _brute(organisation, period, rollup):
    in_scope = brute_scope(organisation=organisation, period=period, rollup=rollup)

    def ok(row, day):
        return day is not None and period.start <= day < period.end and in_scope(row.organisation_id, day)

    acts = list(SupervisionActivity.objects.all())
    recs = [r for r in Recommendation.objects.all() if r.status != RecommendationStatus.DRAFTED]
    as_of = min(period.last_day, TODAY)
    return {
        "activities_started": sum(ok(a, a.started_on) for a in acts),
        "activities_finished": sum(ok(a, a.finished_on) for a in acts),
        "recommendations_issued": sum(ok(r, r.issued_on) for r in recs),
        "implemented_on_time": sum(
            ok(r, r.implemented_on) and r.implemented_on <= r.implementation_due for r in recs
        ),
        "implemented_late": sum(
            ok(r, r.implemented_on) and r.implemented_on > r.implementation_due for r in recs
        ),
        "escalated": sum(ok(r, r.escalated_on) for r in recs),
        "awaiting_overdue": sum(
            in_scope(r.organisation_id, as_of)
            and r.status in AWAITING_RESPONSE
            and r.response_due < as_of
            and r.issued_on <= as_of
            for r in recs
        ),
    }


def test_supervision_figures_match_a_brute_force_count():
    world = ReorganisedCity()
    _generate(world, random.Random(5))
    for period in (
        period_month(year=2025, month=6),
        period_month(year=2025, month=7),
        period_quarter(year=2025, quarter=3),
        period_year(year=2025),
        period_year(year=2026),
    ):
        for organisation, rollup in (
            (world.city, True),
            (world.district, True),
            (world.ward_a, False),
            (world.ward_b, True),
        ):
            got = selectors.supervision_figures(
                organisation=organisation, period=period, rollup=rollup, today=TODAY
            )
            want = _brute(organisation, period, rollup)
            assert {k: got[k] for k in want} == want, f"{organisation} {period.key()}"
            assert sum(r["started_on"] for r in got["activities_by_form"]) == want["activities_started"]
