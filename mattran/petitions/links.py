"""Signed, expiring links that let a body's liaison officer acknowledge and answer without an account.

The token names the petition, the body, the forwarding round and the petition's current ``liaison_nonce``; it
stops working when the petition has been forwarded elsewhere or again, when an officer resends the link (a new
nonce), or after ``PetitionSettings.liaison_link_days``. Once the body has answered (or the petition left the
body), the page shows only that it is done, not the petition's content.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from mattran.core.signed_links import SignedLinkError, signed_token_make, signed_token_read

from .models import Petition, PetitionEvent, PetitionSettings

SALT = "mattran.petitions.liaison"


class LiaisonLinkError(Exception):
    """The link is malformed, expired, or no longer points at the petition's current forwarding."""

    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


def liaison_token_make(*, event: PetitionEvent) -> str:
    # The nonce is read from the database, not from ``event.petition``, which may be a stale copy in memory.
    nonce = Petition.objects.values_list("liaison_nonce", flat=True).get(pk=event.petition_id)
    return signed_token_make(salt=SALT, data={"p": event.petition_id, "b": event.body_id, "e": event.pk, "n": nonce})


def liaison_url(*, event: PetitionEvent) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    # Bodies work in Vietnamese: the link never takes the language of whoever triggered the email.
    with translation.override(settings.LANGUAGE_CODE):
        return base + reverse("petitions:liaison", kwargs={"token": liaison_token_make(event=event)})


def liaison_token_read(token: str) -> tuple[Petition, int]:
    """The petition and the body id behind ``token``; raises LiaisonLinkError."""
    max_age = datetime.timedelta(days=PetitionSettings.load().liaison_link_days)
    try:
        data = signed_token_read(token, salt=SALT, max_age=max_age)
    except SignedLinkError as exc:
        raise LiaisonLinkError(str(exc), expired=exc.expired) from exc
    petition = Petition.objects.select_related("topic", "organisation", "body").filter(pk=data.get("p")).first()
    if petition is None or petition.body_id != data.get("b"):
        raise LiaisonLinkError("moved")
    latest_forward = petition.events.filter(kind="forwarded").order_by("-created_at", "-id").first()
    if latest_forward is None or latest_forward.pk != data.get("e"):
        raise LiaisonLinkError("moved")
    # Links made before nonces existed carry none and match the empty nonce of petitions not forwarded since.
    if data.get("n", "") != petition.liaison_nonce:
        raise LiaisonLinkError("revoked")
    return petition, data["b"]
