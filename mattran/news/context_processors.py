from django.utils.functional import SimpleLazyObject


def portal(request):
    """``news_portal`` for templates outside the page tree (search, petitions…): the site's home portal, looked
    up only if the template uses it. Portal pages put their own portal in their context, which wins. Also the
    page-cache generation and lifetime that key the layout's cached fragments."""

    def _default():
        from .selectors import portal_get_default

        return portal_get_default(request=request)

    from . import pagecache

    # The layout's fragments ({% cache %} in base.html) are keyed by the page-cache generation: a publish, an
    # organisation's edit or a move drops them with the cached pages. Read only if a fragment is rendered.
    return {
        "news_portal": SimpleLazyObject(_default),
        "news_cache_generation": SimpleLazyObject(pagecache.generation),
        "news_cache_seconds": pagecache.timeout(),
    }
