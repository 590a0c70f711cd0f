"""The officers' screens under /quan-tri/phan-bien/: ward isolation, each action through its form, refusals as
400 with the message, the consolidated DOCX download, the audited personal-data view."""

import datetime
import io

from django.urls import reverse
from docx import Document

from mattran.core.models import AuditEvent
from mattran.criticism.models import CommentStatus, Draft, DraftStatus, Reply

from .conftest import TEXT

D = datetime.date


def test_the_list_shows_only_the_officers_own_drafts(client, world):
    mine = world.draft(title="Dự thảo của phường A")
    theirs = world.draft(organisation=world.ward_b, title="Dự thảo của phường B", actor=world.officer_b)
    client.force_login(world.officer_a)
    page = client.get(reverse("criticism_admin:drafts")).text
    assert mine.title in page and theirs.title not in page
    client.force_login(world.officer_city)
    page = client.get(reverse("criticism_admin:drafts")).text
    assert mine.title in page and theirs.title in page


def test_an_officer_of_ward_a_can_neither_read_nor_change_ward_bs_draft(client, world):
    draft = world.open_draft(organisation=world.ward_b, actor=world.officer_b)
    comment = world.comment(draft)
    client.force_login(world.officer_a)
    assert client.get(reverse("criticism_admin:draft", args=[draft.pk])).status_code == 404
    assert client.post(reverse("criticism_admin:draft_action", args=[draft.pk, "close_period"])).status_code == 404
    for action in ("accept", "reject", "contact", "reply"):
        url = reverse("criticism_admin:comment_action", args=[draft.pk, comment.pk, action])
        assert client.post(url).status_code == 404
    assert client.get(reverse("criticism_admin:consolidated", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    comment.refresh_from_db()
    assert draft.status == DraftStatus.OPEN and comment.status == CommentStatus.PENDING


def test_a_comment_of_another_draft_is_not_found_through_ones_own_draft(client, world):
    mine = world.open_draft()
    theirs = world.open_draft(organisation=world.ward_b, actor=world.officer_b)
    comment = world.comment(theirs)
    client.force_login(world.officer_a)
    url = reverse("criticism_admin:comment_action", args=[mine.pk, comment.pk, "accept"])
    assert client.post(url).status_code == 404


def test_a_draft_is_received_through_the_form(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("criticism_admin:draft_create"), {
        "organisation": world.ward_a.pk, "drafting_body": world.body_a.pk, "title": "Dự thảo mới", "text": TEXT,
    })
    draft = Draft.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("criticism_admin:draft", args=[draft.pk])
    assert draft.versions.get().paragraphs.count() == 3


def test_the_form_refuses_another_wards_organisation_and_body(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("criticism_admin:draft_create"), {
        "organisation": world.ward_b.pk, "drafting_body": world.body_b.pk, "title": "X", "text": TEXT,
    })
    assert response.status_code == 400 and not Draft.objects.exists()


def test_a_user_without_membership_is_refused(client, world, django_user_model):
    user = django_user_model.objects.create_user("nguoidan", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("criticism_admin:drafts")).status_code in (302, 403)


def test_only_the_actions_of_the_current_status_are_offered(client, world):
    draft = world.draft()
    client.force_login(world.officer_a)
    page = client.get(reverse("criticism_admin:draft", args=[draft.pk])).text
    assert 'data-action="open"' in page and 'data-action="consolidate"' not in page and 'data-action="close"' not in page


def test_opening_with_a_bad_period_is_a_400_with_the_message(client, world):
    draft = world.draft()
    client.force_login(world.officer_a)
    url = reverse("criticism_admin:draft_action", args=[draft.pk, "open"])
    response = client.post(url, {"open-opens_on": "2026-10-05", "open-closes_on": "2026-10-01"})
    assert response.status_code == 400 and "không thể trước ngày bắt đầu" in response.text
    assert client.post(url, {"open-opens_on": "99999-01-01", "open-closes_on": "x"}).status_code == 400
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PREPARING


def test_an_illegal_step_posted_by_hand_is_a_400_with_the_message(client, world):
    draft = world.draft()
    client.force_login(world.officer_a)
    response = client.post(reverse("criticism_admin:draft_action", args=[draft.pk, "consolidate"]), {})
    assert response.status_code == 400 and "Không thể thực hiện bước này" in response.text
    assert client.post(reverse("criticism_admin:draft_action", args=[draft.pk, "nope"])).status_code == 404


def test_moderation_consolidation_download_and_reply_through_the_screens(client, world):
    draft = world.open_draft()
    keep, drop = world.comment(draft, 2), world.comment(draft, 3, text="Không liên quan.")
    client.force_login(world.officer_a)
    assert client.post(reverse("criticism_admin:comment_action", args=[draft.pk, keep.pk, "accept"])).status_code == 302
    assert client.post(reverse("criticism_admin:comment_action", args=[draft.pk, drop.pk, "reject"]),
                       {"note": "Ngoài phạm vi"}).status_code == 302
    response = client.post(reverse("criticism_admin:comment_action", args=[draft.pk, keep.pk, "accept"]))
    assert response.status_code == 400 and "Không thể thực hiện bước này" in response.text
    client.post(reverse("criticism_admin:draft_action", args=[draft.pk, "close_period"]))
    response = client.post(reverse("criticism_admin:draft_action", args=[draft.pk, "consolidate"]),
                           {"consolidate-on": "2026-11-05"})
    assert response.status_code == 302
    response = client.get(reverse("criticism_admin:consolidated", args=[draft.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Đoạn 2" in text and keep.text in text and drop.text not in text
    response = client.post(reverse("criticism_admin:comment_action", args=[draft.pk, keep.pk, "reply"]),
                           {f"reply-{keep.pk}-kind": "adopted", f"reply-{keep.pk}-text": "Tiếp thu, sửa Điều 2."})
    assert response.status_code == 302 and Reply.objects.get().text == "Tiếp thu, sửa Điều 2."
    response = client.post(reverse("criticism_admin:comment_action", args=[draft.pk, drop.pk, "reply"]),
                           {f"reply-{drop.pk}-kind": "adopted", f"reply-{drop.pk}-text": "x"})
    assert response.status_code == 400 and Reply.objects.count() == 1


def test_reading_a_commenters_contact_needs_a_post_and_is_audited(client, world):
    draft = world.open_draft()
    comment = world.comment(draft)
    client.force_login(world.officer_a)
    page = client.get(reverse("criticism_admin:draft", args=[draft.pk])).text
    assert "0903123456" not in page
    url = reverse("criticism_admin:comment_action", args=[draft.pk, comment.pk, "contact"])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200 and "0903123456" in response.text
    assert AuditEvent.objects.filter(action="comment.personal_data_read", target_id=str(comment.pk)).exists()


def test_invitations_show_their_signed_link_until_revoked(client, world):
    draft = world.draft()
    client.force_login(world.officer_a)
    client.post(reverse("criticism_admin:draft_action", args=[draft.pk, "invite"]),
                {"invite-name": "TS. Lê Thị Hoa", "invite-email": "hoa@example.vn"})
    invitation = draft.invitations.get()
    page = client.get(reverse("criticism_admin:draft", args=[draft.pk])).text
    assert "/phan-bien/chuyen-gia/" in page
    client.post(reverse("criticism_admin:invitation_revoke", args=[draft.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked and "/phan-bien/chuyen-gia/" not in client.get(
        reverse("criticism_admin:draft", args=[draft.pk])).text


def test_the_version_file_is_served_only_through_the_checked_view(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    draft = world.draft(file=SimpleUploadedFile("du-thao.pdf", pdf))
    version = draft.versions.get()
    client.force_login(world.officer_a)
    response = client.get(reverse("criticism_admin:version_file", args=[draft.pk, version.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
    client.force_login(world.officer_b)
    assert client.get(reverse("criticism_admin:version_file", args=[draft.pk, version.pk])).status_code == 404


def test_a_rejection_note_with_a_nul_character_is_stored_without_it(client, world):
    draft = world.open_draft()
    comment = world.comment(draft)
    client.force_login(world.officer_a)
    url = reverse("criticism_admin:comment_action", args=[draft.pk, comment.pk, "reject"])
    assert client.post(url, {"note": "Trùng\x00 lặp"}).status_code == 302
    comment.refresh_from_db()
    assert comment.moderation_note == "Trùng lặp"


def test_the_public_comments_button_does_the_opposite_of_the_current_setting(client, world):
    draft = world.open_draft(public=False)
    client.force_login(world.officer_a)
    page = client.get(reverse("criticism_admin:draft", args=[draft.pk])).text
    assert "Mở nhận ý kiến của Nhân dân" in page and 'name="public-open" value="1"' in page
    assert client.post(reverse("criticism_admin:draft_action", args=[draft.pk, "public"]), {"public-open": "1"}).status_code == 302
    draft.refresh_from_db()
    assert draft.public_comments_open
    page = client.get(reverse("criticism_admin:draft", args=[draft.pk])).text
    assert "Ngừng nhận ý kiến của Nhân dân" in page and 'name="public-open" value="0"' in page
