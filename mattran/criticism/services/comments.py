"""Comments on a draft: inviting experts, a comment anchored to a paragraph (expert or public), and its
moderation. Personal data (name, contact) never enters an audit row or the timeline."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.services import audit_record
from mattran.core.workflow import status_transition_apply

from ..models import (
    AuthorKind,
    Comment,
    CommentStatus,
    Draft,
    DraftEventKind,
    DraftParagraph,
    Invitation,
)
from ..notifications import notify_expert_on_commit
from ._common import event_add, locked, step_require

C = CommentStatus
MAX_COMMENT_CHARS = 5000

# Moderation may be corrected until the document is consolidated.
COMMENT_TRANSITIONS = {
    "accept": (C.PENDING, C.REJECTED),
    "reject": (C.PENDING, C.ACCEPTED),
}


def comment_can(comment: Comment, action: str) -> bool:
    return comment.status in COMMENT_TRANSITIONS[action]


@transaction.atomic
def invitation_create(*, draft: Draft, name: str, actor, position: str = "", email: str = "") -> Invitation:
    """Invite an expert: the signed link (``links.invitation_url``) is e-mailed when an address is given and
    shown to the officer on the draft's page."""
    draft = locked(draft)
    step_require(draft, "invite")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Hãy nhập họ và tên chuyên gia.")})
    invitation = Invitation.objects.create(
        draft=draft, name=name[:255], position=(position or "").strip()[:255], email=(email or "").strip()
    )
    event_add(draft, kind=DraftEventKind.INVITED, actor=actor, is_public=False)
    audit_record(actor=actor, action="draft.invite", target=draft, changes={"invitation": [None, invitation.pk]})
    notify_expert_on_commit(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.revoked:
        invitation.revoked = True
        invitation.save(update_fields=["revoked", "updated_at"])
        audit_record(actor=actor, action="invitation.revoke", target=invitation.draft,
                     changes={"invitation": [invitation.pk, None]})
    return invitation


@transaction.atomic
def comment_submit(
    *,
    draft: Draft,
    paragraph: DraftParagraph,
    text: str,
    author_kind: str,
    actor,
    invitation: Invitation | None = None,
    author_name: str = "",
    author_contact: str = "",
    today: datetime.date | None = None,
) -> Comment:
    """A comment on one paragraph of the version open for comment, waiting for moderation. Experts come
    through their invitation; the public only while the officer has opened public comments."""
    draft = locked(draft)
    step_require(draft, "comment")
    today = today or timezone.localdate()
    if draft.comments_open_on and today < draft.comments_open_on:
        raise ValidationError(_("Chưa đến thời gian nhận ý kiến (từ ngày %(day)s).")
                              % {"day": draft.comments_open_on.strftime("%d/%m/%Y")}, code="not_yet_open")
    if draft.comments_close_on and today > draft.comments_close_on:
        raise ValidationError(_("Đã hết hạn nhận ý kiến (ngày %(day)s).")
                              % {"day": draft.comments_close_on.strftime("%d/%m/%Y")}, code="period_over")
    if author_kind == AuthorKind.EXPERT:
        # As it is now in the database: a copy in memory may predate its revocation.
        invitation = Invitation.objects.filter(pk=invitation.pk).first() if invitation is not None else None
        if invitation is None or invitation.draft_id != draft.pk or invitation.revoked:
            raise ValidationError(_("Lời mời góp ý không hợp lệ hoặc đã bị thu hồi."), code="bad_invitation")
        author_name = invitation.name
    elif author_kind == AuthorKind.PUBLIC:
        if not draft.public_comments_open:
            raise ValidationError(_("Dự thảo này chưa mở nhận ý kiến của Nhân dân."), code="public_closed")
        invitation = None
    else:
        raise ValidationError(_("Người góp ý không hợp lệ."))
    errors = {}
    if paragraph is None or paragraph.version_id != draft.commented_version_id:
        errors["paragraph"] = _("Hãy chọn một đoạn của dự thảo đang lấy ý kiến.")
    text = (text or "").replace("\x00", "").strip()
    if not text:
        errors["text"] = _("Hãy nhập ý kiến.")
    elif len(text) > MAX_COMMENT_CHARS:
        errors["text"] = _("Ý kiến dài quá %(n)s ký tự.") % {"n": MAX_COMMENT_CHARS}
    if errors:
        raise ValidationError(errors)
    comment = Comment.objects.create(
        draft=draft, paragraph=paragraph, author_kind=author_kind, invitation=invitation, text=text,
        author_name=(author_name or "").replace("\x00", "").strip()[:255],
        author_contact=(author_contact or "").replace("\x00", "").strip()[:255],
    )
    audit_record(actor=actor, action="comment.submit", target=comment,
                 changes={"paragraph": [None, paragraph.number], "author_kind": [None, author_kind]})
    return comment


def _moderate(comment: Comment, *, action: str, to: str, actor, note: str) -> Comment:
    draft = locked(comment.draft)
    step_require(draft, "moderate")
    current, old = status_transition_apply(
        comment, allowed=COMMENT_TRANSITIONS[action], to=to,
        refusal=_("Không thể thực hiện bước này khi ý kiến đang ở tình trạng “%(status)s”."),
        moderation_note=(note or "").replace("\x00", "").strip()[:2000], moderated_at=timezone.now(),
    )
    audit_record(actor=actor, action=f"comment.{action}", target=current, changes={"status": [old, to]})
    return current


@transaction.atomic
def comment_accept(*, comment: Comment, actor, note: str = "") -> Comment:
    """Take the comment into the criticism: it appears publicly and in the consolidated document."""
    return _moderate(comment, action="accept", to=C.ACCEPTED, actor=actor, note=note)


@transaction.atomic
def comment_reject(*, comment: Comment, actor, note: str = "") -> Comment:
    """Leave the comment out (off-topic, abusive, a duplicate…); it is never shown publicly."""
    return _moderate(comment, action="reject", to=C.REJECTED, actor=actor, note=note)


@transaction.atomic
def comment_contact_read(*, comment: Comment, actor) -> Comment:
    """An officer reads a commenter's name and contact: personal data, so the read itself is audited."""
    audit_record(actor=actor, action="comment.personal_data_read", target=comment)
    return comment
