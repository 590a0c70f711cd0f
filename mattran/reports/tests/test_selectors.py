import datetime

import pytest

from mattran.petitions.models import PetitionChannel
from mattran.reports import selectors, selectors_daily
from mattran.reports.figures import daily_figures_refresh, daily_figures_refresh_recent
from mattran.reports.periods import period_half, period_month, period_quarter, period_range, period_year
from mattran.reports.scope import scope_build

from .world import ReorganisedCity, brute_force, local, petitions_generate

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 2, 15)
PERIODS = [
    period_month(year=2025, month=3),
    period_month(year=2025, month=4),
    period_month(year=2025, month=6),
    period_month(year=2025, month=7),
    period_month(year=2025, month=12),
    period_month(year=2026, month=1),
    period_month(year=2026, month=2),
    period_month(year=2026, month=3),
    period_quarter(year=2025, quarter=2),
    period_quarter(year=2025, quarter=3),
    period_half(year=2025, half=1),
    period_half(year=2025, half=2),
    period_year(year=2025),
    period_year(year=2026),
    period_range(start=datetime.date(2025, 6, 15), last_day=datetime.date(2025, 7, 15)),
]


def _compare(world, organisation, period, rollup, include_confidential=True, selector=selectors.petition_figures):
    got = selector(
        scope=scope_build(organisation=organisation, period=period, rollup=rollup),
        today=TODAY,
        include_confidential=include_confidential,
    )
    want = brute_force(
        organisation=organisation,
        period=period,
        rollup=rollup,
        today=TODAY,
        include_confidential=include_confidential,
    )
    where = f"{organisation.name} {period.key()} rollup={rollup} {selector.__name__}"
    for name in (
        "received",
        "accepted",
        "forwarded",
        "informed",
        "closed",
        "reopened",
        "closed_on_time",
        "answered",
        "answered_on_time",
        "answered_late",
        "open_overdue",
        "working_days",
        "satisfaction",
    ):
        assert got[name] == want[name], f"{name}: {where}"
    labels = dict(PetitionChannel.choices)
    assert dict(got["by_channel"]) == {str(labels[k]): n for k, n in want["channels"].items()}, where
    assert dict(got["by_topic"]) == want["topics"], where
    assert dict(got["by_ward"]) == want["wards"], where
    closed, overdue = want["closed"], want["open_overdue"]
    expected_percent = (
        round(100 * want["closed_on_time"] / (closed + overdue), 1) if closed + overdue else None
    )
    assert got["on_time_percent"] == expected_percent, where
    body_answered = sum(b["answered"] for b in got["bodies"])
    assert body_answered == want["answered"] - _answered_without_body(got), where
    return got


def _answered_without_body(got):
    return got["answered"] - sum(b["answered"] for b in got["bodies"])


@pytest.mark.parametrize("seed", [3, 17])
def test_every_figure_matches_a_brute_force_count(seed):
    world = ReorganisedCity()
    petitions_generate(world, count=220, seed=seed, today=TODAY)
    combos = [
        (world.city, True),
        (world.city, False),
        (world.district, True),
        (world.district, False),
        (world.ward_a, True),
        (world.ward_a, False),
        (world.ward_b, True),
        (world.old_ward, True),
    ]
    daily_figures_refresh(today=TODAY)
    for period in PERIODS:
        for organisation, rollup in combos:
            live = _compare(world, organisation, period, rollup)
            daily = _compare(world, organisation, period, rollup, selector=selectors_daily.petition_figures_daily)
            assert daily == live, f"{organisation.name} {period.key()} rollup={rollup}"
    for selector in (selectors.petition_figures, selectors_daily.petition_figures_daily):
        _compare(world, world.city, period_year(year=2025), True, include_confidential=False, selector=selector)
    city = scope_build(organisation=world.city, period=PERIODS[5])
    light = selectors.petition_figures(scope=city, today=TODAY, detail=False)
    full = selectors.petition_figures(scope=city, today=TODAY)
    assert {k: v for k, v in light.items() if not k.startswith("by_") and k != "bodies"} == {
        k: v for k, v in full.items() if not k.startswith("by_") and k != "bodies"
    }


def test_a_petition_at_midnight_belongs_to_the_day_that_begins():
    world = ReorganisedCity()
    from mattran.petitions.tests.factories import PetitionFactory

    late = PetitionFactory(organisation=world.ward_a, topic=world.topics[0])
    early = PetitionFactory(organisation=world.ward_a, topic=world.topics[0])
    late.__class__.objects.filter(pk=late.pk).update(created_at=local(2026, 1, 31, 23, 59, 59))
    early.__class__.objects.filter(pk=early.pk).update(created_at=local(2026, 2, 1))
    january = selectors.petition_figures(
        scope=scope_build(organisation=world.ward_a, period=period_month(year=2026, month=1)), today=TODAY
    )
    february = selectors.petition_figures(
        scope=scope_build(organisation=world.ward_a, period=period_month(year=2026, month=2)), today=TODAY
    )
    assert (january["received"], february["received"]) == (1, 1)


def test_a_2024_district_report_counts_its_wards_and_a_2026_one_counts_nothing():
    world = ReorganisedCity()
    from mattran.petitions.tests.factories import PetitionFactory

    old = PetitionFactory(organisation=world.old_ward, topic=world.topics[0])
    old.__class__.objects.filter(pk=old.pk).update(created_at=local(2024, 5, 5, 10))
    year_2024 = selectors.petition_figures(
        scope=scope_build(organisation=world.district, period=period_year(year=2024)), today=TODAY
    )
    year_2026 = selectors.petition_figures(
        scope=scope_build(organisation=world.district, period=period_year(year=2026)), today=TODAY
    )
    assert year_2024["received"] == 1
    assert year_2026["received"] == 0


def test_a_ward_counts_the_district_answers_only_from_the_succession_date():
    world = ReorganisedCity()
    from mattran.petitions.tests.factories import PetitionFactory

    before = PetitionFactory(
        organisation=world.district, topic=world.topics[0], answered_on=datetime.date(2025, 6, 30)
    )
    after = PetitionFactory(
        organisation=world.district, topic=world.topics[0], answered_on=datetime.date(2025, 7, 1)
    )
    for p in (before, after):
        p.__class__.objects.filter(pk=p.pk).update(created_at=local(2025, 6, 1))
    period = period_range(start=datetime.date(2025, 6, 1), last_day=datetime.date(2025, 7, 31))
    figures = selectors.petition_figures(
        scope=scope_build(organisation=world.ward_a, period=period, rollup=False), today=TODAY
    )
    assert figures["received"] == 0
    assert figures["answered"] == 1


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert selectors._duration_stats([(2, 1), (5, 1), (9, 2)]) == {"count": 4, "mean": 6.2, "median": 7.0}
    assert selectors._duration_stats([]) == {"count": 0, "mean": None, "median": None}


def test_the_daily_trend_matches_the_live_trend():
    world = ReorganisedCity()
    petitions_generate(world, count=120, seed=5, today=TODAY)
    daily_figures_refresh(today=TODAY)
    months = [period_month(year=2025, month=m) for m in range(1, 13)]
    for organisation in (world.city, world.ward_a, world.district):
        for include_confidential in (True, False):
            args = {"organisation": organisation, "months": months, "include_confidential": include_confidential}
            assert selectors_daily.petition_trend_daily(**args) == selectors.petition_trend(**args)


def test_a_recent_refresh_recounts_the_days_a_changed_petition_touches():
    from mattran.petitions.models import Petition, PetitionStatus

    world = ReorganisedCity()
    petitions_generate(world, count=60, seed=9, today=TODAY)
    daily_figures_refresh(today=TODAY)
    petitions_generate(world, count=40, seed=10, today=TODAY)  # new petitions on old days
    merged = Petition.objects.exclude(status=PetitionStatus.MERGED).order_by("pk").first()
    merged.status = PetitionStatus.MERGED
    merged.save()  # a change to an old petition: its days are recounted
    refresh = daily_figures_refresh_recent(today=TODAY)
    assert not refresh.full
    for period in (period_year(year=2025), period_month(year=2026, month=1)):
        for organisation in (world.city, world.ward_a):
            _compare(world, organisation, period, True, selector=selectors_daily.petition_figures_daily)
