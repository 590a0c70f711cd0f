"""The officers' queue filters and sorting (queue.py), the attention badge and the duplicate hint (selectors)."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from mattran.petitions import selectors, services
from mattran.petitions.models import Petition, PetitionStatus
from mattran.petitions.permissions import petition_queryset_for

pytestmark = pytest.mark.django_db

FRIDAY = datetime.date(2026, 12, 4)


def _queue(world, query, user=None, today=FRIDAY):
    user = user or world.officer_a
    return selectors.petition_queue(
        base=petition_queryset_for(user=user), params=QueryDict(query), user=user, today=today
    )


def _due(petition, day):
    Petition.objects.filter(pk=petition.pk).update(due_date=day)


def test_due_within_n_working_days_counts_working_days_not_calendar_days(world):
    monday, tuesday = world.forwarded(title="Một"), world.forwarded(title="Hai")
    _due(monday, datetime.date(2026, 12, 7))  # Friday + 1 working day
    _due(tuesday, datetime.date(2026, 12, 8))  # Friday + 2 working days
    result = _queue(world, "within=1")
    assert list(result.queryset) == [Petition.objects.get(pk=monday.pk)]
    assert {p.pk for p in _queue(world, "within=2").queryset} == {monday.pk, tuesday.pk}


def test_due_within_leaves_out_answered_and_overdue_items(world):
    overdue, answered = world.forwarded(), world.answered()
    _due(overdue, datetime.date(2026, 12, 3))
    _due(answered, datetime.date(2026, 12, 7))
    assert list(_queue(world, "within=5").queryset) == []


def test_mine_lists_only_the_petitions_assigned_to_the_user(world):
    mine, other = world.submit(), world.submit(title="Khác")
    services.petition_assign(petition=mine, assignee=world.officer_a, actor=world.officer_a)
    assert [p.pk for p in _queue(world, "mine=1").queryset] == [mine.pk]
    assert other.pk in [p.pk for p in _queue(world, "").queryset]


def test_sorting_by_due_date_puts_the_nearest_first_and_undated_last(world):
    later, sooner, undated = world.forwarded(), world.forwarded(), world.submit()
    _due(later, datetime.date(2026, 12, 20))
    _due(sooner, datetime.date(2026, 12, 10))
    assert [p.pk for p in _queue(world, "sort=due").queryset] == [sooner.pk, later.pk, undated.pk]


def test_sorting_by_last_change_puts_the_last_touched_first(world):
    first, second = world.submit(), world.submit()
    services.petition_note_add(petition=first, text="Đã gọi.", actor=world.officer_a)
    assert [p.pk for p in _queue(world, "sort=changed").queryset][0] == first.pk
    assert [p.pk for p in _queue(world, "sort=received").queryset][0] == second.pk


def test_unknown_sort_or_window_is_reported_as_invalid_and_ignored(world):
    world.submit()
    result = _queue(world, "sort=x&within=abc&mine=2")
    assert set(result.invalid) == {"sort", "within", "mine"}
    assert result.total == 1


def test_attention_holds_answers_to_review_reopened_and_near_deadlines(world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: FRIDAY)
    answered = world.answered()
    near, far = world.forwarded(), world.forwarded()
    _due(near, datetime.date(2026, 12, 8))  # two working days: the default reminder period
    _due(far, datetime.date(2026, 12, 30))
    world.submit()
    base = petition_queryset_for(user=world.officer_a)
    assert {p.pk for p in _queue(world, "attention=1").queryset} == {answered.pk, near.pk}
    assert selectors.petition_attention_count(base=base) == 2
    # Another ward's officer sees none of them.
    assert selectors.petition_attention_count(base=petition_queryset_for(user=world.officer_b)) == 0
    # A liaison's badge counts only deadlines: reviewing answers is the Front's.
    liaison_base = petition_queryset_for(user=world.liaison_a)
    assert selectors.petition_attention_count(base=liaison_base, officer=False) == 1


def test_similar_open_petitions_of_the_same_ward_are_found_on_folded_title_words(world):
    original = world.submit(title="Ổ gà lớn gần chợ Bình Tây")
    world.submit(title="Ổ gà lớn gần chợ Bình Tây", organisation=world.ward_b)  # another ward
    unrelated = world.submit(title="Đèn đường hẻm 12 bị hỏng")
    new = world.submit(title="o ga lon truoc cho Binh Tay")
    found = selectors.petition_list_similar_open(organisation=world.ward_a, title=new.title, exclude_pk=new.pk)
    assert [p.pk for p in found] == [original.pk]
    assert unrelated not in found


def test_closed_or_merged_petitions_are_not_offered_as_duplicates(world):
    original = world.submit(title="Ổ gà lớn gần chợ Bình Tây")
    original = services.petition_reject(petition=original, reason="Trùng", actor=world.officer_a)
    assert original.status == PetitionStatus.REJECTED
    found = selectors.petition_list_similar_open(organisation=world.ward_a, title="Ổ gà lớn trước chợ Bình Tây")
    assert found == []


def test_a_one_word_title_gives_no_hint(world):
    world.submit(title="Rác")
    assert selectors.petition_list_similar_open(organisation=world.ward_a, title="Rác") == []


def test_queue_counts_under_one_facet_are_not_served_for_another(world):
    """The added-up counts are cached per selected facets: a cached "submitted" total is not the total of
    "forwarded", nor of no filter."""
    world.submit()
    world.submit()
    world.forwarded()
    assert _queue(world, "status=submitted").total == 2
    assert _queue(world, "status=forwarded").total == 1
    unfiltered = _queue(world, "")
    assert unfiltered.total == 3
    assert unfiltered.counts["status"] == {PetitionStatus.SUBMITTED: 2, PetitionStatus.FORWARDED: 1}
    world.forwarded()
    assert _queue(world, "status=forwarded").total == 2


def test_facet_counts_on_postgresql_are_computed_with_their_own_work_mem(world, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("work_mem is PostgreSQL's")
    settings.PETITIONS_FACET_WORK_MEM = "24MB"
    world.submit()
    world.forwarded()
    with CaptureQueriesContext(connection) as queries:
        result = _queue(world, "")
    assert result.total == 2
    assert any("set_config('work_mem'" in q["sql"] and "24MB" in q["sql"] for q in queries.captured_queries)
    settings.PETITIONS_FACET_WORK_MEM = ""  # off: the server's own setting, and the same counts
    world.forwarded()
    assert _queue(world, "").counts["status"] == {PetitionStatus.SUBMITTED: 1, PetitionStatus.FORWARDED: 2}
