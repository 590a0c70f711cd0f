"""Daily triage services (triage.py) and the intake pieces behind them: notes, chasing the body, assignment,
the date received, officers told of a reopened petition."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mattran.accounts.models import Role
from mattran.core.models import AuditEvent
from mattran.petitions import services
from mattran.petitions.models import EventKind, PetitionChannel, PetitionStatus

from .conftest import grant

pytestmark = pytest.mark.django_db

# A Friday; ten working days later is Friday 18 December 2026.
FRIDAY = datetime.date(2026, 12, 4)


def _on(monkeypatch, day):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def test_a_note_is_an_internal_timeline_entry_with_an_audit_row_and_no_status_change(world):
    petition = world.forwarded()
    mail.outbox.clear()
    event = services.petition_note_add(petition=petition, text="  Đã gọi điện cho UBND phường.  ", actor=world.officer_a)
    petition.refresh_from_db()
    assert (event.kind, event.is_public, event.internal_note) == (EventKind.NOTE, False, "Đã gọi điện cho UBND phường.")
    assert petition.status == PetitionStatus.FORWARDED
    assert AuditEvent.objects.filter(action="petition.note_add", target_id=str(petition.pk)).count() == 1
    assert mail.outbox == []


def test_an_empty_note_is_refused_and_writes_nothing(world):
    petition = world.forwarded()
    before = petition.events.count()
    with pytest.raises(ValidationError) as exc:
        services.petition_note_add(petition=petition, text=" \x00 ", actor=world.officer_a)
    assert "text" in exc.value.message_dict
    assert petition.events.count() == before
    assert not AuditEvent.objects.filter(action="petition.note_add").exists()


def test_chasing_mails_the_body_its_link_keeps_status_due_date_and_reminder_level(
    world, django_capture_on_commit_callbacks
):
    petition = world.forwarded()
    due, nonce = petition.due_date, petition.liaison_nonce
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = services.petition_chase(petition=petition, message="Đề nghị trả lời trước thứ Sáu.", actor=world.officer_a)
    petition.refresh_from_db()
    assert (petition.status, petition.due_date, petition.escalation_level, petition.liaison_nonce) == (
        PetitionStatus.FORWARDED, due, 0, nonce
    )
    assert (event.kind, event.is_public) == (EventKind.CHASED, False)
    [message] = mail.outbox
    assert world.liaison_a.email in message.to
    assert petition.reference in message.subject
    assert "Đề nghị trả lời trước thứ Sáu." in message.body
    assert "/kien-nghi/co-quan/" in message.body
    assert petition.tracking_code not in message.body
    assert AuditEvent.objects.filter(action="petition.chase", target_id=str(petition.pk)).count() == 1


def test_chasing_is_refused_when_no_body_has_the_petition(world):
    petition = world.submit()
    with pytest.raises(ValidationError) as exc:
        services.petition_chase(petition=petition, actor=world.officer_a)
    assert "Đã gửi, chờ tiếp nhận" in exc.value.messages[0]
    assert not petition.events.filter(kind=EventKind.CHASED).exists()


def test_an_officer_assigns_a_colleague_of_the_receiving_committee(world):
    colleague = grant(world.ward_a, Role.OFFICER)
    petition = world.submit()
    services.petition_assign(petition=petition, assignee=colleague, actor=world.officer_a)
    petition.refresh_from_db()
    assert petition.assigned_to == colleague
    event = petition.events.get(kind=EventKind.ASSIGNED)
    assert not event.is_public
    audit = AuditEvent.objects.get(action="petition.assign")
    assert audit.target_id == str(petition.pk)


def test_an_officer_of_the_city_above_may_be_put_in_charge(world):
    city_officer = grant(world.city, Role.OFFICER)
    petition = world.submit()
    services.petition_assign(petition=petition, assignee=city_officer, actor=world.officer_a)
    petition.refresh_from_db()
    assert petition.assigned_to == city_officer


def test_assigning_another_wards_officer_or_a_liaison_is_refused(world):
    petition = world.submit()
    for outsider in (world.officer_b, world.liaison_a):
        with pytest.raises(ValidationError) as exc:
            services.petition_assign(petition=petition, assignee=outsider, actor=world.officer_a)
        assert "assignee" in exc.value.message_dict
    petition.refresh_from_db()
    assert petition.assigned_to is None
    assert not AuditEvent.objects.filter(action="petition.assign").exists()


def test_a_confidential_petition_goes_only_to_an_officer_named_on_it(world):
    colleague = grant(world.ward_a, Role.OFFICER)
    petition = world.submit(confidential=True)
    petition.allowed_officers.set([world.officer_a])  # the ward has a leader who named only this officer
    services.petition_assign(petition=petition, assignee=world.officer_a, actor=world.officer_a)
    with pytest.raises(ValidationError):
        services.petition_assign(petition=petition, assignee=colleague, actor=world.officer_a)


def test_unassigning_clears_the_officer_in_charge(world):
    petition = world.submit()
    services.petition_assign(petition=petition, assignee=world.officer_a, actor=world.officer_a)
    services.petition_assign(petition=petition, assignee=None, actor=world.officer_a)
    petition.refresh_from_db()
    assert petition.assigned_to is None
    assert petition.events.filter(kind=EventKind.ASSIGNED).count() == 2


def test_a_petition_received_days_earlier_keeps_that_day_and_its_first_due_date_counts_from_it(world, monkeypatch):
    _on(monkeypatch, datetime.date(2026, 12, 9))  # typed in on Wednesday, received at Friday's meeting
    received = timezone.make_aware(datetime.datetime(2026, 12, 4, 12, 0))
    petition = world.submit(channel=PetitionChannel.VOTER_CONTACT, submitted_at=received, actor=world.officer_a)
    petition.refresh_from_db()
    assert petition.received_on == FRIDAY
    services.petition_accept(petition=petition, actor=world.officer_a)
    services.petition_forward(petition=petition, actor=world.officer_a)
    petition.refresh_from_db()
    assert petition.due_date == datetime.date(2026, 12, 18)  # ten working days from Friday, not from Wednesday


def test_a_petition_received_today_has_no_separate_date_and_counts_from_the_forwarding(world, monkeypatch):
    _on(monkeypatch, FRIDAY)
    petition = world.submit()
    assert petition.received_on is None
    services.petition_accept(petition=petition, actor=world.officer_a)
    services.petition_forward(petition=petition, actor=world.officer_a)
    petition.refresh_from_db()
    assert petition.due_date == datetime.date(2026, 12, 18)


def test_officers_are_mailed_when_a_submitter_reopens(world, django_capture_on_commit_callbacks):
    petition = world.informed()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.petition_reopen(petition=petition, reason="Rác vẫn còn.", actor="công dân")
    officer_mails = [m for m in mail.outbox if world.officer_a.email in m.to]
    assert len(officer_mails) == 1
    assert petition.reference in officer_mails[0].subject
    assert "Rác vẫn còn." not in officer_mails[0].body  # the citizen's words stay on the petition page
    assert world.officer_b.email not in officer_mails[0].to
