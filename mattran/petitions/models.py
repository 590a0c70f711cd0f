"""Petitions (ý kiến, kiến nghị, phản ánh của Nhân dân) from intake to the answer and informing the people back.

The current ``status`` is written only by the transition services in ``services.py``; the history is the
append-only ``PetitionEvent`` timeline. "Overdue" is never stored: see ``PetitionQuerySet.overdue``.
"""

import re
import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from mattran.core.files import private_storage, random_name
from mattran.core.models import TimelineEntry, TimeStampedModel
from mattran.organisations.models import Body, Organisation, Topic


class PetitionChannel(models.TextChoices):
    WEB = "web", _("Cổng thông tin (biểu mẫu trực tuyến)")
    IN_PERSON = "in_person", _("Trực tiếp tại trụ sở")
    PHONE = "phone", _("Điện thoại")
    MAIL = "mail", _("Thư gửi qua bưu điện")
    RESIDENTIAL_COMMITTEE = "residential", _("Ban công tác Mặt trận khu dân cư")
    MEMBER_ORGANISATION = "member", _("Tổ chức thành viên")
    VOTER_CONTACT = "voter_contact", _("Tiếp xúc cử tri")
    DIALOGUE = "dialogue", _("Hội nghị đối thoại")
    EXTERNAL = "external", _("Chuyển từ hệ thống khác")
    OPEN311 = "open311", _("Ứng dụng qua giao diện Open311")


class PetitionKind(models.TextChoices):
    PETITION = "kien_nghi", _("Kiến nghị")
    REPORT = "phan_anh", _("Phản ánh")
    COMMENT = "gop_y", _("Góp ý xây dựng Đảng, chính quyền")
    COMPLAINT = "khieu_nai", _("Khiếu nại")
    DENUNCIATION = "to_cao", _("Tố cáo")


# Complaints and denunciations have their own statutory procedure (Luật Khiếu nại, Luật Tố cáo): the Front
# redirects them with an explanation instead of forwarding them as petitions.
STATUTORY_KINDS = (PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION)


class PetitionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi, chờ tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REJECTED = "rejected", _("Không tiếp nhận")
    REDIRECTED = "redirected", _("Hướng dẫn theo thủ tục khác")
    FORWARDED = "forwarded", _("Đã chuyển đến cơ quan có thẩm quyền")
    IN_PROGRESS = "in_progress", _("Cơ quan đang giải quyết")
    RETURNED = "returned", _("Cơ quan trả lại (không đúng thẩm quyền)")
    ANSWERED = "answered", _("Cơ quan đã trả lời; Mặt trận đang xem xét")
    ANSWER_ACCEPTED = "answer_accepted", _("Mặt trận đã chấp nhận trả lời, chờ thông tin lại")
    INFORMED = "informed", _("Đã thông tin lại cho người gửi")
    CLOSED = "closed", _("Đã kết thúc")
    REOPENED = "reopened", _("Mở lại (người gửi chưa đồng ý)")
    MERGED = "merged", _("Đã gộp vào kiến nghị trùng")


class StatusGroup(models.TextChoices):
    """The few fixed kinds of status code branches on."""

    NEW = "new", _("Chờ xử lý")
    WITH_BODY = "with_body", _("Đang chờ cơ quan trả lời")
    ANSWERED = "answered", _("Đã có trả lời")
    DONE = "done", _("Đã kết thúc")


STATUS_GROUPS = {
    PetitionStatus.SUBMITTED: StatusGroup.NEW,
    PetitionStatus.ACCEPTED: StatusGroup.NEW,
    PetitionStatus.RETURNED: StatusGroup.NEW,
    PetitionStatus.REOPENED: StatusGroup.NEW,
    PetitionStatus.FORWARDED: StatusGroup.WITH_BODY,
    PetitionStatus.IN_PROGRESS: StatusGroup.WITH_BODY,
    PetitionStatus.ANSWERED: StatusGroup.ANSWERED,
    PetitionStatus.ANSWER_ACCEPTED: StatusGroup.ANSWERED,
    PetitionStatus.INFORMED: StatusGroup.ANSWERED,
    PetitionStatus.CLOSED: StatusGroup.DONE,
    PetitionStatus.REJECTED: StatusGroup.DONE,
    PetitionStatus.REDIRECTED: StatusGroup.DONE,
    PetitionStatus.MERGED: StatusGroup.DONE,
}

# Statuses in which a due date runs: the item waits for the Front or the body to act.
PENDING_STATUSES = (
    PetitionStatus.ACCEPTED,
    PetitionStatus.FORWARDED,
    PetitionStatus.IN_PROGRESS,
    PetitionStatus.RETURNED,
    PetitionStatus.REOPENED,
)


# Statuses in which the body's answer has passed the Front's review (``review.answer_accept``): only then is it
# shown to the submitter and, as the Front's edited ``answer_public_text``, to the public.
ANSWER_PUBLISHED_STATUSES = (PetitionStatus.ANSWER_ACCEPTED, PetitionStatus.INFORMED, PetitionStatus.CLOSED)


class InformMethod(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Điện thoại")
    IN_PERSON = "in_person", _("Gặp trực tiếp")
    LETTER = "letter", _("Văn bản gửi qua bưu điện")
    MEETING = "meeting", _("Tại hội nghị, buổi tiếp xúc cử tri")
    RESIDENTIAL_COMMITTEE = "residential", _("Qua Ban công tác Mặt trận khu dân cư")
    TRACKING_PAGE = "tracking_page", _("Trên trang tra cứu (người gửi không để lại liên lạc)")


# Tracking codes: 10 symbols from an alphabet without look-alikes (no 0/O, 1/I/L): 31^10 ≈ 2^49.5.
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_PREFIX = "KN"
TRACKING_LENGTH = 10


def tracking_code_new() -> str:
    """ "KN-7QF4X-9PAM2": unguessable, and easy to read out over the phone in groups of five."""
    body = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return f"{TRACKING_PREFIX}-{body[:5]}-{body[5:]}"


def tracking_code_normalise(text: str) -> str:
    """Accept what people type or say: any case, spaces or dashes anywhere, with or without the "KN" prefix."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if raw.startswith(TRACKING_PREFIX) and len(raw) == TRACKING_LENGTH + len(TRACKING_PREFIX):
        raw = raw[len(TRACKING_PREFIX) :]
    if len(raw) != TRACKING_LENGTH or any(ch not in TRACKING_ALPHABET for ch in raw):
        return ""
    return f"{TRACKING_PREFIX}-{raw[:5]}-{raw[5:]}"


# Public references: "KN-2026-004217", a sequence per year. They name a petition to everyone (lists, APIs, bodies,
# merged duplicates) and open nothing. Tracking codes never contain 0 or 1 and years 2000–2099 always contain a 0,
# so the two formats cannot be mistaken for one another.
REFERENCE_PREFIX = "KN"
_REFERENCE_RE = re.compile(r"^KN-?(\d{4})-?(\d{1,6})$")


def reference_format(year: int, number: int) -> str:
    return f"{REFERENCE_PREFIX}-{year:04d}-{number:06d}"


def reference_normalise(text: str) -> str:
    """ "kn 2026 4217", "KN-2026-004217" → "KN-2026-004217"; "" when it is not a reference."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum() or ch == "-")
    raw = raw if raw.startswith(REFERENCE_PREFIX) else REFERENCE_PREFIX + "-" + raw
    match = _REFERENCE_RE.match(raw.replace("--", "-"))
    if not match or int(match.group(2)) == 0:
        return ""
    return reference_format(int(match.group(1)), int(match.group(2)))


def reference_allocate(*, year: int | None = None, count: int = 1) -> list[str]:
    """The next ``count`` references of ``year`` (default: this year). Must run inside the transaction that saves
    the petitions: the sequence row stays locked (UPDATE … SET last = last + n) until it commits, so two
    submissions never get the same number, and a rolled-back submission gives its number back."""
    year = year or timezone.localdate().year
    sequences = PetitionReferenceSequence.objects.filter(year=year)
    if not sequences.update(last=F("last") + count):
        try:
            with transaction.atomic():
                PetitionReferenceSequence.objects.create(year=year, last=count)
        except IntegrityError:  # another transaction created the year's row first
            sequences.update(last=F("last") + count)
    last = sequences.values_list("last", flat=True).get()
    return [reference_format(year, n) for n in range(last - count + 1, last + 1)]


def liaison_nonce_new() -> str:
    return secrets.token_urlsafe(9)


class PetitionReferenceSequence(models.Model):
    """The last public reference number given out in a year (``reference_allocate``)."""

    year = models.PositiveSmallIntegerField(_("năm"), primary_key=True)
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("dãy số tham chiếu kiến nghị")
        verbose_name_plural = _("dãy số tham chiếu kiến nghị")

    def __str__(self):
        return f"{self.year}: {self.last}"


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
            # The queue's "last changed" sort, and the newest change behind its cached counts (queue.py).
            models.Index(fields=["-updated_at", "-id"], name="petition_updated_idx"),
            # The public answered list, newest answer first (``PetitionQuerySet.publicly_listed``).
            models.Index(
                fields=["-answered_at", "-id"],
                condition=Q(publish_consent=True, confidential=False, status__in=ANSWER_PUBLISHED_STATUSES)
                & ~Q(answer_public_text=""),
                name="petition_public_answered_idx",
            ),
        ]
        permissions = [("view_personal_data", "Xem thông tin cá nhân người gửi")]

    def __str__(self):
        # The reference only: this is what audit rows and admin lists print, and a confidential petition's
        # title must not reach staff who are not named on it.
        return self.reference

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


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("diễn biến", "Gửi kiến nghị")
    ACCEPTED = "accepted", _("Tiếp nhận")
    REJECTED = "rejected", _("Không tiếp nhận")
    REDIRECTED = "redirected", _("Hướng dẫn theo thủ tục khác")
    FORWARDED = "forwarded", _("Chuyển cơ quan có thẩm quyền")
    ACKNOWLEDGED = "acknowledged", _("Cơ quan xác nhận đã nhận")
    RETURNED = "returned", _("Cơ quan trả lại")
    ANSWERED = "answered", _("Cơ quan trả lời")
    ANSWER_ACCEPTED = "answer_accepted", _("Mặt trận chấp nhận trả lời")
    ANSWER_SENT_BACK = "answer_sent_back", _("Mặt trận đề nghị cơ quan trả lời bổ sung")
    INFORMED = "informed", _("Thông tin lại cho người gửi")
    CLOSED = "closed", _("Kết thúc")
    REOPENED = "reopened", _("Mở lại")
    MERGED = "merged", _("Gộp kiến nghị trùng")
    DUPLICATE_ADDED = "duplicate_added", _("Nhận thêm kiến nghị trùng")
    RATED = "rated", _("Người gửi đánh giá")
    REMINDED = "reminded", _("Nhắc hạn")
    ESCALATED = "escalated", _("Đôn đốc")
    CONFIDENTIAL = "confidential", _("Đổi chế độ mật")
    NOTE = "note", _("Ghi chú nội bộ")
    CHASED = "chased", _("Đôn đốc cơ quan")
    ASSIGNED = "assigned", _("Giao cán bộ xử lý")


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


class DeadlineRule(TimeStampedModel):
    """Data, not code: how many working days a body has to answer petitions of a topic.

    The most specific rule wins: (topic, body), then (any topic, body), then (topic, any body); without a rule
    the defaults in ``PetitionSettings`` apply (10 working days, 15 when several bodies are involved).
    """

    topic = models.ForeignKey(
        Topic, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    body = models.ForeignKey(
        Body, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    several_bodies_working_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc khi nhiều cơ quan phối hợp"), null=True, blank=True
    )
    note = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thời hạn trả lời")
        verbose_name_plural = _("thời hạn trả lời")
        constraints = [
            models.UniqueConstraint(fields=["topic", "body"], name="deadline_rule_unique_topic_body"),
        ]

    def __str__(self):
        return f"{self.topic or _('mọi lĩnh vực')} · {self.body or _('mọi cơ quan')}: {self.working_days}"


@register_setting(icon="time")
class PetitionSettings(BaseGenericSetting):
    """Time limits, reminders and intake limits of the petition workflow: data shown and edited in the admin."""

    default_working_days = models.PositiveSmallIntegerField(
        _("hạn trả lời mặc định (ngày làm việc)"), default=10
    )
    several_bodies_working_days = models.PositiveSmallIntegerField(
        _("hạn khi nhiều cơ quan phối hợp (ngày làm việc)"), default=15
    )
    remind_before_working_days = models.PositiveSmallIntegerField(
        _("nhắc cán bộ đầu mối trước hạn (ngày làm việc)"), default=2
    )
    escalation_grace_working_days = models.PositiveSmallIntegerField(
        _("báo lên ủy ban cấp trên sau khi quá hạn (ngày làm việc)"), default=5
    )
    liaison_link_days = models.PositiveSmallIntegerField(
        _("thời hạn của đường dẫn trả lời gửi cơ quan (ngày)"), default=30
    )
    submissions_per_ip_per_hour = models.PositiveSmallIntegerField(
        _("số lần gửi tối đa mỗi giờ từ một địa chỉ mạng"), default=20
    )
    submissions_per_contact_per_day = models.PositiveSmallIntegerField(
        _("số lần gửi tối đa mỗi ngày với một số điện thoại/thư điện tử"), default=10
    )
    challenge_after_submissions = models.PositiveSmallIntegerField(
        _("hỏi câu kiểm tra sau số lần gửi trong giờ"), default=3
    )

    class Meta:
        verbose_name = _("cài đặt tiếp nhận kiến nghị")


class TopicIntakeRule(models.Model):
    """Per topic: whether the public form requires contact details (e.g. when the body must call back)."""

    topic = models.OneToOneField(
        Topic, verbose_name=_("lĩnh vực"), on_delete=models.CASCADE, related_name="petition_intake_rule"
    )
    contact_required = models.BooleanField(_("bắt buộc để lại số điện thoại hoặc thư điện tử"), default=False)
    note = models.CharField(_("giải thích cho người gửi"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("yêu cầu tiếp nhận theo lĩnh vực")
        verbose_name_plural = _("yêu cầu tiếp nhận theo lĩnh vực")

    def __str__(self):
        return str(self.topic)
