"""Register files live in the private storage: only the download view hands them out, and only published ones to
the public (review finding 3)."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve

from mattran.accounts.tests.factories import UserFactory
from mattran.documents.files import minimal_pdf
from mattran.documents.models import Document, PublicationStatus

from .factories import DocumentFactory, docx_upload

pytestmark = pytest.mark.django_db
UNPUBLISHED = [PublicationStatus.DRAFT, PublicationStatus.WITHDRAWN]


def _media_serve(path, settings):
    """What a public /media/ location (dev's static() or nginx) would answer for this path."""
    return serve(RequestFactory().get(f"/media/{path}"), path, document_root=settings.MEDIA_ROOT)


def test_register_file_is_stored_privately_under_a_random_name(settings):
    document = DocumentFactory(number="77/BC-MTTQ")
    assert re.fullmatch(r"van-ban/[0-9a-f]{32}\.pdf", document.file.name)
    stored = Path(document.file.path).resolve()
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in stored.parents
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018  no URL can be built for a private file


def test_stored_extension_comes_from_the_content():
    document = DocumentFactory(file=docx_upload("VAN BAN.DOCX"))
    assert document.file.name.endswith(".docx")


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_unpublished_register_file_is_not_reachable_by_any_public_url(client, settings, status):
    document = DocumentFactory(number="77/BC-MTTQ", slug="bao-cao-77", publication_status=status)
    for url in ("/van-ban/bao-cao-77/", "/van-ban/bao-cao-77/tai-ve/", "/en/van-ban/bao-cao-77/tai-ve/"):
        assert client.get(url).status_code == 404, url
    # The old derived path, and the real stored name, under the public media root.
    for path in ("van-ban/2017/77-bc-mttq.pdf", document.file.name):
        with pytest.raises(Http404):
            _media_serve(path, settings)


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_staff_of_the_register_can_download_an_unpublished_file(client, officer_a, ward_a, status):
    DocumentFactory(organisation=ward_a, slug="bao-cao-77", publication_status=status)
    client.force_login(officer_a)
    response = client.get("/van-ban/bao-cao-77/tai-ve/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, no-store"


def test_staff_of_another_register_cannot_download_a_draft(client, officer_a, ward_b):
    DocumentFactory(organisation=ward_b, slug="bao-cao-77", publication_status=PublicationStatus.DRAFT)
    client.force_login(officer_a)
    assert client.get("/van-ban/bao-cao-77/tai-ve/").status_code == 404
    client.force_login(UserFactory())  # logged in, no membership
    assert client.get("/van-ban/bao-cao-77/tai-ve/").status_code == 404


def test_download_headers_are_private_and_nosniff(client):
    DocumentFactory(slug="qd-1")
    response = client.get("/van-ban/qd-1/tai-ve/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_download_hands_over_to_nginx_when_configured(client, settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/_private/"
    document = DocumentFactory(slug="qd-1")
    response = client.get("/van-ban/qd-1/tai-ve/")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private/{document.file.name}"
    assert response.content == b""


def test_admin_edit_page_links_a_drafts_file_to_the_download_view(client, officer_a, ward_a):
    document = DocumentFactory(organisation=ward_a, slug="bao-cao-77", publication_status=PublicationStatus.DRAFT)
    client.force_login(officer_a)
    page = client.get(f"/quan-tri/van-ban/edit/{document.pk}/").content.decode()
    assert 'href="/van-ban/bao-cao-77/tai-ve/"' in page


def test_migration_moves_media_files_to_private_storage_and_can_run_again(django_capture_on_commit_callbacks):
    migration = importlib.import_module("mattran.documents.migrations.0002_document_file_private_storage")
    media, private = storages["default"], storages["private"]
    document = DocumentFactory(publication_status=PublicationStatus.DRAFT)
    old_name = media.save("van-ban/2017/77-bc-mttq.pdf", ContentFile(minimal_pdf("draft")))
    Document.objects.filter(pk=document.pk).update(file=old_name)

    with django_capture_on_commit_callbacks(execute=True):
        migration.files_to_private(apps, None)
    document.refresh_from_db()
    assert re.fullmatch(r"van-ban/[0-9a-f]{32}\.pdf", document.file.name)
    assert private.open(document.file.name).read().startswith(b"%PDF-")
    assert not media.exists(old_name)

    with django_capture_on_commit_callbacks(execute=True):
        migration.files_to_private(apps, None)  # again: nothing to do, nothing lost
    assert Document.objects.get(pk=document.pk).file.name == document.file.name
    assert private.exists(document.file.name)
