"""Open311 GeoReport v2 under /open311/v2/: every path takes a format suffix (.json or .xml)."""

from django.urls import path, re_path

from .views import open311

FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"

app_name = "open311"
urlpatterns = [
    path("", open311.discovery_view, name="root"),
    path("openapi.json", open311.openapi_view, name="openapi"),
    re_path(r"^discovery" + FMT, open311.discovery_view, name="discovery"),
    re_path(r"^services" + FMT, open311.services_view, name="services"),
    re_path(r"^services/(?P<code>[^/]+)" + FMT, open311.service_definition_view, name="service"),
    re_path(r"^requests" + FMT, open311.requests_view, name="requests"),
    re_path(r"^requests/(?P<request_id>[^/]+)" + FMT, open311.request_view, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+)" + FMT, open311.token_view, name="token"),
    # [\s\S], not ".": a path with an encoded newline must still get the spec's 404 array, not the portal's page.
    re_path(r"^[\s\S]*$", open311.not_found_view, name="not_found"),
]
