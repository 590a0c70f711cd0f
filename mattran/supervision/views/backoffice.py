"""The officers' supervision screens in the admin: dashboard, programmes, topic picker and activities (drafting a
recommendation included; following one up is in ``recommendations``). Thin: parse with a form, authorise through
the organisation subtree, call one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.accounts.permissions import body_list_for, officer_require, organisation_list_for
from mattran.core.files import private_file_response
from mattran.core.forms import add_validation_errors, form_service_run
from mattran.organisations.models import Topic

from .. import selectors, services
from ..forms import (
    ActivityForm,
    CancelForm,
    DateForm,
    DocumentForm,
    FinishForm,
    NoteForm,
    ProgrammeForm,
    RecommendationForm,
    SessionForm,
)
from ..models import ActivityStatus, RecommendationStatus, SupervisionSettings


def dashboard_view(request):
    officer_require(user=request.user)
    dashboard = selectors.dashboard_for(user=request.user)
    programmes = [(p, selectors.programme_progress(programme=p)) for p in dashboard["programmes"]]
    return render(request, "supervision/admin/dashboard.html", {**dashboard, "programme_rows": programmes})


def programme_list_view(request):
    officer_require(user=request.user)
    organisations = organisation_list_for(user=request.user)
    form = ProgrammeForm(request.POST or None, organisations=organisations, prefix="programme")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                programme = services.programme_create(
                    organisation=data["organisation"], year=data["year"], title=data["title"],
                    agreed_on=data["agreed_on"], agreed_with=data["agreed_with"], actor=request.user,
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Đã lập %(title)s.") % {"title": programme.title})
                return HttpResponseRedirect(reverse("supervision_admin:programme", args=[programme.pk]))
        status = 400
    rows = [(p, selectors.programme_progress(programme=p)) for p in selectors.programme_list_for(user=request.user)]
    return render(request, "supervision/admin/programme_list.html", {"rows": rows, "form": form}, status=status)


def programme_detail_view(request, pk: int):
    programme = get_object_or_404(selectors.programme_list_for(user=request.user), pk=pk)
    return render(
        request,
        "supervision/admin/programme_detail.html",
        {
            "programme": programme,
            "progress": selectors.programme_progress(programme=programme),
            "activities": programme.activities.order_by("planned_start", "id"),
        },
    )


def topic_picker_view(request):
    officer_require(user=request.user)
    organisations = organisation_list_for(user=request.user)
    raw = request.GET.get("to-chuc", "")
    organisation = None
    if raw.isascii() and raw.isdigit():
        organisation = organisations.filter(pk=int(raw)).first()
    organisation = organisation or organisations.order_by("path").first()
    return render(
        request,
        "supervision/admin/topic_picker.html",
        {
            "organisation": organisation,
            "organisations": organisations,
            "candidates": selectors.topic_candidates(organisation=organisation),
            "weights": selectors.WEIGHTS,
        },
    )


def _int_param(request, name):
    raw = request.GET.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def activity_create_view(request):
    officer_require(user=request.user)
    organisations = organisation_list_for(user=request.user)
    programmes = selectors.programme_list_for(user=request.user)
    bodies = body_list_for(user=request.user)
    initial = {}
    topic_id, body_id, org_id = _int_param(request, "topic"), _int_param(request, "body"), _int_param(request, "to-chuc")
    if body_id or topic_id:  # pre-filled from a topic-picker candidate
        topic = Topic.objects.filter(pk=topic_id).first() if topic_id else None
        body = bodies.filter(pk=body_id).first() if body_id else None
        initial = {
            "topic": topic,
            "subjects": [body] if body else [],
            "topic_source": "petitions",
            "topic_evidence": request.GET.get("evidence", "")[:2000],
            "title": _("Giám sát việc giải quyết ý kiến, kiến nghị về %(topic)s của %(body)s")
            % {"topic": topic.name if topic else _("nhiều lĩnh vực"), "body": body.name if body else ""},
            "form": "petitions",
        }
    if org_id:
        initial["organisation"] = organisations.filter(pk=org_id).first()
    form = ActivityForm(
        request.POST or None, initial=initial, organisations=organisations, programmes=programmes, bodies=bodies
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                activity = services.activity_create(actor=request.user, **{**data, "subjects": list(data["subjects"])})
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Đã lập cuộc giám sát %(ref)s.") % {"ref": activity.reference})
                return HttpResponseRedirect(reverse("supervision_admin:activity", args=[activity.pk]))
        status = 400
    return render(request, "supervision/admin/activity_form.html", {"form": form}, status=status)


def _activity_for(request, pk):
    return get_object_or_404(selectors.activity_list_for(user=request.user), pk=pk)


ACTIVITY_ACTIONS = {
    # action: (label, form class, shown in statuses)
    "notice": (_("Ghi nhận đã gửi thông báo"), DateForm, (ActivityStatus.PLANNED,)),
    "self_report": (_("Ghi nhận báo cáo tự giám sát"), DateForm, (ActivityStatus.PLANNED, ActivityStatus.UNDER_WAY)),
    "start": (_("Bắt đầu giám sát"), DateForm, (ActivityStatus.PLANNED,)),
    "session": (_("Thêm buổi làm việc"), SessionForm, (ActivityStatus.PLANNED, ActivityStatus.UNDER_WAY)),
    "document": (_("Thêm tài liệu (PDF)"), DocumentForm, tuple(ActivityStatus.values)),
    "finish": (_("Kết thúc, nhập kết quả"), FinishForm, (ActivityStatus.UNDER_WAY,)),
    "publish": (_("Công khai kết quả"), NoteForm, (ActivityStatus.DONE,)),
    "cancel": (_("Không thực hiện"), CancelForm, (ActivityStatus.PLANNED, ActivityStatus.UNDER_WAY)),
}


def _activity_forms(activity, request, bound=None):
    result = []
    for action, (label, form_class, statuses) in ACTIVITY_ACTIONS.items():
        if activity.status not in statuses or (action == "publish" and activity.is_published):
            continue
        kwargs = {"bodies": activity.subjects.all()} if form_class is SessionForm else {}
        form = (bound or {}).get(action) or form_class(prefix=action, **kwargs)
        result.append((action, label, form))
    return result


def checklist(activity) -> list[tuple[str, bool]]:
    """The steps of a supervision in order, each done or not, so the officer sees what is missing."""
    documents = set(activity.documents.values_list("kind", flat=True))
    steps = [
        (_("Nội dung và đối tượng giám sát"), bool(activity.subjects.exists() or activity.subject_office_holders)),
    ]
    if activity.form in ("delegation", "peoples_inspection", "community_investment"):
        steps += [
            (_("Quyết định thành lập đoàn, trưởng đoàn và thành viên"), "decision" in documents and bool(activity.delegation_head)),
            (_("Kế hoạch giám sát"), "plan" in documents),
            (_("Thông báo cho đối tượng giám sát"), bool(activity.notice_sent_on)),
            (_("Báo cáo tự giám sát của đối tượng"), bool(activity.self_report_received_on)),
            (_("Buổi làm việc và biên bản"), activity.sessions.exists()),
        ]
    elif activity.form == "document_review":
        steps += [
            (_("Văn bản đề nghị đối tượng cung cấp tài liệu"), bool(activity.notice_sent_on)),
            (_("Tài liệu, báo cáo của đối tượng"), bool(activity.self_report_received_on)),
        ]
    elif activity.form == "residence":
        steps += [
            (_("Thông báo cho chi bộ, cơ quan nơi công tác"), bool(activity.notice_sent_on)),
            (_("Ý kiến của Ban công tác Mặt trận khu dân cư"), activity.sessions.exists()),
        ]
    else:  # via petitions
        steps += [(_("Tổng hợp ý kiến, kiến nghị làm căn cứ"), bool(activity.topic_evidence))]
    steps += [
        (_("Báo cáo kết quả giám sát"), activity.status == ActivityStatus.DONE and "findings" in documents),
        (_("Kiến nghị sau giám sát đã gửi"), activity.recommendations.exclude(status=RecommendationStatus.DRAFTED).exists()),
        (_("Công khai kết quả"), activity.is_published),
    ]
    return steps


def activity_detail_view(request, pk: int, bound=None, status: int = 200):
    activity = _activity_for(request, pk)
    warning = services.notice_period_warning(activity, activity.notice_sent_on) if activity.notice_sent_on else ""
    recommendation_form = (bound or {}).get("recommendation") or _recommendation_form(request, activity)
    return render(
        request,
        "supervision/admin/activity_detail.html",
        {
            "activity": activity,
            "checklist": checklist(activity),
            "notice_warning": warning,
            "notice_min_days": SupervisionSettings.load().notice_min_days,
            "action_forms": _activity_forms(activity, request, bound),
            "recommendations": activity.recommendations.select_related("addressee", "parent").order_by("id"),
            "recommendation_form": recommendation_form,
            "events": activity.events.order_by("created_at", "id"),
        },
        status=status,
    )


def _recommendation_form(request, activity, data=None):
    return RecommendationForm(
        data,
        prefix="recommendation",
        bodies=body_list_for(user=request.user),
        parents=activity.recommendations.filter(parent__isnull=True),
    )


@require_POST
def activity_action_view(request, pk: int, action: str):
    activity = _activity_for(request, pk)
    if action not in ACTIVITY_ACTIONS:
        raise Http404
    _label, form_class, _statuses = ACTIVITY_ACTIONS[action]
    kwargs = {"bodies": activity.subjects.all()} if form_class is SessionForm else {}
    form = form_class(request.POST, request.FILES, prefix=action, **kwargs)
    saved, outcome = form_service_run(form, lambda data: _run_activity_action(action, activity, data, request.user))
    if saved:
        if outcome:
            messages.warning(request, outcome)
        else:
            messages.success(request, _("Đã lưu."))
        return HttpResponseRedirect(reverse("supervision_admin:activity", args=[activity.pk]))
    if outcome is not None:
        messages.error(request, " ".join(outcome.messages))
    return activity_detail_view(request, pk, bound={action: form}, status=400)


def _run_activity_action(action, activity, data, user) -> str:
    if action == "notice":
        return services.activity_notice_send(activity=activity, sent_on=data["on"], actor=user)
    if action == "self_report":
        services.activity_self_report_receive(activity=activity, received_on=data["on"], actor=user)
    elif action == "start":
        services.activity_start(activity=activity, started_on=data["on"], actor=user)
    elif action == "session":
        services.activity_session_add(activity=activity, actor=user, **data)
    elif action == "document":
        services.activity_document_add(activity=activity, kind=data["kind"], title=data["title"], file=data["file"], actor=user)
    elif action == "finish":
        services.activity_finish(
            activity=activity, findings_summary=data["findings_summary"], finished_on=data["on"], actor=user
        )
    elif action == "publish":
        services.activity_publish(activity=activity, actor=user)
    elif action == "cancel":
        services.activity_cancel(activity=activity, reason=data["reason"], actor=user)
    return ""


def activity_document_view(request, pk: int, document_pk: int):
    activity = _activity_for(request, pk)
    document = get_object_or_404(activity.documents, pk=document_pk)
    return private_file_response(document.file, filename=f"{document.title}.pdf", content_type="application/pdf")


@require_POST
def recommendation_create_view(request, pk: int):
    activity = _activity_for(request, pk)
    form = _recommendation_form(request, activity, request.POST)
    saved, recommendation = form_service_run(
        form, lambda data: services.recommendation_draft(activity=activity, actor=request.user, **data)
    )
    if saved:
        messages.success(request, _("Đã soạn kiến nghị %(ref)s.") % {"ref": recommendation.reference})
        return HttpResponseRedirect(reverse("supervision_admin:recommendation", args=[recommendation.pk]))
    return activity_detail_view(request, pk, bound={"recommendation": form}, status=400)
