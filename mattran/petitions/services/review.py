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

Like every workflow step: keyword-only, one transaction, one ``_transition`` (a timeline entry and an audit
row); a step from the wrong status is refused with a translated message naming the current status.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..attachments import answer_document_clean
from ..models import EventKind, InformMethod, Petition, PetitionStatus, liaison_nonce_new
from ..notifications import notify_body_send_back_on_commit, notify_officers_of_answer_on_commit
from ..selectors import due_date_compute
from ._common import _actor_label, _required_text, _transition

S = PetitionStatus


@transaction.atomic
def petition_answer(*, petition: Petition, text: str, document=None, actor) -> Petition:
    """The body's answer (text, and the signed document when there is one). It waits for the Front's review:
    the submitter is not told and nothing is published until ``answer_accept``."""
    text = _required_text(text, "text", _("Hãy nhập nội dung trả lời."))
    now = timezone.now()

    def prepare(current: Petition) -> dict:
        if document is None:
            return {}
        try:
            answer_document_clean(document)
        except ValidationError as exc:
            raise ValidationError({"document": exc}) from exc
        current.answer_document.save("tra-loi.pdf", document, save=False)  # stored as .pdf whatever its name
        return {"answer_document": current.answer_document}

    # Public as a step ("the body has answered"), but its words stay internal until the Front accepts them;
    # the note keeps each round's answer when a later round replaces ``answer_text``.
    petition, event = _transition(
        petition, "answer", to=S.ANSWERED, kind=EventKind.ANSWERED, actor=actor, prepare=prepare,
        internal_note=text, with_body=True, changes=lambda updated: {"document": bool(updated.answer_document)},
        answer_text=text, answered_at=now, answered_on=timezone.localdate(now), answered_by=_actor_label(actor),
    )
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


def _refuse_personal_details(petition: Petition, text: str, *, field: str) -> dict:
    """Raise on ``field`` when a text to publish still carries the submitter's details; else no fields."""
    leaks = personal_details_in(petition, text)
    if leaks:
        message = _("Nội dung công khai còn %(what)s của người gửi; hãy bỏ đi trước khi công khai.")
        raise ValidationError({field: ValidationError(message % {"what": ", ".join(leaks)}, code="personal_data")})
    return {}


@transaction.atomic
def answer_accept(*, petition: Petition, public_text: str, note: str = "", actor) -> Petition:
    """The Front accepts the body's answer and sets the text to publish (personal details removed). The
    submitter is told afterwards, by ``petition_inform``."""
    public_text = _required_text(
        public_text, "public_text", _("Hãy nhập nội dung trả lời sẽ công khai (đã bỏ thông tin cá nhân).")
    )
    petition, _entry = _transition(
        petition, "answer_accept", to=S.ANSWER_ACCEPTED, kind=EventKind.ANSWER_ACCEPTED, actor=actor,
        prepare=lambda current: _refuse_personal_details(current, public_text, field="public_text"),
        changes=lambda updated: {"edited": updated.answer_public_text != updated.answer_text},
        public_text=public_text, internal_note=note, with_body=True,
        answer_public_text=public_text, answer_accepted_at=timezone.now(),
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
    today = timezone.localdate()
    if due_date is not None and due_date < today:
        raise ValidationError({"due_date": _("Hạn trả lời không thể ở quá khứ.")}, code="due_in_past")

    def prepare(current: Petition) -> dict:
        due = due_date or due_date_compute(
            topic=current.topic, body=current.body, several_bodies=current.cooperating_bodies.exists(), start=today
        )
        return {"due_date": due}

    # Open again: the round's answer is no longer the answer (the timeline keeps it), and reminders restart.
    petition, event = _transition(
        petition, "answer_send_back", to=S.IN_PROGRESS, kind=EventKind.ANSWER_SENT_BACK, actor=actor,
        prepare=prepare, audited=("due_date",), changes={"reason": reason}, internal_note=reason, with_body=True,
        public_text=lambda updated: _("Mặt trận đề nghị cơ quan trả lời bổ sung; hạn trả lời mới: %(due)s.")
        % {"due": updated.due_date.strftime("%d/%m/%Y")},
        answered_at=None, answered_on=None, escalation_level=0, liaison_nonce=liaison_nonce_new(),
    )
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
    informed_by = ((informed_by or "").strip() or _actor_label(actor))[:255]
    informed_to = (informed_to or "").strip()[:255]
    petition, _entry = _transition(
        petition, "inform", to=S.INFORMED, kind=EventKind.INFORMED, actor=actor,
        public_text=InformMethod(method).label, internal_note=note,
        changes={
            "method": method,
            "informed_at": informed_at,
            "informed_by": informed_by,
            "informed_to_other": bool(informed_to),  # whom: personal data, kept on the petition only
        },
        inform_method=method, informed_at=informed_at, informed_by=informed_by, informed_to=informed_to,
    )
    return petition
