import pytest

from mattran.criticism import services
from mattran.search.models import SearchEntry, SearchKind
from mattran.search.selectors import search_query

pytestmark = pytest.mark.django_db


def test_a_draft_in_preparation_is_not_searchable(world):
    world.draft()
    assert not SearchEntry.objects.filter(kind=SearchKind.DRAFT).exists()


def test_an_open_draft_is_found_by_its_text_without_diacritics(world):
    draft = world.open_draft()
    hits = search_query(text="thu gom rac")
    assert [hit.entry.url for hit in hits] == [f"/phan-bien/{draft.slug}/"]
    assert hits[0].entry.kind == SearchKind.DRAFT
    assert search_query(text="muc phi 30.000 dong")  # the version's text, not only the title


def test_a_closed_draft_stays_searchable_with_its_new_status(world):
    draft = world.open_draft()
    services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    entry = SearchEntry.objects.get(kind=SearchKind.DRAFT)
    assert entry.category == str(draft.__class__.objects.get(pk=draft.pk).get_status_display())
