"""The signed links: an invited expert comments without an account; the drafting body answers point by point."""

import datetime

from django.core import signing
from django.test import override_settings
from django.urls import reverse

from mattran.criticism import services
from mattran.criticism.links import invitation_token_make, invitation_url, reply_token_make, reply_url
from mattran.criticism.models import AuthorKind, Comment, Reply, ReplyKind

D = datetime.date
WIDE = {"opens_on": D(2026, 1, 1), "closes_on": D(2099, 12, 31)}


def _path(url):
    return "/phan-bien/" + url.split("/phan-bien/", 1)[1]


def test_an_expert_comments_through_the_link_with_the_invitations_name(client, world):
    draft = world.open_draft(public=False, **WIDE)
    invitation = services.invitation_create(draft=draft, name="TS. Lê Thị Hoa", actor=world.officer_a)
    url = _path(invitation_url(invitation=invitation))
    page = client.get(url)
    assert page.status_code == 200 and "TS. Lê Thị Hoa" in page.text and "Điều 2." in page.text
    response = client.post(url, {"paragraph": "1", "text": "Cần định nghĩa rác thải sinh hoạt."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author_kind == AuthorKind.EXPERT and comment.invitation == invitation
    assert "Cần định nghĩa" in client.get(url).text  # the expert sees their own comment and its status


def test_the_expert_form_refuses_bad_input_with_a_400(client, world):
    draft = world.open_draft(public=False, **WIDE)
    invitation = services.invitation_create(draft=draft, name="Chuyên gia", actor=world.officer_a)
    url = _path(invitation_url(invitation=invitation))
    assert client.post(url, {"paragraph": "9", "text": ""}).status_code == 400
    assert not Comment.objects.exists()


def test_a_revoked_forged_or_expired_expert_link_is_refused(client, world):
    draft = world.open_draft(**WIDE)
    invitation = services.invitation_create(draft=draft, name="Chuyên gia", actor=world.officer_a)
    token = invitation_token_make(invitation=invitation)
    with override_settings(CRITICISM_LINK_DAYS=-1):
        response = client.get(reverse("criticism:expert", args=[token]))
        assert response.status_code == 403 and "hết hạn" in response.text
    assert client.get(reverse("criticism:expert", args=[token + "x"])).status_code == 403
    services.invitation_revoke(invitation=invitation, actor=world.officer_a)
    assert client.get(reverse("criticism:expert", args=[token])).status_code == 403
    assert client.post(reverse("criticism:expert", args=[token]), {"paragraph": "1", "text": "x"}).status_code == 403
    assert not Comment.objects.exists()


def test_the_expert_link_shows_no_form_after_the_period(client, world):
    draft = world.open_draft(**WIDE)
    invitation = services.invitation_create(draft=draft, name="Chuyên gia", actor=world.officer_a)
    services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    url = _path(invitation_url(invitation=invitation))
    assert "gop-y-title" not in client.get(url).text
    assert client.post(url, {"paragraph": "1", "text": "Muộn."}).status_code == 403


def test_the_drafting_body_answers_each_point_through_its_link(client, world):
    draft, accepted, rejected = world.consolidated()
    url = _path(reply_url(draft=draft))
    page = client.get(url)
    assert page.status_code == 200 and accepted.text in page.text and rejected.text not in page.text
    assert "Nguyễn Văn Bình" not in page.text and "0903123456" not in page.text
    response = client.post(url, {"point": accepted.pk, f"p{accepted.pk}-kind": "explained",
                                 f"p{accepted.pk}-text": "Giờ thu gom hiện tại phù hợp với đa số hộ."})
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.kind == ReplyKind.EXPLAINED and "đường dẫn được ký" in reply.recorded_by_label
    public = client.get(reverse("criticism:detail", args=[draft.slug])).text
    assert "Giờ thu gom hiện tại phù hợp" in public and "Giải trình" in public


def test_the_body_link_refuses_a_point_that_is_not_one_and_bad_input(client, world):
    draft, accepted, rejected = world.consolidated()
    url = _path(reply_url(draft=draft))
    assert client.post(url, {"point": rejected.pk, f"p{rejected.pk}-kind": "adopted",
                             f"p{rejected.pk}-text": "x"}).status_code == 400
    assert client.post(url, {"point": "abc"}).status_code == 400
    assert client.post(url, {"point": accepted.pk, f"p{accepted.pk}-kind": "maybe"}).status_code == 400
    assert not Reply.objects.exists()


def test_a_resent_body_link_replaces_the_old_one_and_closing_ends_it(client, world):
    draft, accepted, _rejected = world.consolidated()
    old = reply_token_make(draft=draft)
    draft = services.draft_reply_link_resend(draft=draft, actor=world.officer_a)
    assert client.get(reverse("criticism:body_reply", args=[old])).status_code == 403
    new = reply_token_make(draft=draft)
    assert client.get(reverse("criticism:body_reply", args=[new])).status_code == 200
    services.draft_close(draft=draft, actor=world.officer_a)
    assert client.get(reverse("criticism:body_reply", args=[new])).status_code == 403


def test_an_expert_token_does_not_open_the_body_page(client, world):
    draft, _a, _r = world.consolidated()
    forged = signing.TimestampSigner(salt="mattran.criticism.expert").sign_object(
        {"d": draft.pk, "b": draft.drafting_body_id, "n": draft.reply_nonce}, compress=True
    )
    assert client.get(reverse("criticism:body_reply", args=[forged])).status_code == 403


def test_the_body_downloads_the_criticism_through_its_link(client, world):
    import io

    from docx import Document

    draft, accepted, _rejected = world.consolidated()
    token = reply_token_make(draft=draft)
    assert f"/phan-bien/co-quan/{token}/van-ban-phan-bien.docx" in client.get(
        reverse("criticism:body_reply", args=[token])).text
    response = client.get(reverse("criticism:body_document", args=[token]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(response.streaming_content))).paragraphs)
    assert accepted.text in text
    assert client.get(reverse("criticism:body_document", args=[token + "x"])).status_code == 403
