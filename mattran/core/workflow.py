"""The one step every status change shares, whatever the object: lock the row, refuse an arrow that is not in the
state diagram with a message that names the current status, then write the new status and the step's fields.
The caller adds its own timeline entry and audit row in the same transaction."""

from django.core.exceptions import ValidationError


def status_transition_apply(instance, *, allowed, to: str, refusal: str, **fields):
    """Return ``(current, old_status)``; ``refusal`` is a translated message with a ``%(status)s`` placeholder."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if current.status not in allowed:
        raise ValidationError(refusal % {"status": current.get_status_display()}, code="illegal_transition")
    old = current.status
    current.status = to
    for name, value in fields.items():
        setattr(current, name, value)
    current.save(update_fields=["status", "updated_at", *fields])
    return current, old
