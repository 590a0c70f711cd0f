"""Asking for the DOCX report, its progress and the download (staff of the organisation's subtree only)."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.accounts.permissions import organisation_filter
from mattran.core.files import content_disposition, private_file_response

from . import services
from .models import ReportFile, ReportFileStatus
from .pdf import PdfUnavailable, docx_to_pdf, pdf_available
from .views import parse_filter


@require_POST
def request_view(request):
    request.GET = request.POST  # the same filter fields, posted with the number and signer
    form, organisation, period, rollup = parse_filter(request)
    if organisation is None:
        return HttpResponse(_("Bộ lọc không hợp lệ."), status=400, content_type="text/plain; charset=utf-8")
    report = services.report_file_request(
        organisation=organisation,
        period=period,
        rollup=rollup,
        number=request.POST.get("so_ky_hieu", "")[:60],
        signer_name=request.POST.get("nguoi_ky", "")[:150],
        actor=request.user,
    )
    return HttpResponseRedirect(reverse("reports_admin:docx_status", args=[report.pk]))


def _report(request, pk):
    return get_object_or_404(organisation_filter(ReportFile.objects.all(), user=request.user), pk=pk)


def status_view(request, pk):
    report = _report(request, pk)
    return render(
        request,
        "reports/admin/report_status.html",
        {
            "report": report,
            "pending": report.status in (ReportFileStatus.QUEUED, ReportFileStatus.RUNNING),
            "pdf": pdf_available(),
        },
    )


def _done(request, pk) -> tuple[ReportFile, str]:
    """The finished report and its download name without the extension."""
    report = _report(request, pk)
    if report.status != ReportFileStatus.DONE or not report.file:
        raise Http404
    return report, f"Báo cáo {report.organisation.short_name or report.organisation.name} {report.period.label()}"


def download_view(request, pk):
    report, name = _done(request, pk)
    return private_file_response(
        report.file,
        filename=f"{name}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def pdf_view(request, pk):
    """The same report as PDF, converted on request (a few seconds) by LibreOffice."""
    report, name = _done(request, pk)
    if not pdf_available():
        raise Http404
    with report.file.open("rb") as source:
        try:
            content = docx_to_pdf(source.read())
        except PdfUnavailable:
            message = _("Không tạo được bản PDF lúc này; hãy tải bản DOCX.")
            return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(f"{name}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
