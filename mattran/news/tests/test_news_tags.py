"""The layout's cached fragments (base.html's menu and footer contacts, the article's newer/older lists): shared
where their output is the same, dropped by the publish or edit that changes them, never hiding a live counter.
Requests carry a campaign parameter so that they miss the whole-page cache and render the fragments."""

import re

import pytest

from mattran.news import counters
from mattran.news.tests.factories import make_article, make_category

UNCACHED = "?utm_source=test"


def _current_links(html: str) -> list[str]:
    menu = html[html.index('data-testid="site-menu"') : html.index("</details>")]
    return re.findall(r'href="([^"]+)" aria-current="page"', menu)


@pytest.mark.django_db
def test_the_menu_marks_each_articles_own_category_though_articles_share_fragments(client, portal, category):
    other = make_category(portal=portal, title="Hoạt động cơ sở")
    first, second, elsewhere = make_article(category=category), make_article(category=category), make_article(category=other)
    for article, expected in ((first, category), (second, category), (elsewhere, other)):
        html = client.get(article.url + UNCACHED).content.decode()
        assert _current_links(html) == [expected.url], article.title
    assert _current_links(client.get(other.url + UNCACHED).content.decode()) == [other.url]
    assert _current_links(client.get(portal.url + UNCACHED).content.decode()) == [portal.url]


@pytest.mark.django_db
def test_an_edit_of_the_committees_address_shows_in_the_footer_at_once(client, portal, article):
    assert "Số 1 đường Mới" not in client.get(article.url + UNCACHED).content.decode()
    organisation = portal.organisation
    organisation.address = "Số 1 đường Mới"
    organisation.save()
    assert "Số 1 đường Mới" in client.get(article.url + UNCACHED).content.decode()


@pytest.mark.django_db
def test_an_article_published_later_joins_the_newer_list_of_an_article_already_rendered(client, category, article):
    assert "Tin mới vừa đăng" not in client.get(article.url + UNCACHED).content.decode()
    make_article(category=category, title="Tin mới vừa đăng")
    html = client.get(article.url + UNCACHED).content.decode()
    newer = html[html.index('id="newer-title"') : html.index('id="older-title"')]
    assert "Tin mới vừa đăng" in newer


@pytest.mark.django_db
def test_the_visit_counter_beside_the_cached_footer_contacts_stays_live(client, portal, article):
    def shown() -> str:
        html = client.get(article.url + UNCACHED).content.decode()
        return re.search(r"data-counter-text>(\d+)<", html).group(1)

    before = int(shown())
    counters.site_visit_record(portal_id=portal.pk)
    counters.site_visit_record(portal_id=portal.pk)
    assert int(shown()) == before + 2
