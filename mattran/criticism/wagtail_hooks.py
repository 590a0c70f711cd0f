from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from mattran.accounts.menu import OfficerMenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_criticism_admin_urls():
    return [path("phan-bien/", include((admin_urls.urlpatterns, "criticism_admin"), namespace="criticism_admin"))]


@hooks.register("register_admin_menu_item")
def register_criticism_menu():
    return OfficerMenuItem(_("Phản biện xã hội"), reverse("criticism_admin:drafts"), icon_name="doc-full", order=165)
