from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from mattran.accounts.menu import OfficerMenuItem, is_officer

from . import urls


@hooks.register("register_admin_urls")
def register_reports_admin_urls():
    return [path("bao-cao/", include((urls.urlpatterns, "reports_admin"), namespace="reports_admin"))]




@hooks.register("register_admin_menu_item")
def register_reports_menu():
    return OfficerMenuItem(
        _("Báo cáo, thống kê"), reverse("reports_admin:dashboard"), icon_name="table", order=90
    )


class DashboardPanel(Component):
    """The leader's key numbers for this month, first on the admin home page."""

    name = "reports_dashboard"
    order = 10
    template_name = "reports/admin/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from .dashboard import key_rows, report_data
        from .periods import period_month
        from .views import chart_context, default_organisation

        organisation = default_organisation(self.request.user)
        if organisation is None:
            return {"organisation": None}
        from django.utils import timezone

        today = timezone.localdate()
        data = report_data(
            organisation=organisation, period=period_month(year=today.year, month=today.month), today=today
        )
        return {"organisation": organisation, "data": data, "rows": key_rows(data), **chart_context(data)}


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    if is_officer(request.user):
        panels.insert(0, DashboardPanel(request))


@hooks.register("insert_global_admin_css")
def reports_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("reports/reports.css"))
