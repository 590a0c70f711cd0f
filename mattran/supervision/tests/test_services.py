import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.core.models import AuditEvent
from mattran.supervision import services
from mattran.supervision.models import (
    ActivityStatus,
    Programme,
    Recommendation,
    RecommendationStatus,
    ResponseKind,
    SupervisionActivity,
    SupervisionSettings,
)

D = datetime.date
S = RecommendationStatus
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_programme_is_one_per_committee_and_year(world):
    services.programme_create(organisation=world.ward_a, year=2026, title="", actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.programme_create(organisation=world.ward_a, year=2026, title="Lần hai", actor=world.officer_a)
    assert "year" in exc.value.message_dict
    assert Programme.objects.count() == 1


def test_programme_agreement_date_is_recorded_and_audited(world):
    programme = services.programme_create(organisation=world.ward_a, year=2026, title="", actor=world.officer_a)
    services.programme_agree(programme=programme, agreed_on=D(2026, 1, 15), agreed_with="Đảng ủy, UBND phường", actor=world.officer_a)
    programme.refresh_from_db()
    assert programme.agreed_on == D(2026, 1, 15)
    assert AuditEvent.objects.filter(action="programme.agree", target_id=str(programme.pk)).exists()


def test_activity_gets_a_readable_reference_per_year(world):
    first = world.activity()
    second = world.activity(planned_start=D(2026, 10, 1), planned_end=D(2026, 10, 2))
    assert first.reference == "GS-2026-0001"
    assert second.reference == "GS-2026-0002"


def test_activity_refuses_a_programme_of_another_committee(world):
    programme_b = services.programme_create(organisation=world.ward_b, year=2026, title="", actor=world.officer_b)
    with pytest.raises(ValidationError) as exc:
        world.activity(programme=programme_b)
    assert "programme" in exc.value.message_dict
    assert not SupervisionActivity.objects.exists()


def test_short_notice_is_warned_with_the_minimum_from_the_settings(world):
    activity = world.activity(planned_start=D(2026, 9, 1))
    warning = services.activity_notice_send(activity=activity, sent_on=D(2026, 8, 25), actor=world.officer_a)
    assert "7 ngày" in warning and "15 ngày" in warning
    settings = SupervisionSettings.load()
    settings.notice_min_days = 5
    settings.save()
    assert services.notice_period_warning(activity, D(2026, 8, 25)) == ""


def test_activity_walks_planned_under_way_done_and_refuses_going_back(world):
    activity = world.activity()
    services.activity_start(activity=activity, actor=world.officer_a, started_on=D(2026, 9, 1))
    done = services.activity_finish(activity=activity, findings_summary="Rác tồn đọng ở 12 hẻm.", actor=world.officer_a)
    assert done.status == ActivityStatus.DONE
    assert list(done.events.values_list("kind", flat=True)) == ["created", "started", "finished"]
    with pytest.raises(ValidationError) as exc:
        services.activity_start(activity=activity, actor=world.officer_a)
    assert exc.value.code == "illegal_transition"


def test_finishing_needs_a_findings_summary(world):
    activity = world.activity()
    services.activity_start(activity=activity, actor=world.officer_a)
    with pytest.raises(ValidationError):
        services.activity_finish(activity=activity, findings_summary="  ", actor=world.officer_a)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.UNDER_WAY


def test_only_a_finished_activity_can_be_published(world):
    activity = world.activity()
    with pytest.raises(ValidationError):
        services.activity_publish(activity=activity, actor=world.officer_a)


def test_activity_documents_are_pdf_only_and_stored_under_random_names(world):
    activity = world.activity()
    with pytest.raises(ValidationError):
        services.activity_document_add(
            activity=activity, kind="plan", title="Kế hoạch", actor=world.officer_a,
            file=SimpleUploadedFile("ke-hoach.html", b"<html>not a pdf</html>"),
        )
    document = services.activity_document_add(
        activity=activity, kind="plan", title="Kế hoạch", actor=world.officer_a,
        file=SimpleUploadedFile("kế hoạch giám sát.pdf", PDF),
    )
    assert document.file.name.startswith("supervision/activities/") and document.file.name.endswith(".pdf")
    assert "ke" not in document.file.name.rsplit("/", 1)[1]


def test_recommendation_issue_sets_the_response_due_date_from_the_settings(world):
    recommendation = world.issued(issued_on=D(2026, 10, 1))
    assert recommendation.status == S.ISSUED
    assert recommendation.response_due == D(2026, 10, 21)  # default 20 days
    assert recommendation.reference.startswith("KNGS-")


def test_recommendation_full_path_to_implemented(world):
    recommendation = world.issued()
    services.recommendation_acknowledge(recommendation=recommendation, actor=world.liaison_a)
    services.recommendation_respond(
        recommendation=recommendation, response_kind=ResponseKind.ACCEPTED, text="Tiếp thu, bố trí lịch thu gom.",
        responded_on=D(2026, 10, 10), actor=world.liaison_a,
    )
    services.recommendation_milestone_report(
        recommendation=recommendation, reached_on=D(2026, 10, 20), description="Thu gom 6/12 hẻm", progress=50,
        actor=world.liaison_a,
    )
    recommendation.refresh_from_db()
    assert recommendation.status == S.IN_IMPLEMENTATION and recommendation.progress == 50
    done = services.recommendation_mark_implemented(recommendation=recommendation, actor=world.officer_a)
    assert done.status == S.IMPLEMENTED and done.progress == 100
    assert list(done.events.values_list("kind", flat=True)) == [
        "drafted", "issued", "acknowledged", "responded", "started", "implemented",
    ]
    assert AuditEvent.objects.filter(action__startswith="recommendation.", target_id=str(done.pk)).count() == 6


@pytest.mark.parametrize(
    "step",
    [
        lambda w, r: services.recommendation_acknowledge(recommendation=r, actor=w.liaison_a),
        lambda w, r: services.recommendation_respond(recommendation=r, response_kind="accepted", text="x", actor=w.liaison_a),
        lambda w, r: services.recommendation_mark_implemented(recommendation=r, actor=w.officer_a),
        lambda w, r: services.recommendation_close(recommendation=r, actor=w.officer_a),
        lambda w, r: services.recommendation_escalate(recommendation=r, actor=w.officer_a),
    ],
)
def test_a_draft_cannot_skip_being_issued(world, step):
    recommendation = world.recommendation()
    with pytest.raises(ValidationError) as exc:
        step(world, recommendation)
    assert exc.value.code == "illegal_transition"
    recommendation.refresh_from_db()
    assert recommendation.status == S.DRAFTED


def test_milestone_progress_cannot_go_down_or_pass_100(world):
    recommendation = world.issued()
    services.recommendation_respond(recommendation=recommendation, response_kind="partly", text="Một phần", actor=world.liaison_a)
    services.recommendation_milestone_report(
        recommendation=recommendation, reached_on=D(2026, 10, 20), description="Bước 1", progress=60, actor=world.liaison_a
    )
    for bad in (40, 101, -1):
        with pytest.raises(ValidationError):
            services.recommendation_milestone_report(
                recommendation=recommendation, reached_on=D(2026, 10, 21), description="Bước 2", progress=bad,
                actor=world.liaison_a,
            )
    assert recommendation.milestones.count() == 1


def test_not_accepted_response_is_recorded_then_escalated_to_the_committee_above(world):
    recommendation = world.issued()
    services.recommendation_respond(
        recommendation=recommendation, response_kind=ResponseKind.NOT_ACCEPTED, text="Không đủ kinh phí.",
        actor=world.liaison_a,
    )
    with pytest.raises(ValidationError):
        services.recommendation_milestone_report(
            recommendation=recommendation, reached_on=D(2026, 10, 20), description="x", progress=10, actor=world.liaison_a
        )
    services.recommendation_record_not_accepted(recommendation=recommendation, actor=world.officer_a)
    escalated = services.recommendation_escalate(recommendation=recommendation, actor=world.officer_a)
    assert escalated.status == S.ESCALATED
    assert escalated.escalated_to == world.city
    closed = services.recommendation_close(recommendation=recommendation, actor=world.officer_city, note="Cấp trên đã xử lý")
    assert closed.status == S.CLOSED


def test_daily_escalation_takes_only_overdue_recommendations_without_a_response(world):
    late = world.issued(issued_on=D(2026, 10, 1))  # due 21 Oct
    on_time = world.issued(issued_on=D(2026, 10, 15))  # due 4 Nov
    answered = world.issued(issued_on=D(2026, 10, 1))
    services.recommendation_respond(
        recommendation=answered, response_kind="accepted", text="Tiếp thu", responded_on=D(2026, 10, 20),
        actor=world.liaison_a,
    )
    escalated = services.recommendations_escalate_overdue(today=D(2026, 10, 25))
    assert [r.pk for r in escalated] == [late.pk]
    statuses = dict(Recommendation.objects.values_list("pk", "status"))
    assert statuses == {late.pk: S.ESCALATED, on_time.pk: S.ISSUED, answered.pk: S.RESPONDED}
    assert services.recommendations_escalate_overdue(today=D(2026, 10, 25)) == []  # once only


def test_a_late_response_after_escalation_is_still_recorded(world):
    late = world.issued(issued_on=D(2026, 10, 1))
    services.recommendations_escalate_overdue(today=D(2026, 10, 25))
    responded = services.recommendation_respond(
        recommendation=late, response_kind="accepted", text="Tiếp thu", responded_on=D(2026, 10, 26),
        actor=world.liaison_a,
    )
    assert responded.status == S.RESPONDED
    assert responded.answered_on_time is False


def test_a_child_must_belong_to_the_same_activity_and_nesting_is_one_level(world):
    parent = world.recommendation()
    other_activity = world.activity(title="Giám sát khác")
    with pytest.raises(ValidationError):
        world.recommendation(activity=other_activity, parent=parent)
    child = world.recommendation(activity=parent.activity, parent=parent)
    with pytest.raises(ValidationError):
        world.recommendation(activity=parent.activity, parent=child)
