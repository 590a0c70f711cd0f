"""Email to the addressee body when a recommendation is issued (or its link resent): the recommendation and the
signed link to acknowledge, answer and report progress. Sent from django-tasks after the transaction commits,
in Vietnamese, as plain text (the petitions pattern and its sender)."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from mattran.accounts.models import Membership, Role
from mattran.petitions.notifications import send_template_email

from .models import Recommendation


def addressee_recipients(recommendation: Recommendation) -> list[str]:
    """The body's own address and its active liaison officers."""
    body = recommendation.addressee
    liaisons = [
        m.user.email
        for m in Membership.objects.active_on(timezone.localdate()).filter(role=Role.LIAISON, body=body).select_related("user")
        if m.user.email and m.user.is_active
    ]
    return [body.email, *liaisons]


def notify_addressee_on_commit(recommendation: Recommendation) -> None:
    recommendation_id = recommendation.pk
    transaction.on_commit(lambda: addressee_email.enqueue(recommendation_id))


@task()
def addressee_email(recommendation_id: int) -> int:
    from .links import recommendation_url

    recommendation = (
        Recommendation.objects.select_related("addressee", "organisation", "activity").filter(pk=recommendation_id).first()
    )
    if recommendation is None or not recommendation.liaison_nonce:
        return 0
    return send_template_email(
        to=addressee_recipients(recommendation),
        subject_template="supervision/email/recommendation_issued_subject.txt",
        body_template="supervision/email/recommendation_issued.txt",
        context={"recommendation": recommendation, "link": recommendation_url(recommendation=recommendation)},
    )
