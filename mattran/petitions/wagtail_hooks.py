from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from mattran.accounts.menu import OfficerMenuItem, is_officer
from mattran.accounts.models import Role
from mattran.accounts.permissions import membership_list_active
from mattran.core.viewsets import ModelViewSet

from . import admin_urls
from .models import DeadlineRule, TopicIntakeRule
from .permissions import petition_queryset_for_request
from .selectors import petition_attention_count


def _works_on_petitions(user) -> bool:
    # Asked by several menu entries on every admin page: once per request (getattr reaches through request.user's
    # lazy proxy; its own __dict__ never holds the attribute).
    cached = getattr(user, "_petitions_works", None)
    if cached is None:
        cached = user._petitions_works = user.is_superuser or membership_list_active(
            user=user, roles=[Role.OFFICER, Role.ADMIN, Role.LIAISON]
        ).exists()
    return cached




class PetitionMenuItem(MenuItem):
    def is_shown(self, request):
        return _works_on_petitions(request.user)


def attention_count(request) -> int:
    """How many petitions need the user's attention (``queue.attention_q``), counted once per request: the
    badge on the admin menu."""
    if not hasattr(request, "_petitions_attention"):
        request._petitions_attention = petition_attention_count(
            base=petition_queryset_for_request(request), officer=is_officer(request.user)
        )
    return request._petitions_attention


def _with_badge(label, count: int) -> str:
    return _("%(label)s (%(n)s)") % {"label": label, "n": count} if count else str(label)


class BadgeMixin:
    """A menu entry for those who work on petitions, its label followed by the attention count."""

    def is_shown(self, request):
        return _works_on_petitions(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        component.label = _with_badge(self.label, attention_count(request))
        return component


class AttentionMenuItem(BadgeMixin, MenuItem):
    """"Cần xem" with its count: answers to review, reopened petitions, deadlines near or past."""




@hooks.register("register_admin_urls")
def register_petition_admin_urls():
    return [path("kien-nghi/", include((admin_urls.urlpatterns, "petitions_admin"), namespace="petitions_admin"))]


petition_menu = Menu(
    register_hook_name="register_petitions_menu_item",
    construct_hook_name="construct_petitions_menu",
)


@hooks.register("register_petitions_menu_item")
def register_queue_item():
    return PetitionMenuItem(_("Danh sách công việc"), reverse("petitions_admin:queue"), icon_name="list-ul", order=1)


@hooks.register("register_petitions_menu_item")
def register_attention_item():
    return AttentionMenuItem(
        _("Cần xem"), reverse("petitions_admin:queue") + "?attention=1&sort=due", icon_name="warning", order=0
    )


@hooks.register("register_petitions_menu_item")
def register_intake_item():
    return OfficerMenuItem(_("Tiếp nhận trực tiếp"), reverse("petitions_admin:intake"), icon_name="plus", order=2)


@hooks.register("register_petitions_menu_item")
def register_import_item():
    return OfficerMenuItem(_("Nhập từ bảng tính"), reverse("petitions_admin:import"), icon_name="upload", order=3)


class PetitionSubmenuItem(BadgeMixin, SubmenuMenuItem):
    pass


@hooks.register("register_admin_menu_item")
def register_petitions_menu():
    return PetitionSubmenuItem(_("Ý kiến, kiến nghị"), petition_menu, icon_name="mail", order=150)


class DeadlineRuleViewSet(ModelViewSet):
    model = DeadlineRule
    icon = "time"
    menu_label = _("Thời hạn trả lời")
    add_to_settings_menu = True
    list_display = ["topic", "body", "working_days", "several_bodies_working_days", "note"]
    form_fields = ["topic", "body", "working_days", "several_bodies_working_days", "note"]


class TopicIntakeRuleViewSet(ModelViewSet):
    model = TopicIntakeRule
    icon = "form"
    menu_label = _("Yêu cầu liên lạc theo lĩnh vực")
    add_to_settings_menu = True
    list_display = ["topic", "contact_required", "note"]
    form_fields = ["topic", "contact_required", "note"]


@hooks.register("register_admin_viewset")
def register_deadline_rules():
    return DeadlineRuleViewSet("petition_deadline_rules")


@hooks.register("register_admin_viewset")
def register_topic_intake_rules():
    return TopicIntakeRuleViewSet("petition_topic_intake_rules")
