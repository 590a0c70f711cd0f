from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu

from mattran.accounts.menu import OfficerMenuItem, OfficerSubmenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_dialogues_admin_urls():
    return [path("doi-thoai/", include((admin_urls.urlpatterns, "dialogues_admin"), namespace="dialogues_admin"))]


dialogues_menu = Menu(register_hook_name="register_dialogues_menu_item", construct_hook_name="construct_dialogues_menu")


@hooks.register("register_dialogues_menu_item")
def register_meetings_item():
    return OfficerMenuItem(_("Hội nghị, tiếp xúc cử tri"), reverse("dialogues_admin:meetings"), icon_name="group", order=1)


@hooks.register("register_dialogues_menu_item")
def register_new_meeting_item():
    return OfficerMenuItem(_("Lên lịch hội nghị"), reverse("dialogues_admin:meeting_create"), icon_name="plus", order=2)


@hooks.register("register_dialogues_menu_item")
def register_sessions_item():
    return OfficerMenuItem(_("Kỳ họp, tổng hợp kiến nghị cử tri"), reverse("dialogues_admin:sessions"),
                           icon_name="list-ul", order=3)


@hooks.register("register_admin_menu_item")
def register_dialogues_menu():
    return OfficerSubmenuItem(_("Đối thoại, tiếp xúc cử tri"), dialogues_menu, icon_name="group", order=166)


@hooks.register("news_article_related")
def article_related_meetings(article, request):
    """On an article about a meeting: a link to the meeting's page (its counts and answers)."""
    from django.template.loader import render_to_string

    from .selectors import meetings_of

    meetings = list(meetings_of(article=article))
    if not meetings:
        return ""
    return render_to_string("dialogues/includes/related_meetings.html", {"meetings": meetings}, request=request)
