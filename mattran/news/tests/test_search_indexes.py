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


def _restrict(page):
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.create(page=page, restriction_type="password", password="matkhau-bimat")


def test_restricted_article_is_not_indexed_when_published(category):
    article = make_article(category=category, title="Kiểm thử riêng tư nội bộ")
    _restrict(article)
    article.lead = "Nội dung mật BÍ-MẬT-123"
    article.save_revision().publish()
    assert not SearchEntry.objects.filter(title=article.title).exists()
    assert [hit.entry.url for hit in search_query(text="bi mat 123")] == []


def test_adding_a_restriction_removes_the_entries_below_it_and_removing_it_brings_them_back(portal, category):
    article = make_article(category=category, title="Hội nghị tổng kết công tác năm")
    restriction = _restrict(category)
    assert not SearchEntry.objects.filter(title=article.title).exists()
    restriction.delete()
    assert SearchEntry.objects.filter(title=article.title, url=article.url).exists()


def test_rebuild_leaves_out_restricted_articles(category):
    article = make_article(category=category, title="Bài viết có mật khẩu")
    _restrict(article)
    search_index_rebuild()
    assert not SearchEntry.objects.filter(title=article.title).exists()
