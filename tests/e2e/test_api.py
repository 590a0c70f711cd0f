"""The API's browsable documentation works offline: Swagger UI comes from our own static files."""

from urllib.parse import urlparse


def test_api_docs_page_lists_the_operations_without_external_requests(page, live_server):
    external = []
    page.on("request", lambda r: external.append(r.url) if urlparse(r.url).hostname not in ("localhost", "127.0.0.1") else None)
    response = page.goto(live_server.url + "/api/v1/docs")
    assert response.status == 200
    page.get_by_text("/api/v1/petitions/{reference}/status").first.wait_for(timeout=15000)
    assert external == []
