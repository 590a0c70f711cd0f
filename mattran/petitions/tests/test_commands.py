import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from mattran.petitions.models import Petition, PetitionEvent
from mattran.petitions.tasks import petitions_daily

pytestmark = pytest.mark.django_db


def test_petitions_generate_makes_consistent_rows(world):
    call_command("petitions_generate", "120", "--batch", "50", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Petition.objects.count() == 120
    assert PetitionEvent.objects.filter(kind="submitted").count() == 120
    forwarded = Petition.objects.filter(status__in=["forwarded", "in_progress"])
    assert not forwarded.filter(due_date__isnull=True).exists()


def test_petitions_generate_draws_new_codes_when_a_random_one_is_taken(world, monkeypatch):
    from mattran.petitions.codes import tracking_code_new
    from mattran.petitions.management.commands import petitions_generate

    taken = world.submit().tracking_code
    codes = iter([taken])
    monkeypatch.setattr(petitions_generate, "tracking_code_new", lambda: next(codes, None) or tracking_code_new())
    call_command("petitions_generate", "5", "--batch", "5", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Petition.objects.count() == 6 and Petition.objects.filter(tracking_code=taken).count() == 1


def test_petitions_daily_sends_digest_to_officers(world, capsys):
    world.submit()
    call_command("petitions_daily")
    assert "thư tổng hợp: " in capsys.readouterr().out
    assert any(world.officer_a.email in m.to for m in mail.outbox)
    assert not any(world.officer_b.email in m.to for m in mail.outbox)


def test_daily_task_escalates_overdue_to_committee_above(world, django_capture_on_commit_callbacks):
    from mattran.accounts.models import Role
    from mattran.petitions.tests.conftest import grant

    city_officer = grant(world.city, Role.OFFICER)
    petition = world.forwarded()
    Petition.objects.filter(pk=petition.pk).update(due_date=datetime.date.today() - datetime.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        counts = petitions_daily.call()
    assert counts["escalated_up"] == 1
    assert any(city_officer.email in m.to and petition.reference in m.subject for m in mail.outbox)
