"""Cache invalidation only: any change to the published tree, to who may see a page, or to the register entries
articles link to, drops the cached pages and what is derived from them (news.derived)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import pagecache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    pagecache.invalidate()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _restriction_changed(sender, **kwargs):
    # A restriction hides the page and everything under it, and the lists that named them: drop them all.
    pagecache.invalidate()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender="organisations.Organisation")
@receiver(post_delete, sender="organisations.Organisation")
def _route_changed(sender, **kwargs):
    # news.routing stores the Site and the portal's organisation with each route.
    pagecache.invalidate()


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        pagecache.invalidate()


@receiver(post_save, sender="documents.Document")
@receiver(post_delete, sender="documents.Document")
def _register_entry_changed(sender, **kwargs):
    # Articles link the register entries they mention and list them as "Văn bản liên quan" (news.derived): a
    # publish, withdrawal or edit of an entry changes those links, so the pages and their derived parts go.
    pagecache.invalidate()
