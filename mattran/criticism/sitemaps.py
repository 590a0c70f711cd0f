"""Sitemap section of the public drafts, for /sitemap.xml (``{"phan-bien": DraftSitemap}``)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Draft


class DraftSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    i18n = True
    alternates = True

    def items(self):
        return Draft.objects.public().only("slug", "updated_at").order_by("pk")

    def location(self, draft):
        return reverse("criticism:detail", args=[draft.slug])

    def lastmod(self, draft):
        return draft.updated_at
