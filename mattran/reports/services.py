"""The reports app's only writes: asking for a DOCX report and making it (in a django-tasks task)."""

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.accounts.permissions import user_can_access_organisation
from mattran.core.services import audit_record
from mattran.organisations.models import Organisation

from .models import ReportFile, ReportFileStatus
from .periods import Period


def report_file_request(
    *,
    organisation: Organisation,
    period: Period,
    rollup: bool,
    number: str = "",
    signer_name: str = "",
    actor,
) -> ReportFile:
    if not user_can_access_organisation(user=actor, organisation=organisation):
        raise PermissionDenied(_("Bạn không có quyền với tổ chức này."))
    with transaction.atomic():
        report = ReportFile.objects.create(
            organisation=organisation,
            period_kind=period.kind,
            period_start=period.start,
            period_end=period.end,
            rollup=rollup,
            number=(number or "").strip()[:60],
            signer_name=(signer_name or "").strip()[:150],
            requested_by=actor,
        )
        audit_record(
            actor=actor,
            action="report.request",
            target=report,
            changes={"period": period.key(), "rollup": rollup},
        )
        from .tasks import report_file_generate_task

        report_id = report.pk
        transaction.on_commit(lambda: report_file_generate_task.enqueue(report_id))
    return report


def report_file_generate(*, report_id: int, actor="reports_task") -> ReportFile:
    """Make the DOCX of a queued report; a failure is recorded on the row, never lost silently."""
    from .documents import report_docx

    with transaction.atomic():
        report = ReportFile.objects.select_for_update().get(pk=report_id)
        if report.status != ReportFileStatus.QUEUED:
            return report
        report.status = ReportFileStatus.RUNNING
        report.save(update_fields=["status"])
    try:
        content = report_docx(report)
    except Exception as exc:  # noqa: BLE001 — recorded for the officer, and re-raised for the worker's log
        with transaction.atomic():
            report.status, report.error, report.finished_at = (
                ReportFileStatus.FAILED,
                str(exc)[:2000],
                timezone.now(),
            )
            report.save(update_fields=["status", "error", "finished_at"])
            audit_record(actor=actor, action="report.fail", target=report)
        raise
    with transaction.atomic():
        report.file.save(f"{report.pk}.docx", ContentFile(content), save=False)
        report.status, report.finished_at = ReportFileStatus.DONE, timezone.now()
        report.save(update_fields=["file", "status", "finished_at"])
        audit_record(actor=actor, action="report.generate", target=report)
    return report
