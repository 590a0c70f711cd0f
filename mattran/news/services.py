"""Writes of the portal that are not made in Wagtail's page editor: creating portals, categories and articles
from code (demo, import) and importing the old portal's pages. Editors' own edits go through Wagtail's editor,
which keeps revisions and its own log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.rich_text import RichText

from mattran.accounts.services import organisation_groups_sync
from mattran.core.services import audit_record
from mattran.core.text import fold
from mattran.organisations.models import Organisation

from . import counters
from .legacy import LegacyArticle
from .models import ArticlePage, CategoryPage, CounterKind, HomePage
from .selectors import portal_get_for_organisation


def _user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _publish(page: Page, actor) -> Page:
    revision = page.save_revision(user=_user_or_none(actor), log_action=True)
    revision.publish(user=_user_or_none(actor))
    page.refresh_from_db()
    return page


def _add_child(parent: Page, page: Page, actor) -> Page:
    parent.add_child(instance=page)
    return _publish(page, actor)


@transaction.atomic
def portal_create(
    *, parent: Page, organisation: Organisation, title: str, title_en: str = "", intro: str = "", actor
) -> HomePage:
    """A committee's portal home page under ``parent`` (the tree root or another portal); its address is the
    organisation's slug (``/quan-11/``)."""
    portal = _add_child(
        parent,
        HomePage(title=title, title_en=title_en, slug=organisation.slug, organisation=organisation, intro=intro),
        actor,
    )
    audit_record(actor=actor, action="news.portal_create", target=portal, changes={"organisation": organisation})
    organisation_groups_sync(organisation=organisation, actor=actor)  # its editors' page rights start here
    return portal


@transaction.atomic
def category_create(*, portal: HomePage, title: str, title_en: str = "", intro: str = "", actor) -> CategoryPage:
    category = _add_child(portal, CategoryPage(title=title, title_en=title_en, intro=intro, show_in_menus=True), actor)
    audit_record(actor=actor, action="news.category_create", target=category, changes={"title": title})
    return category


@transaction.atomic
def article_create(
    *,
    category: CategoryPage,
    title: str,
    published_at,
    lead: str = "",
    body: list | None = None,
    author: str = "",
    source: str = "",
    tags: list[str] | None = None,
    actor,
) -> ArticlePage:
    """Create and publish an article; ``body`` is a list of ``(block type, value)`` pairs."""
    article = ArticlePage(
        title=title,
        published_at=published_at,
        first_published_at=published_at,
        lead=lead,
        body=body or [],
        author=author,
        source=source,
    )
    category.add_child(instance=article)
    if tags:
        article.tags.add(*tags)
    _publish(article, actor)
    audit_record(actor=actor, action="news.article_create", target=article, changes={"title": title})
    return article


def _legacy_body(legacy: LegacyArticle) -> list:
    body = []
    for block in legacy.blocks:
        if block.kind == "caption":
            body.append(("image", {"image": None, "caption": block.text, "alt": ""}))
        else:
            body.append(("paragraph", RichText(f"<p>{escape(block.text)}</p>")))
    return body


def _legacy_category(portal: HomePage, name: str, actor) -> CategoryPage:
    for category in CategoryPage.objects.child_of(portal):
        if fold(category.title) == fold(name):
            return category
    return category_create(portal=portal, title=name, actor=actor)


@transaction.atomic
def article_import_legacy(
    *, legacy: LegacyArticle, organisation: Organisation, actor
) -> tuple[ArticlePage, bool]:
    """Import one parsed page of the old portal into ``organisation``'s portal, in the page's category.

    Re-importing the same page (same title and date) updates the article instead of adding another. The view
    count becomes at least the page's figure (views counted since the first import are kept) and the portal's
    visit counter is raised to at least the page's figure. Returns ``(article, created)``.
    """
    portal = portal_get_for_organisation(organisation=organisation)
    if portal is None:
        raise ValidationError(
            _("%(organisation)s chưa có cổng thông tin; hãy tạo trang chủ cổng trước khi nhập bài.")
            % {"organisation": organisation}
        )
    category = _legacy_category(portal, legacy.category, actor)
    article = ArticlePage.objects.descendant_of(portal).filter(legacy_key=legacy.key).first()
    created = article is None
    if created:
        article = ArticlePage(
            title=legacy.title,
            published_at=legacy.published_at,
            first_published_at=legacy.published_at,
            legacy_key=legacy.key,
            source=_("Cổng thông tin cũ của %(organisation)s") % {"organisation": organisation.name},
        )
        article.lead = legacy.lead
        article.body = _legacy_body(legacy)
        category.add_child(instance=article)
    else:
        article = article.specific
        if article.get_parent().pk != category.pk:
            article.move(category, pos="last-child")
            article.refresh_from_db()
        article.title = legacy.title
        article.published_at = legacy.published_at
        article.lead = legacy.lead
        article.body = _legacy_body(legacy)
        article.save()
    _publish(article, actor)
    counters.counter_raise_to(page_id=article.pk, kind=CounterKind.VIEWS, minimum=legacy.view_count)
    if legacy.visit_count is not None:
        counters.counter_raise_to(page_id=portal.pk, kind=CounterKind.VISITS, minimum=legacy.visit_count)
    audit_record(
        actor=actor,
        action="news.article_import_legacy",
        target=article,
        changes={
            "source": legacy.source,
            "created": created,
            "category": category.title,
            "view_count": legacy.view_count,
            "visit_count": legacy.visit_count,
        },
    )
    return article, created
