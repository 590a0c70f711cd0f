"""The body's answer and the Front's review of it, up to informing the submitter (issue 9, item 1).

The body answers (``petition_answer``); nothing reaches the submitter or the public yet: the petition waits in
``answered`` ("Cơ quan đã trả lời; Mặt trận đang xem xét"). The officer then either

- accepts the answer (``answer_accept``) with the text to publish, edited to remove personal details; only that
  text ever appears on the public answered list, in feeds, search and the APIs; or
- sends it back to the body (``answer_send_back``) with reasons: a new round with its own due date, counted in
  working days from the deadline rules (data), and a fresh signed link e-mailed to the body;

and, once accepted, records how the submitter was told (``petition_inform``: how, who told whom, when). The
submitter is e-mailed once, on that last step, with the answer.

    in_progress ─ petition_answer ─▶ answered ─ answer_accept ─▶ answer_accepted ─ petition_inform ─▶ informed
         ▲                              │
         └────── answer_send_back ──────┘

Like every service in ``services.py``: keyword-only, one transaction, a timeline entry and an audit row; a step
from the wrong status is refused with a translated message naming the current status. Importable from
``mattran.petitions.services`` too.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.services import audit_record

from .attachments import answer_document_clean
from .models import EventKind, InformMethod, Petition, liaison_nonce_new
from .services import (
    S,
    _actor_label,
    _event,
    _lock,
    _require,
    _required_text,
    _save,
    _set_status,
    due_date_compute,
)


@transaction.atomic
def petition_answer(*, petition: Petition, text: str, document=None, actor) -> Petition:
    """The body's answer (text, and the signed document when there is one). It waits for the Front's review:
    the submitter is not told and nothing is published until ``answer_accept``."""
    text = _required_text(text, "text", _("Hãy nhập nội dung trả lời."))
    petition = _lock(petition)
    _require(petition, "answer")
    if document is not None:
        try:
            answer_document_clean(document)
        except ValidationError as exc:
            raise ValidationError({"document": exc}) from exc
        petition.answer_document.save("tra-loi.pdf", document, save=False)  # stored as .pdf whatever its name
    now = timezone.now()
    old = _set_status(petition, S.ANSWERED)
    petition.answer_text, petition.answered_at, petition.answered_on = text, now, timezone.localdate(now)
    petition.answered_by = _actor_label(actor)
    _save(petition, "answer_text", "answered_at", "answered_on", "answered_by", "answer_document")
    # Public as a step ("the body has answered"), but its words stay internal until the Front accepts them;
    # the note keeps each round's answer when a later round replaces ``answer_text``.
    event = _event(
        petition, kind=EventKind.ANSWERED, actor=actor, from_status=old, internal_note=text, body=petition.body
    )
    audit_record(
        actor=actor,
        action="petition.answer",
        target=petition,
        changes={"status": [old, S.ANSWERED], "document": bool(petition.answer_document)},
    )
    from .notifications import notify_officers_of_answer_on_commit

    notify_officers_of_answer_on_commit(event)  # there is an answer to review
    return petition


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def personal_details_in(petition: Petition, text: str) -> list[str]:
    """Which of the submitter's details (phone, e-mail, full name) ``text`` still contains: the public text of
    an answer must carry none of them."""
    found = []
    phone = _digits(petition.submitter_phone)
    if len(phone) >= 8 and phone in _digits(text):
        found.append(_("số điện thoại"))
    lowered = (text or "").casefold()
    if petition.submitter_email and petition.submitter_email.casefold() in lowered:
        found.append(_("thư điện tử"))
    name = " ".join((petition.submitter_name or "").split())
    if len(name.split()) >= 2 and name.casefold() in " ".join(lowered.split()):
        found.append(_("họ tên"))
    return found


@transaction.atomic
def answer_accept(*, petition: Petition, public_text: str, note: str = "", actor) -> Petition:
    """The Front accepts the body's answer and sets the text to publish (personal details removed). The
    submitter is told afterwards, by ``petition_inform``."""
    public_text = _required_text(
        public_text, "public_text", _("Hãy nhập nội dung trả lời sẽ công khai (đã bỏ thông tin cá nhân).")
    )
    petition = _lock(petition)
    _require(petition, "answer_accept")
    leaks = personal_details_in(petition, public_text)
    if leaks:
        message = _("Nội dung công khai còn %(what)s của người gửi; hãy bỏ đi trước khi công khai.")
        raise ValidationError(
            {"public_text": ValidationError(message % {"what": ", ".join(leaks)}, code="personal_data")}
        )
    old = _set_status(petition, S.ANSWER_ACCEPTED)
    petition.answer_public_text, petition.answer_accepted_at = public_text, timezone.now()
    _save(petition, "answer_public_text", "answer_accepted_at")
    _event(
        petition,
        kind=EventKind.ANSWER_ACCEPTED,
        actor=actor,
        from_status=old,
        public_text=public_text,
        internal_note=note,
        body=petition.body,
    )
    audit_record(
        actor=actor,
        action="petition.answer_accept",
        target=petition,
        changes={"status": [old, S.ANSWER_ACCEPTED], "edited": public_text != petition.answer_text},
    )
    return petition


@transaction.atomic
def answer_send_back(
    *, petition: Petition, reason: str, due_date: datetime.date | None = None, actor
) -> Petition:
    """The answer is not enough: back to the body with the reasons, for a new round. Its due date is counted
    from today by the deadline rules (working days) unless ``due_date`` is given; the body gets a new signed
    link (older links stop working) and an e-mail with the reasons."""
    reason = _required_text(reason, "reason", _("Hãy ghi lý do đề nghị cơ quan trả lời bổ sung."))
    petition = _lock(petition)
    _require(petition, "answer_send_back")
    today = timezone.localdate()
    if due_date is None:
        due_date = due_date_compute(
            topic=petition.topic,
            body=petition.body,
            several_bodies=petition.cooperating_bodies.exists(),
            start=today,
        )
    elif due_date < today:
        raise ValidationError({"due_date": _("Hạn trả lời không thể ở quá khứ.")}, code="due_in_past")
    old_due = petition.due_date
    old = _set_status(petition, S.IN_PROGRESS)
    # Open again: the round's answer is no longer the answer (the timeline keeps it), and reminders restart.
    petition.due_date, petition.answered_at, petition.answered_on, petition.escalation_level = due_date, None, None, 0
    petition.liaison_nonce = liaison_nonce_new()
    _save(petition, "due_date", "answered_at", "answered_on", "escalation_level", "liaison_nonce")
    event = _event(
        petition,
        kind=EventKind.ANSWER_SENT_BACK,
        actor=actor,
        from_status=old,
        public_text=_("Mặt trận đề nghị cơ quan trả lời bổ sung; hạn trả lời mới: %(due)s.")
        % {"due": due_date.strftime("%d/%m/%Y")},
        internal_note=reason,
        body=petition.body,
    )
    audit_record(
        actor=actor,
        action="petition.answer_send_back",
        target=petition,
        changes={"status": [old, S.IN_PROGRESS], "due_date": [old_due, due_date], "reason": reason},
    )
    from .notifications import notify_body_send_back_on_commit

    notify_body_send_back_on_commit(event)
    return petition


@transaction.atomic
def petition_inform(
    *,
    petition: Petition,
    method: str,
    informed_at: datetime.datetime | None = None,
    informed_by: str = "",
    informed_to: str = "",
    note: str = "",
    actor,
) -> Petition:
    """Record how, when, by whom and to whom the submitter was told the accepted answer: the step the Front
    must never skip. ``informed_by`` defaults to the actor; ``informed_to`` is empty when the submitter was
    told in person."""
    if method not in InformMethod.values:
        raise ValidationError({"method": _("Hãy chọn hình thức thông tin lại cho người gửi.")}, code="required")
    informed_at = informed_at or timezone.now()
    if informed_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"informed_at": _("Thời điểm thông tin lại không thể ở tương lai.")})
    petition = _lock(petition)
    _require(petition, "inform")
    old = _set_status(petition, S.INFORMED)
    petition.inform_method, petition.informed_at = method, informed_at
    petition.informed_by = ((informed_by or "").strip() or _actor_label(actor))[:255]
    petition.informed_to = (informed_to or "").strip()[:255]
    _save(petition, "inform_method", "informed_at", "informed_by", "informed_to")
    _event(
        petition,
        kind=EventKind.INFORMED,
        actor=actor,
        from_status=old,
        public_text=InformMethod(method).label,
        internal_note=note,
    )
    audit_record(
        actor=actor,
        action="petition.inform",
        target=petition,
        changes={
            "status": [old, S.INFORMED],
            "method": method,
            "informed_at": informed_at,
            "informed_by": petition.informed_by,
            "informed_to_other": bool(petition.informed_to),  # whom: personal data, kept on the petition only
        },
    )
    return petition
