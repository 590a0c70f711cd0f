"""Reads of the portal: which portal a page belongs to, its categories and articles, newer/older lists.

Every public list of pages — home and category lists, newer/older, feeds, the header's categories, the search
provider, successor portals — starts from :func:`page_list_public`: live and outside any Wagtail view restriction
(a page with a password, login or group restriction, or under one, is never listed).
"""

from django.db.models import Q
from wagtail.models import Page, Site

from mattran.organisations.models import Organisation
from mattran.organisations.selectors import organisation_list_successors

from .models import ArticlePage, CategoryPage, HomePage

NEWER_LIMIT = 5
OLDER_LIMIT = 10


def page_list_public(model):
    """Live pages of ``model`` that no view restriction (on them or an ancestor) hides: the one rule for lists."""
    return model.objects.live().public()


def portal_for_page(*, page: Page) -> HomePage | None:
    """The nearest HomePage at or above ``page``."""
    if isinstance(page, HomePage):
        return page
    return HomePage.objects.ancestor_of(page, inclusive=True).select_related("organisation").order_by("-depth").first()


def portal_get_default(*, request=None) -> HomePage | None:
    """The portal of the site answering ``request`` (or the default site): used by pages outside the tree."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    root = site.root_page.specific
    return root if isinstance(root, HomePage) else portal_for_page(page=root)


def portal_get_for_organisation(*, organisation: Organisation) -> HomePage | None:
    return HomePage.objects.filter(organisation=organisation).order_by("depth").first()


def category_list_for_portal(*, portal: HomePage):
    return page_list_public(CategoryPage).child_of(portal).in_menu().order_by("path")


def article_list_for_portal(*, portal: HomePage):
    """Live articles of this portal only (not of the portals below it): they sit exactly two levels down."""
    return (
        page_list_public(ArticlePage)
        .filter(path__startswith=portal.path, depth=portal.depth + 2)
        .order_by("-published_at", "-pk")
    )


def article_list_for_category(*, category: CategoryPage):
    return page_list_public(ArticlePage).child_of(category).order_by("-published_at", "-pk")


def _siblings(article: ArticlePage):
    return page_list_public(ArticlePage).sibling_of(article, inclusive=False)


def article_list_newer(*, article: ArticlePage, limit: int = NEWER_LIMIT) -> list[ArticlePage]:
    """The ``limit`` articles of the same category published just after this one, newest first."""
    newer = Q(published_at__gt=article.published_at) | Q(published_at=article.published_at, pk__gt=article.pk)
    closest = list(_siblings(article).filter(newer).order_by("published_at", "pk")[:limit])
    return closest[::-1]


def article_list_older(*, article: ArticlePage, limit: int = OLDER_LIMIT) -> list[ArticlePage]:
    """The ``limit`` articles of the same category published just before this one, newest first."""
    older = Q(published_at__lt=article.published_at) | Q(published_at=article.published_at, pk__lt=article.pk)
    return list(_siblings(article).filter(older).order_by("-published_at", "-pk")[:limit])


def portal_list_for_organisations(*, organisations) -> dict:
    """{organisation id: its public portal} for the given organisations."""
    return {p.organisation_id: p for p in page_list_public(HomePage).filter(organisation__in=organisations)}


def organisation_structure(*, organisation: Organisation) -> dict:
    """What the "Cơ cấu tổ chức" page shows: the committee, its units below, predecessors and successors."""
    from django.utils import timezone

    today = timezone.localdate()
    children = Organisation.objects.filter(parent=organisation).active_on(today).order_by("kind", "name")
    return {
        "organisation": organisation,
        "parent": organisation.parent,
        "children": list(children),
        "successors": list(organisation_list_successors(organisation=organisation)),
        "predecessors": list(Organisation.objects.filter(succeeded_by__successor=organisation).order_by("name")),
        "portals": {p.organisation_id: p for p in page_list_public(HomePage)},
    }
