"""Officers' and liaisons' views inside the Wagtail admin: the work queue with faceted filters and bulk actions
(a liaison's opens on what waits for their body), the petition page with its timeline and every action the user
may take now, the Front's review of an answer included. Staff intake and the XLSX import: ``intake.py``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.accounts.menu import is_officer as user_is_officer
from mattran.accounts.permissions import body_ids_for_liaison, organisation_list_for
from mattran.core.files import private_file_response
from mattran.core.forms import add_validation_errors
from mattran.core.parsing import parse_ids
from mattran.core.views import bad_request_page
from mattran.organisations.models import Body, Topic

from .. import selectors, services, workflow
from ..forms import (
    AnswerAcceptForm,
    AnswerForm,
    AnswerSendBackForm,
    ConfidentialForm,
    ForwardForm,
    InformForm,
    MergeForm,
    NoteForm,
    ReasonForm,
    RedirectForm,
)
from ..models import (
    Petition,
    PetitionAttachment,
    PetitionChannel,
    PetitionStatus,
)
from ..permissions import (
    actions_for_user,
    petition_queryset_for,
    petition_queryset_for_request,
    user_may_see_personal_data,
)
from ..queue import SORTS, WITHIN_CHOICES
from .triage import triage_context

PAGE_SIZE = 50
BULK_ACTIONS = ("accept", "forward", "close")


def queue_view(request):
    params = request.GET
    base = petition_queryset_for_request(request)
    is_officer = user_is_officer(request.user)  # asked once per request, the admin menu asks too
    liaison_bodies = set() if is_officer else body_ids_for_liaison(user=request.user)
    # A liaison's list opens on "waiting for us": forwarded to their body, not answered, nearest due date first.
    waiting = bool(liaison_bodies) and params.get("xem") != "tat-ca"
    if waiting:
        base = selectors.petition_list_waiting_for_bodies(base=base, body_ids=liaison_bodies)
    result = selectors.petition_queue(
        base=base, params=params, user=request.user, officer=is_officer, due_first=waiting
    )
    if result.invalid:
        # Only a hand-edited address gets here: say which filters were left out, and answer 400.
        messages.error(request, _("Đã bỏ qua bộ lọc không hợp lệ: %(names)s.") % {"names": ", ".join(result.invalid)})
    page_qs = result.queryset.select_related("topic", "organisation", "body", "assigned_to").annotate_overdue()
    paginator = Paginator(page_qs, PAGE_SIZE)
    paginator.count = result.total  # known from the facet query: saves a COUNT(*)
    page = paginator.get_page(params.get("p"))
    labels = {
        "status": PetitionStatus.choices,
        "channel": PetitionChannel.choices,
        "topic": Topic.objects.filter(pk__in=result.counts["topic"].keys()).values_list("pk", "name"),
        "body": Body.objects.filter(pk__in=[k for k in result.counts["body"] if k]).values_list("pk", "name"),
        "due": [("overdue", _("Quá hạn")), ("week", _("Đến hạn trong 7 ngày"))],
    }
    facets = {
        name: [
            {
                "value": str(value),
                "label": label,
                "count": result.counts[name].get(value, 0),
                "selected": params.get(name) == str(value),
            }
            for value, label in options
            if result.counts[name].get(value, 0) or params.get(name) == str(value)
        ]
        for name, options in labels.items()
    }
    organisations = (
        organisation_list_for(user=request.user).active_on(timezone.localdate()).order_by("path")[:300]
        if is_officer else []
    )
    query_without_page = params.copy()
    query_without_page.pop("p", None)
    return render(
        request,
        "petitions/admin/queue.html",
        {
            "page": page,
            "facets": facets,
            "params": params,
            "organisations": organisations,
            "query": query_without_page.urlencode(),
            # Only what the user can do: intake, import and bulk steps are the Front's.
            "is_officer": is_officer,
            "bulk_actions": [(a, workflow.ACTION_LABELS[a]) for a in BULK_ACTIONS] if is_officer else [],
            "liaison": bool(liaison_bodies),
            "waiting": waiting,
            "total": result.total,
            "within_choices": WITHIN_CHOICES,
            "sorts": [("received", _("Mới nhận trước")), ("due", _("Gần hạn trước")), ("changed", _("Mới thay đổi trước"))],
            "sort": params.get("sort") if params.get("sort") in SORTS else ("due" if waiting else "received"),
        },
        status=400 if result.invalid else 200,
    )


@require_POST
def bulk_action_view(request):
    action = request.POST.get("action")
    ids = parse_ids(request.POST.getlist("ids"))
    if ids is None:
        # The queue's check boxes carry ids; anything else is a forged or broken request.
        return bad_request_page(request, message=_("Danh sách kiến nghị đã chọn không hợp lệ; không kiến nghị nào bị thay đổi."))
    # Re-encoded: the hidden field is client input, and a raw newline in a Location header is a 500.
    query = QueryDict(request.POST.get("query", "")).urlencode()
    back = reverse("petitions_admin:queue") + ("?" + query if query else "")
    if action not in BULK_ACTIONS or not ids:
        messages.error(request, _("Hãy chọn kiến nghị và một thao tác."))
        return HttpResponseRedirect(back)
    petitions = list(petition_queryset_for(user=request.user).filter(pk__in=ids))
    refused = [
        p.reference
        for p in petitions
        if action not in actions_for_user(user=request.user, petition=p) or not workflow.transition_allowed(p, action)
    ]
    if refused or len(petitions) != len(set(ids)):
        messages.error(
            request,
            _("Không thực hiện được “%(action)s” cho mọi kiến nghị đã chọn (không hợp lệ với: %(codes)s); "
              "không kiến nghị nào bị thay đổi.")
            % {"action": workflow.ACTION_LABELS[action], "codes": ", ".join(refused) or "—"},
        )
        return HttpResponseRedirect(back)
    service = {"accept": services.petition_accept, "forward": services.petition_forward, "close": services.petition_close}[action]
    try:
        with transaction.atomic():
            for petition in petitions:
                service(petition=petition, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _("Không kiến nghị nào bị thay đổi: %(e)s") % {"e": " ".join(exc.messages)})
        return HttpResponseRedirect(back)
    messages.success(request, _("Đã %(action)s %(n)s kiến nghị.") % {"action": workflow.ACTION_LABELS[action], "n": len(petitions)})
    return HttpResponseRedirect(back)


def _petition_for(request, pk: int) -> Petition:
    petition = petition_queryset_for_request(request).filter(pk=pk).select_related(
        "topic", "organisation", "body", "merged_into"
    ).first()
    if petition is None:
        raise Http404(_("Không tìm thấy kiến nghị hoặc ông/bà không có quyền xem."))
    return petition


ACTION_FORMS = {
    "accept": NoteForm,
    "reject": ReasonForm,
    "redirect": RedirectForm,
    "forward": ForwardForm,
    "acknowledge": NoteForm,
    "return": ReasonForm,
    "answer": AnswerForm,
    "answer_accept": AnswerAcceptForm,
    "answer_send_back": AnswerSendBackForm,
    "inform": InformForm,
    "close": NoteForm,
    "reopen": ReasonForm,
    "merge": MergeForm,
}


def detail_view(
    request, pk: int, forms_override: dict | None = None, status: int = 200, reveal_personal: bool = False
):
    petition = _petition_for(request, pk)
    user_actions = actions_for_user(user=request.user, petition=petition)
    available = [a for a in workflow.allowed_actions(petition) if a in user_actions and a in ACTION_FORMS]
    if "acknowledge" in available and "answer" in user_actions:
        available.insert(available.index("acknowledge") + 1, "answer")  # answering acknowledges on the way
    send_back = selectors.petition_send_back_pending(petition=petition)
    initial = {
        # The officer edits the body's words into the public text; a body asked for more amends its answer.
        "answer_accept": {"public_text": petition.answer_text},
        "answer": {"text": petition.answer_text} if send_back else {},
    }
    action_forms = {
        a: (forms_override or {}).get(a) or ACTION_FORMS[a](prefix=a, initial=initial.get(a)) for a in available
    }
    if "forward" in action_forms and not (forms_override or {}).get("forward"):
        suggested = selectors.routing_body_suggest(petition=petition)
        action_forms["forward"].initial["body"] = suggested.pk if suggested else None
    # Revealed only by the POST of personal_data_view (which writes the audit row): a GET never writes.
    show_personal = reveal_personal and user_may_see_personal_data(user=request.user, petition=petition)
    return render(
        request,
        "petitions/admin/detail.html",
        {
            "petition": petition,
            "events": petition.events.select_related("body").order_by("created_at", "id"),
            "action_forms": [(a, workflow.ACTION_LABELS[a], f) for a, f in action_forms.items()],
            "show_personal": show_personal,
            "may_see_personal": user_may_see_personal_data(user=request.user, petition=petition),
            "attachments": petition.attachments.all() if show_personal else [],
            "attachment_count": petition.attachments.count(),
            "duplicates": petition.duplicates.all(),
            "send_back": send_back,
            "can_resend_link": petition.status in (PetitionStatus.FORWARDED, PetitionStatus.IN_PROGRESS)
            and "forward" in user_actions,
            "confidential_form": _confidential_form(petition) if user_may_see_personal_data(
                user=request.user, petition=petition) else None,
            **triage_context(request, petition, forms_override),
        },
        status=status,
    )


@require_POST
def personal_data_view(request, pk: int):
    """Show the submitter's personal data: a POST (a button), because it writes the audit row of the read."""
    petition = _petition_for(request, pk)
    if not user_may_see_personal_data(user=request.user, petition=petition):
        raise PermissionDenied
    services.petition_personal_data_view(petition=petition, actor=request.user, reason="petition page")
    response = detail_view(request, pk, reveal_personal=True)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def action_view(request, pk: int, action: str):
    petition = _petition_for(request, pk)
    if action not in ACTION_FORMS or action not in actions_for_user(user=request.user, petition=petition):
        raise PermissionDenied
    form = ACTION_FORMS[action](request.POST, request.FILES, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _run_action(action, petition, data, request.user)
        except ValidationError as exc:
            on_page = workflow.transition_allowed(petition, action) or (
                action == "answer" and workflow.transition_allowed(petition, "acknowledge")
            )
            if not on_page:
                # The action's form is not on the page in this status: say why at the top.
                messages.error(request, " ".join(exc.messages))
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Đã %(action)s kiến nghị %(code)s.") % {"action": workflow.ACTION_LABELS[action], "code": petition.reference})
            return HttpResponseRedirect(reverse("petitions_admin:detail", args=[petition.pk]))
    return detail_view(request, pk, forms_override={action: form}, status=400)


def _run_action(action, petition, data, user):
    if action == "accept":
        return services.petition_accept(petition=petition, note=data["note"], actor=user)
    if action == "reject":
        return services.petition_reject(petition=petition, reason=data["reason"], actor=user)
    if action == "redirect":
        return services.petition_redirect(petition=petition, explanation=data["explanation"], actor=user)
    if action == "forward":
        return services.petition_forward(
            petition=petition, body=data["body"], cooperating_bodies=data["cooperating_bodies"],
            due_date=data["due_date"], note=data["note"], actor=user,
        )
    if action == "acknowledge":
        return services.petition_acknowledge(petition=petition, note=data["note"], actor=user)
    if action == "return":
        return services.petition_return(petition=petition, reason=data["reason"], actor=user)
    if action == "answer":
        with transaction.atomic():
            if workflow.transition_allowed(petition, "acknowledge"):
                petition = services.petition_acknowledge(petition=petition, actor=user)
            return services.petition_answer(petition=petition, text=data["text"], document=data["document"], actor=user)
    if action == "answer_accept":
        return services.answer_accept(petition=petition, public_text=data["public_text"], note=data["note"], actor=user)
    if action == "answer_send_back":
        return services.answer_send_back(petition=petition, reason=data["reason"], due_date=data["due_date"], actor=user)
    if action == "inform":
        return services.petition_inform(
            petition=petition, method=data["method"], informed_at=data["informed_at"], informed_by=data["informed_by"],
            informed_to=data["informed_to"], note=data["note"], actor=user,
        )
    if action == "close":
        return services.petition_close(petition=petition, note=data["note"], actor=user)
    if action == "reopen":
        return services.petition_reopen(petition=petition, reason=data["reason"], actor=user)
    if action == "merge":
        into = selectors.petition_get_for_staff(text=data["into_code"])
        if into is None or not petition_queryset_for(user=user).filter(pk=into.pk).exists():
            raise ValidationError({"into_code": _("Không tìm thấy kiến nghị gốc với số tham chiếu này.")})
        return services.petition_merge(petition=petition, into=into, actor=user)
    raise PermissionDenied


def attachment_view(request, pk: int, attachment_id: int):
    """Attachments are personal data: only officers who may read it, and every read is logged."""
    petition = _petition_for(request, pk)
    if not user_may_see_personal_data(user=request.user, petition=petition):
        raise PermissionDenied
    attachment = get_object_or_404(PetitionAttachment, pk=attachment_id, petition=petition)
    services.petition_personal_data_view(petition=petition, actor=request.user, reason=f"attachment {attachment.pk}")
    return private_file_response(attachment.file, filename=attachment.original_name,
                                 content_type=attachment.content_type)


def answer_document_view(request, pk: int):
    """The body's answer letter names the citizen: staff who see the petition may read it, and each read is logged."""
    petition = _petition_for(request, pk)
    if not petition.answer_document:
        raise Http404
    services.petition_personal_data_view(petition=petition, actor=request.user, reason="answer document")
    # The public reference in the name, never the tracking code: that is the citizen's key.
    return private_file_response(petition.answer_document, filename=f"van-ban-tra-loi-{petition.reference}.pdf",
                                 content_type="application/pdf")


def _confidential_form(petition, data=None):
    return ConfidentialForm(
        data,
        prefix="confidential",
        officers_queryset=selectors.officer_list_for_petition(petition=petition, readers_only=False),
        initial={"confidential": petition.confidential, "officers": list(petition.allowed_officers.all())},
    )


@require_POST
def confidential_view(request, pk: int):
    petition = _petition_for(request, pk)
    if not user_may_see_personal_data(user=request.user, petition=petition):
        raise PermissionDenied
    form = _confidential_form(petition, request.POST)
    if form.is_valid():
        services.petition_confidential_set(
            petition=petition,
            confidential=form.cleaned_data["confidential"],
            officers=form.cleaned_data["officers"],
            actor=request.user,
        )
        messages.success(request, _("Đã cập nhật chế độ mật."))
        if form.cleaned_data["confidential"] and not petition_queryset_for(user=request.user).filter(pk=pk).exists():
            return HttpResponseRedirect(reverse("petitions_admin:queue"))
    return HttpResponseRedirect(reverse("petitions_admin:detail", args=[pk]))


@require_POST
def liaison_link_resend_view(request, pk: int):
    petition = _petition_for(request, pk)
    if "forward" not in actions_for_user(user=request.user, petition=petition):
        raise PermissionDenied
    try:
        services.petition_liaison_link_resend(petition=petition, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã gửi lại đường dẫn trả lời cho %(body)s.") % {"body": petition.body})
    return HttpResponseRedirect(reverse("petitions_admin:detail", args=[pk]))
