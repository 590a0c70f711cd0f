"""Reads of petitions (``selectors.py``) that the views do not pin down on their own."""

import datetime

import pytest
from django.utils import timezone

from mattran.petitions import selectors
from mattran.petitions.models import Petition

pytestmark = pytest.mark.django_db

TZ = datetime.timezone(datetime.timedelta(hours=7))  # the project's time zone (Asia/Ho_Chi_Minh)


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=TZ)


def test_twelve_months_of_statistics_take_three_queries_and_match_each_months_rules(
    world, django_assert_num_queries
):
    today = datetime.date(2026, 7, 15)
    answered = world.informed()  # received in May, answered in June by its due date
    Petition.objects.filter(pk=answered.pk).update(
        created_at=_at(datetime.date(2026, 5, 4)), answered_on=datetime.date(2026, 6, 2),
        due_date=datetime.date(2026, 6, 5),
    )
    late = world.informed()  # received and answered in March, after its due date
    Petition.objects.filter(pk=late.pk).update(
        created_at=_at(datetime.date(2026, 3, 2)), answered_on=datetime.date(2026, 3, 20),
        due_date=datetime.date(2026, 3, 13),
    )
    waiting = world.forwarded()  # received in April, due in May, still with the body
    Petition.objects.filter(pk=waiting.pk).update(
        created_at=_at(datetime.date(2026, 4, 6)), due_date=datetime.date(2026, 5, 8)
    )
    world.forwarded(confidential=True)  # never counted

    with django_assert_num_queries(3):
        months = selectors.petition_stats_months(organisation=world.city, year=2026, month=7, today=today)

    assert [(m["year"], m["month"]) for m in months[:3]] == [(2026, 7), (2026, 6), (2026, 5)]
    assert len(months) == 12 and (months[-1]["year"], months[-1]["month"]) == (2025, 8)
    by_month = {m["month"]: m for m in months if m["year"] == 2026}
    assert [by_month[n]["received"] for n in (3, 4, 5, 6, 7)] == [1, 1, 1, 0, 0]
    assert (by_month[6]["answered_on_time"], by_month[6]["answered_late"]) == (1, 0)
    assert (by_month[3]["answered_on_time"], by_month[3]["answered_late"]) == (0, 1)
    # Waiting past its 8 May due date at the end of May, June and today; not yet due at the end of April.
    assert [by_month[n]["open_overdue"] for n in (4, 5, 6, 7)] == [0, 1, 1, 1]
    assert by_month[6]["on_time_percent"] == 50.0 and by_month[3]["on_time_percent"] == 0.0
    assert by_month[4]["on_time_percent"] is None


def test_one_months_statistics_are_the_first_of_the_series(world):
    world.informed()
    today = timezone.localdate()
    one = selectors.petition_stats_monthly(organisation=world.city, year=today.year, month=today.month)
    assert one == selectors.petition_stats_months(organisation=world.city, year=today.year, month=today.month)[0]
    assert one["received"] == 1
