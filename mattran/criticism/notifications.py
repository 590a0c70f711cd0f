"""E-mail of the criticism: the invited expert's link, and the drafting body's link to the criticism and its reply
page (on consolidation and on resend). Sent from django-tasks after the transaction commits, in Vietnamese, as
plain text (the petitions sender)."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from mattran.accounts.models import Membership, Role
from mattran.petitions.notifications import send_template_email

from .models import Draft, Invitation


def body_recipients(draft: Draft) -> list[str]:
    """The drafting body's own address and its active liaison officers."""
    body = draft.drafting_body
    liaisons = [
        m.user.email
        for m in Membership.objects.active_on(timezone.localdate()).filter(role=Role.LIAISON, body=body)
        .select_related("user")
        if m.user.email and m.user.is_active
    ]
    return [body.email, *liaisons]


def notify_body_on_commit(draft: Draft) -> None:
    draft_id = draft.pk
    transaction.on_commit(lambda: body_email.enqueue(draft_id))


def notify_expert_on_commit(invitation: Invitation) -> None:
    if invitation.email:
        invitation_id = invitation.pk
        transaction.on_commit(lambda: expert_email.enqueue(invitation_id))


@task()
def body_email(draft_id: int) -> int:
    from .links import reply_url

    draft = Draft.objects.select_related("drafting_body", "organisation").filter(pk=draft_id).first()
    if draft is None or not draft.reply_nonce:
        return 0
    return send_template_email(
        to=body_recipients(draft),
        subject_template="criticism/email/body_subject.txt",
        body_template="criticism/email/body.txt",
        context={"draft": draft, "link": reply_url(draft=draft)},
    )


@task()
def expert_email(invitation_id: int) -> int:
    from .links import invitation_url

    invitation = Invitation.objects.select_related("draft", "draft__organisation").filter(pk=invitation_id).first()
    if invitation is None or invitation.revoked or not invitation.email:
        return 0
    return send_template_email(
        to=[invitation.email],
        subject_template="criticism/email/expert_subject.txt",
        body_template="criticism/email/expert.txt",
        context={"invitation": invitation, "draft": invitation.draft, "link": invitation_url(invitation=invitation)},
    )
