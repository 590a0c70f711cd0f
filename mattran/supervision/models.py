"""Supervision (giám sát) by a Front committee and the recommendations made afterwards (kiến nghị sau giám sát),
followed until the supervised body has answered in writing and carried them out.

A committee's yearly ``Programme`` lists planned ``SupervisionActivity`` rows; an activity ends with a findings
report and ``Recommendation`` rows addressed to bodies. Current statuses are written only by the services in
``services/``; the histories are the append-only ``ActivityEvent`` and ``RecommendationEvent`` timelines. Overdue
and progress roll-ups are never stored: see ``RecommendationQuerySet`` and ``selectors``.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from mattran.core.files import private_storage, random_name
from mattran.core.models import TimelineEntry, TimeStampedModel, unique_slug
from mattran.organisations.models import Body, Organisation, Topic

from .choices import (
    AWAITING_RESPONSE,
    RECOMMENDATION_GROUPS,
    ActivityDocumentKind,
    ActivityEventKind,
    ActivityStatus,
    RecommendationEventKind,
    RecommendationGroup,
    RecommendationStatus,
    ResponseKind,
    SupervisionForm,
    TopicSource,
)

# The vocabulary lives in choices.py; other modules and apps import it from here too.
__all__ = [
    "AWAITING_RESPONSE",
    "RECOMMENDATION_GROUPS",
    "ActivityDocument",
    "ActivityDocumentKind",
    "ActivityEvent",
    "ActivityEventKind",
    "ActivityStatus",
    "Milestone",
    "Programme",
    "Recommendation",
    "RecommendationEvent",
    "RecommendationEventKind",
    "RecommendationGroup",
    "RecommendationQuerySet",
    "RecommendationStatus",
    "ResponseKind",
    "SupervisionActivity",
    "SupervisionForm",
    "SupervisionSettings",
    "TopicSource",
    "WorkingSession",
    "liaison_nonce_new",
]


@register_setting(icon="time")
class SupervisionSettings(BaseGenericSetting):
    """Time limits of supervision, as data: the law changed on 1 July 2025 and the limits are not settled in public
    sources, so each has a default and is shown to the officer."""

    notice_min_days = models.PositiveSmallIntegerField(
        _("thông báo cho đối tượng giám sát trước ít nhất (ngày)"), default=15
    )
    response_limit_days = models.PositiveSmallIntegerField(
        _("hạn trả lời bằng văn bản kiến nghị sau giám sát (ngày)"), default=20
    )
    due_soon_days = models.PositiveSmallIntegerField(_("báo sắp đến hạn trước (ngày)"), default=7)
    liaison_link_days = models.PositiveSmallIntegerField(
        _("thời hạn của đường dẫn gửi cơ quan nhận kiến nghị (ngày)"), default=30
    )

    class Meta:
        verbose_name = _("cài đặt giám sát")


class Programme(TimeStampedModel):
    """A committee's supervision programme for one year (chương trình giám sát), agreed with the party committee
    and the government; its activities are the plan, and their statuses are its progress."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("ủy ban"), on_delete=models.PROTECT, related_name="supervision_programmes"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=255)
    agreed_on = models.DateField(_("ngày thống nhất với cấp ủy, chính quyền"), null=True, blank=True)
    agreed_with = models.CharField(_("thống nhất với"), max_length=255, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("chương trình giám sát")
        verbose_name_plural = _("chương trình giám sát")
        ordering = ["-year", "organisation__path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="programme_unique_org_year"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"


class SupervisionActivity(TimeStampedModel):
    """One supervision (cuộc giám sát): who supervises whom, about what, how, and what it found."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("ủy ban chủ trì"), on_delete=models.PROTECT, related_name="supervisions"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("chương trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    reference = models.CharField(_("số hiệu"), max_length=20, unique=True, editable=False)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    form = models.CharField(_("hình thức"), max_length=24, choices=SupervisionForm.choices)
    title = models.CharField(_("nội dung giám sát"), max_length=255)
    topic = models.ForeignKey(
        Topic, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    topic_source = models.CharField(
        _("nguồn của nội dung"), max_length=16, choices=TopicSource.choices, default=TopicSource.PROGRAMME
    )
    topic_evidence = models.TextField(_("căn cứ chọn nội dung"), blank=True)
    subjects = models.ManyToManyField(
        Body, verbose_name=_("đối tượng giám sát (cơ quan)"), blank=True, related_name="supervisions"
    )
    subject_office_holders = models.TextField(
        _("đối tượng giám sát (người giữ chức vụ)"), blank=True, help_text=_("Mỗi người một dòng.")
    )
    delegation_head = models.CharField(_("trưởng đoàn"), max_length=255, blank=True)
    delegation_members = models.TextField(_("thành viên đoàn"), blank=True, help_text=_("Mỗi người một dòng."))
    planned_start = models.DateField(_("dự kiến bắt đầu"), null=True, blank=True)
    planned_end = models.DateField(_("dự kiến kết thúc"), null=True, blank=True)
    notice_sent_on = models.DateField(_("ngày gửi thông báo cho đối tượng"), null=True, blank=True)
    self_report_received_on = models.DateField(_("ngày nhận báo cáo tự giám sát"), null=True, blank=True)
    started_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    finished_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    findings_summary = models.TextField(_("tóm tắt kết quả giám sát (công khai)"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    is_published = models.BooleanField(_("công khai trên trang giám sát"), default=False)
    resupervises = models.ManyToManyField(
        "Recommendation",
        verbose_name=_("tái giám sát các kiến nghị"),
        blank=True,
        related_name="resupervisions",
    )

    class Meta:
        verbose_name = _("cuộc giám sát")
        verbose_name_plural = _("cuộc giám sát")
        ordering = ["-planned_start", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="supervision_org_status_idx")]

    def __str__(self):
        return f"{self.reference} · {self.title}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="giam-sat")
        super().save(*args, **kwargs)


def _activity_file_upload_to(instance, filename: str) -> str:
    # Random names: never the uploader's file name, never guessable; always stored as PDF.
    return random_name("supervision/activities", "pdf")


class ActivityDocument(models.Model):
    """A file of a supervision (decision, plan, notice, self-report, minutes, findings), stored privately as PDF
    and served only through a view that checks the reader's organisation."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=16, choices=ActivityDocumentKind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp PDF"), upload_to=_activity_file_upload_to, storage=private_storage)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tài liệu giám sát")
        verbose_name_plural = _("tài liệu giám sát")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title


class WorkingSession(models.Model):
    """A working session (buổi làm việc) of the delegation with a subject, with its minutes."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("ngày làm việc"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    body = models.ForeignKey(
        Body, verbose_name=_("làm việc với"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    participants = models.TextField(_("thành phần"), blank=True)
    minutes = models.TextField(_("biên bản (tóm tắt)"), blank=True)

    class Meta:
        verbose_name = _("buổi làm việc")
        verbose_name_plural = _("buổi làm việc")
        ordering = ["held_on", "id"]

    def __str__(self):
        return f"{self.activity.reference} · {self.held_on:%d/%m/%Y}"


class ActivityEvent(TimelineEntry):
    """One entry of a supervision's timeline. Append-only."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=16, choices=ActivityEventKind.choices)
    from_status = models.CharField(max_length=12, choices=ActivityStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ActivityStatus.choices, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta(TimelineEntry.Meta):
        verbose_name = _("diễn biến cuộc giám sát")
        verbose_name_plural = _("diễn biến cuộc giám sát")

    def __str__(self):
        return f"{self.activity_id} {self.kind}"


class RecommendationQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Waiting for the written response after its due date."""
        today = today or timezone.localdate()
        return self.filter(status__in=AWAITING_RESPONSE, response_due__lt=today)

    def public(self):
        return self.filter(activity__is_published=True).exclude(status=RecommendationStatus.DRAFTED)


def liaison_nonce_new() -> str:
    return secrets.token_urlsafe(9)


class Recommendation(TimeStampedModel):
    """A recommendation after supervision (kiến nghị sau giám sát) addressed to one body, followed through the
    body's written response and its implementation. Children split a recommendation into parts; a parent's
    progress is rolled up from its children (``selectors.recommendation_progress``)."""

    activity = models.ForeignKey(
        SupervisionActivity,
        verbose_name=_("cuộc giám sát"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("ủy ban kiến nghị"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc kiến nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    reference = models.CharField(_("số hiệu"), max_length=24, unique=True, editable=False)
    addressee = models.ForeignKey(
        Body, verbose_name=_("cơ quan nhận kiến nghị"), on_delete=models.PROTECT, related_name="recommendations"
    )
    text = models.TextField(_("nội dung kiến nghị"))
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.DRAFTED
    )
    issued_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    response_due = models.DateField(_("hạn trả lời bằng văn bản"), null=True, blank=True)
    response_kind = models.CharField(_("ý kiến của cơ quan"), max_length=16, choices=ResponseKind.choices, blank=True)
    response_text = models.TextField(_("văn bản trả lời"), blank=True)
    responded_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    implementation_due = models.DateField(_("hạn thực hiện"), null=True, blank=True)
    # The latest reported progress of this recommendation itself; a parent's shown progress rolls up its children.
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0, validators=[MaxValueValidator(100)])
    implemented_on = models.DateField(_("ngày thực hiện xong"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        Organisation,
        verbose_name=_("đã báo cáo lên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    escalated_on = models.DateField(_("ngày báo cáo cấp trên"), null=True, blank=True)
    # Named by the body's signed link; a new value on each issue or resend makes the earlier links stop working.
    liaison_nonce = models.CharField(max_length=24, blank=True, editable=False)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị sau giám sát")
        verbose_name_plural = _("kiến nghị sau giám sát")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["status", "response_due"], name="recommendation_due_idx"),
            models.Index(fields=["addressee", "status"], name="recommendation_body_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="recommendation_progress_le_100"),
        ]

    def __str__(self):
        return self.reference

    @property
    def group(self) -> str:
        return RECOMMENDATION_GROUPS[self.status]

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in AWAITING_RESPONSE
            and self.response_due is not None
            and self.response_due < timezone.localdate()
        )

    @property
    def answered_on_time(self) -> bool | None:
        if not self.responded_on or not self.response_due:
            return None
        return self.responded_on <= self.response_due


class RecommendationEvent(TimelineEntry):
    """One entry of a recommendation's timeline. Append-only; ``is_public`` entries appear on /giam-sat/."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=16, choices=RecommendationEventKind.choices)
    from_status = models.CharField(max_length=20, choices=RecommendationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=RecommendationStatus.choices, blank=True)
    is_public = models.BooleanField(_("công khai"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta(TimelineEntry.Meta):
        verbose_name = _("diễn biến kiến nghị")
        verbose_name_plural = _("diễn biến kiến nghị")
        indexes = [models.Index(fields=["recommendation", "created_at"], name="recommendation_event_idx")]

    def __str__(self):
        return f"{self.recommendation_id} {self.kind}"


def _evidence_upload_to(instance, filename: str) -> str:
    return random_name("supervision/evidence", "pdf")


class Milestone(models.Model):
    """An implementation milestone reported by the body (or recorded by the officer): what was done by when, the
    progress it brings the recommendation to, and an evidence file."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="milestones")
    reached_on = models.DateField(_("ngày"))
    description = models.TextField(_("nội dung đã thực hiện"))
    progress = models.PositiveSmallIntegerField(_("tiến độ sau mốc này (%)"), validators=[MaxValueValidator(100)])
    evidence = models.FileField(
        _("tài liệu minh chứng (PDF)"), upload_to=_evidence_upload_to, storage=private_storage, blank=True
    )
    reported_at = models.DateTimeField(_("báo cáo lúc"), default=timezone.now)
    reported_by_label = models.CharField(_("người báo cáo"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mốc thực hiện")
        verbose_name_plural = _("mốc thực hiện")
        ordering = ["reached_on", "id"]

    def __str__(self):
        return f"{self.recommendation.reference} · {self.progress}%"
