import pytest


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Each test gets its own media folder, an empty cache and the default language."""
    from django.core.cache import cache
    from django.utils import translation

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    # a request to an /en/ page leaves English active in the thread; start every test in the default language
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
