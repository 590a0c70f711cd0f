"""The addressee body's liaison: the signed-link page (/giam-sat/co-quan/<token>/, no account) and, for liaisons
with an account, "Kiến nghị sau giám sát gửi cơ quan tôi" in the admin. Both offer the same three steps —
acknowledge, respond, report a milestone — through the same services; nothing an officer does is offered here."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mattran.accounts.permissions import body_ids_for_liaison
from mattran.core.forms import add_validation_errors as form_add_errors

from .. import selectors, services
from ..forms import MilestoneForm, NoteForm, RespondForm
from ..links import RecommendationLinkError, recommendation_token_read
from ..models import Recommendation
from ..services.liaison import LIAISON_ACTIONS, recommendation_liaison_can

FORMS = {"acknowledge": NoteForm, "respond": RespondForm, "milestone": MilestoneForm}
LABELS = {
    "acknowledge": gettext_lazy("Xác nhận đã nhận kiến nghị"),
    "respond": gettext_lazy("Gửi văn bản trả lời"),
    "milestone": gettext_lazy("Báo cáo tiến độ thực hiện"),
}


def liaison_forms(recommendation: Recommendation, bound: dict | None = None) -> list:
    """The (action, label, form) the body may take now; empty once there is nothing left for it to do."""
    return [
        (action, LABELS[action], (bound or {}).get(action) or FORMS[action](prefix=action))
        for action in LIAISON_ACTIONS
        if recommendation_liaison_can(recommendation, action)
    ]


def liaison_action_run(request, recommendation: Recommendation, action: str, actor):
    """Parse and run one liaison step; returns None when done, else the bound form carrying the errors."""
    form = FORMS[action](request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        return form
    data = form.cleaned_data
    try:
        if not recommendation_liaison_can(recommendation, action):
            raise ValidationError(_("Bước này không còn thực hiện được ở tình trạng hiện tại của kiến nghị."))
        if action == "acknowledge":
            services.recommendation_acknowledge(recommendation=recommendation, actor=actor)
        elif action == "respond":
            services.recommendation_respond(
                recommendation=recommendation, response_kind=data["response_kind"], text=data["text"],
                responded_on=data["responded_on"], implementation_due=data["implementation_due"], actor=actor,
            )
        else:
            if data["evidence"]:
                services.pdf_require(data["evidence"])
            services.recommendation_milestone_report(
                recommendation=recommendation, reached_on=data["reached_on"], description=data["description"],
                progress=data["progress"], evidence=data["evidence"], actor=actor,
            )
    except ValidationError as exc:
        form_add_errors(form, exc)
        return form
    return None


def _context(recommendation, body, bound=None):
    shown = {action for action in LIAISON_ACTIONS if recommendation_liaison_can(recommendation, action)}
    return {
        # The refusal of a step no longer offered (its form is not on the page) is shown at the top.
        "step_errors": [e for action, form in (bound or {}).items() if action not in shown for e in form.non_field_errors()],
        "recommendation": recommendation,
        "body": body,
        "progress": selectors.recommendation_progress(recommendation=recommendation),
        "milestones": recommendation.milestones.all(),
        "events": recommendation.events.filter(is_public=True).order_by("created_at", "id"),
        "action_forms": liaison_forms(recommendation, bound),
    }


# --- the signed link -----------------------------------------------------------------------------------------


@never_cache
def signed_link_view(request, token: str):
    try:
        recommendation, body = recommendation_token_read(token)
    except RecommendationLinkError as exc:
        message = (
            _("Đường dẫn đã hết hạn. Xin liên hệ Ủy ban MTTQ đã gửi kiến nghị để nhận đường dẫn mới.")
            if exc.expired
            else _("Đường dẫn không hợp lệ hoặc đã được thay bằng đường dẫn mới.")
        )
        return render(request, "supervision/liaison/error.html", {"message": message}, status=403)
    actor = _("Cán bộ đầu mối %(body)s (đường dẫn được ký)") % {"body": body.name}
    bound, status = {}, 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in LIAISON_ACTIONS:
            return render(request, "supervision/liaison/error.html", {"message": _("Thao tác không hợp lệ.")}, status=400)
        form = liaison_action_run(request, recommendation, action, actor)
        if form is None:
            return HttpResponseRedirect(request.path)
        bound, status = {action: form}, 400
        recommendation.refresh_from_db()
    return render(request, "supervision/liaison/signed_link.html", _context(recommendation, body, bound), status=status)


# --- liaisons with an account, in the admin --------------------------------------------------------------------


def _require_liaison(request):
    if not body_ids_for_liaison(user=request.user):
        raise PermissionDenied


def my_list_view(request):
    _require_liaison(request)
    return render(
        request,
        "supervision/liaison/admin_list.html",
        {"recommendations": selectors.recommendation_list_for_liaison(user=request.user)},
    )


def my_detail_view(request, pk: int, bound=None, status: int = 200):
    _require_liaison(request)
    recommendation = get_object_or_404(selectors.recommendation_list_for_liaison(user=request.user, open_only=False), pk=pk)
    return render(
        request,
        "supervision/liaison/admin_detail.html",
        _context(recommendation, recommendation.addressee, bound),
        status=status,
    )


@require_POST
def my_action_view(request, pk: int, action: str):
    _require_liaison(request)
    recommendation = get_object_or_404(selectors.recommendation_list_for_liaison(user=request.user, open_only=False), pk=pk)
    if action not in LIAISON_ACTIONS:
        raise Http404
    form = liaison_action_run(request, recommendation, action, request.user)
    if form is None:
        messages.success(request, _("Đã lưu."))
        return HttpResponseRedirect(reverse("supervision_admin:liaison_detail", args=[pk]))
    return my_detail_view(request, pk, bound={action: form}, status=400)
