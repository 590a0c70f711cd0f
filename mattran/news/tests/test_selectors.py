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


def _restrict(page):
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.create(page=page, restriction_type="password", password="matkhau-bimat")


def test_restricted_articles_are_left_out_of_portal_category_and_newer_older_lists(portal, category):
    from mattran.news.selectors import article_list_for_category

    older, secret, newer = (make_article(category=category) for _ in range(3))
    _restrict(secret)
    assert list(article_list_for_portal(portal=portal)) == [newer, older]
    assert list(article_list_for_category(category=category)) == [newer, older]
    assert article_list_newer(article=older) == [newer] and article_list_older(article=newer) == [older]


def test_articles_under_a_restricted_category_and_the_category_itself_are_not_listed(portal, category):
    from mattran.news.selectors import category_list_for_portal

    hidden = make_category(portal=portal, title="Nội bộ")
    make_article(category=hidden)
    shown = make_article(category=category)
    _restrict(hidden)
    assert list(article_list_for_portal(portal=portal)) == [shown]
    assert list(category_list_for_portal(portal=portal)) == [category]


@pytest.mark.django_db
def test_the_cached_portal_of_a_committee_follows_an_edit_of_its_organisation(portal, django_assert_num_queries):
    from mattran.news.selectors import portal_get_for_organisation

    organisation = portal.organisation
    assert portal_get_for_organisation(organisation=organisation) == portal
    with django_assert_num_queries(0):  # cached, and its organisation with it (the footer's contacts)
        assert portal_get_for_organisation(organisation=organisation).organisation.name == organisation.name
    organisation.phone = "028 3855 0000"
    organisation.save()
    assert portal_get_for_organisation(organisation=organisation).organisation.phone == "028 3855 0000"


@pytest.mark.django_db
def test_the_cached_default_portal_follows_a_change_of_the_sites_root(portal, rf):
    from wagtail.models import Site

    from mattran.news.selectors import portal_get_default

    request = rf.get("/kien-nghi/tra-cuu/", HTTP_HOST="localhost")
    assert portal_get_default(request=request) == portal
    other = make_portal(site_root=False, parent=portal.get_parent())
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    assert portal_get_default(request=rf.get("/kien-nghi/tra-cuu/", HTTP_HOST="localhost")) == other
