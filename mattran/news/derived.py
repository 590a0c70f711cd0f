"""What an article page derives from its published revision, cached so that a render that misses the whole-page
cache (a campaign-tagged link, a logged-in editor, an expired entry) does not derive it again.

Derived and cached together (one cache entry per article, language and host):

* the body rendered and its document mentions linked to the register (``documents.linking``: a BeautifulSoup
  pass, the costliest part of the page), and the lead, linked the same way;
* the "Văn bản liên quan" fragments (hook ``news_article_related``);
* the newer/older lists of the category (title, URL, date);
* the tags, the Open Graph image's URL and the schema.org JSON-LD.

Key: the page-cache *generation* (bumped by every publish, unpublish, move, delete or privacy change in the tree,
and by a register entry being published or withdrawn — see signals.py), the article's id and live revision, the
language and the host (the JSON-LD holds absolute URLs). So a publish drops it at once, like the page cache; it
also expires after ``NEWS_PAGE_CACHE_SECONDS`` (0 turns both caches off). A preview (``request.is_preview``)
always derives afresh: it shows an unpublished revision.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail import hooks

from . import pagecache


def _timeout() -> int:
    return getattr(settings, "NEWS_PAGE_CACHE_SECONDS", 600)


def _item(article) -> dict:
    """What the newer/older lists show of an article (news/includes/article_list.html)."""
    return {"pk": article.pk, "title": article.title, "url": article.url, "published_at": article.published_at}


def related_fragments(article, request) -> list[str]:
    """HTML from other apps for the article's "Văn bản liên quan" region (hook ``news_article_related``: a function
    ``(article, request) -> str | None``)."""
    fragments = []
    for fn in hooks.get_hooks("news_article_related"):
        html = fn(article, request)
        if html:
            fragments.append(mark_safe(html))  # noqa: S308 — hook output is trusted project code
    return fragments


def schema_org(article, request, *, category, image_url=None) -> dict:
    """schema.org NewsArticle metadata (JSON-LD)."""
    portal = article.portal
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "datePublished": article.published_at.isoformat(),
        "dateModified": (article.last_published_at or article.published_at).isoformat(),
        "mainEntityOfPage": article.get_full_url(request),
        "articleSection": category.title,
        "inLanguage": "vi",
        "publisher": {"@type": "Organization", "name": portal.organisation.name if portal else ""},
    }
    if article.lead:
        data["description"] = article.lead[:300]
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    elif portal:
        data["author"] = {"@type": "Organization", "name": portal.organisation.name}
    if image_url is None:
        image = article.first_image()
        image_url = request.build_absolute_uri(image.get_rendition("fill-1200x630").url) if image else ""
    if image_url:
        data["image"] = image_url
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    return data


def _compute(article, request, *, category) -> dict:
    from mattran.documents.templatetags.documents_tags import link_document_references

    image = article.first_image()
    og_image = request.build_absolute_uri(image.get_rendition("fill-1200x630").url) if image else ""
    return {
        "body_html": str(link_document_references(article.body)),
        "lead_html": str(link_document_references(article.lead)) if article.lead else "",
        "related_fragments": [str(html) for html in related_fragments(article, request)],
        "newer_articles": [_item(a) for a in article.newer()],
        "older_articles": [_item(a) for a in article.older()],
        "tags": [tag.name for tag in article.tags.all()],
        "og_image_url": og_image,
        "schema_org": schema_org(article, request, category=category, image_url=og_image),
    }


def _key(article, request) -> str:
    revision = article.live_revision_id or article.latest_revision_id or 0
    host = request.get_host()
    return f"news:article:{pagecache.generation()}:{get_language()}:{request.scheme}:{host}:{article.pk}:{revision}"


def article_derived(*, article, request, category) -> dict:
    """The article's derived parts (see the module's docstring), from the cache when possible."""
    if getattr(request, "is_preview", False) or _timeout() <= 0:
        data = _compute(article, request, category=category)
    else:
        key = _key(article, request)
        data = cache.get(key)
        if data is None:
            data = _compute(article, request, category=category)
            cache.set(key, data, _timeout())
    # Stored as plain strings; the HTML was escaped or re-serialised when it was made (documents.linking).
    return data | {
        "body_html": mark_safe(data["body_html"]),  # noqa: S308
        "lead_html": mark_safe(data["lead_html"]),  # noqa: S308
        "related_fragments": [mark_safe(html) for html in data["related_fragments"]],  # noqa: S308
    }
