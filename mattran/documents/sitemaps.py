"""Sitemap section of the register, for whoever assembles /sitemap.xml (``{"van-ban": DocumentSitemap}``)."""

from django.contrib.sitemaps import Sitemap

from .models import Document


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    i18n = True
    alternates = True

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, document):
        return document.updated_at
