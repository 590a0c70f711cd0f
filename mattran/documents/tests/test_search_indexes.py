import datetime

import pytest
from django.test import Client
from django.utils import timezone

from mattran.documents.models import PublicationStatus
from mattran.documents.tests.factories import DocumentFactory
from mattran.search.models import SearchEntry, SearchKind
from mattran.search.selectors import search_query

pytestmark = pytest.mark.django_db


def test_published_document_is_found_by_its_abstract_without_diacritics():
    document = DocumentFactory(abstract="Về việc giám sát cán bộ, đảng viên nơi cư trú.")
    results = search_query(text="giam sat can bo")
    assert [hit.entry.url for hit in results] == [document.get_absolute_url()]
    assert results[0].entry.kind == SearchKind.DOCUMENT


def test_draft_document_is_not_indexed():
    DocumentFactory(abstract="Dự thảo kế hoạch chưa công bố.", publication_status=PublicationStatus.DRAFT)
    assert not SearchEntry.objects.filter(kind=SearchKind.DOCUMENT).exists()


def test_search_shows_a_register_entry_by_its_issue_date_not_its_upload_date():
    DocumentFactory(number="994-QĐ/TU", issued_on=datetime.date(2017, 5, 25), abstract="Về việc đối thoại.")
    entry = SearchEntry.objects.get(kind=SearchKind.DOCUMENT)
    assert timezone.localtime(entry.published_at).date() == datetime.date(2017, 5, 25)
    page = Client().get("/tim-kiem/", {"q": "doi thoai"}).content.decode()
    assert "25/05/2017" in page or "25 Tháng Năm 2017" in page or "2017-05-25" in page


@pytest.mark.parametrize("query", ["994-QĐ/TU", "994-qd/tu", "994 QĐ TU"])
def test_an_exact_reference_number_ranks_its_entry_first(query):
    wanted = DocumentFactory(number="994-QĐ/TU", abstract="Về việc tổ chức hội nghị đối thoại.")
    # entries that mention the same words more often, in their titles and bodies, and are newer
    for number in ("995-QĐ/TU", "996-QĐ/TU"):
        DocumentFactory(
            number=number,
            issued_on=datetime.date(2024, 1, 2),
            abstract="Thực hiện Quyết định 994-QĐ/TU: QĐ TU 994, hướng dẫn QĐ/TU 994 của Thành ủy.",
        )
    results = search_query(text=query)
    assert results.count() == 3
    assert results[0].entry.url == wanted.get_absolute_url()
