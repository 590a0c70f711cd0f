import pytest

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
