"""Admin menu items shown only to the people who work a committee's files: superusers and anyone with an active
membership (officers, admins of a committee). Apps' wagtail_hooks use these instead of each writing its own."""

from wagtail.admin.menu import MenuItem, SubmenuMenuItem

from .permissions import membership_list_active


def is_officer(user) -> bool:
    return user.is_superuser or membership_list_active(user=user).exists()


def is_officer_for_request(request) -> bool:
    """``is_officer`` once per request: every admin page draws the menu, whose items each ask."""
    if not hasattr(request, "_mattran_is_officer"):
        request._mattran_is_officer = is_officer(request.user)
    return request._mattran_is_officer


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_officer_for_request(request)


class OfficerSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return is_officer_for_request(request)
