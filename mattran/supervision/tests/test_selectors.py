import datetime

from mattran.petitions.models import Petition
from mattran.petitions.tests.conftest import World
from mattran.supervision import selectors, services
from mattran.supervision.models import ActivityStatus

D = datetime.date


def test_programme_progress_counts_activities_by_status(world):
    programme = services.programme_create(organisation=world.ward_a, year=2026, title="", actor=world.officer_a)
    planned = world.activity(programme=programme)
    started = world.activity(programme=programme, title="Thứ hai")
    done = world.activity(programme=programme, title="Thứ ba")
    cancelled = world.activity(programme=programme, title="Thứ tư")
    services.activity_start(activity=started, actor=world.officer_a)
    services.activity_start(activity=done, actor=world.officer_a)
    services.activity_finish(activity=done, findings_summary="Kết quả", actor=world.officer_a)
    services.activity_cancel(activity=cancelled, reason="Trùng kế hoạch của thành phố", actor=world.officer_a)
    progress = selectors.programme_progress(programme=programme)
    assert (progress.planned, progress.under_way, progress.done, progress.not_done) == (1, 1, 1, 1)
    assert [s[0] for s in progress.segments] == ["done", "under_way", "planned", "not_done"]
    assert sum(s[3] for s in progress.segments) == 100
    assert planned.status == ActivityStatus.PLANNED


def test_parent_progress_rolls_up_from_its_children(world):
    parent = world.issued()
    activity = parent.activity
    first = world.issued(activity=activity, parent=parent, text="Phần 1")
    second = world.issued(activity=activity, parent=parent, text="Phần 2")
    for child, progress in ((first, 100), (second, 40)):
        services.recommendation_respond(recommendation=child, response_kind="accepted", text="Tiếp thu", actor=world.liaison_a)
        services.recommendation_milestone_report(
            recommendation=child, reached_on=D(2026, 10, 20), description="Mốc", progress=progress, actor=world.liaison_a
        )
    assert selectors.recommendation_progress(recommendation=parent) == 70
    second.refresh_from_db()
    assert selectors.recommendation_progress(recommendation=second) == 40


def test_officers_see_only_their_subtree(world):
    mine = world.issued()
    other = world.issued(activity=world.activity(organisation=world.ward_b, actor=world.officer_b), addressee=world.body_b, actor=world.officer_b)
    assert list(selectors.recommendation_list_for(user=world.officer_a)) == [mine]
    assert set(selectors.recommendation_list_for(user=world.officer_city)) == {mine, other}
    assert list(selectors.activity_list_for(user=world.officer_b)) == [other.activity]


def test_dashboard_lists_overdue_and_escalated(world):
    late = world.issued(issued_on=D(2026, 10, 1))
    soon = world.issued(issued_on=D(2026, 10, 17))  # due Friday 6 Nov; "today" is Thursday 5 Nov
    dashboard = selectors.dashboard_for(user=world.officer_a, today=D(2026, 11, 5))
    assert list(dashboard["overdue"]) == [late]
    assert list(dashboard["due_this_week"]) == [soon]
    services.recommendations_escalate_overdue(today=D(2026, 11, 5))
    dashboard = selectors.dashboard_for(user=world.officer_a, today=D(2026, 11, 5))
    assert list(dashboard["escalated"]) == [late]
    [row] = dashboard["per_body"]
    assert (row["total"], row["awaiting"], row["problem"]) == (2, 1, 1)


def test_topic_picker_ranks_first_the_body_with_the_most_overdue_petitions(db):
    world = World()
    today = datetime.date.today()
    # Ward A's body: many petitions, none overdue. Ward B's body: fewer, but three are overdue.
    for _ in range(5):
        world.forwarded()
    for _ in range(3):
        world.forwarded(organisation=world.ward_b)
    Petition.objects.filter(body=world.body_b).update(due_date=today - datetime.timedelta(days=3))
    candidates = selectors.topic_candidates(organisation=world.city, today=today)
    assert [c.body for c in candidates[:2]] == [world.body_b, world.body_a]
    first = candidates[0]
    assert (first.received, first.overdue, first.topic) == (3, 3, world.topic)
    assert first.score == 3 * 1 + 3 * 3
    assert "3 quá hạn" in first.evidence


def test_topic_picker_counts_earlier_recommendations_not_carried_out(world):
    activity = world.activity()
    late = world.issued(activity=activity, issued_on=D(2026, 1, 5))
    candidates = selectors.topic_candidates(organisation=world.ward_a, today=D(2026, 3, 1))
    [candidate] = candidates
    assert candidate.unimplemented == 1 and late.reference in candidate.evidence
    assert candidate.score == 4


def test_topic_picker_stays_within_the_organisation(db):
    world = World()
    world.forwarded(organisation=world.ward_b)
    assert selectors.topic_candidates(organisation=world.ward_a) == []
