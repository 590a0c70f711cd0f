"""Confidential petitions are never orphaned: a fallback reader, an alert to the superusers, and a check."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from mattran.accounts.models import Role
from mattran.accounts.tests.factories import UserFactory
from mattran.core.models import AuditEvent
from mattran.petitions import services
from mattran.petitions.permissions import petition_queryset_for
from mattran.petitions.tests.conftest import grant

pytestmark = pytest.mark.django_db


def test_without_a_leader_the_committees_officers_read_it_and_superusers_are_alerted(
    world, django_capture_on_commit_callbacks
):
    """The review's case: a ward with officers but no ADMIN-role member anywhere up the tree."""
    UserFactory(is_superuser=True, email="quantri@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        petition = world.submit(confidential=True, title="Cán bộ phường nhận tiền")
    assert list(petition.allowed_officers.all()) == [world.officer_a]
    assert petition_queryset_for(user=world.officer_a).filter(pk=petition.pk).exists()
    assert not petition_queryset_for(user=world.officer_b).filter(pk=petition.pk).exists()
    assert AuditEvent.objects.filter(action="petition.confidential_fallback", target_id=str(petition.pk)).exists()
    [alert] = [m for m in mail.outbox if m.to == ["quantri@example.vn"]]
    assert petition.reference in alert.subject and "nhận tiền" not in alert.subject + alert.body


def test_with_a_leader_up_the_tree_only_leaders_read_it_and_no_alert(world, django_capture_on_commit_callbacks):
    leader = grant(world.city, Role.ADMIN)
    UserFactory(is_superuser=True, email="quantri@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        petition = world.submit(confidential=True)
    assert list(petition.allowed_officers.all()) == [leader]
    assert not AuditEvent.objects.filter(action="petition.confidential_fallback").exists()
    assert not [m for m in mail.outbox if m.to == ["quantri@example.vn"]]


def test_check_command_lists_confidential_petitions_nobody_can_read_and_fix_names_readers(world):
    petition = world.submit(confidential=True)
    petition.allowed_officers.clear()  # e.g. the only reader left
    with pytest.raises(CommandError):
        call_command("petitions_check_confidential")
    leader = grant(world.ward_a, Role.ADMIN)
    call_command("petitions_check_confidential", "--fix")  # no error: every confidential petition has a reader
    assert leader in petition.allowed_officers.all()


def test_check_command_passes_when_every_confidential_petition_has_a_reader(world, capsys):
    world.submit(confidential=True)
    call_command("petitions_check_confidential")
    assert "Mọi kiến nghị mật" in capsys.readouterr().out


def test_confidential_form_help_text_names_the_fallback(world):
    from mattran.petitions.forms import ConfidentialForm

    assert "cán bộ Mặt trận" in str(ConfidentialForm().fields["officers"].help_text)


def test_officer_setting_confidential_keeps_the_chosen_officers_and_the_fallback(world):
    petition = world.submit()
    services.petition_confidential_set(
        petition=petition, confidential=True, officers=[world.officer_b], actor=world.officer_a
    )
    assert set(petition.allowed_officers.all()) == {world.officer_a, world.officer_b}
