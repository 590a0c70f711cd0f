"""The reports app reads other apps' data and writes only its own: generated report files."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mattran.core.files import private_storage, random_name
from mattran.core.models import TimelineEntry
from mattran.organisations.models import Organisation


class ReportFileStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ tạo")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã tạo xong")
    FAILED = "failed", _("Không tạo được")


# The arrows of the report file's state diagram: queued → running → done | failed.
REPORT_FILE_TRANSITIONS = {
    ReportFileStatus.RUNNING: (ReportFileStatus.QUEUED,),
    ReportFileStatus.DONE: (ReportFileStatus.RUNNING,),
    ReportFileStatus.FAILED: (ReportFileStatus.QUEUED, ReportFileStatus.RUNNING),
}


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
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

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


class ReportFileEvent(TimelineEntry):
    """The report file's status history (asked for, being made, made, failed): the status changes only through
    ``services.report_file_*``, each adding one row here and one audit row."""

    report = models.ForeignKey(ReportFile, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=ReportFileStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ReportFileStatus.choices)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta(TimelineEntry.Meta):
        verbose_name = _("diễn biến tệp báo cáo")
        verbose_name_plural = _("diễn biến tệp báo cáo")

    def __str__(self):
        return f"{self.report_id} {self.from_status}→{self.to_status}"


class PetitionDailyFigure(models.Model):
    """Petition counts precomputed per organisation, local day and figure (``figures.py``), so the dashboard and
    the periodic report sum a few thousand rows instead of counting a million petitions and their timelines.

    Derived data, like the search index: rebuilt by ``manage.py reports_figures_refresh`` and refreshed every few
    minutes (today, and every day a changed petition touches); ``PetitionFigureRefresh`` says how fresh it is.
    ``figure`` names what is counted (``received.channel``, ``forwarded``, ``answered.late``, ``overdue``…),
    ``key`` the breakdown value (a channel, a topic or body id, a number of working days); ``since`` is set only on
    the ``*.repeat`` rows: a petition with the same event again on ``day``, its previous one on ``since``, which a
    period holding both days subtracts so that a petition is counted once. ``n`` counts every petition,
    ``n_public`` only those that are not confidential."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    figure = models.CharField(max_length=32)
    key = models.CharField(max_length=40, blank=True)
    since = models.DateField(null=True, blank=True)
    n = models.PositiveIntegerField(default=0)
    n_public = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu kiến nghị theo ngày")
        verbose_name_plural = _("số liệu kiến nghị theo ngày")
        indexes = [models.Index(fields=["figure", "day"], name="reports_daily_figure_day_idx")]

    def __str__(self):
        return f"{self.organisation_id} {self.day} {self.figure} {self.key}: {self.n}"


class PetitionFigureRefresh(models.Model):
    """One row per refresh of ``PetitionDailyFigure``: the dashboard's "số liệu tính đến HH:MM" is the start of
    the newest finished one (every change committed before it is counted)."""

    started_at = models.DateTimeField(_("bắt đầu lúc"))
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    full = models.BooleanField(_("tính lại toàn bộ"), default=False)
    days = models.PositiveIntegerField(_("số ngày tính lại"), default=0)

    class Meta:
        verbose_name = _("lần tính số liệu")
        verbose_name_plural = _("lần tính số liệu")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"
