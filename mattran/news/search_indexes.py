"""Feeds published articles into the site search (see docs/architecture.md, "Search")."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from mattran.search.models import SearchKind
from mattran.search.registry import provider_register
from mattran.search.services import search_entry_delete, search_entry_upsert
from mattran.search.text import plain_text, search_key

from .models import ArticlePage


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
    for page in ArticlePage.objects.live().public().specific():
        yield _entry(page)


provider_register("news.articles", entries)


def _published(sender, instance, **kwargs):
    search_entry_upsert(**_entry(instance.specific))


def _removed(sender, instance, **kwargs):
    search_entry_delete(key=search_key(instance))


page_published.connect(_published, sender=ArticlePage, dispatch_uid="search.news.published")
page_unpublished.connect(_removed, sender=ArticlePage, dispatch_uid="search.news.unpublished")
post_delete.connect(_removed, sender=ArticlePage, dispatch_uid="search.news.deleted")
