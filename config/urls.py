from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("quan-tri/", include(wagtailadmin_urls)),
    path("admin/", RedirectView.as_view(url="/quan-tri/", permanent=False)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("mattran.core.urls")),
    path("", include("mattran.news.urls")),
    path("sitemap.xml", wagtail_sitemap, name="sitemap"),
]

# Public pages: Vietnamese at the root, English under /en/ — the language is in the URL,
# so a cached page never serves one language to a reader of the other.
urlpatterns += i18n_patterns(
    path("kien-nghi/", include("mattran.petitions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
