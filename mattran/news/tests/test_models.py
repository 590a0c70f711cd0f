import pytest
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from mattran.accounts.tests.factories import UserFactory
from mattran.news.models import ArticlePage, CategoryPage, Counter, HomePage
from mattran.news.tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_service_created_article_gets_vietnamese_ascii_slug(category):
    article = make_article(category=category, title="Đoàn đại biểu Mặt trận thăm hỏi gia đình chính sách")
    assert article.slug == "doan-dai-bieu-mat-tran-tham-hoi-gia-dinh-chinh-sach"


def test_same_title_twice_gets_a_numbered_slug(category):
    first = make_article(category=category, title="Thông báo lịch tiếp công dân")
    second = make_article(category=category, title="Thông báo lịch tiếp công dân")
    assert (first.slug, second.slug) == ("thong-bao-lich-tiep-cong-dan", "thong-bao-lich-tiep-cong-dan-2")


def _article_form(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "published_at": "2026-05-01 08:00",
            "lead": "Sa-pô.",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
            "author": "",
            "source": "",
            "tags": "",
            "action-publish": "action-publish",
        }
    )


def test_admin_form_replaces_wagtail_dj_slug_with_vietnamese_slug(client, category):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    title = "Đoàn đại biểu Ủy ban thăm Đảng ủy phường"
    # What Wagtail's admin script puts in the slug field for this title: "đ" becomes "dj".
    response = client.post(
        f"/quan-tri/pages/add/news/articlepage/{category.pk}/",
        _article_form(title, "djoan-djai-bieu-uy-ban-tham-djang-uy-phuong"),
    )
    assert response.status_code == 302, response.content[:2000]
    article = ArticlePage.objects.get(title=title)
    assert article.slug == "doan-dai-bieu-uy-ban-tham-dang-uy-phuong"
    assert article.live


def test_admin_form_keeps_a_slug_the_editor_chose(client, category):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        f"/quan-tri/pages/add/news/articlepage/{category.pk}/",
        _article_form("Đoàn đại biểu thăm hỏi", "tham-hoi-2026"),
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get(title="Đoàn đại biểu thăm hỏi").slug == "tham-hoi-2026"


def test_publishing_a_new_revision_keeps_the_view_count(article):
    Counter.objects.create(page=article, kind="views", value=41)
    article.title = "Tiêu đề đã sửa"
    article.save_revision().publish()
    assert Counter.objects.get(page=article, kind="views").value == 41


def test_categories_accept_only_articles_and_articles_nothing():
    assert CategoryPage.allowed_subpage_models() == [ArticlePage]
    assert ArticlePage.allowed_subpage_models() == []


def test_demo_is_idempotent_and_gives_each_portal_its_own_editor_group(db):
    from django.core.management import call_command

    from mattran.accounts.models import OrganisationGroup, Role

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    articles = ArticlePage.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ArticlePage.objects.count() == articles >= 20
    assert CategoryPage.objects.filter(title="Tin tức sự kiện", depth=3).get().get_children().count() > 10
    city_portal = HomePage.objects.get(depth=2)
    group = OrganisationGroup.objects.get(organisation=city_portal.organisation, role=Role.EDITOR).group
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=city_portal).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames
    assert not GroupPagePermission.objects.filter(group__name="Biên tập viên").exists()


def test_page_editor_opens_for_each_portal_page_type(client, portal, category, article):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for page in (portal, category, article):
        assert client.get(f"/quan-tri/pages/{page.pk}/edit/").status_code == 200
    assert client.get(f"/quan-tri/pages/add/news/categorypage/{portal.pk}/").status_code == 200
