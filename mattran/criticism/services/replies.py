"""The drafting body's answer to each accepted point of the criticism, entered by the officer on its behalf or
by the body itself through its signed link."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core.services import audit_record

from ..models import Comment, CommentStatus, DraftEventKind, Reply, ReplyKind
from ._common import actor_label, event_add, locked, step_require


@transaction.atomic
def draft_reply_record(*, comment: Comment, kind: str, text: str, actor) -> Reply:
    """Record (or correct) the drafting body's reply to one accepted point: adopted, explained or not adopted,
    with its text."""
    draft = locked(comment.draft)
    step_require(draft, "reply")
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != CommentStatus.ACCEPTED:
        raise ValidationError(_("Chỉ trả lời các ý kiến đã được tiếp nhận vào văn bản phản biện."),
                              code="not_a_point")
    errors = {}
    if kind not in ReplyKind.values:
        errors["kind"] = _("Hãy chọn: tiếp thu, giải trình hoặc không tiếp thu.")
    text = (text or "").replace("\x00", "").strip()
    if not text:
        errors["text"] = _("Hãy nhập nội dung trả lời.")
    if errors:
        raise ValidationError(errors)
    reply = Reply.objects.filter(comment=comment).first()
    old = {"kind": reply.kind, "text": reply.text} if reply else {"kind": None, "text": None}
    if reply is None:
        reply = Reply(comment=comment)
    reply.kind, reply.text, reply.recorded_by_label = kind, text, actor_label(actor)[:255]
    reply.save()
    # Not on the public timeline: the public page shows each reply beside its point.
    event_add(draft, kind=DraftEventKind.REPLIED, actor=actor, is_public=False,
              note=_("Đoạn %(n)s: %(kind)s") % {"n": comment.paragraph.number, "kind": reply.get_kind_display()})
    audit_record(actor=actor, action="draft.reply", target=reply,
                 changes={"kind": [old["kind"], kind], "text": [old["text"], text]})
    return reply
