"""Who may see and act on which petition.

Officers reach the petitions received by their organisation and everything below it; a liaison officer reaches
only petitions currently forwarded to their body; a confidential petition is visible only to the officers named
on it, whatever their other rights.
"""

from django.db.models import Q, QuerySet

from mattran.accounts.permissions import (
    body_ids_for_liaison,
    organisation_paths_for,
    user_can_access_organisation,
)
from mattran.organisations.models import Organisation

from .models import Petition

OFFICER_ACTIONS = {
    "accept", "reject", "redirect", "forward", "acknowledge", "return", "answer", "answer_accept",
    "answer_send_back", "inform", "close", "reopen", "merge",
}
LIAISON_ACTIONS = {"acknowledge", "return", "answer"}


def petition_queryset_for(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """The petitions ``user`` may see in the back office."""
    qs = Petition.objects.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    # Confidential items: only the officers named on them, superusers included.
    named = Petition.allowed_officers.through.objects.filter(user=user).values("petition_id")
    confidential_ok = Q(confidential=False) | Q(pk__in=named)
    if user.is_superuser:
        return qs.filter(confidential_ok)
    reach = Q()
    paths = organisation_paths_for(user=user)
    if paths:
        # Organisation ids first (a small indexed lookup), so the petition query needs no join to filter.
        in_reach = Q()
        for path in paths:
            in_reach |= Q(path__startswith=path)
        reach |= Q(organisation_id__in=Organisation.objects.filter(in_reach).values("pk"))
    body_ids = body_ids_for_liaison(user=user)
    if body_ids:
        reach |= Q(body_id__in=body_ids)
    if not reach:
        return qs.none()
    return qs.filter(reach).filter(confidential_ok)


def petition_queryset_for_request(request) -> QuerySet:
    """``petition_queryset_for(user=request.user)``, worked out once per request: an admin page's view and its
    menu's badge (``wagtail_hooks.attention_count``) both start from it."""
    if not hasattr(request, "_petitions_visible"):
        request._petitions_visible = petition_queryset_for(user=request.user)
    return request._petitions_visible.all()  # a fresh copy: nothing the caller evaluates is kept


def user_is_officer_for(*, user, petition: Petition) -> bool:
    if user.is_superuser and user.is_active:
        return not petition.confidential or petition.allowed_officers.filter(pk=user.pk).exists()
    return user_can_access_organisation(user=user, organisation=petition.organisation) and (
        not petition.confidential or petition.allowed_officers.filter(pk=user.pk).exists()
    )


def user_is_liaison_for(*, user, petition: Petition) -> bool:
    return petition.body_id is not None and petition.body_id in body_ids_for_liaison(user=user) and (
        not petition.confidential or petition.allowed_officers.filter(pk=user.pk).exists()
    )


def actions_for_user(*, user, petition: Petition) -> set[str]:
    """The workflow actions this user may take on this petition (before checking the petition's status)."""
    actions = set()
    if user_is_officer_for(user=user, petition=petition):
        actions |= OFFICER_ACTIONS
    if user_is_liaison_for(user=user, petition=petition):
        actions |= LIAISON_ACTIONS
    return actions


def user_may_see_personal_data(*, user, petition: Petition) -> bool:
    """Officers of the receiving organisation (not liaisons of the body) read the submitter's contacts."""
    return user_is_officer_for(user=user, petition=petition)

