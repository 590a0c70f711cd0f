"""Petitions (ý kiến, kiến nghị, phản ánh của Nhân dân) from intake to the answer and informing the people back.

The current ``status`` is written only by the transition services in ``services.py``; the history is the
append-only ``PetitionEvent`` timeline. "Overdue" is never stored: see ``PetitionQuerySet.overdue``. The fixed
lists (statuses, channels…) are in ``petitions/choices.py``, tracking codes and references in
``petitions/codes.py``, the rules edited in the admin (deadlines, settings, intake) in ``models/rules.py``; all are
importable from here.
"""

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.core.files import private_storage, random_name
from mattran.core.models import TimelineEntry, TimeStampedModel
from mattran.organisations.models import Body, Organisation, Topic

from ..choices import (  # noqa: F401
    ANSWER_PUBLISHED_STATUSES,
    PENDING_STATUSES,
    STATUS_GROUPS,
    STATUTORY_KINDS,
    EventKind,
    InformMethod,
    PetitionChannel,
    PetitionKind,
    PetitionStatus,
    StatusGroup,
    choice_label,
)
from ..codes import (  # noqa: F401
    liaison_nonce_new,
    reference_format,
    reference_normalise,
    tracking_code_new,
    tracking_code_normalise,
)
from .rules import DeadlineRule, PetitionSettings, TopicIntakeRule  # noqa: F401


class PetitionReferenceSequence(models.Model):
    """The last public reference number given out in a year (``reference_allocate``)."""

    year = models.PositiveSmallIntegerField(_("năm"), primary_key=True)
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("dãy số tham chiếu kiến nghị")
        verbose_name_plural = _("dãy số tham chiếu kiến nghị")

    def __str__(self):
        return f"{self.year}: {self.last}"


def reference_allocate(*, year: int | None = None, count: int = 1) -> list[str]:
    """The next ``count`` references of ``year`` (default: this year). Must run inside the transaction that saves
    the petitions: the sequence row stays locked (UPDATE … SET last = last + n) until it commits, so two
    submissions never get the same number, and a rolled-back submission gives its number back."""
    year = year or timezone.localdate().year
    last = _sequence_advance(year, count)
    if last is None:
        try:
            with transaction.atomic():
                PetitionReferenceSequence.objects.create(year=year, last=count)
            last = count
        except IntegrityError:  # another transaction created the year's row first
            last = _sequence_advance(year, count)
    return [reference_format(year, n) for n in range(last - count + 1, last + 1)]


_SEQUENCE_ADVANCE_SQL = (
    'UPDATE "petitions_petitionreferencesequence" SET "last" = "last" + %s WHERE "year" = %s RETURNING "last"'
)


def _sequence_advance(year: int, count: int) -> int | None:
    """UPDATE … RETURNING (SQLite ≥ 3.35 and PostgreSQL): the increment and its result in one statement, once
    per submission. None when the year has no row yet."""
    with connection.cursor() as cursor:
        cursor.execute(_SEQUENCE_ADVANCE_SQL, [count, year])
        row = cursor.fetchone()
    return row[0] if row else None


class PetitionQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Open items past their due date: computed on every read, never stored."""
        return self.filter(
            status__in=PENDING_STATUSES, due_date__isnull=False, due_date__lt=today or timezone.localdate()
        )

    def not_overdue(self, today=None):
        day = today or timezone.localdate()
        return self.exclude(Q(status__in=PENDING_STATUSES) & Q(due_date__isnull=False) & Q(due_date__lt=day))

    def annotate_overdue(self, today=None):
        day = today or timezone.localdate()
        return self.annotate(
            overdue_now=models.ExpressionWrapper(
                Q(status__in=PENDING_STATUSES) & Q(due_date__isnull=False) & Q(due_date__lt=day),
                output_field=models.BooleanField(),
            )
        )

    def publicly_listed(self):
        """Items whose answer the Front accepted and edited for publication, and whose submitter agreed to
        publication; confidential ones never. Only ``answer_public_text`` is public, never ``answer_text``."""
        return self.filter(
            publish_consent=True,
            confidential=False,
            status__in=ANSWER_PUBLISHED_STATUSES,
        ).exclude(answer_public_text="")


# Attachments and answers are personal data: random names in the private storage (mattran.core.files), never
# the uploader's name or extension. Answers are always PDF; an attachment's extension follows its checked type.
ATTACHMENT_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def _answer_upload_to(instance, filename):
    return random_name("petitions/answers", "pdf")


def _attachment_upload_to(instance, filename):
    return random_name("petitions/attachments", ATTACHMENT_EXTENSIONS.get(instance.content_type, "bin"))


class Petition(TimeStampedModel):
    """One opinion, petition or report of a citizen, tracked from intake until the answer is told back to them.

    Submitter fields are personal data: they never appear on a public page, feed or API response, and staff
    reads of them are audited (``petition_personal_data_view``).
    """

    # The public name of the petition ("KN-2026-004217"): shown to officers, bodies, APIs and merged duplicates.
    reference = models.CharField(_("số tham chiếu"), max_length=20, unique=True, editable=False)
    # The submitter's secret key ("KN-7QF4X-9PAM2"): opens the full tracking page, rating and reopening. Shown
    # only to the submitter (receipt page and e-mails); never on staff screens, public pages, feeds or APIs.
    tracking_code = models.CharField(_("mã tra cứu bí mật"), max_length=20, unique=True, editable=False)
    # One-time token of the form (or the API client's key): a resend or double click returns the same petition.
    idempotency_key = models.CharField(max_length=80, unique=True, null=True, blank=True, editable=False)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=PetitionChannel.choices)
    kind = models.CharField(_("loại"), max_length=20, choices=PetitionKind.choices)
    topic = models.ForeignKey(Topic, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức tiếp nhận (địa bàn)"),
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    address = models.CharField(_("địa điểm (địa chỉ nơi xảy ra)"), max_length=255, blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    external_reference = models.CharField(_("số tham chiếu ở hệ thống khác"), max_length=100, blank=True)

    body = models.ForeignKey(
        Body,
        verbose_name=_("cơ quan đang giải quyết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    cooperating_bodies = models.ManyToManyField(
        Body, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="cooperating_petitions"
    )
    due_date = models.DateField(_("hạn trả lời"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.SUBMITTED
    )
    status_group = models.CharField(
        _("nhóm trạng thái"), max_length=20, choices=StatusGroup.choices, default=StatusGroup.NEW
    )
    status_changed_at = models.DateTimeField(_("đổi trạng thái lúc"), default=timezone.now)
    reopen_count = models.PositiveSmallIntegerField(_("số lần mở lại"), default=0)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gộp vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )

    confidential = models.BooleanField(
        _("mật (phản ánh về cán bộ, công chức)"),
        default=False,
        help_text=_("Không bao giờ công khai; chỉ cán bộ được chỉ định mới xem được."),
    )
    allowed_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("cán bộ được xem"), blank=True, related_name="+"
    )
    show_name_publicly = models.BooleanField(_("công khai tên người gửi"), default=False)
    publish_consent = models.BooleanField(_("đồng ý công khai nội dung và trả lời"), default=False)

    submitter_name = models.CharField(_("họ tên người gửi"), max_length=150, blank=True)
    submitter_phone = models.CharField(_("điện thoại người gửi"), max_length=30, blank=True)
    submitter_email = models.EmailField(_("thư điện tử người gửi"), blank=True)
    submitter_address = models.CharField(_("địa chỉ liên lạc người gửi"), max_length=255, blank=True)
    language = models.CharField(_("ngôn ngữ liên lạc"), max_length=5, default="vi")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The day the Front received it when that is not the day it was typed in (taken at a meeting, by post): the
    # first forwarding's due date counts from it. Empty for everything entered on the day it arrived.
    received_on = models.DateField(_("ngày nhận (khi khác ngày nhập)"), null=True, blank=True)
    # The officer in charge (daily triage: "assigned to me"), one of the receiving committee's officers.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions_assigned",
    )

    answer_text = models.TextField(_("nội dung trả lời"), blank=True)
    answer_document = models.FileField(
        _("văn bản trả lời"), upload_to=_answer_upload_to, storage=private_storage, blank=True
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    # The local date of the answer, compared with due_date for the on-time figures.
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.CharField(_("người trả lời"), max_length=255, blank=True)
    # The Front's edited copy of the answer (personal details removed), written when it accepts the answer: the
    # only answer text public lists, feeds, search and APIs show. ``answer_text`` is the body's own words.
    answer_public_text = models.TextField(_("nội dung trả lời công khai"), blank=True)
    answer_accepted_at = models.DateTimeField(_("Mặt trận chấp nhận trả lời lúc"), null=True, blank=True)
    inform_method = models.CharField(
        _("hình thức thông tin lại"), max_length=20, choices=InformMethod.choices, blank=True
    )
    informed_at = models.DateTimeField(_("thông tin lại lúc"), null=True, blank=True)
    informed_by = models.CharField(_("người thông tin lại"), max_length=255, blank=True)
    # Personal data: whom the answer was told to when it was not the submitter in person (a relative, the
    # residential committee's head…); shown only with the submitter's details.
    informed_to = models.CharField(_("người được thông tin"), max_length=255, blank=True)
    rating = models.PositiveSmallIntegerField(_("mức hài lòng (1–5)"), null=True, blank=True)
    rating_comment = models.TextField(_("nhận xét của người gửi"), blank=True)
    rated_at = models.DateTimeField(_("đánh giá lúc"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("mức đôn đốc đã gửi"), default=0)
    # Part of every signed liaison link: a new forwarding or "resend" draws a new one, so older links stop working.
    liaison_nonce = models.CharField(max_length=20, blank=True, default="", editable=False)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến, kiến nghị")
        verbose_name_plural = _("ý kiến, kiến nghị")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="petition_status_due_idx"),
            models.Index(fields=["organisation", "-created_at"], name="petition_org_created_idx"),
            models.Index(fields=["body", "status"], name="petition_body_status_idx"),
            models.Index(fields=["topic", "-created_at"], name="petition_topic_created_idx"),
            models.Index(fields=["channel", "-created_at"], name="petition_channel_created_idx"),
            models.Index(fields=["status_group", "-created_at"], name="petition_group_created_idx"),
            models.Index(fields=["-created_at", "-id"], name="petition_created_idx"),
            models.Index(fields=["due_date"], name="petition_due_idx"),
            models.Index(fields=["answered_on"], name="petition_answered_on_idx"),
            # The queue's facet counts (queue._facet_counts: GROUP BY these over what an officer may see) read
            # from the index alone, not from the table's rows: at a million petitions a city officer's count
            # read 460 MB of rows, ~1.6 s cold. Key columns, not INCLUDE, so that SQLite takes it as well.
            models.Index(
                fields=["organisation", "status", "channel", "topic", "body", "due_date", "confidential", "id"],
                name="petition_facets_idx",
            ),
            # The queue's "last changed" sort, and the newest change behind its cached counts (queue.py).
            models.Index(fields=["-updated_at", "-id"], name="petition_updated_idx"),
            # The public answered list, newest answer first (``PetitionQuerySet.publicly_listed``).
            models.Index(
                fields=["-answered_at", "-id"],
                condition=Q(publish_consent=True, confidential=False, status__in=ANSWER_PUBLISHED_STATUSES)
                & ~Q(answer_public_text=""),
                name="petition_public_answered_idx",
            ),
            # The same list for one topic: without it the page and its bounded count walk the index above and
            # skip the other topics' rows (~20,000 heap reads at a million petitions).
            models.Index(
                fields=["topic", "-answered_at", "-id"],
                condition=Q(publish_consent=True, confidential=False, status__in=ANSWER_PUBLISHED_STATUSES)
                & ~Q(answer_public_text=""),
                name="petition_public_topic_idx",
            ),
        ]
        permissions = [("view_personal_data", "Xem thông tin cá nhân người gửi")]

    def __str__(self):
        # The reference only: this is what audit rows and admin lists print, and a confidential petition's
        # title must not reach staff who are not named on it.
        return self.reference

    def get_status_display(self) -> str:
        return choice_label(PetitionStatus, self.status)

    def get_channel_display(self) -> str:
        return choice_label(PetitionChannel, self.channel)

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in PENDING_STATUSES
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    @property
    def is_statutory_kind(self) -> bool:
        return self.kind in STATUTORY_KINDS

    @property
    def public_submitter_label(self) -> str:
        """What a public page may say about who sent it: the name only with consent, never contacts."""
        if self.show_name_publicly and self.submitter_name and not self.confidential:
            return self.submitter_name
        return str(_("Người gửi giấu tên"))

    @property
    def answer_is_published(self) -> bool:
        """The answer passed the Front's review: the submitter sees it, and the public its edited text."""
        return self.status in ANSWER_PUBLISHED_STATUSES

    @property
    def public_answer(self) -> str:
        """The answer text any public page, feed or API may show (with the submitter's consent): the Front's
        edited copy, once accepted; "" under review."""
        return self.answer_public_text if self.answer_is_published else ""

    @property
    def answered_on_time(self) -> bool | None:
        if not self.answered_on or not self.due_date:
            return None
        return self.answered_on <= self.due_date


class PetitionEvent(TimelineEntry):
    """One entry of a petition's timeline. Append-only: services add rows, nothing edits or deletes them.

    ``is_public`` entries (with ``public_text``) are what the citizen sees on the tracking page; ``internal_note``
    is for staff only.
    """

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(max_length=20, choices=PetitionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PetitionStatus.choices, blank=True)
    is_public = models.BooleanField(_("hiện trên trang tra cứu"), default=True)
    public_text = models.TextField(_("nội dung công khai"), blank=True)
    internal_note = models.TextField(_("ghi chú nội bộ"), blank=True)
    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta(TimelineEntry.Meta):
        verbose_name = _("diễn biến")
        verbose_name_plural = _("diễn biến")
        indexes = [models.Index(fields=["petition", "created_at"], name="petition_event_timeline_idx")]

    def __str__(self):
        return f"{self.petition_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    def get_kind_display(self) -> str:
        return choice_label(EventKind, self.kind)


class PetitionAttachment(models.Model):
    """A photo or PDF sent with a petition. Personal data by default: served to staff only, never publicly."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=_attachment_upload_to, storage=private_storage)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=50)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    location_kept = models.BooleanField(_("giữ vị trí chụp ảnh"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["id"]

    def __str__(self):
        return self.original_name
