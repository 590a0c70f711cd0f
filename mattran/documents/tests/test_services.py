import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mattran.core.models import AuditEvent
from mattran.documents.models import Document, DocumentEvent, DocumentKind, PublicationStatus
from mattran.documents.services import (
    document_create,
    document_delete,
    document_publish,
    document_update,
    document_withdraw,
)

from .factories import DocumentFactory, docx_upload, pdf_upload

pytestmark = pytest.mark.django_db
EXE_AS_PDF = b"MZ\x90\x00" + b"\x00" * 100


def _create(actor, organisation, **overrides):
    fields = {
        "number": "994-QĐ/TU",
        "kind": DocumentKind.DECISION,
        "organisation": organisation,
        "issuer_name": "Ban Thường vụ Thành ủy",
        "issued_on": datetime.date(2017, 5, 25),
        "abstract": "Về việc tổ chức hội nghị gặp gỡ, đối thoại với Nhân dân.",
        "file": pdf_upload(),
    }
    return document_create(actor=actor, **(fields | overrides))


def test_create_stores_keys_slug_event_and_audit_row(officer_a, ward_a):
    document = _create(officer_a, ward_a)
    assert document.number_normalised == "994-qd/tu"
    assert document.number_bare == "994"
    assert document.slug == "quyet-dinh-994-qd-tu"
    assert document.publication_status == PublicationStatus.DRAFT
    assert document.file.name.endswith(".pdf") and document.file_size > 0
    assert DocumentEvent.objects.filter(document=document, kind="created", actor=officer_a).exists()
    assert AuditEvent.objects.filter(action="document.create", actor=officer_a, target_id=str(document.pk)).exists()


def test_create_with_publish_publishes_in_the_same_call(officer_a, ward_a):
    document = _create(officer_a, ward_a, publish=True)
    assert document.publication_status == PublicationStatus.PUBLISHED and document.published_at
    assert list(document.events.values_list("kind", flat=True)) == ["created", "published"]


def test_same_number_twice_in_one_register_is_refused_whatever_the_spelling(officer_a, ward_a):
    _create(officer_a, ward_a)
    with pytest.raises(ValidationError) as error:
        _create(officer_a, ward_a, number="994 - qđ/tu")
    assert "number" in error.value.message_dict
    assert Document.objects.count() == 1


def test_bad_file_is_refused_and_nothing_is_written(officer_a, ward_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as error:
        _create(officer_a, ward_a, file=SimpleUploadedFile("setup.pdf", EXE_AS_PDF))
    assert "file" in error.value.message_dict
    assert not Document.objects.exists() and not AuditEvent.objects.filter(action="document.create").exists()


def test_effective_date_before_issue_date_is_refused(officer_a, ward_a):
    with pytest.raises(ValidationError) as error:
        _create(officer_a, ward_a, effective_from=datetime.date(2017, 1, 1))
    assert "effective_from" in error.value.message_dict


def test_number_must_start_with_a_digit(officer_a, ward_a):
    with pytest.raises(ValidationError) as error:
        _create(officer_a, ward_a, number="QĐ/TU")
    assert "number" in error.value.message_dict


def test_officer_cannot_write_another_wards_register(officer_a, ward_b):
    with pytest.raises(PermissionDenied):
        _create(officer_a, ward_b)
    document = DocumentFactory(organisation=ward_b)
    with pytest.raises(PermissionDenied):
        document_update(actor=officer_a, document=document, abstract="Sửa trái phép")
    with pytest.raises(PermissionDenied):
        document_withdraw(actor=officer_a, document=document)
    with pytest.raises(PermissionDenied):
        document_delete(actor=officer_a, document=document)


def test_officer_cannot_move_an_entry_into_another_register(officer_a, ward_a, ward_b):
    document = _create(officer_a, ward_a)
    with pytest.raises(PermissionDenied):
        document_update(actor=officer_a, document=document, organisation=ward_b)


def test_update_records_old_and_new_values_and_replaces_the_file(officer_a, ward_a):
    document = _create(officer_a, ward_a)
    other = _create(officer_a, ward_a, number="935-QĐ/TU")
    document_update(
        actor=officer_a, document=document, abstract="Trích yếu mới về giám sát", file=docx_upload(),
        related_documents=[other],
    )
    document.refresh_from_db()
    assert document.file.name.endswith(".docx")
    assert list(other.related_documents.all()) == [document]  # symmetrical
    audit = AuditEvent.objects.get(action="document.update")
    assert audit.changes["abstract"] == ["Về việc tổ chức hội nghị gặp gỡ, đối thoại với Nhân dân.", "Trích yếu mới về giám sát"]
    assert "file" in audit.changes and "related_documents" in audit.changes


def test_update_rejects_fields_it_does_not_own(officer_a, ward_a):
    document = _create(officer_a, ward_a)
    with pytest.raises(ValidationError):
        document_update(actor=officer_a, document=document, publication_status=PublicationStatus.PUBLISHED)


def test_update_without_changes_writes_no_audit_row(officer_a, ward_a):
    document = _create(officer_a, ward_a)
    document_update(actor=officer_a, document=document, abstract=document.abstract)
    assert not AuditEvent.objects.filter(action="document.update").exists()


def test_publish_needs_a_file_and_cannot_repeat(officer_a, ward_a):
    document = _create(officer_a, ward_a, file=None)
    with pytest.raises(ValidationError):
        document_publish(actor=officer_a, document=document)
    document_update(actor=officer_a, document=document, file=pdf_upload())
    document_publish(actor=officer_a, document=document)
    with pytest.raises(ValidationError):
        document_publish(actor=officer_a, document=document)


def test_withdraw_keeps_history_and_records_the_reason(officer_a, ward_a):
    document = _create(officer_a, ward_a, publish=True)
    document_withdraw(actor=officer_a, document=document, reason="Đã được thay thế")
    document.refresh_from_db()
    assert document.publication_status == PublicationStatus.WITHDRAWN
    assert list(document.events.values_list("kind", flat=True)) == ["created", "published", "withdrawn"]
    assert AuditEvent.objects.get(action="document.withdraw").changes["reason"] == "Đã được thay thế"
    with pytest.raises(ValidationError):
        document_withdraw(actor=officer_a, document=document)


def test_delete_keeps_an_audit_row(officer_a, ward_a):
    document = _create(officer_a, ward_a)
    pk = document.pk
    document_delete(actor=officer_a, document=document)
    assert not Document.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.get(action="document.delete").changes["number"] == "994-QĐ/TU"


def test_city_officer_reaches_ward_registers_below(ward_a):
    from mattran.accounts.models import Role
    from mattran.accounts.services import membership_grant
    from mattran.accounts.tests.factories import UserFactory
    from mattran.organisations.tests.factories import OrganisationFactory

    city = OrganisationFactory(name="Ủy ban MTTQ Việt Nam thành phố")
    ward_a.parent = city
    ward_a.save()
    city_officer = UserFactory()
    membership_grant(actor=None, user=city_officer, organisation=city, role=Role.OFFICER)
    ward_a.refresh_from_db()
    assert _create(city_officer, ward_a).organisation == ward_a


def test_create_and_update_refuse_a_link_to_another_registers_draft():
    from django.core.exceptions import ValidationError

    from mattran.accounts.models import Role
    from mattran.accounts.services import membership_grant
    from mattran.accounts.tests.factories import UserFactory
    from mattran.documents.models import PublicationStatus
    from mattran.documents.services import document_create, document_update
    from mattran.documents.tests.factories import DocumentFactory
    from mattran.organisations.tests.factories import OrganisationFactory

    ward_a, ward_b = OrganisationFactory(), OrganisationFactory()
    officer = UserFactory()
    membership_grant(actor=None, user=officer, organisation=ward_a, role=Role.OFFICER)
    foreign_draft = DocumentFactory(organisation=ward_b, publication_status=PublicationStatus.DRAFT)
    fields = {
        "number": "12/BC-MTTQ", "kind": "bao_cao", "organisation": ward_a, "issuer_name": "Ban Thường trực",
        "issued_on": foreign_draft.issued_on, "abstract": "Báo cáo",
    }
    with pytest.raises(ValidationError) as error:
        document_create(actor=officer, related_documents=[foreign_draft], **fields)
    assert "related_documents" in error.value.error_dict
    own = document_create(actor=officer, related_documents=[DocumentFactory(organisation=ward_b)], **fields)
    with pytest.raises(ValidationError):
        document_update(actor=officer, document=own, related_documents=[foreign_draft])
    assert not own.related_documents.filter(pk=foreign_draft.pk).exists()
