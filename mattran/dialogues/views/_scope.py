"""Who may see what in the dialogues admin: the officer's organisation subtree; another ward's meeting is a 404."""

from django.shortcuts import get_object_or_404

from mattran.accounts.permissions import body_list_for, officer_require, organisation_list_for

from .. import selectors


def organisations(request):
    return organisation_list_for(user=request.user)


def bodies(request):
    return body_list_for(user=request.user)


def require_officer(request):
    officer_require(user=request.user)


def meeting_for(request, pk):
    return get_object_or_404(selectors.meeting_list_for(user=request.user), pk=pk)


def session_for(request, pk):
    return get_object_or_404(selectors.session_list_for(user=request.user), pk=pk)


def sessions_in_reach(request):
    """Sessions a meeting may be held before or after: those of the officer's committees and of the committees
    above them (a ward holds voter contact for the city council's session)."""
    from ..models import CouncilSession

    ids = set()
    for organisation in organisations(request):
        ids.update(organisation.path_ids())
    return CouncilSession.objects.filter(organisation__in=ids).order_by("-starts_on")
