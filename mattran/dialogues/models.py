"""Dialogue conferences and voter-contact sessions (DESIGN.md §3.4).

A ``Meeting`` is either a dialogue conference (hội nghị gặp gỡ, đối thoại giữa người đứng đầu cấp ủy, chính quyền
với Nhân dân) or a voter-contact session (tiếp xúc cử tri) of an elected body before or after one of its
``CouncilSession``s. Every ``Opinion`` raised in the room, and every question sent in advance from the public
page, is a petition (``mattran.petitions``) with the meeting's channel: answered on the spot, or followed up in
the normal petition flow. A leader's ``Commitment`` is a supervision recommendation. Before a session, the
opinions of its voter-contact sessions are consolidated into ``OpinionGroup``s (tổng hợp kiến nghị cử tri).
Statuses are written only by ``services``; ``MeetingEvent`` is the append-only timeline.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.core.files import private_storage, random_name
from mattran.core.models import TimelineEntry, TimeStampedModel, unique_slug
from mattran.organisations.models import Body, Organisation, Topic


class MeetingKind(models.TextChoices):
    DIALOGUE = "dialogue", _("Hội nghị gặp gỡ, đối thoại với Nhân dân")
    VOTER_CONTACT = "voter_contact", _("Tiếp xúc cử tri")


class ElectedBody(models.TextChoices):
    NATIONAL_ASSEMBLY = "national_assembly", _("Đoàn đại biểu Quốc hội")
    CITY_COUNCIL = "city_council", _("Hội đồng nhân dân Thành phố")
    WARD_COUNCIL = "ward_council", _("Hội đồng nhân dân phường")


class SessionTiming(models.TextChoices):
    BEFORE = "before", _("Trước kỳ họp")
    AFTER = "after", _("Sau kỳ họp")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Sắp diễn ra")
    HELD = "held", _("Đã tổ chức")
    CLOSED = "closed", _("Đã kết thúc theo dõi")
    CANCELLED = "cancelled", _("Đã hủy")


class CouncilSession(TimeStampedModel):
    """A session (kỳ họp) of an elected body: voter-contact sessions are held before or after it, and the
    voters' petitions raised before it are consolidated for it."""

    elected_body = models.CharField(_("cơ quan dân cử"), max_length=20, choices=ElectedBody.choices)
    name = models.CharField(_("kỳ họp"), max_length=255)
    starts_on = models.DateField(_("ngày khai mạc"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("ủy ban tổng hợp kiến nghị"), on_delete=models.PROTECT,
        related_name="council_sessions",
    )

    class Meta:
        verbose_name = _("kỳ họp")
        verbose_name_plural = _("kỳ họp")
        ordering = ["-starts_on", "-id"]

    def __str__(self):
        return f"{self.name} ({self.get_elected_body_display()})"


def _minutes_upload_to(instance, filename):
    return random_name("dialogues/minutes", "pdf")


class Meeting(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("ủy ban tổ chức"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("tên hội nghị"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    starts_at = models.DateTimeField(_("bắt đầu lúc"))
    ends_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255)
    topic = models.ForeignKey(
        Topic, verbose_name=_("lĩnh vực chính (mặc định cho các ý kiến)"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("chủ đề"), max_length=255, blank=True)
    agenda = models.TextField(_("chương trình"), blank=True)
    hosts = models.TextField(_("chủ trì (họ tên — chức vụ)"), blank=True, help_text=_("Mỗi người một dòng."))
    leader_body = models.ForeignKey(
        Body, verbose_name=_("cơ quan của người chủ trì"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="meetings",
    )
    invited_groups = models.TextField(_("thành phần mời"), blank=True, help_text=_("Mỗi nhóm một dòng."))
    elected_body = models.CharField(_("cơ quan dân cử"), max_length=20, choices=ElectedBody.choices, blank=True)
    delegates = models.TextField(_("đại biểu tiếp xúc"), blank=True, help_text=_("Mỗi người một dòng."))
    session = models.ForeignKey(
        CouncilSession, verbose_name=_("kỳ họp"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="meetings",
    )
    session_timing = models.CharField(_("trước/sau kỳ họp"), max_length=8, choices=SessionTiming.choices, blank=True)
    attendance = models.PositiveIntegerField(_("số người dự"), null=True, blank=True)
    minutes_text = models.TextField(_("biên bản"), blank=True)
    minutes_file = models.FileField(_("tệp biên bản (PDF)"), upload_to=_minutes_upload_to, storage=private_storage,
                                    blank=True)
    status = models.CharField(_("tình trạng"), max_length=12, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    # The supervision activity under which the leaders' commitments are followed as recommendations.
    follow_up = models.ForeignKey(
        "supervision.SupervisionActivity", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("hội nghị đối thoại, tiếp xúc cử tri")
        verbose_name_plural = _("hội nghị đối thoại, tiếp xúc cử tri")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="dialogues_meeting_org_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="hoi-nghi")
        super().save(*args, **kwargs)

    @property
    def channel(self) -> str:
        from mattran.petitions.models import PetitionChannel

        return PetitionChannel.VOTER_CONTACT if self.kind == MeetingKind.VOTER_CONTACT else PetitionChannel.DIALOGUE

    def host_lines(self) -> list[str]:
        return [line.strip() for line in self.hosts.splitlines() if line.strip()]

    def delegate_lines(self) -> list[str]:
        return [line.strip() for line in self.delegates.splitlines() if line.strip()]

    def invited_lines(self) -> list[str]:
        return [line.strip() for line in self.invited_groups.splitlines() if line.strip()]

    @property
    def is_upcoming(self) -> bool:
        return self.status == MeetingStatus.PLANNED and self.starts_at >= timezone.now()


class MeetingPhoto(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("ảnh hội nghị")
        verbose_name_plural = _("ảnh hội nghị")
        ordering = ["meeting", "position", "id"]

    def __str__(self):
        return self.caption or f"{self.meeting} · {self.pk}"


class MeetingArticle(models.Model):
    """A news article about the meeting: the article page links to the meeting, the meeting page lists it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="article_links")
    article = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="meeting_links")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tin bài về hội nghị")
        verbose_name_plural = _("tin bài về hội nghị")
        ordering = ["meeting", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "article"], name="dialogues_meeting_article")]

    def __str__(self):
        return f"{self.meeting} · {self.article_id}"


class OpinionSource(models.TextChoices):
    ROOM = "room", _("Phát biểu tại hội nghị")
    ADVANCE = "advance", _("Gửi trước qua cổng thông tin")


class OpinionGroup(TimeStampedModel):
    """A group of similar voters' opinions consolidated for a session, with the answer received for it."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="groups")
    title = models.TextField(_("nội dung kiến nghị tổng hợp"))
    position = models.PositiveIntegerField(default=0)
    confirmed = models.BooleanField(_("cán bộ đã xác nhận"), default=False)
    answer_text = models.TextField(_("kết quả trả lời"), blank=True)
    answered_by = models.CharField(_("cơ quan trả lời"), max_length=255, blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhóm kiến nghị cử tri")
        verbose_name_plural = _("nhóm kiến nghị cử tri")
        ordering = ["session", "position", "id"]

    def __str__(self):
        return self.title[:80]


class Opinion(models.Model):
    """One opinion (lượt ý kiến) raised at a meeting or sent in advance; its petition carries the workflow. The
    speaker's name is personal data: never public."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinions")
    petition = models.OneToOneField("petitions.Petition", on_delete=models.PROTECT, related_name="opinion")
    source = models.CharField(_("nguồn"), max_length=8, choices=OpinionSource.choices, default=OpinionSource.ROOM)
    number = models.PositiveIntegerField(_("thứ tự"))
    speaker_name = models.CharField(_("người phát biểu"), max_length=150, blank=True)
    neighbourhood = models.CharField(_("khu phố, tổ dân phố"), max_length=150, blank=True)
    content = models.TextField(_("nội dung ý kiến"))
    spot_answer = models.TextField(_("trả lời tại hội nghị"), blank=True)
    spot_answered_by = models.CharField(_("người trả lời tại hội nghị"), max_length=255, blank=True)
    client_key = models.CharField(max_length=64, blank=True, editable=False)
    group = models.ForeignKey(OpinionGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ý kiến tại hội nghị")
        verbose_name_plural = _("ý kiến tại hội nghị")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="dialogues_opinion_number"),
            models.UniqueConstraint(fields=["meeting", "client_key"], condition=~models.Q(client_key=""),
                                    name="dialogues_opinion_client_key"),
        ]

    def __str__(self):
        return f"{self.meeting} · {self.number}"

    @property
    def answered_on_the_spot(self) -> bool:
        return bool(self.spot_answer)


class Commitment(TimeStampedModel):
    """A leader's commitment at the meeting, followed as a supervision recommendation to the leader's body."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="commitments")
    leader = models.CharField(_("người cam kết (họ tên — chức vụ)"), max_length=255)
    text = models.TextField(_("nội dung cam kết"))
    due_date = models.DateField(_("hạn thực hiện"))
    recommendation = models.OneToOneField(
        "supervision.Recommendation", on_delete=models.PROTECT, related_name="commitment"
    )

    class Meta:
        verbose_name = _("cam kết tại hội nghị")
        verbose_name_plural = _("cam kết tại hội nghị")
        ordering = ["meeting", "id"]

    def __str__(self):
        return self.text[:80]


class MeetingEventKind(models.TextChoices):
    PLANNED = "planned", _("Lên lịch")
    UPDATED = "updated", _("Cập nhật thông tin")
    HELD = "held", _("Tổ chức hội nghị")
    MINUTES = "minutes", _("Cập nhật biên bản")
    COMMITMENT = "commitment", _("Ghi nhận cam kết")
    CLOSED = "closed", _("Kết thúc theo dõi")
    CANCELLED = "cancelled", _("Hủy")


class MeetingEvent(TimelineEntry):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=12, choices=MeetingEventKind.choices)
    from_status = models.CharField(max_length=12, choices=MeetingStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=MeetingStatus.choices, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta(TimelineEntry.Meta):
        verbose_name = _("diễn biến hội nghị")
        verbose_name_plural = _("diễn biến hội nghị")

    def __str__(self):
        return f"{self.meeting_id} {self.kind}"
