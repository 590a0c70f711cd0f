import datetime

import pytest
from django.utils import timezone

from mattran.organisations.tests.factories import OrganisationFactory
from mattran.search.models import SearchKind

from .factories import SearchEntryFactory

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/"


def at(day):
    return timezone.make_aware(datetime.datetime(2025, 5, day, 10))


@pytest.fixture
def entries():
    ward = OrganisationFactory(name="Ủy ban MTTQ phường Minh Phụng")
    return {
        "article": SearchEntryFactory(
            title="Ban giám sát đầu tư của cộng đồng",
            body="Họp <b>phiên</b> đầu năm",
            category="Tin tức sự kiện",
            organisation=ward,
            published_at=at(1),
            url="/tin-tuc/ban-giam-sat/",
        ),
        "document": SearchEntryFactory(
            kind=SearchKind.DOCUMENT,
            title="Quy chế giám sát",
            category="Văn bản chỉ đạo",
            published_at=at(10),
        ),
        "answer": SearchEntryFactory(
            kind=SearchKind.PETITION_ANSWER,
            title="Trả lời kiến nghị",
            body="Phường sẽ giám sát việc sửa đường.",
            published_at=at(20),
        ),
    }


def test_empty_query_shows_the_form_without_error(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="q"' in response.content and b"errorlist" not in response.content
    assert client.get(URL, {"q": ""}).status_code == 200


def test_query_without_diacritics_shows_highlighted_results(client, entries):
    response = client.get(URL, {"q": "giam sat"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="search-result"') == 3
    assert "<mark>giám</mark> <mark>sát</mark>" in html
    assert 'href="/tin-tuc/ban-giam-sat/"' in html
    assert "Họp &lt;b&gt;phiên&lt;/b&gt; đầu năm" in html  # stored text is shown, never run as markup
    assert "Tìm thấy 3 kết quả" in html


def test_kind_filter_and_its_counts(client, entries):
    html = client.get(URL, {"q": "giam sat", "loai": "document"}).content.decode()
    assert html.count('class="search-result"') == 1 and "Quy chế <mark>giám</mark>" in html
    assert 'value="document" id="search-loai-2" checked' in html
    assert "(1)" in html  # each kind shows its count, whatever the kind filter


def test_category_filter(client, entries):
    html = client.get(URL, {"q": "giam sat", "chuyen-muc": "Văn bản chỉ đạo"}).content.decode()
    assert html.count('class="search-result"') == 1 and "Quy chế <mark>giám</mark>" in html


def test_organisation_filter_by_slug(client, entries):
    slug = entries["article"].organisation.slug
    html = client.get(URL, {"q": "giam sat", "to-chuc": slug}).content.decode()
    assert html.count('class="search-result"') == 1 and "Ban <mark>giám</mark>" in html


def test_date_filters_accept_iso_and_vietnamese_dates(client, entries):
    html = client.get(
        URL, {"q": "giam sat", "tu-ngay": "2025-05-05", "den-ngay": "15/05/2025"}
    ).content.decode()
    assert html.count('class="search-result"') == 1 and "Quy chế <mark>giám</mark>" in html


def test_filters_without_words_list_matching_entries(client, entries):
    html = client.get(URL, {"loai": "petition_answer"}).content.decode()
    assert html.count('class="search-result"') == 1 and "Trả lời kiến nghị" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x", "loai": "poem"}, "Loại nội dung “poem” không có."),
        ({"q": "x", "chuyen-muc": "Không tồn tại"}, "Chuyên mục “Không tồn tại” không có."),
        ({"q": "x", "to-chuc": "khong-co"}, "Tổ chức này không có hoặc chưa có nội dung nào."),
        ({"q": "x", "tu-ngay": "31/02/2025"}, "Ngày không hợp lệ"),
        ({"q": "x", "tu-ngay": "0001-01-01"}, "từ năm 1900 đến năm 2100"),
        ({"q": "x", "den-ngay": "9999-12-31"}, "từ năm 1900 đến năm 2100"),
        ({"q": "x", "tu-ngay": "2025-05-10", "den-ngay": "2025-05-01"}, "phải sau hoặc bằng"),
    ],
)
def test_bad_filters_give_a_clear_message_and_400(client, entries, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert b'class="search-result"' not in response.content


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "giám sát " * 2000,
        "'; DROP TABLE search_searchentry; --",
        '"giam" NEAR(sat) AND -dau* ^tu: (x) OR NOT',
        "giám & sát | !đầu <-> tư:*",
        "%_\\%",
        "😀🇻🇳 giám sát 🙂",
        "\x00giam",
    ],
)
def test_odd_queries_never_fail(client, entries, query):
    response = client.get(URL, {"q": query}, follow=True)
    assert response.status_code == 200
    assert len(response.content) < 200_000


@pytest.mark.parametrize("name", ["q", "loai", "chuyen-muc", "to-chuc", "tu-ngay", "den-ngay", "page"])
def test_nul_characters_in_any_parameter_never_fail(client, entries, name):
    response = client.get(URL, {"q": "giam", name: "a\x00b"})
    assert response.status_code in (200, 400)


def test_long_query_is_cut_to_a_sane_address(client):
    for n in range(12):
        SearchEntryFactory(title=f"Giám sát số {n}")
    response = client.get(URL, {"q": "giám sát " + "x" * 10_000})
    assert response.status_code == 302 and len(response.url) < 1000
    html = client.get(response.url).content.decode()
    assert "x" * 191 in html and "x" * 192 not in html  # 200 characters: "giám sát " and 191 x
    assert html.count('class="search-result"') == 0  # "giám sát xxx…" has no match: every word must be found


def test_pagination_keeps_the_query_and_marks_the_current_page(client):
    for n in range(25):
        SearchEntryFactory(title=f"Giám sát công trình {n}")
    first = client.get(URL, {"q": "giam sat"}).content.decode()
    assert first.count('class="search-result"') == 10
    assert 'aria-label="Phân trang kết quả"' in first
    assert "?q=giam+sat&amp;page=2" in first and 'rel="next"' in first
    third = client.get(URL, {"q": "giam sat", "page": "3"}).content.decode()
    assert third.count('class="search-result"') == 5 and 'aria-current="page"' in third
    for page in ["0", "-1", "abc", "999999", "1e9"]:
        assert client.get(URL, {"q": "giam sat", "page": page}).status_code == 200


def test_no_result_says_so(client, entries):
    html = client.get(URL, {"q": "khong co gi"}).content.decode()
    assert "Không tìm thấy kết quả" in html


def test_english_page_and_post_refused(client, entries):
    response = client.get("/en" + URL, {"q": "giam sat"})
    assert response.status_code == 200 and b'lang="en"' in response.content
    assert client.post(URL, {"q": "giam sat"}).status_code == 405


def test_header_search_box_is_a_labelled_get_form_to_the_results_page(rf):
    from django.template.loader import render_to_string
    from django.utils import translation

    request = rf.get("/", {"q": "giám sát"})
    with translation.override("en"):
        html_en = render_to_string("includes/search_form.html", request=request)
    html = render_to_string("includes/search_form.html", request=request)
    assert 'action="/tim-kiem/"' in html and 'method="get"' in html and 'role="search"' in html
    assert '<label class="visually-hidden" for="header-search-q">' in html and 'value="giám sát"' in html
    assert 'action="/en/tim-kiem/"' in html_en


def test_more_matches_than_the_bound_are_announced(client, entries, settings):
    settings.SEARCH_RANK_CANDIDATES = 2
    html = client.get(URL, {"q": "giam sat"}).content.decode()
    assert "Có hơn 2 kết quả cho “giam sat”" in html
    assert html.count('class="search-result"') == 2
