"""The portal on /en/: English portal and category titles (``title_en``) in the menu, headings and <title>, the
committee's English name, English dates; the Vietnamese title where no English one is given."""

import datetime
import re

import pytest
from django.utils import timezone

from mattran.news.services import category_create
from mattran.news.tests.factories import make_article, make_portal
from mattran.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def english_portal():
    organisation = OrganisationFactory(
        name="Ủy ban MTTQ Việt Nam phường Minh Phụng",
        name_en="Vietnam Fatherland Front Committee of Minh Phụng Ward",
    )
    portal = make_portal(organisation=organisation, title="Cổng thông tin phường Minh Phụng")
    portal.title_en = "Minh Phụng Ward portal"
    portal.save_revision().publish()
    return portal


def test_english_pages_show_english_portal_category_and_organisation_names(client, english_portal):
    news = category_create(
        portal=english_portal, title="Tin tức sự kiện", title_en="News and events", actor="test"
    )
    category_create(portal=english_portal, title="Thông báo", actor="test")  # no English title
    article = make_article(
        category=news,
        title="Hội nghị giám sát",
        published_at=timezone.make_aware(datetime.datetime(2018, 8, 3, 16, 20)),
    )

    news_url, article_url = (
        news.url,
        article.url,
    )  # the Vietnamese addresses, before a request makes English active
    home = _text(client.get("/en/"))
    assert "<title>Minh Phụng Ward portal</title>" in home
    assert '<h1 class="page-title">Minh Phụng Ward portal</h1>' in home
    assert f'<a href="/en{news_url}">News and events</a>' in home
    assert ">Thông báo</a>" in home  # falls back to the Vietnamese title
    assert "Vietnam Fatherland Front Committee of Minh Phụng Ward" in home

    listing = _text(client.get(f"/en{news_url}"))
    assert "<title>News and events — Minh Phụng Ward portal</title>" in listing
    assert '<h1 class="page-title">News and events</h1>' in listing
    assert "Friday, 3 August 2018, 4:20 PM" in listing

    page = _text(client.get(f"/en{article_url}"))
    assert "<title>Hội nghị giám sát — Minh Phụng Ward portal</title>" in page
    assert ">News and events</a>" in page
    assert "3 August 2018, 4:20 PM" in page and "Tháng Tám" not in page
    assert "News articles are published in Vietnamese." in page


def test_vietnamese_pages_keep_the_vietnamese_titles_and_dates(client, english_portal):
    news = category_create(
        portal=english_portal, title="Tin tức sự kiện", title_en="News and events", actor="test"
    )
    article = make_article(
        category=news,
        title="Hội nghị giám sát",
        published_at=timezone.make_aware(datetime.datetime(2018, 8, 3, 16, 20)),
    )
    page = _text(client.get(article.url))
    assert "<title>Hội nghị giám sát — Cổng thông tin phường Minh Phụng</title>" in page
    assert ">Tin tức sự kiện</a>" in page and "News and events" not in page
    assert "03 Tháng Tám 2018 4:20:00 CH" in page


def test_the_demo_gives_every_portal_and_category_an_english_title():

    from mattran.news.models import CategoryPage, HomePage

    for app in ("core", "organisations", "accounts", "news"):
        __import__(f"mattran.{app}.demo", fromlist=["load_demo"]).load_demo()
    assert HomePage.objects.filter(title_en="").count() == 0 and HomePage.objects.count() == 4
    assert CategoryPage.objects.filter(title_en="").count() == 0 and CategoryPage.objects.count() == 12
