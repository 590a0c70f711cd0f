"""The officers' meeting screens in the admin (/quan-tri/doi-thoai/): the meetings of the committees in their
reach, each meeting's counts, opinions, questions sent in advance, commitments and steps. Thin: parse with a
form, authorise through the organisation subtree (another ward's meeting is a 404), call one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mattran.core.files import private_file_response
from mattran.core.forms import add_validation_errors, form_service_run
from mattran.organisations.models import Topic

from .. import selectors, services
from ..forms import (
    ArticleForm,
    CancelForm,
    CommitmentForm,
    ForwardForm,
    HoldForm,
    MeetingForm,
    MinutesForm,
    NoteForm,
    PhotoForm,
)
from ._scope import bodies, meeting_for, organisations, require_officer, sessions_in_reach


def meeting_list_view(request):
    require_officer(request)
    meetings = selectors.meeting_list_for(user=request.user).order_by("-starts_at", "-id")
    return render(request, "dialogues/admin/meeting_list.html", {"meetings": meetings})


def _meeting_form(request, **kwargs):
    return MeetingForm(request.POST or None, organisations=organisations(request),
                       topics=Topic.objects.filter(is_active=True), bodies=bodies(request),
                       sessions=sessions_in_reach(request), **kwargs)


def meeting_create_view(request):
    require_officer(request)
    form = _meeting_form(request)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = services.meeting_plan(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Đã lên lịch “%(title)s”.") % {"title": meeting.title})
                return HttpResponseRedirect(reverse("dialogues_admin:meeting", args=[meeting.pk]))
        status = 400
    return render(request, "dialogues/admin/meeting_form.html", {"form": form}, status=status)


EDIT_FIELDS = [name for name in MeetingForm.base_fields if name not in ("organisation", "kind")]


def meeting_edit_view(request, pk: int):
    meeting = meeting_for(request, pk)
    initial = {name: getattr(meeting, name) for name in EDIT_FIELDS}
    initial.update(organisation=meeting.organisation, kind=meeting.kind)
    form = _meeting_form(request, initial=initial)
    form.fields["organisation"].disabled = form.fields["kind"].disabled = True
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in EDIT_FIELDS}
            try:
                services.meeting_update(meeting=meeting, actor=request.user, **changes)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu."))
                return HttpResponseRedirect(reverse("dialogues_admin:meeting", args=[meeting.pk]))
        status = 400
    return render(request, "dialogues/admin/meeting_form.html", {"form": form, "meeting": meeting}, status=status)


# action: (label, form class, step of services.STEPS)
MEETING_ACTIONS = {
    "hold": (gettext_lazy("Ghi nhận đã tổ chức"), HoldForm, "hold"),
    "minutes": (gettext_lazy("Biên bản"), MinutesForm, "minutes"),
    "commit": (gettext_lazy("Ghi nhận cam kết của người chủ trì"), CommitmentForm, "commit"),
    "forward": (gettext_lazy("Chuyển các ý kiến chưa trả lời đến cơ quan"), ForwardForm, "forward"),
    "photo": (gettext_lazy("Thêm ảnh hội nghị"), PhotoForm, "minutes"),
    "article": (gettext_lazy("Gắn tin bài về hội nghị"), ArticleForm, "update"),
    "close": (gettext_lazy("Kết thúc theo dõi"), NoteForm, "close"),
    "cancel": (gettext_lazy("Hủy hội nghị"), CancelForm, "cancel"),
}


def _form(request, action, data=None, files=None):
    form_class = MEETING_ACTIONS[action][1]
    kwargs = {"prefix": action}
    if form_class is ForwardForm:
        kwargs["bodies"] = bodies(request)
    return form_class(data, files, **kwargs)


def meeting_detail_view(request, pk: int, bound=None, status: int = 200):
    meeting = meeting_for(request, pk)
    action_forms = [
        (action, label, (bound or {}).get(action) or _form(request, action))
        for action, (label, _f, step) in MEETING_ACTIONS.items() if services.meeting_can(meeting, step)
    ]
    return render(request, "dialogues/admin/meeting_detail.html", {
        "meeting": meeting,
        "counts": selectors.opinion_counts(meeting=meeting),
        "opinions": selectors.opinions_for_hosts(meeting=meeting),
        "questions": selectors.questions_in_advance(meeting=meeting),
        "commitments": meeting.commitments.select_related("recommendation"),
        "events": meeting.events.order_by("created_at", "id"),
        "action_forms": action_forms,
        "can_record": services.meeting_can(meeting, "record"),
    }, status=status)


def _run(request, meeting, action, data):
    actor = request.user
    if action == "hold":
        return services.meeting_hold(meeting=meeting, attendance=data["attendance"], note=data["note"], actor=actor)
    if action == "minutes":
        return services.meeting_minutes_record(meeting=meeting, text=data["text"], file=data["file"],
                                               attendance=data["attendance"], actor=actor)
    if action == "commit":
        return services.commitment_record(meeting=meeting, actor=actor, **data)
    if action == "forward":
        return services.opinions_forward_open(meeting=meeting, body=data["body"], actor=actor)
    if action == "photo":
        return services.meeting_photo_add(meeting=meeting, image=data["image"], caption=data["caption"], actor=actor)
    if action == "article":
        return services.meeting_article_link(meeting=meeting, article=data["article"], actor=actor)
    if action == "close":
        return services.meeting_close(meeting=meeting, note=data["note"], actor=actor)
    return services.meeting_cancel(meeting=meeting, reason=data["reason"], actor=actor)


@require_POST
def meeting_action_view(request, pk: int, action: str):
    meeting = meeting_for(request, pk)
    if action not in MEETING_ACTIONS:
        raise Http404
    form = _form(request, action, request.POST, request.FILES)
    saved, result = form_service_run(form, lambda data: _run(request, meeting, action, data))
    if saved:
        if action == "forward":
            messages.success(request, _("Đã chuyển %(n)s ý kiến.") % {"n": len(result)})
        else:
            messages.success(request, _("Đã lưu."))
        return HttpResponseRedirect(reverse("dialogues_admin:meeting", args=[meeting.pk]))
    return meeting_detail_view(request, pk, bound={action: form}, status=400)


def minutes_file_view(request, pk: int):
    meeting = meeting_for(request, pk)
    if not meeting.minutes_file:
        raise Http404
    return private_file_response(meeting.minutes_file, filename=f"bien-ban-{meeting.slug}.pdf",
                                 content_type="application/pdf")
