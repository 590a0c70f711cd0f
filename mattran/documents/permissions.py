"""Who may manage which register: a membership with one of ``DOCUMENT_ROLES`` at an organisation reaches that
organisation's register and every register below it (mattran.accounts.permissions)."""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from mattran.accounts.models import Role
from mattran.accounts.permissions import (
    membership_list_active,
    organisation_filter,
    user_can_access_organisation,
)

DOCUMENT_ROLES = (Role.ADMIN, Role.OFFICER, Role.EDITOR)


def user_can_manage_documents(*, user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or membership_list_active(user=user, roles=DOCUMENT_ROLES).exists()


def document_filter_for_user(queryset, *, user):
    return organisation_filter(queryset, user=user, roles=DOCUMENT_ROLES)


def document_filter_linkable(queryset, *, user):
    """The entries ``user`` may name as related documents: published ones, and the drafts and withdrawn
    entries of the registers the user manages (another register's drafts stay invisible)."""
    from .models import PublicationStatus

    if user is None or (getattr(user, "is_superuser", False) and user.is_active):
        return queryset
    own = document_filter_for_user(queryset.model._default_manager.all(), user=user).values("pk")
    return queryset.filter(Q(publication_status=PublicationStatus.PUBLISHED) | Q(pk__in=own))


class DocumentPermissionPolicy(ModelPermissionPolicy):
    """The admin's permission policy for the register: per organisation, from memberships, rather than from
    Django's global model permissions (which cannot say "ward A's entries but not ward B's")."""

    def user_has_permission(self, user, action):
        return action in ("add", "change", "delete", "view") and user_can_manage_documents(user=user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_can_access_organisation(
            user=user, organisation=instance.organisation, roles=DOCUMENT_ROLES
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model._default_manager.none()
        return document_filter_for_user(self.model._default_manager.all(), user=user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(memberships__role__in=DOCUMENT_ROLES))
            .distinct()
        )
