"""Make sure Wagtail's own starting rows exist (tree root, default locale and collection).

Wagtail's migrations create them, but a database emptied by `flush` (as transactional tests do) has none; the
demo loader of every app below builds on them.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page


@transaction.atomic
def load_demo(*, stdout=None):
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root", locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE))
