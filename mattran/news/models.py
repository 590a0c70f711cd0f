"""The public portal's pages: one HomePage per committee portal, its CategoryPages, their ArticlePages.

Page tree (one hostname): the default Site's root is the city committee's HomePage; every other committee portal
is a HomePage child of it (``/quan-11/``, ``/phuong-minh-phung/``…), each with its own categories and articles.
An article is therefore always exactly two levels below its portal's home, which keeps "this portal's
articles" one indexed query.
"""

from django.apps import apps
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify as django_slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from mattran.core.text import vi_slugify
from mattran.organisations.models import Organisation
from mattran.organisations.selectors import organisation_list_successors

from . import pagecache
from .blocks import ArticleBodyBlock
from .derived import article_derived
from .feeds import CategoryFeed, PortalFeed

CATEGORY_PAGE_SIZE = 10
NEWER_LIMIT = 5
OLDER_LIMIT = 10


def page_list_public(model):
    """Live pages of ``model`` that no view restriction (on them or an ancestor) hides: the one rule for lists."""
    return model.objects.live().public()


def _slug_was_generated(slug: str, title: str) -> bool:
    """Whether ``slug`` is what a machine made from ``title`` rather than an editor's choice.

    Wagtail's admin script turns "đ" into "dj" and Django's ``slugify`` drops it; both count as generated, so the
    server replaces them with the Vietnamese form ("Đoàn đại biểu" → "doan-dai-bieu").
    """
    if not slug:
        return True
    wagtail_js_form = vi_slugify(title.replace("đ", "dj").replace("Đ", "Dj"), max_length=255)
    if slug == vi_slugify(title, max_length=255):
        return False
    # The admin script cuts at 255 characters where vi_slugify cuts at a word boundary: a long prefix counts too.
    return slug in {django_slugify(title), wagtail_js_form} or (len(slug) >= 200 and wagtail_js_form.startswith(slug))


class NewsPage(Page):
    """Abstract base of the portal's pages: Vietnamese slugs and the anonymous page cache."""

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        self._apply_vietnamese_slug()
        super().full_clean(*args, **kwargs)

    def _apply_vietnamese_slug(self):
        if not self.title or not _slug_was_generated(self.slug, self.title):
            return
        base = vi_slugify(self.title) or "trang"
        parent = self.get_parent() if self.path else None
        slug, n = base, 2
        while parent is not None and not Page._slug_is_available(slug, parent, self):
            slug, n = f"{base}-{n}", n + 1
        self.slug = slug

    # The specific model of this page's usual children: routing fetches such a child in one query instead of
    # Wagtail's two (the Page row, then .specific); any other child is routed by Wagtail as before.
    routing_child_model: str | None = None

    @property
    def portal(self) -> "HomePage":
        """The page's portal (with its organisation), looked up once per page object."""
        if not hasattr(self, "_news_portal"):
            self._news_portal = HomePage.portal_of(self)
        return self._news_portal

    def get_view_restrictions(self):
        # Evaluated once per page object: Wagtail's restriction check and the page cache's both ask while serving.
        # Pages that no restriction can reach (pagecache.restriction_paths: none on them or an ancestor, no alias in
        # the tree) answer without a query; anything else asks Wagtail.
        if getattr(self, "_view_restrictions", None) is None:
            restricted, aliases = pagecache.restriction_paths()
            if not aliases and not self.alias_of_id and not any(self.path.startswith(p) for p in restricted):
                restrictions = PageViewRestriction.objects.none()
            else:
                restrictions = super().get_view_restrictions()
                list(restrictions)
            self._view_restrictions = restrictions
        return self._view_restrictions

    def route(self, request, path_components):
        if path_components and self.routing_child_model:
            model = apps.get_model(self.routing_child_model)
            child = model.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self  # as Wagtail's route does: get_parent() costs no query
                if hasattr(self, "_news_portal") or isinstance(self, HomePage):  # the child's portal is known
                    child._news_portal = self.portal
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_portal"] = self.portal
        return context


class CachedServeMixin:
    """Serves anonymous GETs from the page cache (see :mod:`mattran.news.pagecache`); listed first so that it
    wraps the routed views of RoutablePageMixin too."""

    def serve(self, request, *args, **kwargs):
        return pagecache.serve_cached(self, request, lambda: super(CachedServeMixin, self).serve(request, *args, **kwargs))

    def page_cache_allows_page_number(self, request, value: str) -> bool:
        """Whether ``?page=value`` is a real page of this page's list, so its answer may be cached. Only a
        category's list is paginated; elsewhere the parameter is ignored and must not make a new entry."""
        return False


class HomePage(CachedServeMixin, RoutablePageMixin, NewsPage):
    """A committee's portal: its latest news, its categories in the header, its visit counter and contacts.

    Archived committees (District 11 after 30/6/2025) keep their portal, which says so and links to the
    successor committees.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("ủy ban"),
        on_delete=models.PROTECT,
        related_name="portals",
    )
    intro = models.TextField(_("giới thiệu ngắn"), blank=True)
    title_en = models.CharField(
        _("tên tiếng Anh"),
        max_length=255,
        blank=True,
        help_text=_("Hiện trên trang tiếng Anh; để trống thì dùng tên tiếng Việt."),
    )

    # The organisation decides whose groups may edit the portal (accounts.services), so only superusers change it.
    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("organisation", permission="superuser"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["wagtailcore.Page", "news.HomePage"]
    subpage_types = ["news.CategoryPage", "news.HomePage"]
    max_count_per_parent = None
    routing_child_model = "news.CategoryPage"

    class Meta:
        verbose_name = _("trang chủ cổng thông tin")
        verbose_name_plural = _("trang chủ cổng thông tin")

    @classmethod
    def portal_of(cls, page: Page) -> "HomePage | None":
        """The nearest HomePage at or above ``page`` (with its organisation)."""
        if isinstance(page, HomePage):
            return page
        return cls.objects.ancestor_of(page, inclusive=True).select_related("organisation").order_by("-depth").first()

    def articles(self):
        """Live articles of this portal only (not of the portals below it): they sit exactly two levels down."""
        return (
            page_list_public(ArticlePage)
            .filter(path__startswith=self.path, depth=self.depth + 2)
            .order_by("-published_at", "-pk")
        )

    def categories(self):
        """The public categories of the portal's menu, in tree order."""
        return page_list_public(CategoryPage).child_of(self).in_menu().order_by("path")

    def organisation_structure(self) -> dict:
        """What the "Cơ cấu tổ chức" page shows: the committee, its units below, predecessors and successors."""
        organisation = self.organisation
        children = Organisation.objects.filter(parent=organisation).active_on(timezone.localdate())
        return {
            "organisation": organisation,
            "parent": organisation.parent,
            "children": list(children.order_by("kind", "name")),
            "successors": list(organisation_list_successors(organisation=organisation)),
            "predecessors": list(Organisation.objects.filter(succeeded_by__successor=organisation).order_by("name")),
            "portals": {p.organisation_id: p for p in page_list_public(HomePage)},
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = self.articles()[:8]
        # The cards (first image's rendition, dates) are cached per page-cache generation (home_page.html, with
        # news_cache_generation from news.context_processors).
        context["category_blocks"] = [
            (category, category.articles()[:4]) for category in self.categories()
        ]
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("rss/")
    def rss(self, request):
        return PortalFeed(portal=self)(request)

    @path("co-cau-to-chuc/")
    def structure(self, request):
        return self.render(
            request,
            context_overrides={"structure": self.organisation_structure()},
            template="news/home_page_structure.html",
        )


class CategoryPage(CachedServeMixin, RoutablePageMixin, NewsPage):
    """A news category of one portal (Tin tức sự kiện, Hoạt động, Thông báo…), listing its articles newest
    first, ten to a page."""

    intro = models.TextField(_("giới thiệu"), blank=True)
    title_en = models.CharField(
        _("tên tiếng Anh"),
        max_length=255,
        blank=True,
        help_text=_("Hiện trên trang tiếng Anh; để trống thì dùng tên tiếng Việt."),
    )

    content_panels = [*Page.content_panels, FieldPanel("title_en"), FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    routing_child_model = "news.ArticlePage"

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def articles(self):
        return page_list_public(ArticlePage).child_of(self).order_by("-published_at", "-pk")

    def paginator(self) -> Paginator:
        return Paginator(self.articles(), CATEGORY_PAGE_SIZE)

    def page_cache_allows_page_number(self, request, value: str) -> bool:
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.func.__name__ != "index":  # rss/ ignores ?page=
            return False
        return pagecache.page_number(value, num_pages=self.paginator().num_pages) is not None

    @path("")
    def index(self, request):
        paginator = self.paginator()
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage as exc:
            raise Http404 from exc
        return self.render(request, context_overrides={"page_obj": page_obj, "paginator": paginator})

    @path("rss/")
    def rss(self, request):
        return CategoryFeed(category=self)(request)


class ArticlePageTag(TaggedItemBase):
    """Links an article to a free tag ("bầu cử", "an sinh xã hội")."""

    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(CachedServeMixin, NewsPage):
    """One news article: the title, its publication date-time (shown in the old portal's long form), a lead, a
    body of paragraphs, captioned photos and quotes, author and source, tags. Its view count lives apart in
    :class:`Counter`, so publishing a new revision never resets it."""

    published_at = models.DateTimeField(_("ngày giờ đăng"), default=timezone.now, db_index=True)
    lead = models.TextField(_("sa-pô (đoạn mở đầu)"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)
    author = models.CharField(_("tác giả"), max_length=255, blank=True)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("từ khóa"))
    legacy_key = models.CharField(
        _("khóa trang cũ"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Dấu vân tay của trang cổng cũ đã nhập, để nhập lại thì cập nhật thay vì tạo trùng."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_at"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("source"), FieldPanel("tags")], heading=_("Nguồn")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_at"),
    ]
    parent_page_types = ["news.CategoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    def get_context(self, request, *args, **kwargs):
        # The view count is read by the template ({% news_view_count %}), as the portal's visit count is.
        context = super().get_context(request, *args, **kwargs)
        context["category"] = self.get_parent().specific
        derived = article_derived(article=self, request=request, category=context["category"])
        context["article_body"] = derived["body_html"]
        context["article_lead"] = derived["lead_html"]
        context["article_tags"] = derived["tags"]
        context["og_image_url"] = derived["og_image_url"]
        context["newer_articles"] = derived["newer_articles"]
        context["older_articles"] = derived["older_articles"]
        context["related_fragments"] = derived["related_fragments"]
        context["news_article_ld"] = derived["schema_org"]
        return context

    def _siblings(self):
        return page_list_public(ArticlePage).sibling_of(self, inclusive=False)

    def newer(self, *, limit: int = NEWER_LIMIT) -> list["ArticlePage"]:
        """The ``limit`` articles of the same category published just after this one, newest first."""
        newer = Q(published_at__gt=self.published_at) | Q(published_at=self.published_at, pk__gt=self.pk)
        closest = list(self._siblings().filter(newer).order_by("published_at", "pk")[:limit])
        return closest[::-1]

    def older(self, *, limit: int = OLDER_LIMIT) -> list["ArticlePage"]:
        """The ``limit`` articles of the same category published just before this one, newest first."""
        older = Q(published_at__lt=self.published_at) | Q(published_at=self.published_at, pk__lt=self.pk)
        return list(self._siblings().filter(older).order_by("-published_at", "-pk")[:limit])

    def first_image(self):
        for block in self.body:
            if block.block_type == "image" and block.value.get("image"):
                return block.value["image"]
        return None


class CounterKind(models.TextChoices):
    VIEWS = "views", _("lượt người xem bài")
    VISITS = "visits", _("lượt truy cập cổng")


class Counter(models.Model):
    """A public counter: an article's "Số lượt người xem" or a portal's "SỐ LƯỢT TRUY CẬP".

    Kept apart from the pages so that page revisions never carry (and on publish roll back) the numbers;
    changed only by :mod:`mattran.news.counters` with atomic increments.
    """

    page = models.ForeignKey(Page, verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại"), max_length=10, choices=CounterKind.choices)
    value = models.PositiveBigIntegerField(_("giá trị"), default=0)

    class Meta:
        verbose_name = _("bộ đếm")
        verbose_name_plural = _("bộ đếm")
        constraints = [models.UniqueConstraint(fields=["page", "kind"], name="news_counter_unique_page_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.page_id}: {self.value}"
