"""Social criticism (phản biện xã hội) of draft policies by a Front committee.

The drafting body sends a ``Draft`` (dự thảo) in ``DraftVersion``s, each split into numbered ``DraftParagraph``s.
During the comment period invited experts (through a signed ``Invitation`` link) and, when the officer opens it,
the public leave ``Comment``s anchored to a paragraph; the officer accepts or rejects each. The accepted ones make
the Front's consolidated criticism document (DOCX, grouped by paragraph), and the drafting body answers each
accepted point with a ``Reply`` (adopted / explained / not adopted). Statuses are written only by the services in
``services/``; ``DraftEvent`` is the append-only timeline.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mattran.core.files import private_storage, random_name
from mattran.core.models import TimelineEntry, TimeStampedModel, unique_slug
from mattran.organisations.models import Body, Organisation


def nonce_new() -> str:
    return secrets.token_urlsafe(9)


class DraftStatus(models.TextChoices):
    PREPARING = "preparing", _("Đang chuẩn bị")
    OPEN = "open", _("Đang lấy ý kiến")
    REVIEWING = "reviewing", _("Đang tổng hợp ý kiến")
    CONSOLIDATED = "consolidated", _("Đã gửi văn bản phản biện")
    CLOSED = "closed", _("Đã kết thúc")


# Shown on /phan-bien/: everything once the comment period has opened.
PUBLIC_STATUSES = (DraftStatus.OPEN, DraftStatus.REVIEWING, DraftStatus.CONSOLIDATED, DraftStatus.CLOSED)


class DraftQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)


class Draft(TimeStampedModel):
    """A draft policy or legal document (dự thảo) that a Front committee criticises for its drafting body."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("ủy ban phản biện"), on_delete=models.PROTECT, related_name="criticism_drafts"
    )
    drafting_body = models.ForeignKey(
        Body, verbose_name=_("cơ quan soạn thảo"), on_delete=models.PROTECT, related_name="criticism_drafts"
    )
    title = models.CharField(_("tên dự thảo"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=DraftStatus.choices, default=DraftStatus.PREPARING
    )
    comments_open_on = models.DateField(_("bắt đầu nhận ý kiến"), null=True, blank=True)
    comments_close_on = models.DateField(_("hết hạn nhận ý kiến"), null=True, blank=True)
    public_comments_open = models.BooleanField(_("nhận ý kiến của Nhân dân"), default=False)
    # The version the comment period was opened on: comments anchor to its paragraphs.
    commented_version = models.ForeignKey(
        "DraftVersion", verbose_name=_("phiên bản lấy ý kiến"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    consolidated_file = models.FileField(
        _("văn bản phản biện (DOCX)"), storage=private_storage, blank=True,
        upload_to="criticism/consolidated",  # the service names the file (random_name)
    )
    consolidated_on = models.DateField(_("ngày gửi văn bản phản biện"), null=True, blank=True)
    # Named by the drafting body's signed reply link; a new value on each resend makes older links stop working.
    reply_nonce = models.CharField(max_length=24, blank=True, editable=False)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến phản biện")
        verbose_name_plural = _("dự thảo lấy ý kiến phản biện")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="criticism_draft_org_status_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="du-thao")
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def latest_version(self):
        return self.versions.order_by("-number").first()


def _version_upload_to(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return random_name("criticism/versions", extension)


class DraftVersion(models.Model):
    """One version of the draft as the drafting body sent it: its text (split into paragraphs) and the file."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("phiên bản số"))
    text = models.TextField(_("nội dung"))
    note = models.TextField(_("ghi chú thay đổi"), blank=True)
    file = models.FileField(
        _("tệp dự thảo"), upload_to=_version_upload_to, storage=private_storage, blank=True
    )
    received_on = models.DateField(_("ngày nhận"), default=timezone.localdate)
    created_at = models.DateTimeField(_("thêm lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("phiên bản dự thảo")
        verbose_name_plural = _("phiên bản dự thảo")
        ordering = ["draft", "number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="criticism_version_unique_number")]

    def __str__(self):
        return f"{self.draft} · v{self.number}"


class DraftParagraph(models.Model):
    """A numbered paragraph (đoạn) of one version: what comments are anchored to."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveIntegerField(_("đoạn số"))
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("đoạn dự thảo")
        verbose_name_plural = _("đoạn dự thảo")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="criticism_paragraph_unique_number")
        ]

    def __str__(self):
        return f"{self.version} · {self.number}"


class Invitation(TimeStampedModel):
    """An expert invited to comment (chuyên gia được mời): the signed link names this row and its nonce."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức danh, đơn vị"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    nonce = models.CharField(max_length=24, default=nonce_new, editable=False)
    revoked = models.BooleanField(_("đã thu hồi"), default=False)

    class Meta:
        verbose_name = _("lời mời chuyên gia")
        verbose_name_plural = _("lời mời chuyên gia")
        ordering = ["draft", "id"]

    def __str__(self):
        return f"{self.name} · {self.draft}"


class AuthorKind(models.TextChoices):
    EXPERT = "expert", _("Chuyên gia")
    PUBLIC = "public", _("Người dân")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    # In the petitions app "tiếp nhận" is taking a petition in; here it is taking a comment into the criticism.
    ACCEPTED = "accepted", pgettext_lazy("duyệt ý kiến", "Đã tiếp nhận")
    REJECTED = "rejected", pgettext_lazy("duyệt ý kiến", "Không tiếp nhận")


class Comment(models.Model):
    """A comment anchored to one paragraph. The author's name and contact are personal data: never public."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.ForeignKey(DraftParagraph, on_delete=models.PROTECT, related_name="comments")
    author_kind = models.CharField(_("người góp ý"), max_length=8, choices=AuthorKind.choices)
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    author_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    author_contact = models.CharField(_("điện thoại hoặc thư điện tử"), max_length=255, blank=True)
    text = models.TextField(_("ý kiến"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    moderation_note = models.TextField(_("ghi chú duyệt"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["paragraph__number", "submitted_at", "id"]
        indexes = [models.Index(fields=["draft", "status"], name="criticism_comment_status_idx")]

    def __str__(self):
        return f"{self.draft} · {self.paragraph.number} · #{self.pk}"


class ReplyKind(models.TextChoices):
    # The drafting body's answer to a point of criticism (in supervision "tiếp thu" is a body accepting a
    # recommendation: another sense, another English word).
    ADOPTED = "adopted", pgettext_lazy("trả lời phản biện", "Tiếp thu")
    EXPLAINED = "explained", pgettext_lazy("trả lời phản biện", "Giải trình")
    NOT_ADOPTED = "not_adopted", pgettext_lazy("trả lời phản biện", "Không tiếp thu")


class Reply(TimeStampedModel):
    """The drafting body's answer to one accepted point of the criticism."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="reply")
    kind = models.CharField(_("ý kiến của cơ quan soạn thảo"), max_length=12, choices=ReplyKind.choices)
    text = models.TextField(_("nội dung trả lời"))
    recorded_by_label = models.CharField(_("người ghi nhận"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("trả lời của cơ quan soạn thảo")
        verbose_name_plural = _("trả lời của cơ quan soạn thảo")
        ordering = ["comment__paragraph__number", "comment_id"]

    def __str__(self):
        return f"{self.comment} · {self.kind}"


class DraftEventKind(models.TextChoices):
    CREATED = "created", _("Nhận dự thảo")
    VERSION_ADDED = "version", _("Thêm phiên bản")
    PERIOD_OPENED = "opened", _("Bắt đầu lấy ý kiến")
    PUBLIC_OPENED = "public_opened", _("Mở nhận ý kiến của Nhân dân")
    PUBLIC_CLOSED = "public_closed", _("Ngừng nhận ý kiến của Nhân dân")
    INVITED = "invited", _("Mời chuyên gia")
    PERIOD_CLOSED = "period_closed", _("Hết hạn lấy ý kiến")
    CONSOLIDATED = "consolidated", _("Gửi văn bản phản biện")
    REPLIED = "replied", _("Cơ quan soạn thảo trả lời")
    LINK_SENT = "link_sent", _("Gửi đường dẫn trả lời cho cơ quan soạn thảo")
    CLOSED = "closed", _("Kết thúc")


class DraftEvent(TimelineEntry):
    """One entry of a draft's timeline. Append-only; ``is_public`` entries appear on /phan-bien/<slug>/."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=16, choices=DraftEventKind.choices)
    from_status = models.CharField(max_length=16, choices=DraftStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=DraftStatus.choices, blank=True)
    is_public = models.BooleanField(_("công khai"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta(TimelineEntry.Meta):
        verbose_name = _("diễn biến phản biện")
        verbose_name_plural = _("diễn biến phản biện")

    def __str__(self):
        return f"{self.draft_id} {self.kind}"
