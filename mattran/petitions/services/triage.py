"""Daily triage by the Front's officers (issue 9, item 2): internal notes, chasing the body, assignment.

None of these steps changes a petition's status: each is an internal timeline entry (never on the tracking page)
and an audit row, in one transaction, like every petition service.

- ``petition_note_add``: an internal note or phone log ("Đã gọi đôn đốc cơ quan").
- ``petition_chase``: a reminder e-mail to the body, with the current signed link, while it has the petition.
- ``petition_assign``: the officer in charge, one of the receiving committee's officers (or nobody).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core.services import audit_record

from ..models import EventKind, Petition, PetitionEvent, PetitionStatus
from ..notifications import notify_body_chase_on_commit
from ..selectors import officer_list_for_petition
from ._common import _event, _lock, _required_text

NOTE_MAX_LENGTH = 5000
CHASE_STATUSES = (PetitionStatus.FORWARDED, PetitionStatus.IN_PROGRESS)


def _clean_text(value: str) -> str:
    # PostgreSQL refuses NUL characters in text; nothing a person types needs them.
    return (value or "").replace("\x00", "").strip()


def _internal_event(petition: Petition, *, kind: str, note: str, actor) -> PetitionEvent:
    return _event(petition, kind=kind, actor=actor, is_public=False, internal_note=note, body=petition.body)


@transaction.atomic
def petition_note_add(*, petition: Petition, text: str, actor) -> PetitionEvent:
    """An internal note on the timeline (a call, a visit, a decision): officers and the body's liaison read it,
    the submitter never does."""
    text = _required_text(_clean_text(text), "text", _("Hãy nhập nội dung ghi chú."))
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError({"text": _("Ghi chú dài quá %(n)s ký tự.") % {"n": NOTE_MAX_LENGTH}}, code="max_length")
    petition = _lock(petition)
    petition.save(update_fields=["updated_at"])  # "last change" in the queue
    event = _internal_event(petition, kind=EventKind.NOTE, note=text, actor=actor)
    audit_record(actor=actor, action="petition.note_add", target=petition, changes={"length": len(text)})
    return event


@transaction.atomic
def petition_chase(*, petition: Petition, message: str = "", actor) -> PetitionEvent:
    """Remind the body to answer: an e-mail after commit with ``message``, the due date and the current signed
    link (which keeps working). The status, the due date and the reminder levels of the daily pass stay as they
    are."""
    message = _clean_text(message)
    if len(message) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"message": _("Lời nhắn dài quá %(n)s ký tự.") % {"n": NOTE_MAX_LENGTH}}, code="max_length"
        )
    petition = _lock(petition)
    if petition.status not in CHASE_STATUSES or petition.body_id is None:
        raise ValidationError(
            _("Chỉ đôn đốc cơ quan khi kiến nghị đang chờ cơ quan trả lời (đang ở trạng thái “%(status)s”).")
            % {"status": petition.get_status_display()},
            code="illegal_transition",
        )
    petition.save(update_fields=["updated_at"])
    event = _internal_event(
        petition, kind=EventKind.CHASED, note=message or _("Đề nghị cơ quan sớm trả lời."), actor=actor
    )
    audit_record(
        actor=actor, action="petition.chase", target=petition, changes={"body": petition.body, "message": bool(message)}
    )
    notify_body_chase_on_commit(event)
    return event


@transaction.atomic
def petition_assign(*, petition: Petition, assignee, actor) -> Petition:
    """Put an officer in charge (``assignee=None``: nobody). The assignee must be an active officer of the
    receiving committee (or a committee above it) who may read the petition: for a confidential one, an officer
    named on it."""
    petition = _lock(petition)
    if assignee is not None and not officer_list_for_petition(petition=petition).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {"assignee": _("Chỉ giao cho cán bộ của tổ chức tiếp nhận kiến nghị này.")}, code="not_colleague"
        )
    old = petition.assigned_to
    if old == assignee:
        return petition
    petition.assigned_to = assignee
    petition.save(update_fields=["assigned_to", "updated_at"])
    _internal_event(
        petition,
        kind=EventKind.ASSIGNED,
        note=_("Giao cho %(name)s.") % {"name": _officer_name(assignee)} if assignee else _("Bỏ giao cán bộ xử lý."),
        actor=actor,
    )
    audit_record(actor=actor, action="petition.assign", target=petition, changes={"assigned_to": [old, assignee]})
    return petition


def _officer_name(user) -> str:
    return user.get_full_name() or user.get_username()
