import datetime
from urllib.parse import quote

import pytest

from mattran.documents.models import DocumentKind, PublicationStatus, ValidityStatus
from mattran.organisations.tests.factories import OrganisationFactory, TopicFactory

from .factories import DocumentFactory, docx_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    land = TopicFactory(name="Đất đai, nhà ở")
    return {
        "994": DocumentFactory(
            number="994-QĐ/TU", slug="quyet-dinh-994-qd-tu", issued_on=datetime.date(2017, 5, 25),
            abstract="Về việc tổ chức hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân.",
        ),
        "1374": DocumentFactory(
            number="1374-QĐ/TU", slug="quy-dinh-1374-qd-tu", kind=DocumentKind.REGULATION,
            issued_on=datetime.date(2017, 12, 1), abstract="Quy định về giám sát cán bộ, đảng viên nơi cư trú.",
        ),
        "plan": DocumentFactory(
            number="12/KH-MTTQ", slug="ke-hoach-12-kh-mttq", kind=DocumentKind.PLAN, topic=land,
            organisation=OrganisationFactory(name="Ủy ban phường Mốc", slug="uy-ban-phuong-moc"),
            issuer_name="Ban Thường trực Ủy ban MTTQ phường", issued_on=datetime.date(2025, 9, 3),
            validity_status=ValidityStatus.EXPIRED, abstract="Kế hoạch giám sát đầu tư xây dựng nhà ở.",
        ),
        "draft": DocumentFactory(
            number="99/KH-MTTQ", slug="ban-nhap", publication_status=PublicationStatus.DRAFT,
            abstract="Bản nháp về giám sát.",
        ),
    }


def _numbers(response):
    return [d.number for d in response.context["page"].object_list]


def test_list_shows_published_entries_newest_first(client, register):
    response = client.get("/van-ban/")
    assert response.status_code == 200
    assert _numbers(response) == ["12/KH-MTTQ", "1374-QĐ/TU", "994-QĐ/TU"]
    assert "Bản nháp" not in response.content.decode()


@pytest.mark.parametrize("query", ["994-QĐ/TU", "994-qđ/tu", "994 - QD / TU", " 994-qd/tu "])
def test_number_search_is_exact_whatever_the_spelling(client, register, query):
    response = client.get("/van-ban/", {"so": query})
    assert _numbers(response) == ["994-QĐ/TU"]


def test_number_search_does_not_match_partially(client, register):
    assert _numbers(client.get("/van-ban/", {"so": "99"})) == []


@pytest.mark.parametrize("query", ["giám sát", "giam sat", "GIÁM   SÁT", "giam sat dau tu"])
def test_abstract_search_ignores_diacritics_and_needs_every_word(client, register, query):
    numbers = _numbers(client.get("/van-ban/", {"q": query}))
    expected = ["12/KH-MTTQ"] if "dau tu" in query else ["12/KH-MTTQ", "1374-QĐ/TU"]
    assert numbers == expected


def test_text_filter_matches_whole_words_through_the_site_index(client, register):
    DocumentFactory(number="31/TB-MTTQ", abstract="Thông báo về hội nghị toàn thể.")
    DocumentFactory(number="32/TB-MTTQ", abstract="Thông báo về tổ dân phố số 5.")
    found = _numbers(client.get("/van-ban/", {"q": "to"}))
    assert "32/TB-MTTQ" in found and "31/TB-MTTQ" not in found  # "tổ" is the word "to"; "toàn" is not


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"loai": DocumentKind.REGULATION}, ["1374-QĐ/TU"]),
        ({"co_quan": "Ban Thường trực Ủy ban MTTQ phường"}, ["12/KH-MTTQ"]),
        ({"to_chuc": "uy-ban-phuong-moc"}, ["12/KH-MTTQ"]),
        ({"linh_vuc": "dat-dai-nha-o"}, ["12/KH-MTTQ"]),
        ({"hieu_luc": ValidityStatus.EXPIRED}, ["12/KH-MTTQ"]),
        ({"nam": "2017"}, ["1374-QĐ/TU", "994-QĐ/TU"]),
        ({"tu_ngay": "2017-06-01", "den_ngay": "2018-01-01"}, ["1374-QĐ/TU"]),
        ({"tu_ngay": "01/06/2017"}, ["12/KH-MTTQ", "1374-QĐ/TU"]),
    ],
)
def test_filters(client, register, params, expected):
    response = client.get("/van-ban/", params)
    assert response.status_code == 200
    assert _numbers(response) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"nam": "abc"},
        {"nam": "99999999999999999999"},
        {"tu_ngay": "31/02/2017"},
        {"loai": "khong-co"},
        {"to_chuc": "khong-co"},
        {"linh_vuc": "khong-co"},
        {"co_quan": "<script>"},
        {"tu_ngay": "2018-01-01", "den_ngay": "2017-01-01"},
        {"so": "x" * 500},
        {"so": "994\x00"},
        {"q": "giam\x00sat"},
        {"co_quan": "\x00"},
    ],
)
def test_odd_filter_input_gives_400_with_the_error_shown(client, register, params):
    response = client.get("/van-ban/", params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("page", ["2", "abc", "-1", "999999", "1e9"])
def test_odd_page_numbers_never_fail(client, register, page):
    assert client.get("/van-ban/", {"trang": page}).status_code == 200


def test_pagination_keeps_the_filters(client, register):
    for n in range(25):
        DocumentFactory(number=f"{n + 1}/TB-MTTQ", slug=f"tb-{n}", kind=DocumentKind.NOTICE)
    response = client.get("/van-ban/", {"loai": DocumentKind.NOTICE})
    assert len(response.context["page"].object_list) == 20
    assert "loai=thong_bao&amp;trang=2" in response.content.decode()
    assert len(client.get("/van-ban/", {"loai": DocumentKind.NOTICE, "trang": 2}).context["page"].object_list) == 5


def test_detail_shows_the_metadata_and_related_documents(client, register):
    register["994"].related_documents.add(register["1374"], register["draft"])
    response = client.get("/van-ban/quyet-dinh-994-qd-tu/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Quyết định 994-QĐ/TU" in body and "25/05/2017" in body
    assert "Văn bản liên quan" in body and "/van-ban/quy-dinh-1374-qd-tu/" in body
    assert "/van-ban/ban-nhap/" not in body  # drafts never show, even as related
    assert "/van-ban/quyet-dinh-994-qd-tu/tai-ve/" in body


def test_detail_opens_in_english(client, register):
    response = client.get("/en/van-ban/quyet-dinh-994-qd-tu/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("url", ["/van-ban/khong-co/", "/van-ban/ban-nhap/", "/van-ban/ban-nhap/tai-ve/",
                                 "/van-ban/khong-co/tai-ve/"])
def test_missing_and_draft_entries_are_404(client, register, url):
    assert client.get(url).status_code == 404


def test_download_streams_the_file_with_a_vietnamese_name(client, register):
    response = client.get("/van-ban/quyet-dinh-994-qd-tu/tai-ve/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="quyet-dinh-994-qd-tu.pdf"')
    assert f"filename*=UTF-8''{quote('Quyết định 994-QĐ-TU.pdf')}" in disposition


def test_download_of_a_docx_has_the_word_content_type(client):
    DocumentFactory(number="5/HD-MTTQ", slug="hd-5", kind=DocumentKind.GUIDANCE, file=docx_upload())
    response = client.get("/van-ban/hd-5/tai-ve/")
    assert response["Content-Type"].endswith("wordprocessingml.document")


def test_download_of_a_missing_stored_file_is_404(client, register):
    document = register["994"]
    document.file.storage.delete(document.file.name)
    assert client.get("/van-ban/quyet-dinh-994-qd-tu/tai-ve/").status_code == 404


def test_post_to_public_pages_is_refused(client, register):
    assert client.post("/van-ban/").status_code == 405


def test_sitemap_lists_published_entries_in_both_languages(register):
    from django.contrib.sites.requests import RequestSite
    from django.test import RequestFactory

    from mattran.documents.sitemaps import DocumentSitemap

    site = RequestSite(RequestFactory().get("/", HTTP_HOST="x.vn"))
    urls = [entry["location"] for entry in DocumentSitemap().get_urls(site=site, protocol="https")]
    assert "https://x.vn/van-ban/quyet-dinh-994-qd-tu/" in urls
    assert "https://x.vn/en/van-ban/quyet-dinh-994-qd-tu/" in urls
    assert not any("ban-nhap" in url for url in urls)
