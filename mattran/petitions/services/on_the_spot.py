"""An opinion answered on the spot at a dialogue conference or a voter-contact session (issue 11).

The leader answers in the room, in front of the person who asked: the body's answer, the Front's acceptance of
it and informing the submitter happen at once. This one service takes an accepted petition through the same
steps the normal flow records (answered → answer_accepted → informed, each with its timeline entry), with the
inform method "at the meeting", and writes one audit row. No e-mail goes to the body: it has already answered.

    accepted ─ petition_answer_on_the_spot ─▶ informed ("trả lời trực tiếp tại hội nghị")
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.services import audit_record
from mattran.organisations.models import Body

from ..models import EventKind, InformMethod, Petition, PetitionStatus
from ._common import _actor_label, _event, _lock, _required_text, _save, _set_status
from .review import _refuse_personal_details

S = PetitionStatus

ON_THE_SPOT_FROM = (S.ACCEPTED,)


@transaction.atomic
def petition_answer_on_the_spot(
    *,
    petition: Petition,
    answer: str,
    answered_by: str = "",
    body: Body | None = None,
    answered_at: datetime.datetime | None = None,
    actor,
) -> Petition:
    """Close the loop of an opinion answered in the room: the answer (public as given, so it must not carry
    the speaker's details) and the record that the speaker heard it there."""
    answer = _required_text(answer, "answer", _("Hãy nhập nội dung trả lời tại hội nghị."))
    petition = _lock(petition)
    if petition.status not in ON_THE_SPOT_FROM:
        raise ValidationError(
            _("Chỉ ghi trả lời tại hội nghị cho kiến nghị đã tiếp nhận; kiến nghị đang ở trạng thái “%(status)s”.")
            % {"status": petition.get_status_display()},
            code="illegal_transition",
        )
    _refuse_personal_details(petition, answer, field="answer")
    now = answered_at or timezone.now()
    by = ((answered_by or "").strip() or _actor_label(actor))[:255]
    petition.body = body or petition.body

    old = _set_status(petition, S.ANSWERED)
    petition.answer_text, petition.answered_at, petition.answered_on, petition.answered_by = (
        answer, now, timezone.localdate(now), by)
    _event(petition, kind=EventKind.ANSWERED, actor=actor, from_status=old, internal_note=answer,
           body=petition.body, is_public=False)
    old = _set_status(petition, S.ANSWER_ACCEPTED)
    petition.answer_public_text, petition.answer_accepted_at = answer, now
    _event(petition, kind=EventKind.ANSWER_ACCEPTED, actor=actor, from_status=old, public_text=answer,
           body=petition.body, is_public=False)
    old = _set_status(petition, S.INFORMED)
    petition.inform_method, petition.informed_at, petition.informed_by = InformMethod.MEETING, now, by
    _save(petition, "body", "answer_text", "answered_at", "answered_on", "answered_by", "answer_public_text",
          "answer_accepted_at", "inform_method", "informed_at", "informed_by")
    _event(petition, kind=EventKind.INFORMED, actor=actor, from_status=old,
           public_text=_("Trả lời trực tiếp tại hội nghị"), internal_note=answer)
    audit_record(
        actor=actor,
        action="petition.answer_on_the_spot",
        target=petition,
        changes={"status": [S.ACCEPTED, S.INFORMED], "answered_by": by, "body": petition.body},
    )
    return petition
