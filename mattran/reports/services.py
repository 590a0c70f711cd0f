"""The reports app's own writes: asking for a DOCX report and each step of making it (in a django-tasks task).
The report file's status changes only here, each step with a ``ReportFileEvent`` and an audit row."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.accounts.permissions import user_can_access_organisation
from mattran.core.services import audit_record
from mattran.core.workflow import status_transition_apply
from mattran.organisations.models import Organisation

from .models import REPORT_FILE_TRANSITIONS, ReportFile, ReportFileEvent, ReportFileStatus
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

        ReportFileEvent.objects.create(
            report=report,
            to_status=ReportFileStatus.QUEUED,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label="" if getattr(actor, "is_authenticated", False) else str(actor),
        )
        report_id = report.pk
        transaction.on_commit(lambda: report_file_generate_task.enqueue(report_id))
    return report


def _report_file_move(*, report: ReportFile, to: str, actor, note: str = "", **fields) -> tuple[ReportFile, str]:
    """One status step (inside the caller's transaction, which adds the audit row): lock, check the arrow, write
    the status and fields and a timeline row."""
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    current, old = status_transition_apply(
        report,
        allowed=REPORT_FILE_TRANSITIONS[to],
        to=to,
        refusal=_("Tệp báo cáo đang ở tình trạng %(status)s, không thể chuyển như vậy."),
        **fields,
    )
    ReportFileEvent.objects.create(
        report=current,
        from_status=old,
        to_status=to,
        note=note,
        actor=actor_user,
        actor_label="" if actor_user else str(actor),
    )
    return current, old


def report_file_start(*, report: ReportFile, actor="reports_task") -> ReportFile:
    """The task picks the queued report up (queued → running)."""
    with transaction.atomic():
        current, old = _report_file_move(report=report, to=ReportFileStatus.RUNNING, actor=actor)
        audit_record(actor=actor, action="report.start", target=current, changes={"status": [old, current.status]})
    return current


def report_file_finish(*, report: ReportFile, content: bytes, actor="reports_task") -> ReportFile:
    """The DOCX is made: keep it in the private storage (running → done)."""
    with transaction.atomic():
        report.file.save(f"{report.pk}.docx", ContentFile(content), save=False)
        current, old = _report_file_move(
            report=report, to=ReportFileStatus.DONE, actor=actor, file=report.file.name, finished_at=timezone.now()
        )
        audit_record(actor=actor, action="report.generate", target=current, changes={"status": [old, current.status]})
    return current


def report_file_fail(*, report: ReportFile, error: str, actor="reports_task") -> ReportFile:
    """Making the DOCX failed: the reason is kept on the row for the officer and the administrator."""
    with transaction.atomic():
        current, old = _report_file_move(
            report=report, to=ReportFileStatus.FAILED, actor=actor, note=error[:2000], error=error[:2000],
            finished_at=timezone.now(),
        )
        audit_record(actor=actor, action="report.fail", target=current, changes={"status": [old, current.status]})
    return current


def report_file_generate(*, report_id: int, actor="reports_task") -> ReportFile:
    """Make the DOCX of a queued report; a failure is recorded on the row, never lost silently. A report that is
    no longer queued (another worker took it) is left alone."""
    from .documents import report_docx

    report = ReportFile.objects.get(pk=report_id)
    if report.status != ReportFileStatus.QUEUED:
        return report
    try:
        report = report_file_start(report=report, actor=actor)
    except ValidationError:
        return ReportFile.objects.get(pk=report_id)
    try:
        content = report_docx(report)
    except Exception as exc:  # noqa: BLE001 — recorded for the officer, and re-raised for the worker's log
        report_file_fail(report=report, error=str(exc), actor=actor)
        raise
    return report_file_finish(report=report, content=content, actor=actor)
