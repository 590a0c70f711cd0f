"""Template helpers of the portal layout: the visit and view counters, header categories, JSON-LD."""

import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from mattran.core.templatetags.vi_format import localised
from mattran.news import counters, pagecache
from mattran.news.models import CounterKind
from mattran.news.selectors import category_list_for_portal

register = template.Library()


def _page_counts(context, article=None) -> dict:
    """The counters a page shows, read at once (``counters.counter_values``: one Redis round trip, a query only
    for what Redis does not know): the article's views, when the page is an article, and its portal's visits
    (base.html's footer). Kept on the request for the second tag."""
    request = context.get("request")
    known = getattr(request, "_news_counts", None)
    if known is None:
        portal = context.get("news_portal")
        pairs = [(article.pk, CounterKind.VIEWS)] if article is not None else []
        if portal:
            pairs.append((portal.pk, CounterKind.VISITS))
        known = counters.counter_values(pairs=pairs)
        if request is not None:
            request._news_counts = known
    return known


@register.simple_tag(takes_context=True)
def news_view_count(context, article):
    counts = _page_counts(context, article)
    key = (article.pk, CounterKind.VIEWS)
    return counts[key] if key in counts else counters.article_view_count(article_id=article.pk)


@register.simple_tag(takes_context=True)
def news_visit_count(context, portal):
    if not portal:
        return 0
    counts = _page_counts(context)
    key = (portal.pk, CounterKind.VISITS)
    return counts[key] if key in counts else counters.site_visit_count(portal_id=portal.pk)


@register.simple_tag(takes_context=True)
def news_nav_section(context) -> str:
    """What the header's menu marks as current (``aria-current`` in base.html), as a key for its cached fragment:
    the page, or on an article its category (so the articles of a category share one fragment), and the named
    URL outside the page tree."""
    page, category = context.get("page"), context.get("category")
    marked = getattr(category, "pk", None) or getattr(page, "pk", None) or ""
    match = getattr(context.get("request"), "resolver_match", None)
    return f"{marked}:{match.app_name}:{match.url_name}" if match else str(marked)


@register.simple_tag
def news_categories(portal):
    """The header's categories of ``portal`` ({pk, title, url}), cached per page-cache generation (a publish,
    move or privacy change anywhere in the tree drops them, as it drops the cached pages)."""
    if not portal:
        return []
    return pagecache.per_generation(
        f"nav:{get_language()}:{portal.pk}",
        lambda: [{"pk": c.pk, "title": localised(c, "title"), "url": c.url} for c in category_list_for_portal(portal=portal)],
    )


@register.filter
def json_ld(data):
    """Serialise a dict for ``<script type="application/ld+json">`` (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 — escaped above


@register.simple_tag
def news_successor_portals(portal):
    """[(organisation, its portal or None)] for an archived committee's successors."""
    from mattran.news.selectors import portal_list_for_organisations
    from mattran.organisations.selectors import organisation_list_successors

    successors = list(organisation_list_successors(organisation=portal.organisation))
    portals = portal_list_for_organisations(organisations=successors)
    return [(org, portals.get(org.pk)) for org in successors]


@register.filter
def org_name(organisation, language="vi"):
    return organisation.display_name(language) if organisation else ""


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
