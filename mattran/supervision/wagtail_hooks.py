from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem

from mattran.accounts.menu import OfficerMenuItem, OfficerSubmenuItem
from mattran.accounts.permissions import body_ids_for_liaison

from . import admin_urls


@hooks.register("register_admin_urls")
def register_supervision_admin_urls():
    return [path("giam-sat/", include((admin_urls.urlpatterns, "supervision_admin"), namespace="supervision_admin"))]


supervision_menu = Menu(
    register_hook_name="register_supervision_menu_item", construct_hook_name="construct_supervision_menu"
)


@hooks.register("register_supervision_menu_item")
def register_dashboard_item():
    return OfficerMenuItem(_("Theo dõi kiến nghị"), reverse("supervision_admin:dashboard"), icon_name="time", order=1)


@hooks.register("register_supervision_menu_item")
def register_programmes_item():
    return OfficerMenuItem(_("Chương trình giám sát"), reverse("supervision_admin:programmes"), icon_name="date", order=2)


@hooks.register("register_supervision_menu_item")
def register_picker_item():
    return OfficerMenuItem(_("Chọn nội dung giám sát"), reverse("supervision_admin:topic_picker"), icon_name="search", order=3)


@hooks.register("register_supervision_menu_item")
def register_new_activity_item():
    return OfficerMenuItem(_("Lập cuộc giám sát"), reverse("supervision_admin:activity_create"), icon_name="plus", order=4)


@hooks.register("register_admin_menu_item")
def register_supervision_menu():
    return OfficerSubmenuItem(_("Giám sát"), supervision_menu, icon_name="view", order=160)


class LiaisonMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(body_ids_for_liaison(user=request.user))


@hooks.register("register_admin_menu_item")
def register_liaison_menu():
    return LiaisonMenuItem(
        _("Kiến nghị sau giám sát gửi cơ quan tôi"), reverse("supervision_admin:liaison_list"), icon_name="mail", order=161
    )
