"""The public reference and the secret key on the pages: the key is shown only to the submitter and is the only
way to rate or reopen; bodies, officers and merged duplicates see references; liaison links can be revoked."""

import pytest
from django.core import mail
from django.urls import reverse

from mattran.petitions import services
from mattran.petitions.links import liaison_token_make
from mattran.petitions.models import PetitionStatus

pytestmark = pytest.mark.django_db


def _forward_event(petition):
    return petition.events.filter(kind="forwarded").latest("created_at")


def test_rate_and_reopen_with_the_public_reference_are_refused(client, world):
    petition = world.informed()
    rate = client.post(reverse("petitions:rate", args=[petition.reference]), {"rating": "5"})
    reopen = client.post(reverse("petitions:reopen", args=[petition.reference]), {"reason": "Giả danh"})
    assert rate.status_code == 403 and reopen.status_code == 403
    assert "mã tra cứu bí mật" in rate.content.decode()
    petition.refresh_from_db()
    assert petition.rating is None and petition.status == PetitionStatus.INFORMED


def test_rating_twice_by_post_is_refused_and_keeps_the_first_rating(client, world):
    petition = world.informed()
    client.post(reverse("petitions:rate", args=[petition.tracking_code]), {"rating": "1"})
    response = client.post(reverse("petitions:rate", args=[petition.tracking_code]), {"rating": "5"})
    assert response.status_code == 409
    petition.refresh_from_db()
    assert petition.rating == 1


def test_tracking_by_reference_shows_the_public_status_only(client, world):
    petition = world.informed(title="Tiêu đề riêng của người gửi")
    page = client.get(reverse("petitions:track"), {"ma": petition.reference})
    body = page.content.decode()
    assert page.status_code == 200 and petition.get_status_display() in body
    assert "Tiêu đề riêng" not in body and petition.content not in body and petition.answer_text not in body
    assert petition.tracking_code not in body
    assert "danh-gia" not in body and "mo-lai" not in body


def test_tracking_by_key_shows_everything_to_the_submitter(client, world):
    petition = world.informed()
    body = client.get(reverse("petitions:track"), {"ma": petition.tracking_code}).content.decode()
    assert petition.title in body and petition.reference in body and "danh-gia" in body


def test_merged_duplicate_sees_the_other_petitions_reference_not_its_key_title_or_reopen_reason(client, world):
    main = world.informed(title="Tiêu đề của người khác")
    duplicate = world.submit()
    main_again = services.petition_reopen(petition=main, reason="Lý do riêng người khác", actor="người gửi")
    services.petition_forward(petition=main_again, actor=world.officer_a)
    services.petition_merge(petition=duplicate, into=main_again, actor=world.officer_a)
    body = client.get(reverse("petitions:track"), {"ma": duplicate.tracking_code}).content.decode()
    assert main.reference in body
    assert main.tracking_code not in body and "Tiêu đề của người khác" not in body
    assert "Lý do riêng người khác" not in body


def test_body_and_liaison_get_the_reference_never_the_key(client, world, django_capture_on_commit_callbacks):
    world.body_a.email = "ubnd.a@example.vn"
    world.body_a.save()
    duplicate = world.submit()
    with django_capture_on_commit_callbacks(execute=True):
        petition = world.forwarded()
    services.petition_merge(petition=duplicate, into=petition, actor=world.officer_a)
    [forward_mail] = [m for m in mail.outbox if "/kien-nghi/co-quan/" in m.body]
    assert petition.reference in forward_mail.subject + forward_mail.body
    assert petition.tracking_code not in forward_mail.subject + forward_mail.body
    link = client.get(reverse("petitions:liaison", args=[liaison_token_make(event=_forward_event(petition))]))
    assert petition.reference in link.content.decode() and petition.tracking_code not in link.content.decode()
    client.force_login(world.liaison_a)
    detail = client.get(reverse("petitions_admin:detail", args=[petition.pk])).content.decode()
    assert duplicate.reference in detail  # the DUPLICATE_ADDED note and the list of merged duplicates
    assert petition.tracking_code not in detail and duplicate.tracking_code not in detail


def test_officer_finds_a_petition_by_reference_or_exact_key_but_sees_only_the_reference(client, world):
    petition = world.submit()
    client.force_login(world.officer_a)
    for query in (petition.reference, petition.tracking_code.lower()):
        page = client.get(reverse("petitions_admin:queue"), {"q": query})
        assert page.context["total"] == 1
        assert petition.tracking_code not in page.content.decode()


def test_officer_merges_by_reference(client, world):
    main, duplicate = world.forwarded(), world.submit()
    client.force_login(world.officer_a)
    client.post(reverse("petitions_admin:action", args=[duplicate.pk, "merge"]), {"merge-into_code": main.reference})
    duplicate.refresh_from_db()
    assert duplicate.merged_into == main


def test_resending_the_liaison_link_revokes_the_older_links(client, world):
    petition = world.forwarded()
    old = liaison_token_make(event=_forward_event(petition))
    assert client.get(reverse("petitions:liaison", args=[old])).status_code == 200
    services.petition_liaison_link_resend(petition=petition, actor=world.officer_a)
    assert client.get(reverse("petitions:liaison", args=[old])).status_code == 403
    new = liaison_token_make(event=_forward_event(petition))
    assert client.get(reverse("petitions:liaison", args=[new])).status_code == 200


def test_liaison_link_after_the_answer_no_longer_shows_the_content(client, world):
    petition = world.forwarded(title="Tiêu đề cần giữ kín", content="Nội dung cần giữ kín sau khi trả lời.")
    url = reverse("petitions:liaison", args=[liaison_token_make(event=_forward_event(petition))])
    client.post(url, {"action": "answer", "text": "Phường đã xử lý."})
    page = client.get(url).content.decode()
    assert "Nội dung cần giữ kín" not in page and "Tiêu đề cần giữ kín" not in page
    assert "Phường đã xử lý." not in page
    assert "không còn chờ" in page


def test_public_list_feed_search_and_sitemap_carry_references_never_keys(client, world):
    petition = world.informed(publish_consent=True, title="Rác ở chợ đã được dọn")
    pages = {
        url: client.get(url)
        for url in (
            reverse("petitions:answered"), reverse("petitions:answered_feed"), "/tim-kiem/?q=rac+o+cho",
            "/sitemap.xml", reverse("petitions:stats"),
        )
    }
    assert petition.reference in pages[reverse("petitions:answered")].content.decode()
    for url, response in pages.items():
        assert response.status_code in (200, 404), url
        assert petition.tracking_code not in response.content.decode(), url
