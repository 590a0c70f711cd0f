import pytest

from mattran.news.tests.factories import make_article
from mattran.search.models import SearchEntry, SearchKind
from mattran.search.selectors import search_query
from mattran.search.services import search_index_rebuild

pytestmark = pytest.mark.django_db


def test_published_article_is_found_without_diacritics(category):
    article = make_article(category=category, title="Giám sát đầu tư công trình trường học")
    results = search_query(text="giam sat dau tu")
    assert [hit.entry.url for hit in results] == [article.url]
    assert results[0].entry.kind == SearchKind.ARTICLE


def test_unpublished_article_leaves_the_index(category):
    article = make_article(category=category, title="Đối thoại với Nhân dân khu phố 3")
    article.unpublish()
    assert not SearchEntry.objects.filter(title=article.title).exists()


def test_rebuild_indexes_live_articles(category):
    make_article(category=category, title="Tiếp xúc cử tri trước kỳ họp")
    SearchEntry.objects.all().delete()
    search_index_rebuild()
    assert SearchEntry.objects.filter(kind=SearchKind.ARTICLE, title="Tiếp xúc cử tri trước kỳ họp").exists()
