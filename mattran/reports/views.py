"""The leader's dashboard and the exports in the admin (``/quan-tri/bao-cao/``). Thin: parse the filter,
check the organisation is in the officer's subtree (404 otherwise), call the selectors, render."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mattran.accounts.permissions import organisation_list_for, user_can_access_organisation
from mattran.organisations.models import Organisation

from . import charts, exports
from .dashboard import key_rows, report_data
from .forms import ReportFilterForm
from .models import ReportFile
from .tables import report_tables


def default_organisation(user) -> Organisation | None:
    """The highest organisation the user reaches (a city officer: the city)."""
    reach = organisation_list_for(user=user)
    if user.is_superuser:
        reach = reach.filter(parent__isnull=True) or reach
    candidates = sorted(reach.only("pk", "path", "name", "slug"), key=lambda o: (o.path.count("/"), o.path))
    return candidates[0] if candidates else None


def _organisations(request):
    organisations = organisation_list_for(user=request.user)
    if not organisations.exists():
        raise PermissionDenied
    return organisations


def parse_filter(request):
    """(form, organisation, period, rollup); organisation is None when the form is invalid."""
    organisations = _organisations(request)
    slug = request.GET.get("to_chuc")
    if slug and not organisations.filter(slug=slug).exists():
        raise Http404  # another subtree's organisation (or none): as for any object out of reach
    form = ReportFilterForm(request.GET or None, organisations=organisations)
    if request.GET and not form.is_valid():
        return form, None, None, True
    data = form.cleaned_data if request.GET else {}
    if not request.GET:
        start = default_organisation(request.user)
        today = form.today
        form = ReportFilterForm(
            {"to_chuc": start.slug if start else "", "ky": "month", "nam": today.year, "so": today.month},
            organisations=form.fields["to_chuc"].queryset,
        )
        form.is_valid()
        data = form.cleaned_data
    organisation = data.get("to_chuc") or default_organisation(request.user)
    if organisation is None or not user_can_access_organisation(user=request.user, organisation=organisation):
        raise Http404
    return form, organisation, data["period"], not data.get("rieng")


def chart_context(data: dict) -> dict:
    current = data["current"]
    trend = data["trend"]
    return {
        "trend_chart": charts.grouped_bars(
            title=_("Tiếp nhận, trả lời đúng hạn và trễ hạn, 12 tháng"),
            categories=[f"{p['period'].start:%m/%y}" for p in trend],
            series=[
                (_("Tiếp nhận"), [p["received"] for p in trend]),
                (_("Trả lời đúng hạn"), [p["on_time"] for p in trend]),
                (_("Trả lời trễ hạn"), [p["late"] for p in trend]),
            ],
        ),
        "body_chart": charts.horizontal_bars(
            title=_("Số ngày làm việc trung bình để trả lời, theo cơ quan"),
            rows=[(b["name"], b["working_days"]["mean"] or 0) for b in current["bodies"][:12]],
        ),
        "topic_chart": charts.horizontal_bars(
            title=_("Tiếp nhận theo lĩnh vực"), rows=current["by_topic"][:12]
        ),
    }


def dashboard_view(request):
    form, organisation, period, rollup = parse_filter(request)
    if organisation is None:
        return render(request, "reports/admin/dashboard.html", {"form": form}, status=400)
    data = report_data(organisation=organisation, period=period, rollup=rollup)
    tables = report_tables(data)
    context = {
        "form": form,
        "organisation": organisation,
        "period": period,
        "rollup": rollup,
        "data": data,
        "query": request.GET.urlencode(),
        **chart_context(data),
        "key_rows": key_rows(data),
        "t_keys": tables["so-lieu-chinh"],
        "t_trend": tables["xu-huong"],
        "t_bodies": tables["co-quan"],
        "other_tables": [t for n, t in tables.items() if n not in ("so-lieu-chinh", "xu-huong", "co-quan")],
        "files": ReportFile.objects.filter(organisation=organisation).order_by("-created_at")[:10],
    }
    return render(request, "reports/admin/dashboard.html", context)


def xlsx_view(request, table: str):
    form, organisation, period, rollup = parse_filter(request)
    if organisation is None:
        return HttpResponse(_("Bộ lọc không hợp lệ."), status=400, content_type="text/plain; charset=utf-8")
    tables = report_tables(report_data(organisation=organisation, period=period, rollup=rollup))
    if table != "tat-ca" and table not in tables:
        raise Http404
    chosen = list(tables.values()) if table == "tat-ca" else [tables[table]]
    content = exports.tables_xlsx(chosen, heading=f"{organisation.name} — {period.label()}")
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"bao-cao-{organisation.slug}-{period.start:%Y-%m-%d}-{table}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
