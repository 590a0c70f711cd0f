from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from mattran.core.viewsets import ModelViewSet

from .models import Body, BodyContact, Organisation, RoutingRule, Succession, Topic


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = pgettext_lazy("trình đơn", "Tổ chức")
    list_display = ["name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "name_en", "admin_unit_code"]
    form_fields = [
        "name",
        "name_en",
        "short_name",
        "slug",
        "kind",
        "parent",
        "admin_unit_code",
        "valid_from",
        "valid_to",
        "address",
        "phone",
        "email",
        "website",
        "description",
        "description_en",
    ]
    ordering = ["path"]


class SuccessionViewSet(ModelViewSet):
    model = Succession
    icon = "arrow-right"
    menu_label = _("Kế thừa")
    list_display = ["predecessor", "successor", "effective_date", "note"]
    form_fields = ["predecessor", "successor", "effective_date", "note"]


class BodyViewSet(ModelViewSet):
    model = Body
    icon = "home"
    menu_label = pgettext_lazy("trình đơn", "Cơ quan")
    list_display = ["name", "kind", "area", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]
    form_fields = [
        "name",
        "name_en",
        "slug",
        "kind",
        "area",
        "admin_unit_code",
        "address",
        "phone",
        "email",
        "valid_from",
        "valid_to",
    ]


class BodyContactViewSet(ModelViewSet):
    model = BodyContact
    icon = "user"
    menu_label = _("Đầu mối liên hệ")
    list_display = ["name", "body", "topic", "email", "phone"]
    search_fields = ["name", "email"]
    form_fields = ["body", "topic", "name", "role", "email", "phone"]


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "tag"
    menu_label = pgettext_lazy("trình đơn", "Lĩnh vực")
    list_display = ["name", "code", "is_active", "sort_order"]
    form_fields = ["name", "name_en", "code", "description", "is_active", "sort_order"]


class RoutingRuleViewSet(ModelViewSet):
    model = RoutingRule
    icon = "resubmit"
    menu_label = _("Quy tắc chuyển")
    list_display = ["organisation", "topic", "body", "note"]
    form_fields = ["organisation", "topic", "body", "note"]


class OrganisationViewSetGroup(ViewSetGroup):
    menu_label = _("Tổ chức, cơ quan")
    menu_icon = "group"
    menu_order = 200
    items = (
        OrganisationViewSet("organisations"),
        SuccessionViewSet("successions"),
        BodyViewSet("bodies"),
        BodyContactViewSet("body_contacts"),
        TopicViewSet("topics"),
        RoutingRuleViewSet("routing_rules"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return OrganisationViewSetGroup()
