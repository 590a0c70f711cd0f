"""What every criticism service shares: who did a step, the timeline entry, and the table of allowed steps."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Draft, DraftEvent, DraftStatus

S = DraftStatus

# The one place the draft's state diagram is written (docs/domain.md): each step and the statuses it may start
# from. "open", "close_period", "consolidate" and "close" change the status; the others act inside a status.
STEPS = {
    "version_add": (S.PREPARING, S.CONSOLIDATED),
    "open": (S.PREPARING,),
    "invite": (S.PREPARING, S.OPEN),
    "public_set": (S.OPEN,),
    "comment": (S.OPEN,),
    "moderate": (S.OPEN, S.REVIEWING),
    "close_period": (S.OPEN,),
    "consolidate": (S.REVIEWING,),
    "reply": (S.CONSOLIDATED,),
    "close": (S.CONSOLIDATED,),
}
# The steps that change the draft's status: each is audited as "draft.<step>".
DRAFT_TRANSITIONS = {step: STEPS[step] for step in ("open", "close_period", "consolidate", "close")}


def draft_can(draft: Draft, step: str) -> bool:
    return draft.status in STEPS[step]


def refusal() -> str:
    return _("Không thể thực hiện bước này khi dự thảo đang ở tình trạng “%(status)s”.")


def locked(draft: Draft) -> Draft:
    """The draft as it is now, locked until the transaction ends."""
    return Draft.objects.select_for_update().get(pk=draft.pk)


def step_require(draft: Draft, step: str) -> None:
    """Refuse a step the draft's current status does not allow, naming that status."""
    if not draft_can(draft, step):
        raise ValidationError(refusal() % {"status": draft.get_status_display()}, code="illegal_transition")


def actor_label(actor) -> str:
    if getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return str(actor or "hệ thống")


def event_add(draft: Draft, *, kind: str, actor, note: str = "", from_status: str = "", to_status: str = "",
              is_public: bool = True) -> DraftEvent:
    return DraftEvent.objects.create(
        draft=draft, kind=kind, note=note, from_status=from_status, to_status=to_status, is_public=is_public,
        actor=actor if getattr(actor, "is_authenticated", False) else None, actor_label=actor_label(actor)[:255],
    )
