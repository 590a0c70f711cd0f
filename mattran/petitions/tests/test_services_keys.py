"""The public reference and the secret key (services): references are allocated per year, the key never goes
to anyone but the submitter, and a rating is given once per answer round."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mattran.core.models import AuditEvent
from mattran.petitions import services
from mattran.petitions.models import (
    EventKind,
    Petition,
    PetitionReferenceSequence,
    reference_allocate,
    reference_normalise,
    tracking_code_normalise,
)

pytestmark = pytest.mark.django_db


def test_submit_gives_each_petition_the_next_reference_of_its_year(world):
    year = timezone.localdate().year
    first, second = world.submit(), world.submit()
    assert first.reference == f"KN-{year}-000001" and second.reference == f"KN-{year}-000002"
    old = world.submit(submitted_at=datetime.datetime(2025, 3, 4, 9, 0, tzinfo=datetime.UTC))
    assert old.reference == "KN-2025-000001"
    assert PetitionReferenceSequence.objects.get(year=year).last == 2


def test_a_refused_submission_uses_no_reference_number(world):
    with pytest.raises(ValidationError):
        world.submit(channel="external")  # refused before anything is written
    assert world.submit().reference.endswith("-000001")


def test_reference_allocation_hands_out_blocks_without_gaps(db):
    assert reference_allocate(year=2030, count=3) == ["KN-2030-000001", "KN-2030-000002", "KN-2030-000003"]
    assert reference_allocate(year=2030) == ["KN-2030-000004"]


def test_references_and_tracking_codes_cannot_be_mistaken_for_each_other(world):
    petition = world.submit()
    assert reference_normalise(petition.tracking_code) == ""
    assert tracking_code_normalise(petition.reference) == ""
    assert reference_normalise("kn 2026 4217") == "KN-2026-004217"


def test_rating_twice_in_one_round_is_refused_by_the_service(world):
    petition = world.informed()
    services.petition_rate(petition=petition, rating=1, comment="Chưa giải quyết", actor="người gửi")
    with pytest.raises(ValidationError) as exc:
        services.petition_rate(petition=petition, rating=5, actor="cơ quan giả danh")
    assert exc.value.code == "already_rated"
    petition.refresh_from_db()
    assert petition.rating == 1 and petition.rating_comment == "Chưa giải quyết"
    assert petition.events.filter(kind=EventKind.RATED).count() == 1


def test_reopening_starts_a_new_round_that_can_be_rated_again(world):
    petition = world.informed()
    services.petition_rate(petition=petition, rating=2, actor="người gửi")
    services.petition_reopen(petition=petition, reason="Rác vẫn còn", actor="người gửi")
    petition.refresh_from_db()
    assert petition.rating is None and petition.rated_at is None
    services.petition_forward(petition=petition, actor=world.officer_a)
    services.petition_acknowledge(petition=petition, actor=world.liaison_a)
    services.petition_answer(petition=petition, text="Đã thu gom lần hai.", actor=world.liaison_a)
    services.answer_accept(petition=petition, public_text="Đã thu gom lần hai.", actor=world.officer_a)
    services.petition_inform(petition=petition, method="phone", actor=world.officer_a)
    services.petition_rate(petition=petition, rating=4, actor="người gửi")
    petition.refresh_from_db()
    assert petition.rating == 4
    assert petition.events.filter(kind=EventKind.RATED).count() == 2


def test_merge_note_names_the_duplicate_by_reference_never_by_its_key(world):
    main, duplicate = world.forwarded(), world.submit()
    services.petition_merge(petition=duplicate, into=main, actor=world.officer_a)
    note = main.events.get(kind=EventKind.DUPLICATE_ADDED).internal_note
    assert note == duplicate.reference and duplicate.tracking_code not in note


def test_duplicates_are_told_of_the_answer_but_not_of_the_other_citizens_reopen_reason_or_rating(
    world, django_capture_on_commit_callbacks
):
    main = world.accepted()
    duplicate = world.submit(submitter_email="trung.le@example.vn", title="Rác đầu hẻm (trùng)")
    services.petition_merge(petition=duplicate, into=main, actor=world.officer_a)
    main.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_inform(petition=main, method="phone", actor=world.officer_a)
        services.petition_rate(petition=main, rating=1, comment="Nhận xét riêng", actor="người gửi")
        services.petition_reopen(petition=main, reason="Lý do riêng của bà Hải: nhà tôi số 8", actor="người gửi")
        services.petition_forward(petition=main, actor=world.officer_a)
    to_duplicate = [m for m in mail.outbox if m.to == ["trung.le@example.vn"]]
    assert to_duplicate, "the duplicate's submitter hears of the new forwarding"
    for message in to_duplicate:
        text = message.subject + message.body
        assert "Lý do riêng" not in text and "Nhận xét riêng" not in text and "Mức hài lòng" not in text
        assert main.tracking_code not in text and main.title not in text
        assert duplicate.tracking_code in message.body and main.reference in message.body


def test_audit_rows_name_a_petition_by_reference_never_by_title_or_key(world):
    petition = world.submit(title="Cán bộ phường nhận tiền", confidential=True)
    services.petition_confidential_set(petition=petition, confidential=True, actor=world.officer_a)
    rows = AuditEvent.objects.filter(target_type__model="petition", target_id=str(petition.pk))
    assert rows.exists()
    for row in rows:
        assert row.target_repr == petition.reference
        assert "nhận tiền" not in str(row.changes) and petition.tracking_code not in str(row.changes)
    assert str(Petition.objects.get(pk=petition.pk)) == petition.reference
