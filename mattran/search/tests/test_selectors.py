"""Relevance and filters. Written once, run on whichever database the suite runs on (CI: SQLite, then
PostgreSQL), so the same expected, ordered results hold on both."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from mattran.organisations.tests.factories import OrganisationFactory
from mattran.search.models import SearchKind
from mattran.search.selectors import search_query

from .factories import SearchEntryFactory

pytestmark = pytest.mark.django_db


def day(n):
    return timezone.make_aware(datetime.datetime(2025, 3, n, 9))


CORPUS = [
    # title, body, kind, published day: newest last, so ties show the date order
    (
        "Ban giám sát đầu tư của cộng đồng họp phiên đầu năm",
        "Các thành viên rà soát công trình.",
        SearchKind.ARTICLE,
        1,
    ),
    (
        "Khởi công dự án đầu tư hạ tầng giao thông",
        "Dự án nâng cấp đường nội bộ khu phố 3.",
        SearchKind.ARTICLE,
        2,
    ),
    ("Bảo vệ chủ quyền biển đảo Tổ quốc", "Tuổi trẻ hướng về biển đảo quê hương.", SearchKind.ARTICLE, 3),
    ("Tặng tô cơm nghĩa tình cho người lao động", "Mỗi tô cơm là một tấm lòng.", SearchKind.ARTICLE, 4),
    (
        "Ông Đào Thanh Long phát biểu tại hội nghị",
        "Chủ tịch Ủy ban nhấn mạnh vai trò của nhân dân.",
        SearchKind.ARTICLE,
        5,
    ),
    (
        "Quyết định 936-QĐ/TU ngày 28/4/2017",
        "Về việc thực hiện quy chế dân chủ ở cơ sở.",
        SearchKind.DOCUMENT,
        6,
    ),
    (
        "Giải bóng đá thiếu niên mùa hè",
        "Tám đội bóng tham dự. Người dân đến cổ vũ giám khảo.",
        SearchKind.ARTICLE,
        7,
    ),
    (
        "Trả lời kiến nghị về đèn chiếu sáng",
        "Đã lắp đèn tại hẻm 12; việc đầu tư tiếp theo do phường giám sát.",
        SearchKind.PETITION_ANSWER,
        8,
    ),
]


@pytest.fixture
def corpus():
    return {
        title: SearchEntryFactory(title=title, body=body, kind=kind, published_at=day(n))
        for title, body, kind, n in CORPUS
    }


def titles(text, **filters):
    return [hit.entry.title for hit in search_query(text=text, **filters)]


RELEVANCE_CASES = [
    # query → the expected titles, in order
    (
        "giam sat",
        [
            "Ban giám sát đầu tư của cộng đồng họp phiên đầu năm",
            "Trả lời kiến nghị về đèn chiếu sáng",
        ],
    ),
    (
        "giám sát",
        [
            "Ban giám sát đầu tư của cộng đồng họp phiên đầu năm",
            "Trả lời kiến nghị về đèn chiếu sáng",
        ],
    ),
    (
        "dau tu",
        [
            "Khởi công dự án đầu tư hạ tầng giao thông",  # the phrase in the title, the newer of two…
            "Ban giám sát đầu tư của cộng đồng họp phiên đầu năm",
            "Trả lời kiến nghị về đèn chiếu sáng",  # …before the newest, which has it only in the body
        ],
    ),
    ("to quoc", ["Bảo vệ chủ quyền biển đảo Tổ quốc"]),
    ("TO QUOC", ["Bảo vệ chủ quyền biển đảo Tổ quốc"]),
    ("Dao Thanh Long", ["Ông Đào Thanh Long phát biểu tại hội nghị"]),
    ("dao thanh long", ["Ông Đào Thanh Long phát biểu tại hội nghị"]),
    # typed with diacritics: the exact word first, the same word without them after
    ("tổ", ["Bảo vệ chủ quyền biển đảo Tổ quốc", "Tặng tô cơm nghĩa tình cho người lao động"]),
    ("tô", ["Tặng tô cơm nghĩa tình cho người lao động", "Bảo vệ chủ quyền biển đảo Tổ quốc"]),
    # typed without: both, by score then newest first
    ("to", ["Tặng tô cơm nghĩa tình cho người lao động", "Bảo vệ chủ quyền biển đảo Tổ quốc"]),
    # every word must be there; whole words only ("giam" is not "giám khảo"'s neighbour "giam sat")
    ("giam sat dau tu cong dong", ["Ban giám sát đầu tư của cộng đồng họp phiên đầu năm"]),
    ("936-QĐ/TU", ["Quyết định 936-QĐ/TU ngày 28/4/2017"]),
    ("qd tu 936", ["Quyết định 936-QĐ/TU ngày 28/4/2017"]),
    ("2017", ["Quyết định 936-QĐ/TU ngày 28/4/2017"]),
    ("quy che dan chu", ["Quyết định 936-QĐ/TU ngày 28/4/2017"]),
    (
        "giam",
        [
            "Ban giám sát đầu tư của cộng đồng họp phiên đầu năm",
            "Trả lời kiến nghị về đèn chiếu sáng",
            "Giải bóng đá thiếu niên mùa hè",
        ],
    ),
    ("khong co tu nay", []),
]


@pytest.mark.parametrize(("query", "expected"), RELEVANCE_CASES, ids=[case[0] for case in RELEVANCE_CASES])
def test_relevance_cases(corpus, query, expected):
    assert titles(query) == expected, connection.vendor


def test_query_in_decomposed_unicode_finds_the_same(corpus):
    import unicodedata

    assert titles(unicodedata.normalize("NFD", "Đào Thanh Long")) == [
        "Ông Đào Thanh Long phát biểu tại hội nghị"
    ]


def test_seed_article_subject_without_diacritics_finds_it(seed_article_title):
    SearchEntryFactory(title="Giải bóng đá thiếu niên mùa hè")
    SearchEntryFactory(
        title=seed_article_title, body="Ngày 2/8, Ban Thường trực UB.MTTQVN quận tổ chức hội nghị."
    )
    found = titles("phat huy vai tro cua he thong mat tran")
    assert found == [seed_article_title]
    hit = search_query(text="phat huy vai tro")[0]
    assert "<mark>Phát</mark> <mark>huy</mark> <mark>vai</mark> <mark>trò</mark>" in hit.title_html


def test_results_carry_highlighted_title_and_snippet(corpus):
    hit = search_query(text="giam sat")[1]
    assert hit.entry.title == "Trả lời kiến nghị về đèn chiếu sáng"
    assert "do phường <mark>giám</mark> <mark>sát</mark>" in hit.snippet_html
    assert hit.score > 0


def test_filter_by_kind(corpus):
    assert titles("giam sat", kinds=[SearchKind.PETITION_ANSWER]) == ["Trả lời kiến nghị về đèn chiếu sáng"]
    assert titles("dau tu", kinds=[SearchKind.DOCUMENT]) == []


def test_kind_counts_ignore_the_kind_filter(corpus):
    found = search_query(text="dau tu", kinds=[SearchKind.ARTICLE])
    assert found.count() == 2
    assert found.kind_counts() == {SearchKind.ARTICLE: 2, SearchKind.PETITION_ANSWER: 1}


def test_filter_by_category():
    SearchEntryFactory(title="Giám sát bữa ăn bán trú", category="Giám sát, phản biện xã hội")
    SearchEntryFactory(title="Giám sát công trình", category="Tin tức sự kiện")
    assert titles("giam sat", category="Tin tức sự kiện") == ["Giám sát công trình"]


def test_filter_by_organisation_includes_the_organisations_under_it():
    city = OrganisationFactory(name="Ủy ban MTTQ thành phố")
    ward = OrganisationFactory(name="Ủy ban MTTQ phường", parent=city)
    other = OrganisationFactory(name="Ủy ban MTTQ tỉnh khác")
    SearchEntryFactory(title="Giám sát ở phường", organisation=ward)
    SearchEntryFactory(title="Giám sát ở thành phố", organisation=city)
    SearchEntryFactory(title="Giám sát ở tỉnh khác", organisation=other)
    assert set(titles("giam sat", organisation=city)) == {"Giám sát ở phường", "Giám sát ở thành phố"}
    assert titles("giam sat", organisation=ward) == ["Giám sát ở phường"]


def test_filter_by_date_range_uses_local_days(corpus):
    # 2025-03-02 09:00 in Hồ Chí Minh City is 02:00 UTC: still the 2nd
    assert titles("dau tu", date_from=datetime.date(2025, 3, 2), date_to=datetime.date(2025, 3, 2)) == [
        "Khởi công dự án đầu tư hạ tầng giao thông"
    ]
    assert titles("dau tu", date_from=datetime.date(2025, 3, 2)) == [
        "Khởi công dự án đầu tư hạ tầng giao thông",
        "Trả lời kiến nghị về đèn chiếu sáng",
    ]
    assert titles("dau tu", date_to=datetime.date(2025, 3, 1)) == [
        "Ban giám sát đầu tư của cộng đồng họp phiên đầu năm"
    ]


def test_no_words_lists_filtered_entries_newest_first_and_nothing_without_filters(corpus):
    assert titles("", kinds=[SearchKind.DOCUMENT]) == ["Quyết định 936-QĐ/TU ngày 28/4/2017"]
    assert titles("   ") == []
    assert titles("!!! ???") == []


def test_entries_without_a_date_come_after_dated_ones():
    SearchEntryFactory(title="Giám sát không ngày", published_at=None)
    SearchEntryFactory(title="Giám sát có ngày")
    assert titles("giam sat") == ["Giám sát có ngày", "Giám sát không ngày"]


def test_pages_slice_in_rank_order(corpus):
    found = search_query(text="giam")
    assert [hit.entry.title for hit in found[1:3]] == titles("giam")[1:3]
    assert len(found) == 3


def test_deleted_and_changed_entries_leave_the_full_text_index(corpus):
    from mattran.search.services import search_entry_delete, search_entry_upsert

    entry = corpus["Bảo vệ chủ quyền biển đảo Tổ quốc"]
    search_entry_delete(key=entry.key)
    assert titles("to quoc") == []
    other = corpus["Khởi công dự án đầu tư hạ tầng giao thông"]
    search_entry_upsert(kind=other.kind, key=other.key, title="Khánh thành cầu mới", body="", url=other.url)
    assert titles("khoi cong") == [] and titles("khanh thanh") == ["Khánh thành cầu mới"]


ODD_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=300
) | st.lists(
    st.sampled_from(
        [
            '"',
            "'",
            "*",
            "-",
            ":",
            "^",
            "(",
            ")",
            "NEAR",
            "AND",
            "OR",
            "NOT",
            "&",
            "|",
            "!",
            "<->",
            "\\",
            "%",
            "_",
            ";",
            "--",
            "😀",
            "giám",
            "sát",
            "đ",
            "tổ",
            " ",
        ]
    ),
    max_size=40,
).map("".join)


@given(text=ODD_TEXT)
@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_never_raises(corpus, text):
    found = search_query(text=text)
    hits = found[: settings.SEARCH_RESULTS_PER_PAGE]
    assert found.count() >= len(hits)
    for hit in hits:
        assert "<script" not in hit.snippet_html


VIETNAMESE_TEXT = st.text(
    alphabet=st.sampled_from(
        list(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
        )
        + list("ÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ0123456789")
        + list(" /.-@:_+&<>'\",;()!?%#*\n")
        + ["😀", "“", "”", "…"]
    ),
    max_size=120,
)


@given(text=VIETNAMESE_TEXT)
@hypothesis_settings(max_examples=200, deadline=None)
def test_postgresql_splits_and_folds_words_like_the_python_side(text):
    """The same words on both databases: PostgreSQL's vi_unaccent tsvector of a text has exactly the folded
    words the SQLite side indexes."""
    if connection.vendor != "postgresql":
        pytest.skip("compares PostgreSQL's parser with the Python tokeniser")
    from mattran.search.text import folded_words

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(array_agg(lexeme), '{}') FROM unnest(to_tsvector('vi_unaccent'::regconfig,"
            " translate(%s, '/.-@:_+&<>', '          ')))",
            [text],
        )
        lexemes = set(cursor.fetchone()[0])
    assert lexemes == set(folded_words(text))


def test_a_query_matching_more_than_the_candidate_bound_ranks_the_newest_and_says_there_are_more(settings):
    settings.SEARCH_RANK_CANDIDATES = 3
    for n in range(1, 7):
        SearchEntryFactory(title=f"Giám sát số {n}", body="", published_at=day(n))
    SearchEntryFactory(title="Tin khác", body="giám sát ở thân bài", published_at=day(7))
    found = search_query(text="giam sat")
    # the three newest matches are ranked (title before body), the older three are not reached
    assert [hit.entry.title for hit in found] == ["Giám sát số 6", "Giám sát số 5", "Tin khác"]
    assert found.count() == 3 and found.truncated
    assert found.kind_counts() == {SearchKind.ARTICLE: 4}  # counted up to the bound + 1


def test_an_exact_reference_number_is_ranked_even_when_older_than_the_newest_matches(settings):
    settings.SEARCH_RANK_CANDIDATES = 2
    SearchEntryFactory(title="Quyết định 994-QĐ/TU về giám sát", kind=SearchKind.DOCUMENT, published_at=day(1),
                       reference="994-QĐ/TU")
    for n in range(2, 6):
        SearchEntryFactory(title=f"Tin về 994 QĐ TU số {n}", published_at=day(n))
    assert titles("994-QĐ/TU")[0] == "Quyết định 994-QĐ/TU về giám sát"


def test_a_query_under_the_bound_is_not_truncated(corpus):
    found = search_query(text="giam sat")
    assert found.count() == len(list(found)) and not found.truncated
