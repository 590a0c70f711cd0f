from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.documents import urls as wagtaildocs_urls

from mattran.api.v1 import api as api_v1
from mattran.api.v1 import not_found_view as api_v1_not_found
from mattran.criticism.sitemaps import DraftSitemap
from mattran.documents.sitemaps import DocumentSitemap
from mattran.news import routing as news_routing

SITEMAPS = {"trang": PageSitemap, "van-ban": DocumentSitemap, "phan-bien": DraftSitemap}

urlpatterns = [
    # The two-step staff login (password, then the authenticator code) replaces Wagtail's /quan-tri/login/.
    path("quan-tri/", include("mattran.accounts.login.urls")),
    path("quan-tri/", include(wagtailadmin_urls)),
    path("admin/", RedirectView.as_view(url="/quan-tri/", permanent=False)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open311/v2/", include("mattran.api.urls_open311")),
    path("api/v1/", api_v1.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_v1_not_found),
    path("", include("mattran.core.urls")),
    path("", include("mattran.news.urls")),
    path("sitemap.xml", wagtail_sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

# Public pages: Vietnamese at the root, English under /en/ — the language is in the URL,
# so a cached page never serves one language to a reader of the other.
urlpatterns += i18n_patterns(
    path("van-ban/", include("mattran.documents.urls")),
    path("tim-kiem/", include("mattran.search.urls")),
    path("kien-nghi/", include("mattran.petitions.urls")),
    path("giam-sat/", include("mattran.supervision.urls")),
    path("phan-bien/", include("mattran.criticism.urls")),
    path("doi-thoai/", include("mattran.dialogues.urls")),
    # Wagtail's page view with the route cached for anonymous readers (news.routing); Wagtail's own URLs below
    # still name and reverse it, and keep their _util/ views (password form, login).
    re_path(r"^(?!_util/)" + wagtail_urls.serve_pattern.removeprefix("^"), news_routing.serve),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    # Public uploads only (Wagtail images): private files live outside MEDIA_ROOT (system check mattran.E102)
    # and are reached only through the views that check permission.
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

# Error pages in the portal's layout, in the language of the URL (mattran.core.views); 500 is standalone.
handler400 = "mattran.core.views.bad_request"
handler403 = "mattran.core.views.permission_denied"
handler404 = "mattran.core.views.page_not_found"
handler500 = "mattran.core.views.server_error"
