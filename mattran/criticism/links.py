"""Signed, expiring links (``mattran.core.signed_links``): the invited expert's link to comment, and the drafting
body's link to answer the criticism point by point — both without an account.

An expert's token names the invitation, its draft and the invitation's nonce (revoking it stops the link). The
body's token names the draft, its drafting body and ``Draft.reply_nonce``, set when the criticism is sent and on
each resend (older links stop working) and cleared when the draft is closed. Both expire after
``CRITICISM_LINK_DAYS`` (default 60) days.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from mattran.core.signed_links import SignedLinkError, signed_token_make, signed_token_read

from .models import Draft, Invitation

EXPERT_SALT = "mattran.criticism.expert"
BODY_SALT = "mattran.criticism.body"


class CriticismLinkError(Exception):
    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


def _max_age() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "CRITICISM_LINK_DAYS", 60))


def _read(token: str, salt: str) -> dict:
    try:
        return signed_token_read(token, salt=salt, max_age=_max_age())
    except SignedLinkError as exc:
        raise CriticismLinkError(str(exc), expired=exc.expired) from exc


def _absolute(name: str, token: str) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        return base + reverse(name, kwargs={"token": token})


def invitation_token_make(*, invitation: Invitation) -> str:
    draft_id, nonce = Invitation.objects.values_list("draft_id", "nonce").get(pk=invitation.pk)
    return signed_token_make(salt=EXPERT_SALT, data={"i": invitation.pk, "d": draft_id, "n": nonce})


def invitation_url(*, invitation: Invitation) -> str:
    return _absolute("criticism:expert", invitation_token_make(invitation=invitation))


def invitation_token_read(token: str) -> Invitation:
    data = _read(token, EXPERT_SALT)
    invitation = Invitation.objects.select_related("draft").filter(pk=data.get("i")).first()
    if invitation is None or invitation.draft_id != data.get("d") or invitation.nonce != data.get("n"):
        raise CriticismLinkError("moved")
    if invitation.revoked:
        raise CriticismLinkError("revoked")
    return invitation


def reply_token_make(*, draft: Draft) -> str:
    body_id, nonce = Draft.objects.values_list("drafting_body_id", "reply_nonce").get(pk=draft.pk)
    return signed_token_make(salt=BODY_SALT, data={"d": draft.pk, "b": body_id, "n": nonce})


def reply_url(*, draft: Draft) -> str:
    return _absolute("criticism:body_reply", reply_token_make(draft=draft))


def reply_token_read(token: str) -> Draft:
    data = _read(token, BODY_SALT)
    draft = Draft.objects.select_related("drafting_body", "organisation").filter(pk=data.get("d")).first()
    if draft is None or draft.drafting_body_id != data.get("b"):
        raise CriticismLinkError("moved")
    if not draft.reply_nonce or draft.reply_nonce != data.get("n"):
        raise CriticismLinkError("revoked")
    return draft
