from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .selectors import recommendation_events_public


class AccountabilityFeed(Feed):
    """RSS of changes to published recommendations after supervision: issued, answered, carried out, escalated."""

    title = _("Theo dõi kiến nghị sau giám sát")
    description = _("Diễn biến thực hiện kiến nghị sau giám sát của Mặt trận Tổ quốc Việt Nam")

    def link(self):
        return reverse("supervision:list")

    def items(self):
        return recommendation_events_public()

    def item_title(self, item):
        return f"{item.recommendation.reference} · {item.get_kind_display()} · {item.recommendation.addressee.name}"

    def item_description(self, item):
        return item.recommendation.text

    def item_link(self, item):
        return reverse("supervision:detail", args=[item.recommendation.activity.slug]) + f"#{item.recommendation.reference}"

    def item_pubdate(self, item):
        return item.created_at

    def item_guid(self, item):
        return f"recommendation-event-{item.pk}"
