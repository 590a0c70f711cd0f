"""The officers' recommendation screens in the admin: one recommendation after a supervision, its follow-up
actions (issue, response, milestones, escalation…), the escalation letter and the milestones' evidence. Thin:
parse with a form, authorise through the organisation subtree (another ward's recommendation is a 404), call one
service."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.core.files import private_file_response
from mattran.core.forms import form_service_run

from .. import selectors, services
from ..forms import IssueForm, MilestoneForm, NoteForm, RespondForm
from ..letters import escalation_letter_docx
from ..models import Recommendation, RecommendationStatus


def _recommendation_for(request, pk) -> Recommendation:
    return get_object_or_404(selectors.recommendation_list_for(user=request.user), pk=pk)


RECOMMENDATION_ACTIONS = {
    "issue": (_("Gửi kiến nghị"), IssueForm),
    "acknowledge": (_("Ghi nhận cơ quan đã nhận"), NoteForm),
    "respond": (_("Ghi nhận văn bản trả lời"), RespondForm),
    "milestone": (_("Báo cáo tiến độ thực hiện"), MilestoneForm),
    "implemented": (_("Xác nhận đã thực hiện xong"), NoteForm),
    "not_accepted": (_("Ghi nhận không tiếp thu"), NoteForm),
    "escalate": (_("Báo cáo ủy ban cấp trên"), NoteForm),
    "close": (_("Kết thúc theo dõi"), NoteForm),
    "resend": (_("Gửi lại đường dẫn cho cơ quan"), NoteForm),
}


def _can(recommendation, action) -> bool:
    if action == "resend":
        return any(services.recommendation_liaison_can(recommendation, a) for a in ("acknowledge", "respond", "milestone"))
    return services.recommendation_can(recommendation, action)


def recommendation_detail_view(request, pk: int, bound=None, status: int = 200):
    recommendation = _recommendation_for(request, pk)
    action_forms = [
        (action, label, (bound or {}).get(action) or form_class(prefix=action))
        for action, (label, form_class) in RECOMMENDATION_ACTIONS.items()
        if _can(recommendation, action)
    ]
    return render(
        request,
        "supervision/admin/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "progress": selectors.recommendation_progress(recommendation=recommendation),
            "children": recommendation.children.select_related("addressee"),
            "milestones": recommendation.milestones.all(),
            "events": recommendation.events.order_by("created_at", "id"),
            "action_forms": action_forms,
        },
        status=status,
    )


@require_POST
def recommendation_action_view(request, pk: int, action: str):
    recommendation = _recommendation_for(request, pk)
    if action not in RECOMMENDATION_ACTIONS:
        raise Http404
    form = RECOMMENDATION_ACTIONS[action][1](request.POST, request.FILES, prefix=action)
    saved, refusal = form_service_run(
        form, lambda data: _run_recommendation_action(action, recommendation, data, request.user)
    )
    if saved:
        messages.success(request, _("Đã lưu."))
        return HttpResponseRedirect(reverse("supervision_admin:recommendation", args=[recommendation.pk]))
    if refusal is not None:
        messages.error(request, " ".join(refusal.messages))
    return recommendation_detail_view(request, pk, bound={action: form}, status=400)


def _run_recommendation_action(action, recommendation, data, user):
    if action == "issue":
        return services.recommendation_issue(
            recommendation=recommendation, issued_on=data["issued_on"], response_due=data["response_due"], actor=user
        )
    if action == "acknowledge":
        return services.recommendation_acknowledge(recommendation=recommendation, actor=user)
    if action == "respond":
        return services.recommendation_respond(recommendation=recommendation, actor=user, text=data["text"],
            response_kind=data["response_kind"], responded_on=data["responded_on"],
            implementation_due=data["implementation_due"])
    if action == "milestone":
        evidence = data["evidence"]
        if evidence:
            services.pdf_require(evidence)
        return services.recommendation_milestone_report(
            recommendation=recommendation, reached_on=data["reached_on"], description=data["description"],
            progress=data["progress"], evidence=evidence, actor=user,
        )
    if action == "implemented":
        return services.recommendation_mark_implemented(recommendation=recommendation, actor=user)
    if action == "not_accepted":
        return services.recommendation_record_not_accepted(recommendation=recommendation, note=data["note"], actor=user)
    if action == "escalate":
        return services.recommendation_escalate(recommendation=recommendation, note=data["note"], actor=user)
    if action == "resend":
        return services.recommendation_link_resend(recommendation=recommendation, actor=user)
    return services.recommendation_close(recommendation=recommendation, note=data["note"], actor=user)


def recommendation_letter_view(request, pk: int):
    recommendation = _recommendation_for(request, pk)
    if recommendation.status != RecommendationStatus.ESCALATED and recommendation.escalated_to_id is None:
        raise Http404
    response = HttpResponse(
        escalation_letter_docx(recommendation=recommendation),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="cong-van-{recommendation.reference}.docx"'
    return response


def recommendation_evidence_view(request, pk: int, milestone_pk: int):
    recommendation = _recommendation_for(request, pk)
    milestone = get_object_or_404(recommendation.milestones.exclude(evidence=""), pk=milestone_pk)
    return private_file_response(milestone.evidence, filename=f"minh-chung-{recommendation.reference}.pdf",
                                 content_type="application/pdf")

