"""The officers' daily triage on the petition page: internal notes, chasing the body, assignment, and the hint
of similar open petitions of the same ward. Thin views: parse, authorise, call one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mattran.core.forms import add_validation_errors

from .. import selectors, services
from ..forms import AssignForm, ChaseForm, NoteAddForm
from ..models import PetitionStatus
from ..permissions import actions_for_user, user_is_officer_for
from ..services.triage import CHASE_STATUSES

# Statuses in which a duplicate can still be merged: the hint is shown there.
SIMILAR_HINT_STATUSES = (PetitionStatus.SUBMITTED, PetitionStatus.ACCEPTED, PetitionStatus.RETURNED)


def _assign_form(petition, data=None):
    return AssignForm(
        data,
        prefix="assign",
        officers_queryset=selectors.officer_list_for_petition(petition=petition),
        initial={"assignee": petition.assigned_to_id},
    )


def triage_context(request, petition, forms_override: dict | None = None) -> dict:
    """What the petition page shows for triage: the forms the user may use, and similar open petitions."""
    forms_override = forms_override or {}
    officer = user_is_officer_for(user=request.user, petition=petition)
    may_note = bool(actions_for_user(user=request.user, petition=petition))
    return {
        "note_form": (forms_override.get("note") or NoteAddForm(prefix="note")) if may_note else None,
        "chase_form": (forms_override.get("chase") or ChaseForm(prefix="chase"))
        if officer and petition.status in CHASE_STATUSES and petition.body_id else None,
        "assign_form": (forms_override.get("assign") or _assign_form(petition)) if officer else None,
        "similar": selectors.petition_list_similar_open(
            organisation=petition.organisation, title=petition.title, content=petition.content, exclude_pk=petition.pk
        ) if officer and petition.status in SIMILAR_HINT_STATUSES else [],
    }


def _run(request, pk: int, *, name: str, form, call, done: str, officer_only: bool):
    from .backoffice import _petition_for, detail_view

    petition = _petition_for(request, pk)
    allowed = user_is_officer_for(user=request.user, petition=petition) if officer_only else bool(
        actions_for_user(user=request.user, petition=petition)
    )
    if not allowed:
        raise PermissionDenied
    form = form(petition)
    if form.is_valid():
        try:
            call(petition, form.cleaned_data)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                messages.error(request, " ".join(exc.messages))
            add_validation_errors(form, exc)
        else:
            messages.success(request, done % {"code": petition.reference})
            return HttpResponseRedirect(reverse("petitions_admin:detail", args=[petition.pk]))
    return detail_view(request, pk, forms_override={name: form}, status=400)


@require_POST
def note_view(request, pk: int):
    return _run(
        request, pk, name="note", officer_only=False,
        form=lambda petition: NoteAddForm(request.POST, prefix="note"),
        call=lambda petition, data: services.petition_note_add(petition=petition, text=data["text"], actor=request.user),
        done=_("Đã ghi chú vào kiến nghị %(code)s."),
    )


@require_POST
def chase_view(request, pk: int):
    return _run(
        request, pk, name="chase", officer_only=True,
        form=lambda petition: ChaseForm(request.POST, prefix="chase"),
        call=lambda petition, data: services.petition_chase(
            petition=petition, message=data["message"], actor=request.user
        ),
        done=_("Đã gửi thư đôn đốc cơ quan trả lời kiến nghị %(code)s."),
    )


@require_POST
def assign_view(request, pk: int):
    return _run(
        request, pk, name="assign", officer_only=True,
        form=lambda petition: _assign_form(petition, request.POST),
        call=lambda petition, data: services.petition_assign(
            petition=petition, assignee=data["assignee"], actor=request.user
        ),
        done=_("Đã cập nhật cán bộ xử lý kiến nghị %(code)s."),
    )
