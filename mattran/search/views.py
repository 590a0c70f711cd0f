from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from .forms import SearchForm
from .models import SearchKind
from .selectors import search_query


@require_safe
def results(request):
    """The public results page: parse the filters, run one search, show one page of results."""
    if len(request.GET.get("q", "")) > settings.SEARCH_QUERY_MAX_CHARS:
        # a pasted paragraph: search its beginning, under an address of sane length
        query = request.GET.copy()
        query["q"] = query["q"][: settings.SEARCH_QUERY_MAX_CHARS]
        return redirect(f"{request.path}?{query.urlencode()}")
    form = SearchForm(request.GET or None)
    context = {"form": form, "page_obj": None, "kind_facets": _kind_facets(request, None),
               "facet_limit": settings.SEARCH_RANK_CANDIDATES}
    if not form.is_bound:
        return render(request, "search/searchentry_list.html", context)
    if not form.is_valid():
        return render(request, "search/searchentry_list.html", context, status=400)
    if form.has_criteria():
        data = form.cleaned_data
        found = search_query(
            text=data["q"],
            kinds=data["loai"],
            category=data["chuyen_muc"],
            organisation=data["to_chuc"],
            date_from=data["tu_ngay"],
            date_to=data["den_ngay"],
        )
        paginator = Paginator(found, settings.SEARCH_RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        query["q"] = data["q"]  # the cut query, so page links stay short
        context.update(
            page_obj=page_obj,
            kind_facets=_kind_facets(request, found.kind_counts()),
            querystring=query.urlencode(),
            elided_pages=paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1),
        )
    return render(request, "search/searchentry_list.html", context)


def _kind_facets(request, counts: dict[str, int] | None) -> list[dict]:
    """The type checkboxes with their match counts (None before a search)."""
    selected = request.GET.getlist("loai")
    return [
        {
            "value": value,
            "label": label,
            "checked": value in selected,
            "count": None if counts is None else counts.get(value, 0),
        }
        for value, label in SearchKind.choices
    ]
