"""Admin menu items shown only to the people who work a committee's files: superusers and anyone with an active
membership (officers, admins of a committee). Apps' wagtail_hooks use these instead of each writing its own."""

from wagtail.admin.menu import MenuItem, SubmenuMenuItem

from .permissions import membership_list_active


def is_officer(user) -> bool:
    """Asked once per request (on the request's user object): every admin page draws the menu, whose items each
    ask."""
    # getattr, not user.__dict__: request.user is a lazy proxy whose own __dict__ never holds the attribute
    cached = getattr(user, "_mattran_is_officer", None)
    if cached is None:
        cached = user._mattran_is_officer = user.is_superuser or membership_list_active(user=user).exists()
    return cached


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_officer(request.user)


class OfficerSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return is_officer(request.user)
