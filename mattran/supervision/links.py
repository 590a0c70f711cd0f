"""Signed, expiring links that let the addressee body's liaison acknowledge, answer and report progress on a
recommendation without an account (the mechanism of petitions: ``mattran.core.signed_links``).

The token names the recommendation, its addressee body and the recommendation's current ``liaison_nonce``; it
stops working when an officer issues it again or resends the link (a new nonce), when the addressee changes, or
after ``SupervisionSettings.liaison_link_days``.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from mattran.core.signed_links import SignedLinkError, signed_token_make, signed_token_read
from mattran.organisations.models import Body

from .models import Recommendation, SupervisionSettings

SALT = "mattran.supervision.liaison"


class RecommendationLinkError(Exception):
    """The link is malformed, expired, or no longer the recommendation's current link."""

    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


def recommendation_token_make(*, recommendation: Recommendation) -> str:
    # Read from the database, not from ``recommendation``, which may be a stale copy in memory.
    addressee_id, nonce = Recommendation.objects.values_list("addressee_id", "liaison_nonce").get(pk=recommendation.pk)
    return signed_token_make(salt=SALT, data={"r": recommendation.pk, "b": addressee_id, "n": nonce})


def recommendation_url(*, recommendation: Recommendation) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    # Bodies work in Vietnamese: the link never takes the language of whoever triggered the email.
    with translation.override(settings.LANGUAGE_CODE):
        token = recommendation_token_make(recommendation=recommendation)
        return base + reverse("supervision:liaison", kwargs={"token": token})


def recommendation_token_read(token: str) -> tuple[Recommendation, Body]:
    """The recommendation and its addressee behind ``token``; raises RecommendationLinkError."""
    max_age = datetime.timedelta(days=SupervisionSettings.load().liaison_link_days)
    try:
        data = signed_token_read(token, salt=SALT, max_age=max_age)
    except SignedLinkError as exc:
        raise RecommendationLinkError(str(exc), expired=exc.expired) from exc
    recommendation = (
        Recommendation.objects.select_related("addressee", "organisation", "activity", "parent")
        .filter(pk=data.get("r"))
        .first()
    )
    if recommendation is None or recommendation.addressee_id != data.get("b"):
        raise RecommendationLinkError("moved")
    # A recommendation never issued has no nonce and no valid link.
    if not recommendation.liaison_nonce or data.get("n") != recommendation.liaison_nonce:
        raise RecommendationLinkError("revoked")
    return recommendation, recommendation.addressee
