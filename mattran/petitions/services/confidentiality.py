"""Confidential petitions (reports about the conduct of officials) and staff reads of personal data: who is
named on a confidential petition (``confidential.confidential_readers_for``), and the audit row of every read."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core.services import audit_record

from ..confidential import confidential_readers_for, notify_confidential_fallback_on_commit
from ..models import EventKind, Petition
from ._common import _actor_user, _event, _lock


def _confidential_readers_set(petition: Petition, *, extra: Iterable = (), actor) -> None:
    """Name the default readers (plus ``extra``) on a confidential petition; when only the fallback role (or
    nobody) could be named, the superusers are alerted and the fallback is audited."""
    readers = confidential_readers_for(organisation=petition.organisation)
    named = {*readers.users, *extra}
    if _actor_user(actor):
        named.add(actor)
    petition.allowed_officers.set(named)
    if readers.fallback:
        audit_record(
            actor=actor,
            action="petition.confidential_fallback",
            target=petition,
            changes={"readers": sorted(u.get_username() for u in named), "role": readers.role},
        )
        notify_confidential_fallback_on_commit(petition, readers=len(named))


@transaction.atomic
def petition_confidential_set(
    *, petition: Petition, confidential: bool, officers: Iterable = (), actor
) -> Petition:
    """Mark a petition as about the conduct of officials (or not) and name the officers who may see it."""
    petition = _lock(petition)
    officers = list(officers)
    petition.confidential = confidential
    if confidential:
        petition.publish_consent = False
        _confidential_readers_set(petition, extra=officers, actor=actor)
    else:
        petition.allowed_officers.clear()
    petition.save(update_fields=["confidential", "publish_consent", "updated_at"])
    _event(petition, kind=EventKind.CONFIDENTIAL, actor=actor, is_public=False)
    audit_record(
        actor=actor,
        action="petition.confidential_set",
        target=petition,
        changes={"confidential": confidential, "officers": officers},
    )
    return petition


@transaction.atomic
def petition_confidential_readers_refresh(*, petition: Petition, actor) -> Petition:
    """Name the current default readers on a confidential petition that nobody can read (e.g. after the
    committee got a leader): ``manage.py petitions_check_confidential --fix``."""
    petition = _lock(petition)
    if not petition.confidential:
        raise ValidationError(_("Kiến nghị này không ở chế độ mật."), code="not_confidential")
    before = sorted(u.get_username() for u in petition.allowed_officers.all())
    _confidential_readers_set(petition, extra=petition.allowed_officers.filter(is_active=True), actor=actor)
    audit_record(
        actor=actor,
        action="petition.confidential_readers_refresh",
        target=petition,
        changes={"readers": [before, sorted(u.get_username() for u in petition.allowed_officers.all())]},
    )
    return petition


@transaction.atomic
def petition_personal_data_view(*, petition: Petition, actor, reason: str = "") -> None:
    """Every staff read of a petition's personal data leaves an audit row (called from POST views only, so a
    link or an image tag cannot write to the audit log)."""
    audit_record(actor=actor, action="petition.view_personal_data", target=petition, changes={"reason": reason})
