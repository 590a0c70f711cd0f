from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .models import AuditEvent


class AuditOutsideTransactionError(RuntimeError):
    """Raised when an audit row would be written outside the transaction of the change it records."""


def audit_record(
    *, actor, action: str, target: models.Model | None = None, changes: dict[str, Any] | None = None
) -> AuditEvent:
    """Record a staff write. Must be called inside the ``transaction.atomic`` block that makes the change,
    so the change and its audit row are committed or rolled back together."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransactionError("audit_record() must run inside the transaction of the change.")
    actor_is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if actor_is_user else None,
        actor_label=(actor.get_username() if actor_is_user else str(actor or "system"))[:255],
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        changes=_jsonable(changes or {}),
    )


def model_changes(instance: models.Model, fields: list[str], old: dict[str, Any]) -> dict[str, Any]:
    """``{"field": [old, new]}`` for the fields whose value changed; used to build audit rows."""
    result = {}
    for name in fields:
        new = getattr(instance, name)
        if old.get(name) != new:
            result[name] = [old.get(name), new]
    return result


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
