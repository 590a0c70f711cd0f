"""Feeds public articles into the site search (see docs/architecture.md, "Search").

Only articles that are live and outside every Wagtail view restriction are indexed (``page_list_public``): a
password-, login- or group-protected article, or one under a protected page, has no entry. Adding or removing a
restriction, and moving a page, re-syncs the entries of that page's articles.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from mattran.search.models import SearchKind
from mattran.search.registry import provider_register
from mattran.search.services import search_entry_delete, search_entry_upsert
from mattran.search.text import plain_text, search_key

from .models import ArticlePage
from .selectors import page_list_public


def _entry(page: ArticlePage) -> dict:
    portal = page.portal
    return {
        "kind": SearchKind.ARTICLE,
        "key": search_key(page),
        "title": page.title,
        "body": plain_text(f"{page.lead} {page.body.render_as_block()}"),
        "url": page.url or "",
        "organisation": portal.organisation if portal else None,
        "category": page.get_parent().title,
        "published_at": page.published_at,
        "language": "vi",
    }


def entries():
    for page in page_list_public(ArticlePage).specific():
        yield _entry(page)


provider_register("news.articles", entries)


def _sync_subtree(page: Page) -> None:
    """Index the public articles at or under ``page`` and drop the entries of the others."""
    articles = ArticlePage.objects.descendant_of(page, inclusive=True)
    public = set(page_list_public(ArticlePage).descendant_of(page, inclusive=True).values_list("pk", flat=True))
    for article in articles:
        if article.pk in public:
            search_entry_upsert(**_entry(article))
        else:
            search_entry_delete(key=search_key(article))


def _published(sender, instance, **kwargs):
    _sync_subtree(instance)


def _removed(sender, instance, **kwargs):
    search_entry_delete(key=search_key(instance))


def _moved(sender, instance, **kwargs):
    # Into or out of a protected section (the URL changes too); re-read for the tree position after the move.
    _sync_subtree(Page.objects.get(pk=instance.pk))


def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # None when the restriction goes with its deleted page
        _sync_subtree(page)


page_published.connect(_published, sender=ArticlePage, dispatch_uid="search.news.published")
page_unpublished.connect(_removed, sender=ArticlePage, dispatch_uid="search.news.unpublished")
post_delete.connect(_removed, sender=ArticlePage, dispatch_uid="search.news.deleted")
post_page_move.connect(_moved, dispatch_uid="search.news.moved")
post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.news.restriction_saved")
post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.news.restriction_deleted")
