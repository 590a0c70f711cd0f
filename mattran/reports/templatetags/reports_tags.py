"""Public figures for other apps' templates: ``{% load reports_tags %}{% reports_public_figures organisation %}``
(the petitions statistics page). Counts only: no confidential item, no personal data, no overdue list."""

from django import template
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..dashboard import key_rows, report_data
from ..forms import KIND_CHOICES
from ..periods import PeriodKind, period_build
from ..tables import PUBLIC_TABLES, report_tables
from ..views import chart_context

register = template.Library()

def _period(params, today):
    kind = params.get("ky") or PeriodKind.MONTH
    try:
        year = int(params.get("nam") or today.year)
        number = int(params.get("so") or (today.month if kind == PeriodKind.MONTH else 1))
        return period_build(kind=kind, year=year, number=number), None
    except (ValueError, ValidationError) as exc:
        messages = getattr(exc, "messages", None) or ["Kỳ báo cáo không hợp lệ."]
        return period_build(kind=PeriodKind.MONTH, year=today.year, number=today.month), messages[0]


@register.inclusion_tag("reports/includes/public_figures.html", takes_context=True)
def reports_public_figures(context, organisation):
    if organisation is None:
        return {"organisation": None}
    request = context.get("request")
    today = timezone.localdate()
    period, error = _period(request.GET if request else {}, today)
    data = report_data(organisation=organisation, period=period, today=today, include_confidential=False)
    tables = report_tables(data)
    return {
        "organisation": organisation,
        "period": period,
        "error": error,
        "key_rows": key_rows(data),
        "tables": [tables[name] for name in PUBLIC_TABLES],
        "kinds": [(k, label) for k, label in KIND_CHOICES if k != PeriodKind.RANGE],
        "years": list(range(today.year, today.year - 6, -1)),
        "numbers": list(range(1, 13)),
        **chart_context(data),
    }
