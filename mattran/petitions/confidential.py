"""Who reads a confidential petition (a report about the conduct of officials), and the alarm when nobody
suitable exists.

Default readers: the ADMIN-role members (the committee's leaders) of the receiving committee and of every
committee above it. When there are none, the fallback role is OFFICER at the nearest level that has any, from
the receiving committee upwards, and the superusers are alerted (e-mail + audit row), so a report never sits
where nobody can see it. ``manage.py petitions_check_confidential`` lists any confidential petition left with no
active reader.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from mattran.accounts.models import Membership, Role, User
from mattran.organisations.models import Organisation

from .models import Petition
from .notifications import send_template_email

# The role that reads confidential petitions when the committees have no ADMIN-role member (data: one place).
CONFIDENTIAL_FALLBACK_ROLE = Role.OFFICER


@dataclass
class ConfidentialReaders:
    users: list
    role: str  # the role the readers were chosen by
    fallback: bool  # True when no ADMIN-role member exists up the tree


def _members(*, role: str, organisation_ids) -> QuerySet:
    memberships = Membership.objects.active_on(timezone.localdate()).filter(
        role=role, organisation_id__in=organisation_ids
    )
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("pk")


def confidential_readers_for(*, organisation: Organisation) -> ConfidentialReaders:
    admins = list(_members(role=Role.ADMIN, organisation_ids=organisation.path_ids()))
    if admins:
        return ConfidentialReaders(users=admins, role=Role.ADMIN, fallback=False)
    for organisation_id in reversed(organisation.path_ids()):
        officers = list(_members(role=CONFIDENTIAL_FALLBACK_ROLE, organisation_ids=[organisation_id]))
        if officers:
            return ConfidentialReaders(users=officers, role=CONFIDENTIAL_FALLBACK_ROLE, fallback=True)
    return ConfidentialReaders(users=[], role="", fallback=True)


def petition_list_confidential_unread() -> QuerySet:
    """Confidential petitions that no active user is named on: nobody can see or handle them."""
    readable = Petition.allowed_officers.through.objects.filter(user__is_active=True).values("petition_id")
    return Petition.objects.filter(confidential=True).exclude(pk__in=readable).order_by("created_at", "id")


def notify_confidential_fallback_on_commit(petition: Petition, *, readers: int) -> None:
    petition_id = petition.pk
    transaction.on_commit(lambda: confidential_fallback_email.enqueue(petition_id, readers))


def alert_recipients() -> list[str]:
    superusers = User.objects.filter(is_superuser=True, is_active=True).exclude(email="")
    return sorted({*superusers.values_list("email", flat=True), *(email for _name, email in settings.ADMINS)})


@task()
def confidential_fallback_email(petition_id: int, readers: int) -> int:
    """Tell the superusers (and ADMINS) that a confidential petition had no leader to read it. The mail names
    the petition by its reference only: no title, content or submitter."""
    petition = Petition.objects.select_related("organisation").filter(pk=petition_id).first()
    if petition is None:
        return 0
    return send_template_email(
        to=alert_recipients(),
        subject_template="petitions/email/confidential_fallback_subject.txt",
        body_template="petitions/email/confidential_fallback.txt",
        context={"petition": petition, "readers": readers},
    )
