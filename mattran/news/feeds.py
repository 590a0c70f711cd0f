"""RSS 2.0 feeds: one per portal (``<portal>/rss/``) and one per category (``<category>/rss/``).

The pages' own list methods give the items, so this module imports nothing of the app (the page models import
it)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

FEED_LENGTH = 20


class _ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, *, page):
        super().__init__()
        self.page = page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.page

    def link(self, obj):
        return obj.get_full_url(self.request)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class PortalFeed(_ArticleFeed):
    def __init__(self, *, portal):
        super().__init__(page=portal)

    def title(self, obj):
        return obj.title

    def description(self, obj):
        return obj.intro or obj.organisation.name

    def items(self, obj):
        return obj.articles().prefetch_related("tags")[:FEED_LENGTH]


class CategoryFeed(_ArticleFeed):
    def __init__(self, *, category):
        super().__init__(page=category)

    def title(self, obj):
        return f"{obj.title} — {obj.portal.title}"

    def description(self, obj):
        return obj.intro or obj.title

    def items(self, obj):
        return obj.articles().prefetch_related("tags")[:FEED_LENGTH]
