from django.utils.functional import SimpleLazyObject


def portal(request):
    """``news_portal`` for templates outside the page tree (search, petitions…): the site's home portal, looked
    up only if the template uses it. Portal pages put their own portal in their context, which wins."""

    def _default():
        from .selectors import portal_get_default

        return portal_get_default(request=request)

    return {"news_portal": SimpleLazyObject(_default)}
