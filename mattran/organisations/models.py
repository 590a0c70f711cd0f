import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mattran.core.models import TimeStampedModel, unique_slug
from mattran.core.text import vi_slugify

# Vietnam's two-level local government (no districts) took effect on this day.
DISTRICT_ABOLITION_DATE = datetime.date(2025, 7, 1)


class EnglishNameMixin:
    """A name with an English form (``name_en``) that English pages and the English admin show, falling back to
    the Vietnamese name when it is blank. ``str()`` is what choice labels, lists and templates print, so the
    language is picked here once rather than in every form and template."""

    def __str__(self):
        return self.display_name(get_language())

    def display_name(self, language: str = "vi") -> str:
        return self.name_en if language == "en" and self.name_en else self.name


class ValidityQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        """Rows valid on ``day``: started on or before it (or no start) and not ended before it."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class ValidityPeriod(models.Model):
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Để trống nếu còn hoạt động.")
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class OrganisationKind(models.TextChoices):
    CENTRAL_COMMITTEE = "central", _("Ủy ban MTTQ Việt Nam (trung ương)")
    PROVINCE_COMMITTEE = "province", _("Ủy ban MTTQ cấp tỉnh, thành phố")
    DISTRICT_COMMITTEE = "district", _("Ủy ban MTTQ cấp huyện, quận (đến 30/6/2025)")
    COMMUNE_COMMITTEE = "commune", _("Ủy ban MTTQ cấp xã, phường, đặc khu")
    STANDING_BOARD = "standing_board", _("Ban Thường trực")
    RESIDENTIAL_COMMITTEE = "residential", _("Ban công tác Mặt trận khu dân cư")
    MEMBER_ORGANISATION = "member", _("Tổ chức thành viên")
    PEOPLE_INSPECTION = "people_inspection", _("Ban Thanh tra nhân dân")
    INVESTMENT_SUPERVISION = "investment_supervision", _("Ban giám sát đầu tư của cộng đồng")


class OrganisationQuerySet(ValidityQuerySet):
    def descendants_of(self, organisation: "Organisation", *, include_self: bool = True):
        qs = self.filter(path__startswith=organisation.path)
        return qs if include_self else qs.exclude(pk=organisation.pk)

    def ancestors_of(self, organisation: "Organisation", *, include_self: bool = True):
        ids = organisation.path_ids()
        if not include_self:
            ids = ids[:-1]
        return self.filter(pk__in=ids)

    def committees(self):
        return self.filter(
            kind__in=[
                OrganisationKind.CENTRAL_COMMITTEE,
                OrganisationKind.PROVINCE_COMMITTEE,
                OrganisationKind.DISTRICT_COMMITTEE,
                OrganisationKind.COMMUNE_COMMITTEE,
            ]
        )


class Organisation(EnglishNameMixin, ValidityPeriod, TimeStampedModel):
    """A unit of the Front system: a committee at some level, a residential-area working committee, a member
    organisation, a people's inspection board…  Units are never deleted when the map changes: the District 11
    committee ends on 2025-06-30 and points at its four ward successors, and its 2018 articles stay its own.
    """

    name = models.CharField(_("tên"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ids ("/1/7/42/"), kept by save(): subtree queries are one indexed prefix match.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    admin_unit_code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=10,
        blank=True,
        db_index=True,
        help_text=_("Mã tỉnh hoặc xã theo danh mục đơn vị hành chính (sau 01/7/2025)."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin"), blank=True)
    description = models.TextField(_("giới thiệu"), blank=True)
    description_en = models.TextField(_("giới thiệu (tiếng Anh)"), blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        through="Succession",
        through_fields=("predecessor", "successor"),
        symmetrical=False,
        related_name="predecessors",
        blank=True,
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["path"]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.short_name or self.name, fallback="to-chuc")
        old_path = self.path
        super().save(*args, **kwargs)
        new_path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if new_path != old_path:
            type(self).objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:
                for child in type(self).objects.filter(parent=self):
                    child.save(update_fields=["path"])

    def clean(self):
        super().clean()
        if self.parent_id and self.pk and f"/{self.pk}/" in (self.parent.path or f"/{self.parent_id}/"):
            raise ValidationError(
                {"parent": _("Một tổ chức không thể trực thuộc chính nó hoặc đơn vị cấp dưới của nó.")}
            )

    def path_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    @property
    def is_archived(self) -> bool:
        return self.valid_to is not None and self.valid_to < datetime.date.today()


class Succession(models.Model):
    """A predecessor → successor link, e.g. District 11 → Ward Minh Phụng from 2025-07-01."""

    predecessor = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="succeeded_by"
    )
    successor = models.ForeignKey(
        Organisation, verbose_name=_("đơn vị kế thừa"), on_delete=models.CASCADE, related_name="succeeds"
    )
    effective_date = models.DateField(_("ngày có hiệu lực"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kế thừa")
        verbose_name_plural = _("kế thừa")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


class Topic(EnglishNameMixin, models.Model):
    """Lĩnh vực: the subject area of a petition, document or supervision (land, environment, social policy…)."""

    name = models.CharField(_("tên lĩnh vực"), max_length=150, unique=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=150, blank=True)
    code = models.SlugField(_("mã"), max_length=60, unique=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_order", "name"]

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = vi_slugify(self.name, max_length=60)
        super().save(*args, **kwargs)


class BodyKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy Đảng")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    POLICE = "police", _("Công an")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp công lập")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OTHER = "other", _("Khác")


class BodyQuerySet(ValidityQuerySet):
    pass


class Body(EnglishNameMixin, ValidityPeriod, TimeStampedModel):
    """A competent body (cơ quan, tổ chức có thẩm quyền) that must answer petitions or is supervised."""

    name = models.CharField(_("tên cơ quan"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True, blank=True)
    kind = models.CharField(_("loại"), max_length=32, choices=BodyKind.choices)
    area = models.ForeignKey(
        Organisation,
        verbose_name=_("địa bàn (tổ chức Mặt trận cùng cấp)"),
        on_delete=models.PROTECT,
        related_name="bodies",
        help_text=_("Ủy ban MTTQ cùng cấp với địa bàn cơ quan phục vụ."),
    )
    admin_unit_code = models.CharField(_("mã đơn vị hành chính"), max_length=10, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, fallback="co-quan")
        super().save(*args, **kwargs)


class BodyContact(models.Model):
    """Who at a body receives items on a topic (blank topic: everything else)."""

    body = models.ForeignKey(
        Body, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="contacts"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.CASCADE
    )
    name = models.CharField(_("họ tên / bộ phận"), max_length=255)
    role = models.CharField(_("chức vụ"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("đầu mối liên hệ")
        verbose_name_plural = _("đầu mối liên hệ")
        ordering = ["body", "topic", "name"]

    def __str__(self):
        return f"{self.name} — {self.body}"


class RoutingRule(TimeStampedModel):
    """Data, not code: items of ``topic`` received by ``organisation`` go to ``body`` (a blank topic is the
    organisation's default). Rules inherit down the tree: a ward without its own rule uses its parent's."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức tiếp nhận"),
        on_delete=models.CASCADE,
        related_name="routing_rules",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("chuyển đến cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quy tắc chuyển")
        verbose_name_plural = _("quy tắc chuyển")
        ordering = ["organisation", "topic"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "topic"],
                condition=models.Q(topic__isnull=False),
                name="routing_rule_unique_org_topic",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(topic__isnull=True),
                name="routing_rule_unique_org_default",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.topic or _('mọi lĩnh vực')} → {self.body}"
