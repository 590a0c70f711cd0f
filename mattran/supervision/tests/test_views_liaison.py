import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mattran.core.models import AuditEvent
from mattran.supervision import services
from mattran.supervision.links import recommendation_token_make
from mattran.supervision.models import Milestone, Recommendation, RecommendationStatus

D = datetime.date
S = RecommendationStatus


def _url(recommendation):
    return reverse("supervision:liaison", kwargs={"token": recommendation_token_make(recommendation=recommendation)})


def test_the_signed_link_shows_the_recommendation_and_the_first_steps(client, world):
    recommendation = world.issued()
    response = client.get(_url(recommendation))
    assert response.status_code == 200
    assert "Bố trí lịch thu gom rác" in response.text and "Luật Bảo vệ môi trường 2020" in response.text
    assert 'value="acknowledge"' in response.text and 'value="respond"' in response.text
    assert 'value="milestone"' not in response.text
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_liaison_acknowledges_responds_and_reports_through_the_link(client, world):
    recommendation = world.issued()
    url = _url(recommendation)
    assert client.post(url, {"action": "acknowledge"}).status_code == 302
    response = client.post(url, {"action": "respond", "respond-response_kind": "accepted", "respond-text": "Tiếp thu, sẽ bố trí.",
                                 "respond-responded_on": "2026-10-10"})
    assert response.status_code == 302
    pdf = SimpleUploadedFile("mc.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")
    response = client.post(url, {"action": "milestone", "milestone-reached_on": "2026-10-20", "milestone-description": "Đã bố trí xe.",
                                 "milestone-progress": "40", "milestone-evidence": pdf})
    assert response.status_code == 302, response.text
    recommendation.refresh_from_db()
    assert recommendation.status == S.IN_IMPLEMENTATION and recommendation.progress == 40
    labels = set(recommendation.events.values_list("actor_label", flat=True))
    assert "Cán bộ đầu mối Ủy ban nhân dân phường A (đường dẫn được ký)" in labels
    assert Milestone.objects.get().evidence


def test_evidence_that_is_not_a_pdf_is_a_400_and_no_milestone(client, world):
    recommendation = world.issued()
    services.recommendation_respond(recommendation=recommendation, response_kind="accepted", text="Đồng ý.", actor="x")
    fake = SimpleUploadedFile("mc.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(_url(recommendation), {"action": "milestone", "milestone-reached_on": "2026-10-20",
                                                   "milestone-description": "Xong.", "milestone-progress": "40", "milestone-evidence": fake})
    assert response.status_code == 400 and "Chỉ nhận tệp PDF" in response.text
    assert not Milestone.objects.exists()


def test_bad_input_through_the_link_is_a_400_with_a_message_and_changes_nothing(client, world):
    recommendation = world.issued()
    before = AuditEvent.objects.count()
    response = client.post(_url(recommendation), {"action": "respond", "respond-response_kind": "maybe", "respond-text": ""})
    assert response.status_code == 400 and 'class="errorlist' in response.text
    assert client.post(_url(recommendation), {"action": "close"}).status_code == 400
    assert AuditEvent.objects.count() == before
    assert Recommendation.objects.get(pk=recommendation.pk).status == S.ISSUED


def test_a_step_not_allowed_now_is_a_400_with_a_message(client, world):
    recommendation = world.issued()
    response = client.post(_url(recommendation), {"action": "milestone", "milestone-reached_on": "2026-10-20",
                                                   "milestone-description": "Xong.", "milestone-progress": "40"})
    assert response.status_code == 400 and "không còn thực hiện được" in response.text


def test_a_tampered_link_is_refused_with_a_page_not_an_error(client, world):
    recommendation = world.issued()
    url = _url(recommendation)
    response = client.get(url.replace("/co-quan/", "/co-quan/x"))
    assert response.status_code == 403 and "không hợp lệ" in response.text


def test_an_implemented_recommendation_shows_no_form(client, world):
    recommendation = world.issued()
    services.recommendation_respond(recommendation=recommendation, response_kind="accepted", text="Đồng ý.", actor="x")
    services.recommendation_mark_implemented(recommendation=recommendation, actor=world.officer_a)
    response = client.get(_url(recommendation))
    assert response.status_code == 200 and "<form" not in response.text.split('id="main"')[-1]
    assert 'data-testid="no-action"' in response.text
    response = client.post(_url(recommendation), {"action": "acknowledge"})
    assert response.status_code == 400


def test_the_page_has_no_inline_script_or_style(client, world):
    text = client.get(_url(world.issued())).text
    assert " style=" not in text and "<style" not in text


def test_a_liaison_with_an_account_sees_only_their_bodys_open_recommendations(client, world):
    mine = world.issued()
    other = world.issued(activity=world.activity(organisation=world.ward_b, actor=world.officer_b), addressee=world.body_b)
    draft = world.recommendation()
    client.force_login(world.liaison_a)
    response = client.get(reverse("supervision_admin:liaison_list"))
    assert response.status_code == 200
    assert mine.reference in response.text
    assert other.reference not in response.text and draft.reference not in response.text
    assert client.get(reverse("supervision_admin:liaison_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("supervision_admin:liaison_detail", args=[draft.pk])).status_code == 404
    response = client.post(reverse("supervision_admin:liaison_action", args=[other.pk, "acknowledge"]), {})
    assert response.status_code == 404
    assert Recommendation.objects.get(pk=other.pk).status == S.ISSUED


def test_the_liaisons_list_puts_the_nearest_due_first(client, world):
    later = world.issued(issued_on=D(2026, 10, 1))
    sooner = world.issued(issued_on=D(2026, 9, 1))
    client.force_login(world.liaison_a)
    text = client.get(reverse("supervision_admin:liaison_list")).text
    assert text.index(sooner.reference) < text.index(later.reference)


def test_a_liaison_with_an_account_answers_in_the_admin_and_sees_no_officer_step(client, world):
    recommendation = world.issued()
    client.force_login(world.liaison_a)
    detail = reverse("supervision_admin:liaison_detail", args=[recommendation.pk])
    text = client.get(detail).text
    assert 'data-action="respond"' in text
    for officer_step in ("escalate", "close", "implemented", "not_accepted", "resend"):
        assert f'data-action="{officer_step}"' not in text
    response = client.post(reverse("supervision_admin:liaison_action", args=[recommendation.pk, "respond"]),
                           {"respond-response_kind": "partly", "respond-text": "Tiếp thu một phần."})
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == S.RESPONDED and recommendation.response_kind == "partly"
    response = client.post(reverse("supervision_admin:liaison_action", args=[recommendation.pk, "milestone"]),
                           {"milestone-reached_on": "2999-01-01", "milestone-description": "x", "milestone-progress": "10"})
    assert response.status_code == 400 and "tương lai" in response.text


def test_an_officer_without_a_liaison_role_cannot_open_the_liaison_list(client, world):
    world.issued()
    client.force_login(world.officer_a)
    # Wagtail turns the refusal into a redirect to the admin home with a message.
    response = client.get(reverse("supervision_admin:liaison_list"))
    assert response.status_code in (302, 403) and "KNGS" not in response.text


def test_the_officer_resends_the_link_from_the_recommendation_page(client, world):
    recommendation = world.issued()
    old = recommendation_token_make(recommendation=recommendation)
    client.force_login(world.officer_a)
    response = client.post(reverse("supervision_admin:recommendation_action", args=[recommendation.pk, "resend"]), {})
    assert response.status_code == 302
    response = client.get(reverse("supervision:liaison", kwargs={"token": old}))
    assert response.status_code == 403
