"""Attachments and answer documents are personal data: private storage, random names, served only by the views
that check permission and log the read (review findings 6, 19 and the answer size limit of 20)."""

import importlib
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ImageFile

from mattran.core.models import AuditEvent
from mattran.documents.files import minimal_pdf
from mattran.petitions import services
from mattran.petitions.links import liaison_token_make
from mattran.petitions.models import Petition, PetitionAttachment

pytestmark = pytest.mark.django_db
RANDOM_ANSWER = r"petitions/answers/[0-9a-f]{32}\.pdf"


def _private(path: str, settings) -> bool:
    stored = (Path(settings.PRIVATE_MEDIA_ROOT) / path).resolve()
    return stored.exists() and not (Path(settings.MEDIA_ROOT) / path).exists()


def _png(width: int, height: int) -> bytes:
    """A valid 1-bit greyscale PNG; 9000×9000 is ~10 KB on disk and 81 megapixels once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(row * height, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _answer_url(world):
    petition = world.forwarded()
    event = petition.events.filter(kind="forwarded").latest("created_at")
    return petition, reverse("petitions:liaison", args=[liaison_token_make(event=event)])


# --- attachments ------------------------------------------------------------------------------------------------


def test_attachment_is_stored_privately_with_the_extension_of_its_checked_type(world, settings):
    petition = world.submit(attachments=[SimpleUploadedFile("don.html", minimal_pdf("don"))])
    attachment = petition.attachments.get()
    assert re.fullmatch(r"petitions/attachments/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert _private(attachment.file.name, settings)
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018  no public URL exists


def test_attachment_is_served_only_to_permitted_staff_with_an_audit_row(client, world, settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = ""
    petition = world.submit(attachments=[SimpleUploadedFile("Đơn kiến nghị.pdf", minimal_pdf("don"))])
    url = reverse("petitions_admin:attachment", args=[petition.pk, petition.attachments.get().pk])
    client.force_login(world.officer_b)
    assert client.get(url).status_code == 404
    client.force_login(world.officer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith('attachment; filename="don-kien-nghi.pdf"')
    audit = AuditEvent.objects.filter(action="petition.view_personal_data", actor=world.officer_a)
    assert audit.count() == 1


def test_attachment_is_handed_to_nginx_when_configured(client, world, settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT = "/_private/"
    petition = world.submit(attachments=[SimpleUploadedFile("a.pdf", minimal_pdf("a"))])
    attachment = petition.attachments.get()
    client.force_login(world.officer_a)
    response = client.get(reverse("petitions_admin:attachment", args=[petition.pk, attachment.pk]))
    assert response["X-Accel-Redirect"] == f"/_private/{attachment.file.name}"
    assert response.content == b""


def test_huge_image_is_refused_before_it_is_decoded(world, monkeypatch, settings):
    settings.PETITIONS_IMAGE_MAX_PIXELS = 40_000_000

    def no_decoding(self):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ValidationError) as error:
        world.submit(attachments=[SimpleUploadedFile("bom.png", _png(9000, 9000))])
    assert "9000×9000" in " ".join(error.value.messages)
    assert not Petition.objects.exists()


def test_image_under_the_pixel_limit_is_still_accepted(world):
    petition = world.submit(attachments=[SimpleUploadedFile("nho.png", _png(64, 64))])
    assert petition.attachments.get().content_type == "image/png"


# --- answer documents -------------------------------------------------------------------------------------------


def test_answer_document_is_stored_as_pdf_whatever_the_upload_name(world, settings):
    petition = world.forwarded()
    services.petition_acknowledge(petition=petition, actor=world.liaison_a)
    services.petition_answer(petition=petition, text="Đã xử lý.", actor=world.liaison_a,
                             document=SimpleUploadedFile("tra-loi.html", minimal_pdf("tra loi")))
    petition.refresh_from_db()
    assert re.fullmatch(RANDOM_ANSWER, petition.answer_document.name)
    assert _private(petition.answer_document.name, settings)


@pytest.mark.parametrize("content", [b"%PDF-<script>alert(1)</script>", b"<html>%%EOF", b""])
def test_answer_document_that_is_not_a_whole_pdf_is_refused(world, content):
    petition = world.forwarded()
    services.petition_acknowledge(petition=petition, actor=world.liaison_a)
    with pytest.raises(ValidationError) as error:
        services.petition_answer(petition=petition, text="Đã xử lý.", actor=world.liaison_a,
                                 document=SimpleUploadedFile("x.html", content))
    assert "document" in error.value.message_dict
    assert not Petition.objects.get(pk=petition.pk).answer_document


def test_liaison_link_refuses_a_fake_pdf_with_a_400(client, world):
    petition, url = _answer_url(world)
    fake = SimpleUploadedFile("x.pdf", b"%PDF-<script>alert(1)</script>")
    response = client.post(url, {"action": "answer", "text": "Đã xử lý.", "document": fake})
    assert response.status_code == 400
    assert "phải là tệp PDF" in response.content.decode()
    assert not Petition.objects.get(pk=petition.pk).answer_document


def test_liaison_link_refuses_an_answer_over_the_size_limit_with_a_400(client, world, settings):
    settings.PETITIONS_ANSWER_MAX_BYTES = 100
    petition, url = _answer_url(world)
    big = SimpleUploadedFile("tra-loi.pdf", minimal_pdf("x" * 50))
    response = client.post(url, {"action": "answer", "text": "Đã xử lý.", "document": big})
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert Petition.objects.get(pk=petition.pk).status == "forwarded"


def test_answer_document_is_served_only_by_the_checking_view_with_an_audit_row(client, world, settings):
    petition, url = _answer_url(world)
    client.post(url, {"action": "answer", "text": "Đã xử lý.", "document": SimpleUploadedFile("a.pdf", minimal_pdf("a"))})
    petition.refresh_from_db()
    assert _private(petition.answer_document.name, settings)
    download = reverse("petitions_admin:answer_document", args=[petition.pk])
    client.force_login(world.officer_b)
    assert client.get(download).status_code == 404
    client.force_login(world.officer_a)
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert petition.tracking_code not in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="petition.view_personal_data", actor=world.officer_a,
                                     changes__reason="answer document").exists()


# --- moving existing files --------------------------------------------------------------------------------------


def test_migration_moves_media_files_to_private_storage_and_can_run_again(world, django_capture_on_commit_callbacks):
    migration = importlib.import_module("mattran.petitions.migrations.0002_petition_files_private_storage")
    media, private = storages["default"], storages["private"]
    petition = world.submit(attachments=[SimpleUploadedFile("a.png", _png(8, 8))])
    old_attachment = media.save("petitions/attachments/0123abcd.png", ContentFile(_png(8, 8)))
    old_answer = media.save("petitions/answers/4567cdef.html", ContentFile(minimal_pdf("a")))
    PetitionAttachment.objects.filter(petition=petition).update(file=old_attachment)
    Petition.objects.filter(pk=petition.pk).update(answer_document=old_answer)

    with django_capture_on_commit_callbacks(execute=True):
        migration.files_to_private(apps, None)
    petition.refresh_from_db()
    attachment = petition.attachments.get()
    assert re.fullmatch(r"petitions/attachments/[0-9a-f]{32}\.png", attachment.file.name)
    assert re.fullmatch(RANDOM_ANSWER, petition.answer_document.name)
    assert private.exists(attachment.file.name) and private.exists(petition.answer_document.name)
    assert not media.exists(old_attachment) and not media.exists(old_answer)

    with django_capture_on_commit_callbacks(execute=True):
        migration.files_to_private(apps, None)  # again: nothing moves, nothing is lost
    assert Petition.objects.get(pk=petition.pk).answer_document.name == petition.answer_document.name
    assert private.exists(petition.answer_document.name)
