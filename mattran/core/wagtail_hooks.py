import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .audit_actions import audit_action_choices
from .models import AuditEvent
from .viewsets import FILTER_ALL_LABEL, FilterSet, ModelViewSet


class AuditEventFilterSet(FilterSet):
    """Filter by action, chosen by its words rather than typed as a code."""

    action = django_filters.ChoiceFilter(label=_("Thao tác"), choices=audit_action_choices, empty_label=FILTER_ALL_LABEL)

    class Meta:
        model = AuditEvent
        fields = ["action"]


class AuditEventViewSet(ModelViewSet):
    """Read-only: audit rows are written only by ``audit_record``."""

    model = AuditEvent
    icon = "history"
    menu_label = _("Nhật ký thao tác")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["created_at", "actor_label", "action_label", "target_repr"]
    filterset_class = AuditEventFilterSet
    search_fields = ["actor_label", "action", "target_repr"]
    inspect_view_enabled = True
    inspect_view_fields = ["created_at", "actor", "actor_label", "action_label", "target_type", "target_id", "target_repr",
                           "changes"]
    form_fields = []

    def get_urlpatterns(self):
        # Only the listing and inspect views: no add, edit or delete.
        return [p for p in super().get_urlpatterns() if p.name in ("index", "index_results", "inspect")]

    @property
    def permission_policy(self):
        from wagtail.permission_policies import ModelPermissionPolicy

        class ReadOnlyPolicy(ModelPermissionPolicy):
            def user_has_permission(self, user, action):
                return action in ("view",) and user.is_active and user.is_superuser

        return ReadOnlyPolicy(AuditEvent)


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEventViewSet("audit_events")


def _redirects_filter_labels_made_lazy():
    """Wagtail's redirects listing translates its filter's labels once, at import, in whatever language is active
    then, so the English admin could show them in Vietnamese (and the reverse). Lazy labels follow each request.
    The msgids are Wagtail's (mattran/locale_admin translates them); held in variables so that makemessages keeps
    them out of the project's own catalogue."""
    from django.utils.translation import gettext_lazy
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet

    label, everything, permanent, temporary = "Type", "All", "Permanent", "Temporary"
    type_filter = RedirectsReportFilterSet.base_filters["is_permanent"]
    type_filter.label = gettext_lazy(label)
    type_filter.extra["empty_label"] = gettext_lazy(everything)
    type_filter.extra["choices"] = ((True, gettext_lazy(permanent)), (False, gettext_lazy(temporary)))


_redirects_filter_labels_made_lazy()
