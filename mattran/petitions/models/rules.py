"""Rules as data, edited in the admin: deadlines per topic and body, the workflow's time and intake limits, and
what a topic's intake requires. Importable from ``mattran.petitions.models``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from mattran.core.models import TimeStampedModel
from mattran.organisations.models import Body, Topic


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
