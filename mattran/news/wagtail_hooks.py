"""Portal pages in the admin: a portal's organisation decides who may edit it, so only superusers create
portals or change their organisation, and the organisation's Wagtail groups follow its portal."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from mattran.accounts.services import portal_rights_sync

from .models import HomePage


@hooks.register("before_create_page")
def only_superusers_create_portals(request, parent_page, page_class):
    if issubclass(page_class, HomePage) and not request.user.is_superuser:
        messages.error(request, _("Chỉ quản trị hệ thống mới tạo được cổng thông tin của một tổ chức."))
        return redirect("wagtailadmin_explore", parent_page.pk)
    return None


def _sync_portal_rights(request, page):
    if isinstance(page.specific, HomePage):
        portal_rights_sync(page=page, actor=request.user)


hooks.register("after_create_page", _sync_portal_rights)
hooks.register("after_edit_page", _sync_portal_rights)
