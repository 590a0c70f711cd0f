"""The reports app reads other apps' data and writes only its own: generated report files."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.core.files import private_storage, random_name
from mattran.organisations.models import Organisation


class ReportFileStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ tạo")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã tạo xong")
    FAILED = "failed", _("Không tạo được")


def _report_upload_to(instance, filename):
    return random_name("reports", "docx")


class ReportFile(models.Model):
    """A periodic report (DOCX, Nghị định 30/2020 form) asked for by an officer, made in the background and kept
    in the private storage for download by staff of the organisation's subtree."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="report_files"
    )
    period_kind = models.CharField(_("loại kỳ"), max_length=10)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến trước ngày"))
    rollup = models.BooleanField(_("gộp đơn vị trực thuộc"), default=True)
    number = models.CharField(_("số ký hiệu"), max_length=60, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=ReportFileStatus.choices, default=ReportFileStatus.QUEUED
    )
    file = models.FileField(_("tệp"), upload_to=_report_upload_to, storage=private_storage, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp báo cáo")
        verbose_name_plural = _("tệp báo cáo")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.organisation} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    @property
    def period(self):
        from .periods import Period

        return Period(self.period_kind, self.period_start, self.period_end)
