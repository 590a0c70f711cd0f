import datetime

from django.urls import reverse

from mattran.core.models import AuditEvent
from mattran.supervision import services
from mattran.supervision.models import Programme, Recommendation, RecommendationStatus, SupervisionActivity

D = datetime.date


def test_dashboard_shows_the_officers_own_overdue_recommendations(client, world):
    late = world.issued(issued_on=D(2026, 1, 5))
    other = world.issued(activity=world.activity(organisation=world.ward_b, actor=world.officer_b), addressee=world.body_b, issued_on=D(2026, 1, 5), actor=world.officer_b)
    client.force_login(world.officer_a)
    response = client.get(reverse("supervision_admin:dashboard"))
    assert response.status_code == 200
    assert late.reference in response.text and other.reference not in response.text


def test_a_citizen_account_without_membership_is_refused(client, world, django_user_model):
    user = django_user_model.objects.create_user("nguoidan", password="x", is_staff=True)
    client.force_login(user)
    # Wagtail sends a user without admin access back to the login page; one with it but no membership gets 403.
    assert client.get(reverse("supervision_admin:dashboard")).status_code in (302, 403)


def test_programme_created_through_the_form_and_duplicate_year_refused(client, world):
    client.force_login(world.officer_a)
    url = reverse("supervision_admin:programmes")
    data = {"programme-organisation": world.ward_a.pk, "programme-year": 2026, "programme-title": ""}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 400 and "đã có chương trình" in response.text
    assert Programme.objects.count() == 1


def test_programme_form_refuses_another_wards_organisation(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("supervision_admin:programmes"), {"programme-organisation": world.ward_b.pk, "programme-year": 2026})
    assert response.status_code == 400
    assert not Programme.objects.exists()


def test_activity_form_is_prefilled_from_a_topic_picker_candidate(client, world):
    client.force_login(world.officer_a)
    response = client.get(
        reverse("supervision_admin:activity_create"),
        {"to-chuc": world.ward_a.pk, "body": world.body_a.pk, "topic": world.topic.pk, "evidence": "3 quá hạn"},
    )
    assert response.status_code == 200
    assert "3 quá hạn" in response.text and "Ủy ban nhân dân phường A" in response.text


def test_activity_of_another_ward_is_not_found(client, world):
    activity = world.activity(organisation=world.ward_b, actor=world.officer_b)
    client.force_login(world.officer_a)
    assert client.get(reverse("supervision_admin:activity", args=[activity.pk])).status_code == 404
    response = client.post(reverse("supervision_admin:activity_action", args=[activity.pk, "start"]), {"start-on": "2026-09-01"})
    assert response.status_code == 404
    activity.refresh_from_db()
    assert activity.status == "planned"


def test_activity_action_with_a_bad_date_is_a_400_and_changes_nothing(client, world):
    activity = world.activity()
    client.force_login(world.officer_a)
    response = client.post(reverse("supervision_admin:activity_action", args=[activity.pk, "start"]), {"start-on": "99-99"})
    assert response.status_code == 400
    assert SupervisionActivity.objects.get(pk=activity.pk).status == "planned"


def test_illegal_recommendation_step_is_refused_with_a_message(client, world):
    recommendation = world.recommendation()
    client.force_login(world.officer_a)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("supervision_admin:recommendation_action", args=[recommendation.pk, "close"]), {"close-note": "x"}
    )
    assert response.status_code == 400 and "Không thể thực hiện bước này" in response.text
    assert AuditEvent.objects.count() == before
    assert Recommendation.objects.get(pk=recommendation.pk).status == RecommendationStatus.DRAFTED


def test_recommendation_drafted_issued_and_escalation_letter_downloaded(client, world):
    activity = world.activity()
    client.force_login(world.officer_a)
    response = client.post(
        reverse("supervision_admin:recommendation_create", args=[activity.pk]),
        {"recommendation-addressee": world.body_a.pk, "recommendation-text": "Khắc phục ngay điểm tập kết rác."},
    )
    recommendation = Recommendation.objects.get()
    assert response.status_code == 302
    client.post(
        reverse("supervision_admin:recommendation_action", args=[recommendation.pk, "issue"]),
        {"issue-issued_on": "2026-01-05"},
    )
    services.recommendations_escalate_overdue(today=D(2026, 2, 1))
    response = client.get(reverse("supervision_admin:recommendation_letter", args=[recommendation.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
