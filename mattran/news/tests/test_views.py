import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from mattran.news.models import Counter
from mattran.news.tests.factories import make_article, make_category, make_portal
from mattran.organisations.models import OrganisationKind, Succession
from mattran.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_article_page_shows_every_seed_element_in_order(client, portal, category):
    older = make_article(category=category, title="Bài cũ hơn")
    article = make_article(
        category=category,
        title="Hội nghị chuyên đề về giám sát",
        published_at=timezone.make_aware(datetime.datetime(2018, 8, 3, 16, 20)),
    )
    older.published_at = timezone.make_aware(datetime.datetime(2018, 7, 1, 9))
    older.save_revision().publish()
    newer = make_article(category=category, title="Bài mới hơn")
    Counter.objects.create(page=article, kind="views", value=2784)
    Counter.objects.create(page=portal, kind="visits", value=37335479)

    page = _text(client.get(article.url))
    positions = [
        page.index(f'href="{category.url}">Tin tức sự kiện</a>'),
        page.index("03 Tháng Tám 2018 4:20:00 CH"),
        page.index("Hội nghị chuyên đề về giám sát</h1>"),
        page.index("<figcaption"),
        page.index("Số lượt người xem: <span data-counter=\"views\">2784</span>"),
        page.index("TIN MỚI HƠN"),
        page.index("Bài mới hơn"),
        page.index("TIN ĐÃ ĐƯA"),
        page.index("Bài cũ hơn"),
        page.index("SỐ LƯỢT TRUY CẬP"),
    ]
    assert positions == sorted(positions)
    assert "(01/07/2018)" in page and newer.published_at.strftime("%d/%m/%Y") in page
    digits = re.findall(r'<span class="visit-counter__digit" aria-hidden="true">(\d)</span>', page)
    assert "".join(digits) == "37335479"


def test_visit_counter_is_drawn_with_at_least_eight_zero_padded_digits(client, portal, category):
    Counter.objects.create(page=portal, kind="visits", value=42)
    page = _text(client.get(portal.url))
    assert "".join(re.findall(r'visit-counter__digit" aria-hidden="true">(\d)<', page)) == "00000042"


def test_home_and_category_pages_answer_with_articles_and_header(client, portal, category):
    article = make_article(category=category)
    category_path = category.url  # read once: an /en/ request leaves English active in the thread
    for url in (portal.url, category_path, "/en" + category_path):
        page = _text(client.get(url))
        assert article.title in page
        prefix = "/en" if url.startswith("/en/") else ""
        assert f'action="{prefix}/tim-kiem/"' in page
        assert f'href="{prefix}{category_path}"' in page
        assert ("VISITS" if url.startswith("/en/") else "SỐ LƯỢT TRUY CẬP") in page


def test_category_paginates_ten_per_page(client, category):
    articles = [make_article(category=category) for _ in range(12)]
    first, second = client.get(category.url), client.get(category.url + "?page=2")
    assert articles[-1].title in first.content.decode() and articles[0].title not in first.content.decode()
    assert articles[0].title in second.content.decode()
    assert 'rel="next"' in first.content.decode()
    assert client.get(category.url + "?page=9").status_code == 404
    assert client.get(category.url + "?page=abc").status_code == 200


def test_article_has_opengraph_and_newsarticle_metadata(client, article):
    page = client.get(article.url).content.decode()
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:title" content="{article.title}">' in page
    assert '"@type": "NewsArticle"' in page and '"headline": "Hội nghị chuyên đề về công tác giám sát"' in page
    assert "data-print" in page


def test_feeds_list_articles_of_the_site_and_of_the_category(client, portal, category):
    article = make_article(category=category)
    for url in (portal.url + "rss/", category.url + "rss/"):
        response = client.get(url)
        assert response.status_code == 200 and "rss" in response["Content-Type"]
        titles = [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]
        assert titles == [article.title]


def test_restricted_article_is_not_in_the_feeds_home_or_category_pages(client, portal, category):
    from wagtail.models import PageViewRestriction

    shown = make_article(category=category, title="Bài công khai")
    secret = make_article(category=category, title="Bài có mật khẩu", lead="Sa-pô mật BÍ-MẬT-123")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="matkhau-bimat")
    for url in (portal.url + "rss/", category.url + "rss/"):
        titles = [item.findtext("title") for item in ET.fromstring(client.get(url).content).iter("item")]
        assert titles == [shown.title]
    for url in (portal.url, category.url, category.url + "?page=1", shown.url):
        page = client.get(url).content.decode()
        assert shown.title in page and secret.url not in page and "BÍ-MẬT-123" not in page


def test_sitemap_lists_articles(client, article):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and article.url in response.content.decode()


def test_structure_page_shows_contacts_in_vietnamese_and_english(client):
    org = OrganisationFactory(
        name="Ủy ban MTTQ Việt Nam phường Thử",
        name_en="Vietnam Fatherland Front Committee of Thu Ward",
        phone="028 1234 5678",
        email="mttq.thu@example.vn",
        kind=OrganisationKind.COMMUNE_COMMITTEE,
    )
    portal = make_portal(organisation=org)
    vi = client.get(portal.url + "co-cau-to-chuc/").content.decode()
    en = client.get("/en" + portal.url + "co-cau-to-chuc/").content.decode()
    assert "Ủy ban MTTQ Việt Nam phường Thử" in vi and "mttq.thu@example.vn" in vi
    assert "Vietnam Fatherland Front Committee of Thu Ward" in en and '<html lang="en">' in en


def test_archived_portal_says_so_and_links_to_successors(client, portal):
    old = OrganisationFactory(name="Ủy ban MTTQ Việt Nam Quận Cũ", valid_to=datetime.date(2025, 6, 30))
    new = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường Mới")
    Succession.objects.create(predecessor=old, successor=new, effective_date=datetime.date(2025, 7, 1))
    archived = make_portal(organisation=old, parent=portal)
    successor_portal = make_portal(organisation=new, parent=portal)
    page = _text(client.get(archived.url))
    assert "Cổng thông tin lưu trữ" in page and "30/06/2025" in page
    assert f'<a href="{successor_portal.url}">Ủy ban MTTQ Việt Nam phường Mới</a>' in page


def test_cached_page_is_answered_before_wagtail_routing_without_queries(client, article, django_assert_num_queries):
    first = client.get(article.url).content
    with django_assert_num_queries(0):
        response = client.get(article.url)
    assert response["X-Page-Cache"] == "hit" and response.content == first


def test_anonymous_pages_are_cached_and_publishing_drops_the_cache(client, article):
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    article.title = "Tiêu đề mới sau khi sửa"
    article.save_revision().publish()
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "miss" and "Tiêu đề mới sau khi sửa" in response.content.decode()


def test_logged_in_editors_are_never_served_from_the_cache(client, article):
    from mattran.accounts.tests.factories import UserFactory

    client.get(article.url)
    client.force_login(UserFactory())
    assert "X-Page-Cache" not in client.get(article.url)


def test_base_template_outside_the_page_tree_uses_the_default_portal(portal):
    request = RequestFactory().get("/tim-kiem/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = render_to_string("base.html", request=request)
    assert portal.title in html and "SỐ LƯỢT TRUY CẬP" in html and f'data-portal="{portal.pk}"' in html


def test_base_template_renders_without_any_portal(db):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation
    from wagtail.models import Site

    Site.objects.all().delete()
    request = RequestFactory().get("/tim-kiem/")
    request.user = AnonymousUser()
    with translation.override("vi"):
        html = render_to_string("base.html", request=request)
    assert "Mặt trận Tổ quốc Việt Nam" in html and "news-counter" not in html


def test_article_related_hook_adds_a_region(client, article):
    from wagtail import hooks

    with hooks.register_temporarily("news_article_related", lambda page, request: "<h2>Văn bản liên quan</h2>"):
        page = client.get(article.url).content.decode()
    assert '<div class="article-related"><h2>Văn bản liên quan</h2></div>' in page


def test_portal_of_ward_has_its_own_categories_in_the_header(client, portal, category):
    ward = make_portal(parent=portal)
    make_category(portal=ward, title="Thông báo")
    page = client.get(ward.url).content.decode()
    assert f'href="{ward.url}thong-bao/"' in page and f'href="{category.url}"' not in page
