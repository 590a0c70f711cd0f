import pytest

from .factories import make_article, make_category, make_portal


@pytest.fixture
def portal(db):
    return make_portal()


@pytest.fixture
def category(portal):
    return make_category(portal=portal)


@pytest.fixture
def article(category):
    return make_article(category=category, title="Hội nghị chuyên đề về công tác giám sát")
