"""Per-organisation permission helpers that every app calls.

A membership reaches its organisation and every organisation below it in the tree (a city officer sees every
ward; a ward officer sees only that ward and its residential committees). Superusers reach everything.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from mattran.organisations.models import Body, Organisation

from .models import Membership, Role

# A role also grants the narrower roles listed here.
ROLE_IMPLIES = {
    Role.ADMIN: {Role.ADMIN, Role.EDITOR, Role.OFFICER},
    Role.EDITOR: {Role.EDITOR},
    Role.OFFICER: {Role.OFFICER},
    Role.LIAISON: {Role.LIAISON},
}
STAFF_ROLES = (Role.ADMIN, Role.OFFICER)


def _granting_roles(roles: Iterable[str]) -> set[str]:
    wanted = set(roles)
    return {role for role, implied in ROLE_IMPLIES.items() if implied & wanted}


def membership_list_active(*, user, roles: Iterable[str] = STAFF_ROLES):
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return (
        Membership.objects.active_on(timezone.localdate())
        .filter(user=user, role__in=_granting_roles(roles))
        .select_related("organisation")
    )


def organisation_paths_for(*, user, roles: Iterable[str] = STAFF_ROLES) -> list[str]:
    return [m.organisation.path for m in membership_list_active(user=user, roles=roles)]


def organisation_filter(
    queryset: QuerySet, *, user, field: str = "organisation", roles: Iterable[str] = STAFF_ROLES
) -> QuerySet:
    """Restrict ``queryset`` to rows whose ``field`` (an Organisation FK path; "" for Organisation itself) is in
    the user's reach."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    paths = organisation_paths_for(user=user, roles=roles)
    if not paths:
        return queryset.none()
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    condition = Q()
    for path in paths:
        condition |= Q(**{lookup: path})
    return queryset.filter(condition)


def organisation_list_for(*, user, roles: Iterable[str] = STAFF_ROLES) -> QuerySet:
    """The organisations ``user`` may act on with one of ``roles``."""
    return organisation_filter(Organisation.objects.all(), user=user, field="", roles=roles)


def body_list_for(*, user) -> QuerySet:
    """The bodies of the organisations in the officer's reach, by name (the choices of the admin forms)."""
    return Body.objects.filter(area__in=organisation_list_for(user=user)).order_by("name")


def officer_require(*, user) -> None:
    """The admin screens of supervision, criticism… are for officers: anyone else gets a 403."""
    if not organisation_list_for(user=user).exists():
        raise PermissionDenied


def user_can_access_organisation(
    *, user, organisation: Organisation, roles: Iterable[str] = STAFF_ROLES
) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(organisation.path.startswith(p) for p in organisation_paths_for(user=user, roles=roles))


def body_ids_for_liaison(*, user) -> set[int]:
    """The bodies a liaison officer answers for."""
    return {
        m.body_id for m in membership_list_active(user=user, roles=[Role.LIAISON]) if m.body_id is not None
    }
