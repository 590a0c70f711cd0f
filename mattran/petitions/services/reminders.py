"""Deadlines at work: the daily pass that reminds the body and escalates (``petitions_daily``), each reminder,
and a fresh signed link for the body. None of these changes a petition's status."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.services import audit_record

from ..deadlines import working_days_between
from ..models import EventKind, Petition, PetitionEvent, PetitionSettings, PetitionStatus, liaison_nonce_new
from ..notifications import notify_body_on_commit, notify_deadline_on_commit
from ..selectors import petition_list_deadline_candidates
from ._common import _event, _lock


@transaction.atomic
def petition_liaison_link_resend(*, petition: Petition, actor) -> PetitionEvent:
    """Email the body a fresh signed link (e.g. when the first one expired) for the current forwarding."""
    petition = _lock(petition)
    if petition.status not in (PetitionStatus.FORWARDED, PetitionStatus.IN_PROGRESS):
        raise ValidationError(
            _("Chỉ gửi lại đường dẫn khi kiến nghị đang chờ cơ quan trả lời."), code="illegal_transition"
        )
    forward = petition.events.filter(kind=EventKind.FORWARDED).order_by("-created_at", "-id").first()
    petition.liaison_nonce = liaison_nonce_new()  # the links sent before stop working
    petition.save(update_fields=["liaison_nonce", "updated_at"])
    _event(
        petition,
        kind=EventKind.REMINDED,
        actor=actor,
        is_public=False,
        internal_note=_("Gửi lại đường dẫn trả lời cho cơ quan."),
        body=petition.body,
    )
    audit_record(actor=actor, action="petition.liaison_link_resend", target=petition, changes={"body": petition.body})
    notify_body_on_commit(forward)
    return forward


@transaction.atomic
def petition_remind(*, petition: Petition, level: int, actor="petitions_daily") -> PetitionEvent:
    """Record a reminder (level 1: the body's liaison before the due date; 2: the officer on the due date;
    3: the committee one level up after the grace period). The email goes out after commit."""
    petition = _lock(petition)
    kind = EventKind.REMINDED if level == 1 else EventKind.ESCALATED
    petition.escalation_level = level
    petition.save(update_fields=["escalation_level", "updated_at"])
    event = _event(petition, kind=kind, actor=actor, is_public=False, internal_note=str(level), body=petition.body)
    audit_record(actor=actor, action="petition.remind", target=petition, changes={"level": level})
    notify_deadline_on_commit(event, level=level)
    return event


def petitions_daily_run(*, today: datetime.date | None = None, actor="petitions_daily") -> dict[str, int]:
    """The daily deadline pass: remind, escalate; each petition at most once per level and round."""
    today = today or timezone.localdate()
    config = PetitionSettings.load()
    counts = {"reminded": 0, "escalated_officer": 0, "escalated_up": 0}
    for petition in petition_list_deadline_candidates():
        days_left = working_days_between(today, petition.due_date)
        if petition.due_date < today:
            late = working_days_between(petition.due_date, today)
            if late >= config.escalation_grace_working_days and petition.escalation_level < 3:
                petition_remind(petition=petition, level=3, actor=actor)
                counts["escalated_up"] += 1
                continue
        if petition.due_date <= today and petition.escalation_level < 2:
            petition_remind(petition=petition, level=2, actor=actor)
            counts["escalated_officer"] += 1
        elif 0 < days_left <= config.remind_before_working_days and petition.escalation_level < 1:
            petition_remind(petition=petition, level=1, actor=actor)
            counts["reminded"] += 1
    return counts
