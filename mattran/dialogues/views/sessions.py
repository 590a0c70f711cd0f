"""Sessions of elected bodies and the consolidation of voters' petitions before each (/quan-tri/doi-thoai/ky-hop/):
group the opinions, confirm or split groups, record the answers, export DOCX and XLSX."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.core.files import content_disposition
from mattran.core.forms import add_validation_errors

from .. import selectors, services
from ..exports import consolidated_docx, consolidated_xlsx
from ..forms import GroupAnswerForm, GroupConfirmForm, GroupSplitForm, SessionForm
from ._scope import organisations, require_officer, session_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def session_list_view(request):
    require_officer(request)
    form = SessionForm(request.POST or None, organisations=organisations(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                session = services.council_session_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                return HttpResponseRedirect(reverse("dialogues_admin:session", args=[session.pk]))
        status = 400
    sessions = selectors.session_list_for(user=request.user)
    return render(request, "dialogues/admin/session_list.html", {"sessions": sessions, "form": form},
                  status=status)


def session_detail_view(request, pk: int, bound=None, status=200):
    session = session_for(request, pk)
    rows = selectors.group_rows(session=session)
    bound = bound or {}
    forms = {
        row.group.pk: {
            "confirm": bound.get(("confirm", row.group.pk)) or GroupConfirmForm(
                prefix=f"c{row.group.pk}", initial={"title": row.group.title}),
            "split": bound.get(("split", row.group.pk)) or GroupSplitForm(prefix=f"s{row.group.pk}", group=row.group),
            "answer": bound.get(("answer", row.group.pk)) or GroupAnswerForm(prefix=f"a{row.group.pk}", initial={
                "text": row.group.answer_text, "answered_by": row.group.answered_by,
                "answered_on": row.group.answered_on}),
        } for row in rows
    }
    return render(request, "dialogues/admin/session_detail.html", {
        "session": session, "rows": [(row, forms[row.group.pk]) for row in rows],
        "ungrouped": services.session_opinions(session).filter(group__isnull=True).count(),
        "meetings": session.meetings.order_by("starts_at"),
        "report_back": selectors.report_back_for(session=session),
    }, status=status)


@require_POST
def consolidation_run_view(request, pk: int):
    session = session_for(request, pk)
    groups = services.consolidation_run(session=session, actor=request.user)
    messages.success(request, _("Đã nhóm lại: %(n)s nhóm mới.") % {"n": len(groups)})
    return HttpResponseRedirect(reverse("dialogues_admin:session", args=[session.pk]))


GROUP_FORMS = {"confirm": (GroupConfirmForm, "c"), "split": (GroupSplitForm, "s"), "answer": (GroupAnswerForm, "a")}


@require_POST
def group_action_view(request, pk: int, group_pk: int, action: str):
    session = session_for(request, pk)
    group = get_object_or_404(session.groups, pk=group_pk)
    if action not in GROUP_FORMS:
        raise Http404
    form_class, prefix = GROUP_FORMS[action]
    kwargs = {"group": group} if action == "split" else {}
    form = form_class(request.POST, prefix=f"{prefix}{group.pk}", **kwargs)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "confirm":
                services.group_confirm(group=group, title=data["title"], actor=request.user)
            elif action == "split":
                services.group_split(group=group, opinions=data["opinions"], actor=request.user)
            else:
                services.group_answer_record(group=group, actor=request.user, **data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return HttpResponseRedirect(reverse("dialogues_admin:session", args=[session.pk]) + f"#nhom-{group.pk}")
    return session_detail_view(request, pk, bound={(action, group.pk): form}, status=400)


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def session_docx_view(request, pk: int):
    session = session_for(request, pk)
    content = consolidated_docx(session=session, rows=selectors.group_rows(session=session),
                                on=timezone.localdate())
    return _download(content, filename=f"kien-nghi-cu-tri-{session.pk}.docx", content_type=DOCX)


def session_xlsx_view(request, pk: int):
    session = session_for(request, pk)
    content = consolidated_xlsx(session=session, rows=selectors.group_rows(session=session))
    return _download(content, filename=f"kien-nghi-cu-tri-{session.pk}.xlsx", content_type=XLSX)
