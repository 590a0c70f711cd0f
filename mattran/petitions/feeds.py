from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .selectors import petition_list_public_answered


class AnsweredPetitionsFeed(Feed):
    """RSS of petitions answered with the sender's consent to publication; never any personal data."""

    title = _("Kiến nghị đã có trả lời")
    description = _("Ý kiến, kiến nghị của Nhân dân đã được cơ quan có thẩm quyền trả lời")

    def link(self):
        return reverse("petitions:answered")

    def items(self):
        return petition_list_public_answered()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.content}\n\n{item.body.name if item.body else ''}: {item.public_answer}"

    def item_link(self, item):
        return reverse("petitions:answered") + f"#kn-{item.pk}"  # never the tracking code: it is the submitter's key

    def item_pubdate(self, item):
        return item.answered_at
