"""The văn bản register in a phone-sized browser: open, filter, open a document, download."""

import re

from .conftest import axe_serious_violations


def test_register_filter_open_and_download(page, live_server, demo_site):
    response = page.goto(live_server.url + "/van-ban/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Văn bản"
    assert axe_serious_violations(page) == []

    page.locator(".document-filters__more summary").click()  # the facet filters fold away on a phone
    page.get_by_label("Loại văn bản").select_option(label="Quy định")
    page.get_by_role("button", name="Tìm văn bản").click()
    page.wait_for_url(re.compile(r"loai=quy_dinh"))
    titles = page.locator(".document-item__title").all_inner_texts()
    assert titles == ["Quy định 1374-QĐ/TU"]

    page.get_by_label("Số ký hiệu").fill("994-qd/tu")
    page.get_by_label("Loại văn bản").select_option(label="Tất cả")
    page.get_by_role("button", name="Tìm văn bản").click()
    page.get_by_role("link", name="Quyết định 994-QĐ/TU").click()
    page.wait_for_url(re.compile(r"/van-ban/quyet-dinh-994-qd-tu/$"))
    assert "25/05/2017" in page.locator(".document__meta").inner_text()
    assert page.get_by_role("heading", name="Văn bản liên quan").is_visible()
    assert axe_serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Tải văn bản")).click()
    download = download_info.value
    assert download.suggested_filename == "Quyết định 994-QĐ-TU.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_register_search_without_diacritics_in_english(page, live_server, demo_site):
    page.goto(live_server.url + "/en/van-ban/?q=giam+sat")
    assert page.locator("html").get_attribute("lang") == "en"
    titles = page.locator(".document-item__title").all_inner_texts()
    assert "Plan 12/KH-MTTQ" in titles  # the kind label is translated on the English pages
