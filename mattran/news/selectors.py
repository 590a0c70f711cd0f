"""Reads of the portal for other apps and the templates: which portal a page belongs to, its categories and
articles, newer/older lists.

The page-tree reads themselves are methods of the page models (``HomePage.articles()``, ``ArticlePage.newer()``…,
as Wagtail's own ``PageQuerySet`` reads are); these are thin wrappers so that callers outside the models keep one
place to read from. Every public list of pages starts from :func:`page_list_public`: live and outside any Wagtail
view restriction (a page with a password, login or group restriction, or under one, is never listed).
"""

from wagtail.models import Page, Site

from mattran.organisations.models import Organisation

from . import pagecache
from .models import NEWER_LIMIT, OLDER_LIMIT, ArticlePage, CategoryPage, HomePage, page_list_public

__all__ = [
    "article_list_for_category",
    "article_list_for_portal",
    "article_list_newer",
    "article_list_older",
    "category_list_for_portal",
    "page_list_public",
    "portal_for_page",
    "portal_get_default",
    "portal_get_for_organisation",
    "portal_list_for_organisations",
]


def portal_for_page(*, page: Page) -> HomePage | None:
    """The nearest HomePage at or above ``page``."""
    return HomePage.portal_of(page)


def portal_get_default(*, request=None) -> HomePage | None:
    """The portal of the site answering ``request`` (or the default site): used by pages outside the tree
    (every petition, search or register page shows its name, menu and contacts). Three queries, so cached per
    host and page-cache generation."""
    if request is None:
        return _portal_default_lookup(None)
    host = f"{request.get_host()}:{request.get_port()}"
    return pagecache.per_generation(f"portal-default:{host}", lambda: _portal_default_lookup(request))


def _portal_default_lookup(request) -> HomePage | None:
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return HomePage.portal_of(site.root_page.specific)


def portal_get_for_organisation(*, organisation: Organisation) -> HomePage | None:
    """The committee's own portal, with its organisation (the layout's footer shows its contacts): on every
    petition page of that committee, so cached per page-cache generation."""
    return pagecache.per_generation(
        f"portal-of:{organisation.pk}",
        lambda: HomePage.objects.filter(organisation=organisation).select_related("organisation").order_by("depth").first(),
    )


def category_list_for_portal(*, portal: HomePage):
    return portal.categories()


def article_list_for_portal(*, portal: HomePage):
    """Live articles of this portal only (not of the portals below it)."""
    return portal.articles()


def article_list_for_category(*, category: CategoryPage):
    return category.articles()


def article_list_newer(*, article: ArticlePage, limit: int = NEWER_LIMIT) -> list[ArticlePage]:
    """The ``limit`` articles of the same category published just after this one, newest first."""
    return article.newer(limit=limit)


def article_list_older(*, article: ArticlePage, limit: int = OLDER_LIMIT) -> list[ArticlePage]:
    """The ``limit`` articles of the same category published just before this one, newest first."""
    return article.older(limit=limit)


def portal_list_for_organisations(*, organisations) -> dict:
    """{organisation id: its public portal} for the given organisations."""
    return {p.organisation_id: p for p in page_list_public(HomePage).filter(organisation__in=organisations)}
