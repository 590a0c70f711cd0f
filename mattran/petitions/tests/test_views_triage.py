"""Daily triage in the pages: notes, chasing and assignment on the petition page (4xx on bad input, 404 for
another ward), the queue's new filters, the duplicate hint, the staff intake's date received and the badge."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mattran.accounts.models import Role
from mattran.petitions import services
from mattran.petitions.models import EventKind, Petition, PetitionStatus

from .conftest import grant

pytestmark = pytest.mark.django_db


def _url(name, petition):
    return reverse(f"petitions_admin:{name}", args=[petition.pk])


def test_the_petition_page_offers_note_chase_and_assign_to_the_officer(client, world):
    petition = world.forwarded()
    client.force_login(world.officer_a)
    page = client.get(_url("detail", petition)).content.decode()
    for action in ('data-action="note"', 'data-action="chase"', 'data-action="assign"'):
        assert action in page


def test_the_liaison_may_note_but_not_chase_or_assign(client, world):
    petition = world.forwarded()
    client.force_login(world.liaison_a)
    page = client.get(_url("detail", petition)).content.decode()
    assert 'data-action="note"' in page
    assert 'data-action="chase"' not in page and 'data-action="assign"' not in page
    # Refused (Wagtail turns the 403 into a redirect with a message): nothing is written.
    assert client.post(_url("chase", petition), {"chase-message": ""}).status_code in (302, 403)
    assert client.post(_url("assign", petition), {"assign-assignee": world.liaison_a.pk}).status_code in (302, 403)
    assert not petition.events.filter(kind__in=(EventKind.CHASED, EventKind.ASSIGNED)).exists()


def test_a_note_is_saved_and_shown_as_internal(client, world):
    petition = world.forwarded()
    client.force_login(world.officer_a)
    response = client.post(_url("note", petition), {"note-text": "Đã gọi đôn đốc cơ quan."})
    assert response.status_code == 302
    assert "Đã gọi đôn đốc cơ quan." in client.get(_url("detail", petition)).content.decode()
    assert petition.events.filter(kind=EventKind.NOTE, is_public=False).count() == 1


def test_an_empty_note_is_a_400_on_the_page_and_writes_nothing(client, world):
    petition = world.forwarded()
    client.force_login(world.officer_a)
    response = client.post(_url("note", petition), {"note-text": "   "})
    assert response.status_code == 400
    assert not petition.events.filter(kind=EventKind.NOTE).exists()


def test_another_wards_officer_gets_404_for_every_triage_step(client, world):
    petition = world.forwarded()
    client.force_login(world.officer_b)
    for name, data in (("note", {"note-text": "x"}), ("chase", {}), ("assign", {"assign-assignee": ""})):
        assert client.post(_url(name, petition), data).status_code == 404
    assert petition.events.filter(kind__in=(EventKind.NOTE, EventKind.CHASED, EventKind.ASSIGNED)).count() == 0


def test_chasing_from_the_page_mails_the_body_and_keeps_the_status(client, world, django_capture_on_commit_callbacks):
    petition = world.forwarded()
    client.force_login(world.officer_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("chase", petition), {"chase-message": "Xin trả lời sớm."})
    assert response.status_code == 302
    assert Petition.objects.get(pk=petition.pk).status == PetitionStatus.FORWARDED
    assert [m for m in mail.outbox if world.liaison_a.email in m.to]


def test_chasing_a_petition_no_body_has_is_a_400_with_the_reason(client, world):
    petition = world.submit()
    client.force_login(world.officer_a)
    response = client.post(_url("chase", petition), {"chase-message": ""})
    assert response.status_code == 400
    assert "Chỉ đôn đốc cơ quan" in response.content.decode()


def test_assigning_from_the_page_offers_only_colleagues(client, world):
    colleague = grant(world.ward_a, Role.OFFICER)
    petition = world.submit()
    client.force_login(world.officer_a)
    page = client.get(_url("detail", petition)).content.decode()
    assert f'value="{colleague.pk}"' in page and f'value="{world.officer_b.pk}"' not in page
    assert client.post(_url("assign", petition), {"assign-assignee": world.officer_b.pk}).status_code == 400
    assert client.post(_url("assign", petition), {"assign-assignee": colleague.pk}).status_code == 302
    assert Petition.objects.get(pk=petition.pk).assigned_to == colleague


def test_the_queue_filters_mine_and_sorts_by_due_date(client, world):
    mine, other = world.submit(title="Của tôi"), world.submit(title="Của người khác")
    services.petition_assign(petition=mine, assignee=world.officer_a, actor=world.officer_a)
    client.force_login(world.officer_a)
    page = client.get(reverse("petitions_admin:queue"), {"mine": "1", "sort": "due"}).content.decode()
    assert mine.reference in page and other.reference not in page
    assert 'value="due" selected' in page


def test_the_queue_with_a_bad_window_is_a_400_naming_it(client, world):
    client.force_login(world.officer_a)
    response = client.get(reverse("petitions_admin:queue"), {"within": "99"})
    assert response.status_code == 400
    assert "within" in response.content.decode()


def test_a_new_petition_shows_similar_open_ones_of_its_ward(client, world):
    original = world.submit(title="Ổ gà lớn gần chợ Bình Tây")
    new = world.submit(title="Ổ gà lớn trước chợ Bình Tây")
    client.force_login(world.officer_a)
    page = client.get(_url("detail", new)).content.decode()
    assert 'data-testid="similar"' in page and original.reference in page


def test_staff_intake_records_an_earlier_date_received(client, world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 12, 9))
    client.force_login(world.officer_a)
    response = client.post(reverse("petitions_admin:intake"), {
        "channel": "voter_contact", "kind": "kien_nghi", "topic": world.topic.pk, "title": "Ổ gà gần chợ",
        "content": "Nhận tại buổi tiếp xúc cử tri", "organisation": world.ward_a.pk,
        "form_token": "stafftokenstafftoken", "received_on": "2026-12-04",
    })
    assert response.status_code == 200
    petition = Petition.objects.get()
    assert petition.received_on == datetime.date(2026, 12, 4)
    assert timezone.localtime(petition.created_at).date() == datetime.date(2026, 12, 4)


def test_staff_intake_refuses_a_date_received_in_the_future(client, world, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 12, 9))
    client.force_login(world.officer_a)
    response = client.post(reverse("petitions_admin:intake"), {
        "channel": "phone", "kind": "kien_nghi", "topic": world.topic.pk, "title": "Ngập", "content": "Ngập",
        "organisation": world.ward_a.pk, "form_token": "stafftokenstafftoken", "received_on": "2026-12-10",
    })
    assert response.status_code == 400
    assert "tương lai" in response.content.decode()
    assert not Petition.objects.exists()


def _menu_labels(client):
    import json
    import re

    page = client.get(reverse("wagtailadmin_home")).content.decode()
    return [json.loads(f'"{label}"') for label in re.findall(r'"label": "((?:[^"\\]|\\.)*)"', page)]


def test_the_admin_menu_shows_how_many_petitions_need_attention(client, world):
    world.answered()
    client.force_login(world.officer_a)
    labels = _menu_labels(client)
    assert "Cần xem (1)" in labels and "Ý kiến, kiến nghị (1)" in labels
    client.force_login(world.officer_b)
    labels = _menu_labels(client)
    assert "Cần xem" in labels and "Cần xem (1)" not in labels
