import pytest
from django.db import transaction

from mattran.accounts.tests.factories import UserFactory
from mattran.core.models import AuditEvent
from mattran.core.selectors import audit_list_for
from mattran.core.services import AuditOutsideTransactionError, audit_record
from mattran.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_audit_record_stores_who_what_and_changes():
    user = UserFactory()
    organisation = OrganisationFactory()
    with transaction.atomic():
        event = audit_record(
            actor=user, action="organisation.rename", target=organisation, changes={"name": ["Cũ", "Mới"]}
        )
    assert event.actor == user and event.actor_label == user.username
    assert list(audit_list_for(target=organisation)) == [event]
    assert event.changes == {"name": ["Cũ", "Mới"]}


def test_audit_record_refuses_to_run_outside_a_transaction():
    with pytest.raises(AuditOutsideTransactionError):
        audit_record(actor=None, action="x", target=None)


def test_audit_row_rolls_back_with_the_change():
    organisation = OrganisationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor="system", action="organisation.rename", target=organisation)
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.exists()
