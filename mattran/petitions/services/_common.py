"""What every petition service shares: who the actor is, the row lock, the timeline entry, and the one status
transition (``_transition``) that every workflow step goes through."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.services import audit_record
from mattran.organisations.models import Body

from ..models import STATUS_GROUPS, Petition, PetitionEvent
from ..notifications import notify_submitter_on_commit
from ..workflow import ACTION_LABELS, transition_allowed


def _require(petition: Petition, action: str) -> None:
    if not transition_allowed(petition, action):
        raise ValidationError(
            _("Không thể %(action)s khi kiến nghị đang ở trạng thái “%(status)s”.")
            % {"action": str(ACTION_LABELS[action]), "status": petition.get_status_display()},
            code="illegal_transition",
        )


def _actor_label(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return str(actor)[:255]
    return str(actor or "system")[:255]


def _actor_user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _lock(petition: Petition) -> Petition:
    """Re-read the row under a lock so two officers cannot apply conflicting transitions at once."""
    return Petition.objects.select_for_update().get(pk=petition.pk)


def _event(
    petition: Petition,
    *,
    kind: str,
    actor,
    from_status: str = "",
    public_text: str = "",
    internal_note: str = "",
    is_public: bool = True,
    body: Body | None = None,
) -> PetitionEvent:
    event = PetitionEvent.objects.create(
        petition=petition,
        kind=kind,
        from_status=from_status,
        to_status=petition.status if from_status else "",
        is_public=is_public,
        public_text=public_text,
        internal_note=internal_note,
        body=body,
        actor=_actor_user(actor),
        actor_label=_actor_label(actor),
    )
    if is_public:
        notify_submitter_on_commit(event)
    return event


def _set_status(petition: Petition, status: str) -> str:
    old = petition.status
    petition.status = status
    petition.status_group = STATUS_GROUPS[status]
    petition.status_changed_at = timezone.now()
    return old


def _save(petition: Petition, *fields: str) -> None:
    petition.save(update_fields=["status", "status_group", "status_changed_at", "updated_at", *fields])


def _required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message}, code="required")
    return value


def _transition(
    petition: Petition,
    action: str,
    *,
    to: str,
    kind: str,
    actor,
    prepare: Callable[[Petition], dict] | None = None,
    audited: tuple[str, ...] = (),
    changes: dict | Callable[[Petition], dict] | None = None,
    public_text: str | Callable[[Petition], str] = "",
    internal_note: str = "",
    with_body: bool = False,
    **fields,
) -> tuple[Petition, PetitionEvent]:
    """One workflow step: lock the row, refuse an arrow ``workflow.TRANSITIONS`` does not draw, write the new
    status and ``fields``, add the timeline entry and the audit row ``petition.<action>``.

    ``prepare(locked)`` runs after the status check, for the checks and fields that need the locked row (it
    may raise ValidationError); its fields join ``fields``. ``audited`` fields are recorded as [old, new];
    ``changes`` adds to the audit row. ``changes`` and ``public_text`` may be functions of the updated petition;
    ``with_body`` names the petition's (new) body on the timeline entry. Returns the locked petition and its
    entry."""
    petition = _lock(petition)
    _require(petition, action)
    if prepare is not None:
        fields |= prepare(petition)
    before = {name: getattr(petition, name) for name in audited}
    old = _set_status(petition, to)
    for name, value in fields.items():
        setattr(petition, name, value)
    _save(petition, *fields)
    event = _event(
        petition,
        kind=kind,
        actor=actor,
        from_status=old,
        public_text=public_text(petition) if callable(public_text) else public_text,
        internal_note=internal_note,
        body=petition.body if with_body else None,
    )
    extra = changes(petition) if callable(changes) else changes or {}
    audit_record(
        actor=actor,
        action=f"petition.{action}",
        target=petition,
        changes={"status": [old, to], **{name: [before[name], fields[name]] for name in audited}, **extra},
    )
    return petition, event
