from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from mattran.core.models import TimeStampedModel
from mattran.organisations.models import Body, Organisation, ValidityPeriod, ValidityQuerySet


class User(AbstractUser):
    """The project's user from the first migration. Citizens need no account; staff, editors and liaison
    officers of bodies have one."""

    full_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị")
    EDITOR = "editor", _("Biên tập viên")
    OFFICER = "officer", _("Cán bộ Mặt trận")
    LIAISON = "liaison", _("Cán bộ đầu mối của cơ quan")


class Membership(ValidityPeriod, TimeStampedModel):
    """A user's role at an organisation; it reaches every organisation below it in the tree.

    A liaison membership also names the body the liaison answers for: liaisons see only what was
    forwarded to that body.
    """

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    body = models.ForeignKey(
        Body,
        verbose_name=_("cơ quan (đối với cán bộ đầu mối)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="liaison_memberships",
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_user_org_role"
            ),
            models.CheckConstraint(
                condition=models.Q(role="liaison", body__isnull=False) | ~models.Q(role="liaison"),
                name="membership_liaison_has_body",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    def clean(self):
        super().clean()
        if self.role == Role.LIAISON and not self.body_id:
            raise ValidationError({"body": _("Cán bộ đầu mối phải gắn với một cơ quan.")})


class OrganisationGroup(models.Model):
    """The Wagtail group that carries one role's page, image and document rights at one organisation
    ("Biên tập viên · Phường Bình Thới"): page permissions on the organisation's portal, collection
    permissions on its collection, both inherited down the tree by Wagtail itself. Members are kept in step
    with active memberships by ``accounts.services``; nobody should add users to these groups by hand."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="rights_groups"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="organisation_rights"
    )

    class Meta:
        verbose_name = _("nhóm quyền của tổ chức")
        verbose_name_plural = _("nhóm quyền của tổ chức")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role"], name="organisation_group_unique_org_role")
        ]

    def __str__(self):
        return self.group.name


class OrganisationCollection(models.Model):
    """The Wagtail collection (images, documents) of one organisation, nested like the organisation tree so
    that a city committee's staff reach their wards' collections."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="rights_collection"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("bộ sưu tập"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("bộ sưu tập của tổ chức")
        verbose_name_plural = _("bộ sưu tập của tổ chức")

    def __str__(self):
        return str(self.collection)
