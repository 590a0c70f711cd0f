import re
import unicodedata

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mattran.core.files import file_type_sniff, private_storage, random_name
from mattran.core.models import TimeStampedModel
from mattran.core.text import fold
from mattran.organisations.models import Organisation, Topic

from .files import CONTENT_TYPES, validate_document_file

_NUMBER_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})
_LEADING_NUMBER = re.compile(r"\d+")


def number_normalise(number: str) -> str:
    """The matching key of a số ký hiệu: case, spaces, dashes and diacritics do not count.

    "994-QĐ/TU", "994 - qđ / tu" and "994-QD/TU" all give "994-qd/tu".
    """
    text = unicodedata.normalize("NFC", number or "").translate(_DASHES)
    return _NUMBER_SPACES.sub("", fold(text))


def number_bare(number: str) -> str:
    """The leading serial of a số ký hiệu ("935" of "935-QĐ/TU"), used when a mention omits the suffix."""
    match = _LEADING_NUMBER.match((number or "").strip())
    return str(int(match.group())) if match else ""


class DocumentKind(models.TextChoices):
    LAW = "luat", _("Luật")
    DECREE = "nghi_dinh", _("Nghị định")
    CIRCULAR = "thong_tu", _("Thông tư")
    JOINT_CIRCULAR = "thong_tu_lien_tich", _("Thông tư liên tịch")
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    JOINT_RESOLUTION = "nghi_quyet_lien_tich", _("Nghị quyết liên tịch")
    DECISION = "quyet_dinh", _("Quyết định")
    REGULATION = "quy_dinh", _("Quy định")
    STATUTE = "quy_che", _("Quy chế")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    CONCLUSION = "ket_luan", _("Kết luận")
    GUIDANCE = "huong_dan", _("Hướng dẫn")
    PLAN = "ke_hoach", _("Kế hoạch")
    PROGRAMME = "chuong_trinh", _("Chương trình")
    REPORT = "bao_cao", _("Báo cáo")
    NOTICE = "thong_bao", _("Thông báo")
    SUBMISSION = "to_trinh", _("Tờ trình")
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    OTHER = "khac", _("Văn bản khác")


class ValidityStatus(models.TextChoices):
    """Tình trạng hiệu lực, as the legal databases show it."""

    NOT_YET = "not_yet", _("Chưa có hiệu lực")
    IN_FORCE = "in_force", _("Còn hiệu lực")
    PARTLY_EXPIRED = "partly_expired", _("Hết hiệu lực một phần")
    EXPIRED = "expired", _("Hết hiệu lực toàn bộ")
    UNKNOWN = "unknown", _("Chưa xác định")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")
    WITHDRAWN = "withdrawn", _("Đã ngừng công bố")


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_status=PublicationStatus.PUBLISHED)


def _upload_to(instance, filename):
    # A random name in the private storage: the register's own number would make the path guessable, and the
    # uploader's name may hold anything. The extension is the type sniffed from the content; the download view
    # sends a readable name built from the số ký hiệu.
    detected = file_type_sniff(instance.file.file) if instance.file and not instance.file._committed else None
    return random_name("van-ban", detected or _extension(filename))


def _extension(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return extension if extension in CONTENT_TYPES else "bin"


class Document(TimeStampedModel):
    """An entry of a committee's văn bản register: an official document the public may look up by its
    số ký hiệu, read the trích yếu of and download. It is the project's own model rather than Wagtail's
    ``Document`` because the register needs typed metadata (kind, issuer, dates, validity) for filtering
    and for resolving mentions like "Quyết định 994-QĐ/TU" in articles."""

    number = models.CharField(
        _("số ký hiệu"), max_length=120, help_text=_("Ví dụ: 994-QĐ/TU, 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN.")
    )
    # Matching keys, written by save(): exact lookup regardless of case, spaces and diacritics.
    number_normalised = models.CharField(max_length=120, editable=False, db_index=True, default="")
    number_bare = models.CharField(max_length=20, editable=False, db_index=True, default="")
    kind = models.CharField(_("loại văn bản"), max_length=32, choices=DocumentKind.choices, db_index=True)
    slug = models.SlugField(_("đường dẫn"), max_length=150, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("thuộc danh mục của"),
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("Ủy ban quản lý mục này trong danh mục văn bản."),
    )
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=255, db_index=True)
    issuer = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan ban hành (tổ chức Mặt trận)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_documents",
        help_text=_("Chỉ chọn khi cơ quan ban hành là một tổ chức Mặt trận có trong hệ thống."),
    )
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), db_index=True)
    effective_from = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    validity_status = models.CharField(
        _("tình trạng hiệu lực"),
        max_length=20,
        choices=ValidityStatus.choices,
        default=ValidityStatus.IN_FORCE,
        db_index=True,
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    abstract = models.TextField(_("trích yếu"))
    file = models.FileField(
        _("tệp văn bản"),
        upload_to=_upload_to,
        storage=private_storage,
        max_length=255,
        blank=True,
        validators=[validate_document_file],
        help_text=_("PDF, DOC hoặc DOCX."),
    )
    file_size = models.PositiveBigIntegerField(_("dung lượng tệp (byte)"), default=0, editable=False)
    related_documents = models.ManyToManyField(
        "self", verbose_name=_("văn bản liên quan"), blank=True, symmetrical=True
    )
    publication_status = models.CharField(
        _("trạng thái công bố"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number_normalised"], name="document_unique_number_per_register"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args, **kwargs):
        self.number = unicodedata.normalize("NFC", self.number.strip())
        self.number_normalised = number_normalise(self.number)
        self.number_bare = number_bare(self.number)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        errors = {}
        if self.number and not number_bare(self.number):
            errors["number"] = _("Số ký hiệu phải bắt đầu bằng chữ số, ví dụ 994-QĐ/TU.")
        if self.issued_on and self.effective_from and self.effective_from < self.issued_on:
            errors["effective_from"] = _("Ngày hiệu lực không thể trước ngày ban hành.")
        if self.number and self.organisation_id:
            clash = Document.objects.filter(
                organisation_id=self.organisation_id, number_normalised=number_normalise(self.number)
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["number"] = _("Danh mục của tổ chức này đã có văn bản số %(number)s.") % {
                    "number": self.number
                }
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("documents:download", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.publication_status == PublicationStatus.PUBLISHED

    @property
    def file_extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower() if self.file and "." in self.file.name else ""

    def download_filename(self) -> str:
        """ "Quyết định 994-QĐ-TU.pdf": readable, Vietnamese, no path separators."""
        name = f"{self.get_kind_display()} {self.number}".replace("/", "-").replace("\\", "-")
        return f"{name}.{self.file_extension}" if self.file_extension else name


class DocumentEventKind(models.TextChoices):
    CREATED = "created", _("Tạo mục")
    UPDATED = "updated", _("Cập nhật")
    PUBLISHED = "published", _("Công bố")
    WITHDRAWN = "withdrawn", _("Ngừng công bố")


class DocumentEvent(models.Model):
    """Append-only history of a register entry (created, updated, published, withdrawn): the current
    ``publication_status`` is only ever written together with one of these rows."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=20, choices=DocumentEventKind.choices)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lịch sử văn bản")
        verbose_name_plural = _("lịch sử văn bản")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.document} · {self.get_kind_display()}"
