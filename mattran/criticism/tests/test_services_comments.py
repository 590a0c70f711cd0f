"""The comments' services: public and invited comments, invitations and moderation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mattran.core.models import AuditEvent
from mattran.criticism import services
from mattran.criticism.models import (
    AuthorKind,
    Comment,
    CommentStatus,
)

from .conftest import illegal_transition

D = datetime.date


# --- comments -----------------------------------------------------------------------------------------------------


def test_a_public_comment_is_anchored_to_its_paragraph_and_waits_for_moderation(world):
    draft = world.open_draft()
    comment = world.comment(draft, 2)
    assert comment.status == CommentStatus.PENDING and comment.paragraph.number == 2
    audit = AuditEvent.objects.get(action="comment.submit")
    # Personal data never enters the audit log.
    assert "0903123456" not in str(audit.changes) and "Nguyễn Văn Bình" not in str(audit.changes)


def test_public_comments_are_refused_until_the_officer_opens_them(world):
    draft = world.open_draft(public=False)
    with pytest.raises(ValidationError) as exc:
        world.comment(draft)
    assert exc.value.code == "public_closed"
    assert not Comment.objects.exists()


def test_comments_are_refused_before_and_after_the_period(world):
    draft = world.open_draft()
    with pytest.raises(ValidationError) as exc:
        world.comment(draft, today=D(2026, 9, 30))
    assert exc.value.code == "not_yet_open"
    with pytest.raises(ValidationError) as exc:
        world.comment(draft, today=D(2026, 11, 1))
    assert exc.value.code == "period_over"


def test_comments_are_refused_once_the_period_is_closed(world):
    draft = world.open_draft()
    services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        world.comment(draft)
    assert illegal_transition(exc)


def test_a_comment_must_name_a_paragraph_of_the_version_under_comment(world):
    draft = world.open_draft()
    other = world.open_draft(title="Dự thảo khác")
    with pytest.raises(ValidationError) as exc:
        world.comment(draft, paragraph=world.paragraph(other, 1))
    assert "paragraph" in exc.value.message_dict


def test_an_empty_or_too_long_comment_is_refused(world):
    draft = world.open_draft()
    for text in ("  ", "x" * 5001):
        with pytest.raises(ValidationError) as exc:
            world.comment(draft, text=text)
        assert "text" in exc.value.message_dict


def test_an_expert_comments_through_the_invitation_even_when_public_comments_are_closed(world):
    draft = world.open_draft(public=False)
    invitation = services.invitation_create(draft=draft, name="TS. Lê Thị Hoa", position="Viện Môi trường",
                                            actor=world.officer_a)
    comment = world.comment(draft, author_kind=AuthorKind.EXPERT, invitation=invitation, author_name="")
    assert comment.author_kind == AuthorKind.EXPERT and comment.author_name == "TS. Lê Thị Hoa"


def test_a_revoked_or_foreign_invitation_is_refused(world):
    draft = world.open_draft()
    other = world.open_draft(title="Dự thảo khác")
    foreign = services.invitation_create(draft=other, name="Chuyên gia", actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        world.comment(draft, author_kind=AuthorKind.EXPERT, invitation=foreign)
    assert exc.value.code == "bad_invitation"
    invitation = services.invitation_create(draft=draft, name="Chuyên gia", actor=world.officer_a)
    services.invitation_revoke(invitation=invitation, actor=world.officer_a)
    with pytest.raises(ValidationError):
        world.comment(draft, author_kind=AuthorKind.EXPERT, invitation=invitation)


def test_inviting_is_refused_after_the_period(world):
    draft = world.open_draft()
    services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.invitation_create(draft=draft, name="Chuyên gia", actor=world.officer_a)
    assert illegal_transition(exc)


# --- moderation ---------------------------------------------------------------------------------------------------


def test_accept_and_reject_are_audited_and_can_be_corrected_before_consolidation(world):
    draft = world.open_draft()
    comment = world.comment(draft)
    comment = services.comment_accept(comment=comment, actor=world.officer_a)
    assert comment.status == CommentStatus.ACCEPTED and comment.moderated_at
    comment = services.comment_reject(comment=comment, actor=world.officer_a, note="Trùng ý kiến khác")
    assert comment.status == CommentStatus.REJECTED and comment.moderation_note == "Trùng ý kiến khác"
    assert AuditEvent.objects.filter(action__in=["comment.accept", "comment.reject"]).count() == 2


def test_accepting_an_accepted_comment_is_refused_with_its_status(world):
    comment = world.comment(world.open_draft())
    services.comment_accept(comment=comment, actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.comment_accept(comment=comment, actor=world.officer_a)
    assert exc.value.code == "illegal_transition" and "Đã tiếp nhận" in exc.value.messages[0]


def test_rejecting_a_rejected_comment_is_refused(world):
    comment = world.comment(world.open_draft())
    services.comment_reject(comment=comment, actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        services.comment_reject(comment=comment, actor=world.officer_a)
    assert exc.value.code == "illegal_transition"


def test_moderation_is_refused_once_the_criticism_is_consolidated(world):
    _draft, accepted, rejected = world.consolidated()
    with pytest.raises(ValidationError) as exc:
        services.comment_accept(comment=rejected, actor=world.officer_a)
    assert illegal_transition(exc)
