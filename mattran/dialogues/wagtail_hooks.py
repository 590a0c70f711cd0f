from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from mattran.accounts.permissions import membership_list_active

from . import admin_urls


class OfficerMenuItem(MenuItem):
    """Shown to superusers and to officers and admins of a committee (the roles that run meetings)."""

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or membership_list_active(user=user).exists()


@hooks.register("register_admin_urls")
def register_dialogues_admin_urls():
    return [path("doi-thoai/", include((admin_urls.urlpatterns, "dialogues_admin"), namespace="dialogues_admin"))]


@hooks.register("register_admin_menu_item")
def register_dialogues_menu():
    return OfficerMenuItem(_("Đối thoại, tiếp xúc cử tri"), reverse("dialogues_admin:meetings"), icon_name="group",
                           order=166)


@hooks.register("news_article_related")
def article_related_meetings(article, request):
    """On an article about a meeting: a link to the meeting's page (its counts and answers)."""
    from django.template.loader import render_to_string

    from .selectors import meetings_of

    meetings = list(meetings_of(article=article))
    if not meetings:
        return ""
    return render_to_string("dialogues/includes/related_meetings.html", {"meetings": meetings}, request=request)
