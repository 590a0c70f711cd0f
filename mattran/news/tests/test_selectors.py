import pytest

from mattran.news.selectors import (
    article_list_for_portal,
    article_list_newer,
    article_list_older,
    portal_for_page,
)
from mattran.news.tests.factories import make_article, make_category, make_portal

pytestmark = pytest.mark.django_db


def test_newer_lists_up_to_five_closest_newer_newest_first_and_older_up_to_ten(category):
    articles = [make_article(category=category) for _ in range(18)]  # published one day apart, in order
    middle = articles[6]
    newer = article_list_newer(article=middle)
    older = article_list_older(article=middle)
    assert newer == list(reversed(articles[7:12]))
    assert older == list(reversed(articles[:6]))
    assert len(article_list_older(article=articles[-1])) == 10


def test_newer_and_older_stay_within_the_category(portal, category):
    other = make_category(portal=portal, title="Hoạt động")
    mine = make_article(category=category)
    make_article(category=other)
    assert article_list_newer(article=mine) == [] and article_list_older(article=mine) == []


def test_portal_articles_exclude_the_portals_below_it(portal, category):
    ward = make_portal(parent=portal)
    ward_article = make_article(category=make_category(portal=ward))
    own = make_article(category=category)
    assert list(article_list_for_portal(portal=portal)) == [own]
    assert portal_for_page(page=ward_article) == ward
