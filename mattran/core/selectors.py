from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def audit_list_for(*, target: models.Model):
    """The audit trail of one object, newest first."""
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
