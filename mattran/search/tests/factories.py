import datetime

import factory
from django.utils import timezone

from mattran.search.models import SearchEntry, SearchKind
from mattran.search.services import search_entry_upsert


class SearchEntryFactory(factory.Factory):
    """Index entries, written through the service (which computes the folded copies)."""

    class Meta:
        model = SearchEntry

    kind = SearchKind.ARTICLE
    key = factory.Sequence(lambda n: f"tests.item:{n}")
    title = factory.Sequence(lambda n: f"Tin số {n}")
    body = ""
    url = factory.Sequence(lambda n: f"/tin-tuc/tin-so-{n}/")
    organisation = None
    category = ""
    published_at = factory.Sequence(
        lambda n: timezone.make_aware(datetime.datetime(2025, 1, 1, 8)) + datetime.timedelta(days=n)
    )
    language = "vi"

    @classmethod
    def _create(cls, model_class, **kwargs):
        return search_entry_upsert(**kwargs)
