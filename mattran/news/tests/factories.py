"""Portal pages for tests, built through the news services (as the demo and the importer build them)."""

import datetime
import itertools

from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from mattran.news.models import ArticlePage, CategoryPage, HomePage
from mattran.news.services import article_create, category_create, portal_create
from mattran.organisations.tests.factories import OrganisationFactory

_numbers = itertools.count(1)


def make_portal(*, organisation=None, parent: Page | None = None, site_root: bool = True, title=None) -> HomePage:
    from mattran.core.demo import load_demo

    load_demo()  # Wagtail's root rows, which a transactional test's flush removes
    organisation = organisation or OrganisationFactory()
    parent = parent or Page.get_first_root_node()
    portal = portal_create(
        parent=parent, organisation=organisation, title=title or f"Cổng {organisation.name}", actor="test"
    )
    if site_root and parent.depth == 1:
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": portal}
        )
    return portal


def make_category(*, portal: HomePage, title: str = "Tin tức sự kiện") -> CategoryPage:
    return category_create(portal=portal, title=title, actor="test")


def make_article(*, category: CategoryPage, title: str | None = None, published_at=None, **fields) -> ArticlePage:
    n = next(_numbers)
    return article_create(
        category=category,
        title=title or f"Bài viết số {n}",
        published_at=published_at or timezone.make_aware(datetime.datetime(2026, 1, 1, 8)) + datetime.timedelta(days=n),
        lead=fields.pop("lead", f"Sa-pô của bài {n}."),
        body=fields.pop(
            "body",
            [
                ("paragraph", RichText(f"<p>Đoạn thứ nhất của bài {n}.</p>")),
                ("image", {"image": None, "caption": f"Chú thích ảnh của bài {n}", "alt": ""}),
                ("quote", {"text": "Lấy dân làm gốc.", "attribution": "Chủ tịch Ủy ban"}),
            ],
        ),
        actor="test",
        **fields,
    )
