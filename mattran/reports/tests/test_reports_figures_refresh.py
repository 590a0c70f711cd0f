import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from mattran.reports.models import PetitionDailyFigure, PetitionFigureRefresh

from .world import ReorganisedCity, petitions_generate

pytestmark = pytest.mark.django_db


def _rows():
    return set(PetitionDailyFigure.objects.values_list("organisation_id", "day", "figure", "key", "since", "n",
                                                       "n_public"))


def _run(*args) -> str:
    out = io.StringIO()
    call_command("reports_figures_refresh", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def world():
    world = ReorganisedCity()
    petitions_generate(world, count=80, seed=4, today=timezone.localdate())
    return world


def test_all_rebuilds_every_day_and_a_second_run_changes_nothing(world):
    out = _run("--all")
    assert "toàn bộ" in out and "số liệu tính đến" in out
    first = _rows()
    assert first
    _run("--all")
    assert _rows() == first
    assert PetitionFigureRefresh.objects.filter(full=True).count() == 2


def test_without_options_the_first_run_is_full_and_the_next_recounts_recent_days(world):
    _run()
    full = _rows()
    out = _run()
    assert "ngày" in out and "toàn bộ" not in out
    newest = PetitionFigureRefresh.objects.first()
    assert not newest.full and newest.days >= 2  # today and yesterday at least
    assert _rows() == full


def test_since_recounts_the_days_from_that_date_to_today(world):
    _run("--all")
    full = _rows()
    since = timezone.localdate() - datetime.timedelta(days=40)
    PetitionDailyFigure.objects.filter(day__gte=since).exclude(figure="overdue").delete()
    out = _run("--since", since.isoformat())
    assert f"{(timezone.localdate() - since).days + 1} ngày" in out
    assert _rows() == full


@pytest.mark.parametrize("value", ["2026-13-01", "hôm qua"])
def test_a_malformed_since_is_refused(world, value):
    with pytest.raises(CommandError, match="--since"):
        _run("--since", value)


def test_a_since_after_today_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(CommandError, match="sau hôm nay"):
        _run("--since", tomorrow.isoformat())
    assert not PetitionFigureRefresh.objects.exists()


def test_after_a_refresh_the_dashboards_viewed_today_are_already_in_the_cache(world, django_assert_max_num_queries):
    from mattran.reports.dashboard import report_data
    from mattran.reports.periods import period_month

    today = timezone.localdate()
    period = period_month(year=today.year, month=today.month)
    _run("--all")
    report_data(organisation=world.city, period=period, today=today)  # an officer opens it: computed, noted
    PetitionFigureRefresh.objects.update(started_at=timezone.now() - datetime.timedelta(minutes=10),
                                         finished_at=timezone.now() - datetime.timedelta(minutes=10))
    out = _run()  # the next cron run refreshes, then recomputes what was viewed
    assert "Đã tính sẵn 1 trang tổng quan" in out
    # the officer's next view is read from the cache: only the freshness check of the figures runs
    with django_assert_max_num_queries(2):
        data = report_data(organisation=world.city, period=period, today=today)
    assert data["current"]["received"] >= 0


def test_the_warm_up_stops_when_its_time_budget_is_spent(world, settings):
    from mattran.reports.dashboard import dashboards_warm, report_data
    from mattran.reports.periods import period_month

    today = timezone.localdate()
    _run("--all")
    report_data(organisation=world.city, period=period_month(year=today.year, month=today.month), today=today)
    settings.REPORTS_WARM_SECONDS = -1  # already spent: the next viewer computes it instead
    assert dashboards_warm(today=today) == 0
    settings.REPORTS_WARM_SECONDS = 120
    assert dashboards_warm(today=today) == 1
