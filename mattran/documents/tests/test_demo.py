import io

import pytest
from django.core.management import call_command

from mattran.core.testing import SEED_ARTICLE
from mattran.documents.linking import link_references_in_html
from mattran.documents.models import Document, DocumentKind

pytestmark = pytest.mark.django_db
SEED = SEED_ARTICLE


def _load():
    from mattran.core.demo import load_demo as core_demo
    from mattran.documents.demo import load_demo as documents_demo
    from mattran.organisations.demo import load_demo as organisations_demo

    core_demo()
    organisations_demo()
    documents_demo()


def test_demo_register_is_idempotent_and_published():
    _load()
    _load()
    assert Document.objects.count() == 9
    assert Document.objects.published().count() == 9
    decision = Document.objects.get(number="994-QĐ/TU")
    assert decision.issued_on.isoformat() == "2017-05-25"
    assert decision.file.read(5) == b"%PDF-"
    regulation = Document.objects.get(number="1374-QĐ/TU")
    assert regulation.kind == DocumentKind.REGULATION and regulation.issued_on.isoformat() == "2017-12-01"
    assert decision.related_documents.count() == 3


def test_seed_article_links_to_the_demo_register():
    if not SEED.exists():
        pytest.skip(f"seed article not available at {SEED}")
    _load()
    html = "".join(f"<p>{p}</p>" for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip())
    linked = link_references_in_html(html)
    assert '<a class="document-ref" href="/van-ban/quyet-dinh-994-qd-tu/"' in linked
    assert "Quyết định 994-QĐ/TU ngày 25/5/2017</a>" in linked


def test_load_demo_command_includes_the_register():
    call_command("load_demo", stdout=io.StringIO())
    assert Document.objects.filter(number="935-QĐ/TU").exists()
