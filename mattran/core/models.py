from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .text import vi_slugify


def unique_slug(instance: models.Model, text: str, *, field: str = "slug", fallback: str = "muc") -> str:
    """A Vietnamese ASCII slug for ``text`` not yet used by another row of the same model ("-2", "-3"… added)."""
    max_length = instance._meta.get_field(field).max_length or 50
    base = vi_slugify(text, max_length=max_length - 4) or fallback
    queryset = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 2
    while queryset.filter(**{field: slug}).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class TimeStampedModel(models.Model):
    """Created/updated stamps for every project model that staff edit."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class TimelineEntry(models.Model):
    """What every workflow timeline row has (petitions, supervision, criticism, dialogues): when, and who — a user,
    or a label for the citizen, a body's signed link or a task. Append-only; the concrete model adds its object,
    kind and statuses, and keeps this ordering (``class Meta(TimelineEntry.Meta)``)."""

    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=255, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class AuditEvent(models.Model):
    """One row per staff write (who, when, what, old and new values), written in the write's own transaction.

    Append-only: nothing updates or deletes these rows. The target is kept both as a generic reference
    and as text, so the record survives the target's deletion.
    """

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("người thực hiện (lưu văn bản)"), max_length=255, blank=True)
    action = models.CharField(_("thao tác"), max_length=100, db_index=True)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("loại đối tượng"), null=True, blank=True, on_delete=models.SET_NULL
    )
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)

    # Audit rows point at everything; Wagtail's reference index has no use for them (and would queue a task per row).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"], name="audit_target_idx")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action_label()} {self.target_repr}"

    @admin.display(description=_("thao tác"), ordering="action")
    def action_label(self) -> str:
        """The action in words, in the active language (the code itself when it has no label)."""
        from .audit_actions import audit_action_label

        return audit_action_label(self.action)


class ReferenceSequence(models.Model):
    """The last number given out per (prefix, year), so public references ("GS-2026-0012") are short, readable
    and unique. Allocated by ``mattran.core.sequences.reference_allocate`` inside the creating transaction."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("dãy số hiệu")
        verbose_name_plural = _("dãy số hiệu")
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_sequence_unique")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"
