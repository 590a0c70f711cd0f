import unicodedata

from mattran.search.text import (
    Term,
    exact_words_copy,
    folded_copy,
    highlight,
    plain_text,
    query_terms,
    snippet,
)


def terms(text):
    return query_terms(text, max_chars=200, max_terms=12)


def test_folded_copy_is_padded_folded_words():
    assert folded_copy("Ban giám sát đầu tư, 936-QĐ/TU!") == " ban giam sat dau tu 936 qd tu "


def test_exact_words_copy_keeps_marks_lower_case_and_distinct():
    assert exact_words_copy("Tổ quốc", "tổ tô") == " quốc tô tổ "


def test_query_terms_fold_and_remember_what_was_typed():
    assert terms("Giám SÁT giam") == [Term("giam", "giám"), Term("sat", "sát")]
    assert terms("tổ")[0].has_marks and not terms("to")[0].has_marks


def test_query_terms_ignore_syntax_and_cut_long_input():
    assert [t.folded for t in terms("\"NEAR(a* -b:c ^d) AND 😀 '; DROP TABLE x;--")] == [
        "near",
        "a",
        "b",
        "c",
        "d",
        "and",
        "drop",
        "table",
        "x",
    ]
    assert len(query_terms("từ " * 5000, max_chars=200, max_terms=12)) == 1
    assert len(query_terms(" ".join(f"w{i}" for i in range(100)), max_chars=1000, max_terms=12)) == 12


def test_query_terms_accept_decomposed_input():
    assert terms(unicodedata.normalize("NFD", "giám sát")) == terms("giám sát")


def test_highlight_marks_the_original_words_of_a_folded_query():
    assert (
        highlight("Ban giám sát đầu tư", terms("giam sat")) == "Ban <mark>giám</mark> <mark>sát</mark> đầu tư"
    )


def test_highlight_escapes_everything_else():
    html = highlight('<script>alert("giám")</script> & sát', terms("giam"))
    assert "<script>" not in html
    assert html == "&lt;script&gt;alert(&quot;<mark>giám</mark>&quot;)&lt;/script&gt; &amp; sát"


def test_snippet_centres_on_the_words_searched_for():
    body = " ".join(["mở đầu"] * 50) + " Ban giám sát đầu tư của cộng đồng " + " ".join(["kết thúc"] * 50)
    html = snippet(body, terms("giam sat cong dong"), size=20)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>giám</mark> <mark>sát</mark>" in html and "<mark>cộng</mark> <mark>đồng</mark>" in html
    assert len(html.split()) < 40


def test_snippet_without_a_match_starts_at_the_beginning():
    assert snippet("Một hai ba", terms("giam")) == "Một hai ba"
    assert snippet("", terms("giam")) == ""


def test_plain_text_strips_markup_and_entities():
    assert plain_text("<p>Giám&nbsp;sát <b>đầu tư</b></p>") == "Giám\xa0sát đầu tư"
