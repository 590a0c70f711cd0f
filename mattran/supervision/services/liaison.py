"""The addressee body's signed link: resending it (a new nonce, so the links sent before stop working)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core.services import audit_record

from ..models import Recommendation, RecommendationEvent, RecommendationEventKind, liaison_nonce_new
from ..notifications import notify_addressee_on_commit
from .recommendations import TRANSITIONS, _label, _locked

# While the body still has something to do: acknowledge, answer, or report implementation.
LIAISON_ACTIONS = ("acknowledge", "respond", "milestone")


def recommendation_liaison_can(recommendation: Recommendation, action: str) -> bool:
    return action in LIAISON_ACTIONS and recommendation.status in TRANSITIONS[action]


@transaction.atomic
def recommendation_link_resend(*, recommendation: Recommendation, actor) -> Recommendation:
    """Send the body a new signed link; the links sent before stop working."""
    current = _locked(recommendation)
    if not any(recommendation_liaison_can(current, action) for action in LIAISON_ACTIONS):
        raise ValidationError(_("Kiến nghị này không còn chờ cơ quan xử lý: không gửi lại đường dẫn."))
    current.liaison_nonce = liaison_nonce_new()
    current.save(update_fields=["liaison_nonce", "updated_at"])
    RecommendationEvent.objects.create(
        recommendation=current,
        kind=RecommendationEventKind.LINK_RESENT,
        is_public=False,
        note=current.addressee.name,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor),
    )
    audit_record(
        actor=actor, action="recommendation.link_resend", target=current, changes={"addressee": current.addressee.name}
    )
    notify_addressee_on_commit(current)
    return current
