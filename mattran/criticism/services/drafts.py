"""The draft's own steps: receive it, add versions, open and close the comment period, consolidate the accepted
comments into the Front's criticism document, close. One function per step of the diagram in docs/domain.md."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.files import random_name
from mattran.core.services import audit_record
from mattran.core.workflow import status_transition_apply
from mattran.organisations.models import Body, Organisation

from ..consolidation import consolidated_docx
from ..files import version_file_kind
from ..models import (
    CommentStatus,
    Draft,
    DraftEventKind,
    DraftParagraph,
    DraftStatus,
    DraftVersion,
    nonce_new,
)
from ..notifications import notify_body_on_commit
from ..paragraphs import MAX_PARAGRAPHS, paragraphs_split
from ._common import DRAFT_TRANSITIONS, event_add, locked, refusal, step_require

S = DraftStatus
E = DraftEventKind


def _clean(text) -> str:
    """Free text as stored: NUL removed (PostgreSQL refuses it), trimmed."""
    return (text or "").replace("\x00", "").strip()


def _transition(draft, *, step, to, kind, actor, note="", **fields):
    current, old = status_transition_apply(draft, allowed=DRAFT_TRANSITIONS[step], to=to, refusal=refusal(), **fields)
    event_add(current, kind=kind, actor=actor, note=note, from_status=old, to_status=to)
    audit_record(
        actor=actor, action=f"draft.{step}", target=current,
        changes={"status": [old, to], **{k: [None, v] for k, v in fields.items() if k != "reply_nonce"}},
    )
    return current


@transaction.atomic
def draft_create(
    *,
    organisation: Organisation,
    drafting_body: Body,
    title: str,
    text: str,
    actor,
    summary: str = "",
    file=None,
    received_on: datetime.date | None = None,
) -> Draft:
    """Receive a draft from its drafting body, with its first version."""
    title = _clean(title)
    if not title:
        raise ValidationError({"title": _("Hãy nhập tên dự thảo.")})
    draft = Draft.objects.create(
        organisation=organisation, drafting_body=drafting_body, title=title[:255], summary=_clean(summary)
    )
    event_add(draft, kind=E.CREATED, actor=actor, to_status=S.PREPARING, note=drafting_body.name)
    audit_record(actor=actor, action="draft.create", target=draft,
                 changes={"title": [None, draft.title], "drafting_body": [None, drafting_body]})
    draft_version_add(draft=draft, text=text, file=file, received_on=received_on, actor=actor)
    return draft


@transaction.atomic
def draft_version_add(
    *, draft: Draft, text: str, actor, note: str = "", file=None, received_on: datetime.date | None = None
) -> DraftVersion:
    """Add the next version (the first one, or the drafting body's revision after the criticism), split into
    numbered paragraphs."""
    draft = locked(draft)
    step_require(draft, "version_add")
    paragraphs = paragraphs_split(text)
    if not paragraphs:
        raise ValidationError({"text": _("Hãy nhập nội dung dự thảo (mỗi đoạn cách nhau một dòng trống).")})
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise ValidationError({"text": _("Dự thảo có quá nhiều đoạn (tối đa %(n)s).") % {"n": MAX_PARAGRAPHS}})
    if file:
        kind = version_file_kind(file)
        file.name = f"du-thao.{kind}"
    number = (draft.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = DraftVersion.objects.create(
        draft=draft, number=number, text="\n\n".join(paragraphs), note=_clean(note),
        file=file or "", received_on=received_on or timezone.localdate(),
    )
    DraftParagraph.objects.bulk_create(
        DraftParagraph(version=version, number=n, text=t) for n, t in enumerate(paragraphs, start=1)
    )
    draft.save(update_fields=["updated_at"])
    event_add(draft, kind=E.VERSION_ADDED, actor=actor, note=_("Phiên bản %(n)s") % {"n": number})
    audit_record(actor=actor, action="draft.version_add", target=draft,
                 changes={"version": [None, number], "paragraphs": [None, len(paragraphs)]})
    return version


@transaction.atomic
def draft_comment_period_open(
    *,
    draft: Draft,
    opens_on: datetime.date,
    closes_on: datetime.date,
    actor,
    public_comments_open: bool = False,
) -> Draft:
    """Start taking comments on the latest version, from invited experts and, if chosen, the public."""
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("Ngày hết hạn nhận ý kiến không thể trước ngày bắt đầu.")})
    version = draft.versions.order_by("-number").first()
    if version is None:
        raise ValidationError(_("Dự thảo chưa có nội dung."))
    return _transition(
        draft, step="open", to=S.OPEN, kind=E.PERIOD_OPENED, actor=actor,
        note=f"{opens_on:%d/%m/%Y} – {closes_on:%d/%m/%Y}",
        comments_open_on=opens_on, comments_close_on=closes_on, commented_version=version,
        public_comments_open=bool(public_comments_open),
    )


@transaction.atomic
def draft_public_comments_set(*, draft: Draft, open: bool, actor) -> Draft:  # noqa: A002 — the step's own word
    """Open (or stop) public comments during the comment period; experts may comment either way."""
    draft = locked(draft)
    step_require(draft, "public_set")
    if draft.public_comments_open == bool(open):
        return draft
    draft.public_comments_open = bool(open)
    draft.save(update_fields=["public_comments_open", "updated_at"])
    event_add(draft, kind=E.PUBLIC_OPENED if open else E.PUBLIC_CLOSED, actor=actor)
    audit_record(actor=actor, action="draft.public_set", target=draft,
                 changes={"public_comments_open": [not open, bool(open)]})
    return draft


@transaction.atomic
def draft_comment_period_close(*, draft: Draft, actor) -> Draft:
    """End the comment period: no more comments; the officer finishes moderating and consolidates."""
    return _transition(draft, step="close_period", to=S.REVIEWING, kind=E.PERIOD_CLOSED, actor=actor,
                       public_comments_open=False)


@transaction.atomic
def draft_consolidate(
    *, draft: Draft, actor, on: datetime.date | None = None, number: str = "", signer_name: str = ""
) -> Draft:
    """Write the Front's consolidated criticism document from the accepted comments (DOCX, kept privately) and
    send it to the drafting body, which from now on answers point by point (its signed link works from here)."""
    current = locked(draft)
    step_require(current, "consolidate")
    pending = current.comments.filter(status=CommentStatus.PENDING).count()
    if pending:
        raise ValidationError(_("Còn %(n)s ý kiến chưa duyệt; hãy tiếp nhận hoặc không tiếp nhận trước khi tổng hợp.")
                              % {"n": pending}, code="pending_comments")
    if not current.comments.filter(status=CommentStatus.ACCEPTED).exists():
        raise ValidationError(_("Chưa có ý kiến nào được tiếp nhận để tổng hợp."), code="nothing_accepted")
    on = on or timezone.localdate()
    content = consolidated_docx(draft=current, on=on, number=(number or "").strip(),
                                signer_name=(signer_name or "").strip())
    name = current.consolidated_file.storage.save(random_name("criticism/consolidated", "docx"), ContentFile(content))
    old_name = current.consolidated_file.name
    if old_name:
        transaction.on_commit(lambda: current.consolidated_file.storage.delete(old_name))
    current = _transition(
        current, step="consolidate", to=S.CONSOLIDATED, kind=E.CONSOLIDATED, actor=actor,
        consolidated_file=name, consolidated_on=on, reply_nonce=nonce_new(),
    )
    notify_body_on_commit(current)
    return current


@transaction.atomic
def draft_reply_link_resend(*, draft: Draft, actor) -> Draft:
    """A new signed reply link for the drafting body, e-mailed to it; earlier links stop working."""
    draft = locked(draft)
    step_require(draft, "reply")
    draft.reply_nonce = nonce_new()
    draft.save(update_fields=["reply_nonce", "updated_at"])
    event_add(draft, kind=E.LINK_SENT, actor=actor, is_public=False)
    audit_record(actor=actor, action="draft.reply_link_resend", target=draft)
    notify_body_on_commit(draft)
    return draft


@transaction.atomic
def draft_close(*, draft: Draft, actor, note: str = "") -> Draft:
    """End the criticism once the drafting body has answered (points left unanswered stay shown as such)."""
    return _transition(draft, step="close", to=S.CLOSED, kind=E.CLOSED, actor=actor, note=_clean(note),
                       reply_nonce="")


def drafts_close_expired(*, today: datetime.date | None = None) -> list[Draft]:
    """The daily pass: end the comment period of every draft still open after its closing date (each in its own
    transaction, so one refusal does not undo the others)."""
    today = today or timezone.localdate()
    closed = []
    for draft in Draft.objects.filter(status=S.OPEN, comments_close_on__lt=today).order_by("pk"):
        try:
            closed.append(draft_comment_period_close(draft=draft, actor="hệ thống (hết hạn lấy ý kiến)"))
        except ValidationError:  # closed by an officer meanwhile
            continue
    return closed
