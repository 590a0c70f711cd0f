import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_delete, post_save

from mattran.core.models import AuditEvent
from mattran.organisations.models import Topic
from mattran.organisations.tests.factories import OrganisationFactory, TopicFactory
from mattran.search.models import SearchEntry, SearchKind
from mattran.search.registry import provider_list, provider_register, provider_unregister
from mattran.search.selectors import search_query
from mattran.search.services import search_entry_delete, search_entry_upsert, search_index_rebuild
from mattran.search.text import search_key

from .factories import SearchEntryFactory

pytestmark = pytest.mark.django_db


def found(text):
    return [hit.entry.title for hit in search_query(text=text)]


def test_upsert_stores_folded_copies_and_replaces_by_key():
    organisation = OrganisationFactory()
    entry = search_entry_upsert(
        kind=SearchKind.DOCUMENT,
        key="documents.document:7",
        title="Quy chế giám sát",
        body="Điều 1. Đầu tư",
        url="/van-ban/7/",
        organisation=organisation,
        category="Quy chế",
    )
    assert entry.title_folded == " quy che giam sat " and entry.body_folded == " dieu 1 dau tu "
    assert " giám " in entry.exact_words
    again = search_entry_upsert(
        kind=SearchKind.DOCUMENT, key="documents.document:7", title="Quy chế mới", body="", url="/van-ban/7/"
    )
    assert again.pk == entry.pk and SearchEntry.objects.count() == 1
    assert again.organisation is None and found("giam sat") == [] and found("quy che moi") == ["Quy chế mới"]


def test_upsert_records_no_audit_row_because_the_index_is_derived():
    SearchEntryFactory(title="Giám sát")
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("kind", {"kind": "poem"}),
        ("key", {"key": ""}),
        ("key", {"key": "x" * 201}),
        ("title", {"title": "   "}),
        ("url", {"url": ""}),
    ],
)
def test_upsert_refuses_bad_input_and_writes_nothing(field, overrides):
    arguments = {"kind": SearchKind.ARTICLE, "key": "k:1", "title": "Tiêu đề", "body": "", "url": "/a/"}
    with pytest.raises(ValidationError) as error:
        search_entry_upsert(**(arguments | overrides))
    assert field in error.value.message_dict
    assert not SearchEntry.objects.exists()


def test_delete_removes_the_entry_and_reports_the_count():
    entry = SearchEntryFactory(title="Tổ quốc")
    assert search_entry_delete(key=entry.key) == 1
    assert search_entry_delete(key=entry.key) == 0
    assert found("to quoc") == []


@pytest.fixture
def topic_provider():
    """A provider written the way an app's search_indexes.py writes one, with Topic standing in for content:
    a full-rebuild generator plus post_save/post_delete receivers that keep the index in step."""

    def entry(topic):
        return {
            "kind": SearchKind.ARTICLE,
            "key": search_key(topic),
            "title": topic.name,
            "body": topic.description,
            "url": f"/linh-vuc/{topic.code}/",
            "category": "Lĩnh vực",
        }

    def entries():
        for topic in Topic.objects.filter(is_active=True):
            yield entry(topic)

    def saved(sender, instance, **kwargs):
        if instance.is_active:
            search_entry_upsert(**entry(instance))
        else:
            search_entry_delete(key=search_key(instance))

    def deleted(sender, instance, **kwargs):
        search_entry_delete(key=search_key(instance))

    provider_register("tests.topics", entries)
    post_save.connect(saved, sender=Topic, dispatch_uid="tests.topics.saved")
    post_delete.connect(deleted, sender=Topic, dispatch_uid="tests.topics.deleted")
    yield
    post_save.disconnect(sender=Topic, dispatch_uid="tests.topics.saved")
    post_delete.disconnect(sender=Topic, dispatch_uid="tests.topics.deleted")
    provider_unregister("tests.topics")


def test_registry_lists_and_forgets_providers():
    def entries():
        return []

    provider_register("tests.empty", entries)
    assert provider_list()["tests.empty"] is entries
    provider_unregister("tests.empty")
    assert "tests.empty" not in provider_list()


def test_rebuild_indexes_every_provider_and_drops_stale_entries(topic_provider):
    TopicFactory(name="Đất đai", description="Giám sát sử dụng đất")
    TopicFactory(name="Môi trường", is_active=False)
    SearchEntryFactory(key="gone.item:1", title="Không còn nguồn")
    counts = search_index_rebuild()
    assert counts["tests.topics"] == 1
    assert list(SearchEntry.objects.values_list("title", flat=True)) == ["Đất đai"]
    assert found("dat dai") == ["Đất đai"] and found("khong con nguon") == []


def test_rebuild_keeps_the_old_index_when_a_provider_fails():
    SearchEntryFactory(title="Giám sát")

    def broken():
        yield {"kind": SearchKind.ARTICLE, "key": "x:1", "title": "Tạm", "body": "", "url": "/x/"}
        raise RuntimeError("source unavailable")

    provider_register("tests.broken", broken)
    try:
        with pytest.raises(RuntimeError):
            search_index_rebuild()
    finally:
        provider_unregister("tests.broken")
    assert found("giam sat") == ["Giám sát"] and found("tam") == []


def test_provider_signals_keep_the_index_in_step(topic_provider):
    topic = TopicFactory(name="An sinh xã hội", description="Hỗ trợ người nghèo")
    assert found("an sinh") == ["An sinh xã hội"]
    topic.name = "An sinh và phúc lợi"
    topic.save()
    assert found("phuc loi") == ["An sinh và phúc lợi"] and found("xa hoi") == []
    topic.is_active = False
    topic.save()
    assert found("an sinh") == []
    topic.is_active = True
    topic.save()
    topic.delete()
    assert found("an sinh") == [] and not SearchEntry.objects.exists()


def test_search_rebuild_command_reports_counts(topic_provider, capsys):
    TopicFactory(name="Đất đai")
    call_command("search_rebuild")
    out = capsys.readouterr().out
    assert "tests.topics: 1" in out and found("dat dai") == ["Đất đai"]


def test_postgresql_configuration_folds_vietnamese_marks_and_d_with_stroke():
    if connection.vendor != "postgresql":
        pytest.skip("the vi_unaccent text-search configuration exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('vi_unaccent', 'Đào Thanh Long giám sát ĐẦU TƯ Tổ quốc')::text")
        assert (
            cursor.fetchone()[0]
            == "'dao':1 'dau':6 'giam':4 'long':3 'quoc':9 'sat':5 'thanh':2 'to':8 'tu':7"
        )


def test_sqlite_full_text_table_follows_the_entries_table():
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 table exists on SQLite only")
    entry = SearchEntryFactory(title="Giám sát")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_searchentry_fts WHERE search_searchentry_fts MATCH 'giam'")
        assert cursor.fetchall() == [(entry.pk,)]
        cursor.execute(
            "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('integrity-check')"
        )


def test_upsert_indexes_the_beginning_of_a_very_long_body(settings):
    settings.SEARCH_BODY_MAX_CHARS = 1000
    body = "giám sát " * 200 + "phần cuối " * 10_000
    entry = SearchEntryFactory(title="Văn bản dài", body=body)
    assert len(entry.body) == 1000 and found("giam sat") == ["Văn bản dài"] and found("phan cuoi") == []
