"""The admin path: the same validation and audit as the services, and per-organisation reach."""

import pytest

from mattran.accounts.tests.factories import UserFactory
from mattran.core.models import AuditEvent
from mattran.documents.models import Document, DocumentKind, PublicationStatus

from .factories import DocumentFactory, pdf_upload

pytestmark = pytest.mark.django_db
EXE = b"MZ\x90\x00" + b"\x00" * 200


def _form_data(organisation, **overrides):
    data = {
        "number": "994-QĐ/TU",
        "kind": DocumentKind.DECISION,
        "organisation": organisation.pk,
        "issuer_name": "Ban Thường vụ Thành ủy",
        "issued_on": "2017-05-25",
        "validity_status": "in_force",
        "abstract": "Về việc tổ chức hội nghị đối thoại với Nhân dân.",
        "signer": "",
        "publish": "on",
        "file": pdf_upload(),
    }
    return data | overrides


def test_officer_adds_an_entry_through_the_service(client, officer_a, ward_a):
    client.force_login(officer_a)
    response = client.post("/quan-tri/van-ban/new/", _form_data(ward_a))
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert document.publication_status == PublicationStatus.PUBLISHED
    assert document.number_normalised == "994-qd/tu"
    assert AuditEvent.objects.filter(action="document.create", actor=officer_a).exists()
    assert AuditEvent.objects.filter(action="document.publish", actor=officer_a).exists()


def test_admin_refuses_a_renamed_executable_with_a_clear_error(client, officer_a, ward_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer_a)
    response = client.post(
        "/quan-tri/van-ban/new/", _form_data(ward_a, file=SimpleUploadedFile("setup.pdf", EXE))
    )
    assert response.status_code == 400  # the form again, with the error
    assert "không phải PDF, DOC hay DOCX" in response.content.decode()
    assert not Document.objects.exists()


def test_admin_refuses_publishing_without_a_file(client, officer_a, ward_a):
    client.force_login(officer_a)
    data = _form_data(ward_a)
    del data["file"]
    response = client.post("/quan-tri/van-ban/new/", data)
    assert response.status_code == 400
    assert "Cần tải lên tệp văn bản" in response.content.decode()
    assert not Document.objects.exists()


def test_officer_of_ward_a_cannot_see_or_edit_ward_b_entries(client, officer_a, ward_a, ward_b):
    own = DocumentFactory(organisation=ward_a, number="1/KH-MTTQ")
    other = DocumentFactory(organisation=ward_b, number="2/KH-MTTQ")
    client.force_login(officer_a)
    listing = client.get("/quan-tri/van-ban/").content.decode()
    assert "1/KH-MTTQ" in listing and "2/KH-MTTQ" not in listing
    assert client.get(f"/quan-tri/van-ban/edit/{own.pk}/").status_code == 200
    for url in [
        f"/quan-tri/van-ban/edit/{other.pk}/",
        f"/quan-tri/van-ban/delete/{other.pk}/",
        f"/quan-tri/van-ban/history/{other.pk}/",
        f"/quan-tri/van-ban/withdraw/{other.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(f"/quan-tri/van-ban/edit/{other.pk}/", _form_data(ward_b, number="2/KH-MTTQ"))
    assert response.status_code == 404
    assert client.post(f"/quan-tri/van-ban/withdraw/{other.pk}/").status_code == 404
    other.refresh_from_db()
    assert other.publication_status == PublicationStatus.PUBLISHED


def test_officer_cannot_file_an_entry_in_another_wards_register(client, officer_a, ward_b):
    client.force_login(officer_a)
    response = client.post("/quan-tri/van-ban/new/", _form_data(ward_b))
    assert response.status_code == 400  # ward B is not among the choices
    assert not Document.objects.exists()


def test_user_without_a_membership_cannot_open_the_register_admin(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/quan-tri/van-ban/")
    assert response.status_code in (302, 403)


def test_edit_through_the_admin_is_audited(client, officer_a, ward_a):
    document = DocumentFactory(organisation=ward_a, number="994-QĐ/TU")
    client.force_login(officer_a)
    data = _form_data(ward_a, abstract="Trích yếu đã sửa")
    del data["file"], data["publish"]
    response = client.post(f"/quan-tri/van-ban/edit/{document.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.abstract == "Trích yếu đã sửa" and document.file.name.endswith(".pdf")
    assert AuditEvent.objects.get(action="document.update").changes["abstract"][1] == "Trích yếu đã sửa"


def test_withdraw_and_publish_through_the_admin(client, officer_a, ward_a):
    document = DocumentFactory(organisation=ward_a)
    client.force_login(officer_a)
    assert client.get(f"/quan-tri/van-ban/withdraw/{document.pk}/").status_code == 200
    client.post(f"/quan-tri/van-ban/withdraw/{document.pk}/", {"reason": "Thay thế"})
    document.refresh_from_db()
    assert document.publication_status == PublicationStatus.WITHDRAWN
    client.post(f"/quan-tri/van-ban/publish/{document.pk}/")
    document.refresh_from_db()
    assert document.publication_status == PublicationStatus.PUBLISHED


def test_delete_through_the_admin_is_audited(client, officer_a, ward_a):
    document = DocumentFactory(organisation=ward_a)
    client.force_login(officer_a)
    response = client.post(f"/quan-tri/van-ban/delete/{document.pk}/")
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert AuditEvent.objects.filter(action="document.delete", actor=officer_a).exists()


def test_admin_screens_open_for_a_superuser(client, ward_a):
    document = DocumentFactory(organisation=ward_a)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in [
        "/quan-tri/van-ban/",
        "/quan-tri/van-ban/?q=994",
        "/quan-tri/van-ban/new/",
        f"/quan-tri/van-ban/edit/{document.pk}/",
        f"/quan-tri/van-ban/history/{document.pk}/",
        f"/quan-tri/van-ban/usage/{document.pk}/",
        f"/quan-tri/van-ban/delete/{document.pk}/",
        f"/quan-tri/van-ban/withdraw/{document.pk}/",
    ]:
        assert client.get(url).status_code == 200, url
    assert "Ngừng công bố" in client.get(f"/quan-tri/van-ban/edit/{document.pk}/").content.decode()


def test_admin_refuses_a_file_over_the_limit(client, officer_a, ward_a, settings):
    settings.DOCUMENTS_MAX_FILE_SIZE = 100
    client.force_login(officer_a)
    response = client.post("/quan-tri/van-ban/new/", _form_data(ward_a))
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert not Document.objects.exists()


def test_admin_refuses_a_pdf_renamed_to_docx(client, officer_a, ward_a):
    client.force_login(officer_a)
    response = client.post("/quan-tri/van-ban/new/", _form_data(ward_a, file=pdf_upload(name="van-ban.docx")))
    assert response.status_code == 400
    assert "đuôi .docx" in response.content.decode()


def test_related_documents_offer_published_entries_and_own_drafts_but_not_another_wards_drafts(
    client, officer_a, ward_a, ward_b
):
    foreign_draft = DocumentFactory(organisation=ward_b, number="77/BC-MTTQ", publication_status=PublicationStatus.DRAFT)
    foreign_published = DocumentFactory(organisation=ward_b, number="78/BC-MTTQ")
    own_draft = DocumentFactory(organisation=ward_a, number="79/BC-MTTQ", publication_status=PublicationStatus.DRAFT)
    client.force_login(officer_a)
    page = client.get("/quan-tri/van-ban/new/").content.decode()
    assert "77/BC-MTTQ" not in page
    assert f'value="{foreign_published.pk}"' in page and f'value="{own_draft.pk}"' in page
    response = client.post(
        "/quan-tri/van-ban/new/", _form_data(ward_a, related_documents=[foreign_draft.pk], publish="")
    )
    assert response.status_code == 400
    assert not Document.objects.filter(organisation=ward_a, number="994-QĐ/TU").exists()
    assert not foreign_draft.related_documents.exists()
