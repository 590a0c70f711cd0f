from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Membership


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Phân công")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["user", "organisation", "role", "body", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name"]
    form_fields = ["user", "organisation", "role", "body", "valid_from", "valid_to"]


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return MembershipViewSet("memberships")
