"""What every dialogues service shares: who did a step, the timeline entry, the table of allowed steps."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Meeting, MeetingEvent, MeetingStatus

S = MeetingStatus

# The meeting's state diagram (docs/domain.md): each step and the statuses it may start from.
STEPS = {
    "update": (S.PLANNED, S.HELD),
    "hold": (S.PLANNED,),
    "cancel": (S.PLANNED,),
    "record": (S.PLANNED, S.HELD),  # opinions are recorded in the room, from the moment the meeting opens
    "question": (S.PLANNED,),  # citizens' questions in advance
    "minutes": (S.HELD, S.CLOSED),
    "commit": (S.PLANNED, S.HELD),
    "forward": (S.PLANNED, S.HELD, S.CLOSED),
    "close": (S.HELD,),
}


def meeting_can(meeting: Meeting, step: str) -> bool:
    return meeting.status in STEPS[step]


def refusal() -> str:
    return _("Không thể thực hiện bước này khi hội nghị đang ở tình trạng “%(status)s”.")


def locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def step_require(meeting: Meeting, step: str) -> None:
    if not meeting_can(meeting, step):
        raise ValidationError(refusal() % {"status": meeting.get_status_display()}, code="illegal_transition")


def actor_label(actor) -> str:
    if getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return str(actor or "hệ thống")


def event_add(meeting: Meeting, *, kind: str, actor, note: str = "", from_status: str = "",
              to_status: str = "") -> MeetingEvent:
    return MeetingEvent.objects.create(
        meeting=meeting, kind=kind, note=note, from_status=from_status, to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None, actor_label=actor_label(actor)[:255],
    )


def clean_text(value) -> str:
    return (value or "").replace("\x00", "").strip()
