"""The public search page in a browser: typed without diacritics, results highlighted, no serious a11y issue."""

import datetime

from django.utils import timezone

from mattran.search.models import SearchEntry, SearchKind
from mattran.search.services import search_entry_upsert

from .conftest import axe_serious_violations


def _index_examples():
    # only these entries: the demo content indexed by load_demo would compete for the first places
    SearchEntry.objects.all().delete()
    for n, (title, body) in enumerate(
        [
            (
                "Ban giám sát đầu tư của cộng đồng họp phiên đầu năm",
                "Các thành viên Ban giám sát rà soát công trình.",
            ),
            (
                "Giám sát việc sửa chữa đường hẻm 12",
                "Người dân cùng Ban công tác Mặt trận giám sát thi công.",
            ),
            ("Tặng quà cho hộ nghèo dịp Tết", "Không liên quan đến từ khóa."),
        ]
        + [(f"Giám sát công trình số {i}", "Biên bản giám sát.") for i in range(12)]
    ):
        search_entry_upsert(
            kind=SearchKind.ARTICLE,
            key=f"e2e.item:{n}",
            title=title,
            body=body,
            url=f"/tin-tuc/{n}/",
            category="Tin tức sự kiện",
            published_at=timezone.make_aware(datetime.datetime(2025, 6, 1, 9)) - datetime.timedelta(days=n),
        )


def test_search_without_diacritics_highlights_results(page, live_server, demo_site):
    _index_examples()
    page.goto(live_server.url + "/tim-kiem/")
    page.get_by_label("Từ khóa").fill("giam sat")
    page.locator("#main").get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url("**/tim-kiem/?q=giam+sat*")
    results = page.locator(".search-result")
    assert results.count() == 10
    first = results.first
    assert first.get_by_role("heading").inner_text() == "Ban giám sát đầu tư của cộng đồng họp phiên đầu năm"
    assert first.locator("mark").all_inner_texts()[:2] == ["giám", "sát"]
    assert "Tìm thấy 14 kết quả" in page.locator(".search-summary").inner_text()
    assert axe_serious_violations(page) == []

    page.get_by_role("navigation", name="Phân trang kết quả").get_by_role("link", name="Trang sau").click()
    assert page.locator(".search-result").count() == 4
    assert page.get_by_label("Từ khóa").input_value() == "giam sat"


def test_bad_filter_shows_the_message_and_stays_accessible(page, live_server, demo_site):
    response = page.goto(live_server.url + "/tim-kiem/?q=giam&tu-ngay=2025-05-10&den-ngay=2025-05-01")
    assert response.status == 400
    assert page.get_by_role("alert").first.inner_text().strip().startswith("“Đến ngày” phải sau")
    assert axe_serious_violations(page) == []
