import datetime

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from mattran.core.testing import SEED_ARTICLE
from mattran.documents.linking import link_references_in_html
from mattran.documents.models import DocumentKind, PublicationStatus
from mattran.documents.selectors import document_list_referenced

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db
SEED = SEED_ARTICLE


@pytest.fixture
def register():
    return {
        "935": DocumentFactory(number="935-QĐ/TU", slug="quyet-dinh-935-qd-tu", issued_on=datetime.date(2017, 4, 28)),
        "936": DocumentFactory(number="936-QĐ/TU", slug="quyet-dinh-936-qd-tu", issued_on=datetime.date(2017, 4, 28)),
        "994": DocumentFactory(number="994-QĐ/TU", slug="quyet-dinh-994-qd-tu", issued_on=datetime.date(2017, 5, 25)),
        "1374": DocumentFactory(
            number="1374-QĐ/TU", slug="quy-dinh-1374-qd-tu", kind=DocumentKind.REGULATION,
            issued_on=datetime.date(2017, 12, 1),
        ),
    }


def test_seed_article_links_decision_994_to_its_register_entry(register):
    if not SEED.exists():
        pytest.skip(f"seed article not available at {SEED}")
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    linked = link_references_in_html(html)
    assert '<a class="document-ref" href="/van-ban/quyet-dinh-994-qd-tu/"' in linked
    assert '>Quyết định 994-QĐ/TU ngày 25/5/2017</a>' in linked
    assert linked.count('href="/van-ban/quyet-dinh-935-qd-tu/"') == 2  # "Quyết định 935" and "…935-QĐ/TU"
    assert linked.count('href="/van-ban/quy-dinh-1374-qd-tu/"') == 2
    documents = document_list_referenced(text=html)
    assert [d.number for d in documents] == ["935-QĐ/TU", "936-QĐ/TU", "994-QĐ/TU", "1374-QĐ/TU"]


def test_mention_links_only_once_the_entry_exists():
    html = "<p>Thực hiện Quyết định 994-QĐ/TU ngày 25/5/2017.</p>"
    assert link_references_in_html(html) == html
    DocumentFactory(number="994-QĐ/TU", slug="quyet-dinh-994-qd-tu")
    assert '<a class="document-ref" href="/van-ban/quyet-dinh-994-qd-tu/"' in link_references_in_html(html)


def test_unpublished_entries_are_not_linked():
    DocumentFactory(number="994-QĐ/TU", publication_status=PublicationStatus.DRAFT)
    html = "<p>Quyết định 994-QĐ/TU</p>"
    assert link_references_in_html(html) == html


def test_existing_links_and_attributes_are_left_alone(register):
    html = (
        '<p><a href="/x/">Quyết định 994-QĐ/TU</a> và '
        '<img alt="Quyết định 994-QĐ/TU" src="/a.png"> '
        '<span title="Quyết định 936-QĐ/TU">xem Quyết định 936-QĐ/TU</span></p>'
    )
    linked = link_references_in_html(html)
    assert linked.count("document-ref") == 1
    assert '<a href="/x/">Quyết định 994-QĐ/TU</a>' in linked
    assert 'alt="Quyết định 994-QĐ/TU"' in linked
    assert 'xem <a class="document-ref" href="/van-ban/quyet-dinh-936-qd-tu/"' in linked


def test_text_around_links_stays_escaped(register):
    html = "<p>&lt;script&gt;alert(1)&lt;/script&gt; Quyết định 994-QĐ/TU &amp; Quyết định 935</p>"
    linked = link_references_in_html(html)
    assert "<script>" not in linked
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in linked
    assert "&amp; <a" in linked


def test_suffixless_mention_is_linked_only_when_unique(register):
    DocumentFactory(number="935/QĐ-UBND", slug="quyet-dinh-935-ubnd")  # a second Quyết định 935
    linked = link_references_in_html("<p>Quyết định 935 và Quyết định 935-QĐ/TU</p>")
    assert linked.count("document-ref") == 1
    assert '>Quyết định 935-QĐ/TU</a>' in linked


def test_suffixless_mention_uses_the_date_to_choose():
    DocumentFactory(number="935-QĐ/TU", slug="a", issued_on=datetime.date(2017, 4, 28))
    DocumentFactory(number="935/QĐ-UBND", slug="b", issued_on=datetime.date(2020, 1, 2))
    linked = link_references_in_html("Quyết định 935 ngày 28/4/2017")
    assert 'href="/van-ban/a/"' in linked


def test_filter_escapes_plain_text_and_links_mentions(register):
    template = Template("{% load documents_tags %}{{ value|link_document_references }}")
    rendered = template.render(Context({"value": "<b>xem</b> Quyết định 994-QĐ/TU"}))
    assert "&lt;b&gt;xem&lt;/b&gt;" in rendered
    assert 'href="/van-ban/quyet-dinh-994-qd-tu/"' in rendered
    rendered_safe = template.render(Context({"value": mark_safe("<b>xem</b> Quyết định 994-QĐ/TU")}))
    assert "<b>xem</b>" in rendered_safe


def test_related_documents_tag_lists_mentioned_entries(register):
    template = Template("{% load documents_tags %}{% related_documents text=body %}")
    rendered = template.render(Context({"body": mark_safe("<p>Quy định 1374-QĐ/TU và Quyết định 935</p>")}))
    assert "Văn bản liên quan" in rendered
    assert rendered.index("1374-QĐ/TU") < rendered.index("935-QĐ/TU")
    assert Template("{% load documents_tags %}{% related_documents text='không có gì' %}").render(Context()).strip() == ""


def test_links_in_english_carry_the_language_prefix(register):
    from django.utils import translation

    with translation.override("en"):
        linked = link_references_in_html("Quyết định 994-QĐ/TU")
    assert 'href="/en/van-ban/quyet-dinh-994-qd-tu/"' in linked


def test_resolution_runs_one_query_for_many_mentions(register, django_assert_num_queries):
    text = " ".join(f"Quyết định {n}-QĐ/TU" for n in (935, 936, 994)) + " Quy định 1374-QĐ/TU"
    with django_assert_num_queries(1):
        link_references_in_html(text)


def test_entity_encoded_spaces_are_still_recognised(register):
    linked = link_references_in_html("<p>Quyết&nbsp;định&nbsp;994-QĐ/TU</p>")
    assert 'href="/van-ban/quyet-dinh-994-qd-tu/"' in linked


def test_fragment_without_mentions_is_returned_unchanged(register):
    html = "<p>Không nhắc đến văn bản nào.<br>Hết.</p>"
    assert link_references_in_html(html) == html
