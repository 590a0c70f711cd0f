"""Email about petitions: the submitter on every public change, the body's liaison on forwarding and before the
due date, officers and the committee above on escalation, and daily digests. Real Django email (SMTP in
production, console in development), sent from django-tasks after the transaction commits."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend

from mattran.accounts.models import Membership, Role
from mattran.organisations.models import BodyContact

from .links import liaison_url
from .models import PENDING_STATUSES, EventKind, Petition, PetitionEvent, PetitionStatus
from .permissions import petition_queryset_for

# What the submitters of merged duplicates hear about the petition they were merged into: the steps of the
# Front and the body, and the answer once the Front accepted it (its edited public text). Never the other
# citizen's own words (a reopen reason, a rating) nor anything that is about informing the other citizen.
DUPLICATE_RELAYED_KINDS = (
    EventKind.FORWARDED, EventKind.ACKNOWLEDGED, EventKind.ANSWER_ACCEPTED, EventKind.CLOSED,
)
# The Front's review of an answer is not e-mailed to the submitter: they are told the accepted answer once,
# when the officer informs them (``review.petition_inform``). The tracking page shows these steps meanwhile.
SUBMITTER_SILENT_KINDS = (EventKind.ANSWERED, EventKind.ANSWER_SENT_BACK, EventKind.ANSWER_ACCEPTED)


def _site_url(path: str) -> str:
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def _send(*, to: list[str], subject_template: str, body_template: str, context: dict, language: str = "vi") -> int:
    to = sorted({address for address in to if address})
    if not to:
        return 0
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to).send()


send_template_email = _send


def tracking_url(petition: Petition, language: str = "vi") -> str:
    """The submitter's own link to the full tracking page: it carries the secret key, so it goes only into
    e-mails to that submitter."""
    with translation.override(language):
        return _site_url(reverse("petitions:track") + f"?ma={petition.tracking_code}")


# --- submitter ------------------------------------------------------------------------------------------------


def enqueue_with_transaction(task, *args) -> None:
    """Enqueue ``task`` so that it runs only if the current transaction commits, and is never lost once it has.

    The database backend (production, dev) writes the task row in this very transaction: the petition and the
    work still to do are committed together, a rollback drops both, and a worker that is down runs it when it
    comes back. Any other backend (tests: immediate) would run the task at once, inside the transaction: there
    the task waits for the commit instead."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))


def notify_submitter_on_commit(event: PetitionEvent) -> None:
    """Tell the submitter after the commit, when there is someone to tell: the submitter's own address (unless
    the step is one they are not e-mailed about), or the submitters of merged duplicates for the steps relayed to
    them. A web submission without an e-mail address enqueues nothing."""
    petition = event.petition
    own = petition.submitter_email and event.kind not in SUBMITTER_SILENT_KINDS
    if own or event.kind in DUPLICATE_RELAYED_KINDS:
        enqueue_with_transaction(submitter_event_email, event.pk)


@task()
def submitter_event_email(event_id: int) -> int:
    """Tell the submitter (and the submitters of merged duplicates) about a public change to their petition."""
    event = PetitionEvent.objects.select_related("petition", "body").filter(pk=event_id).first()
    if event is None:
        return 0
    petition = event.petition
    sent = 0
    recipients = [] if event.kind in SUBMITTER_SILENT_KINDS else [petition]
    if event.kind in DUPLICATE_RELAYED_KINDS:
        recipients += list(petition.duplicates.exclude(submitter_email=""))
    for target in recipients:
        if not target.submitter_email:
            continue
        own = target.pk == petition.pk
        context = {
            "event": event,
            "petition": petition,
            "own": target,
            # Another citizen's petition: only the accepted answer's public text is passed on, never free text
            # of theirs.
            "public_text": event.public_text if own or event.kind == EventKind.ANSWER_ACCEPTED else "",
            "url": tracking_url(target, target.language),
        }
        sent += _send(
            to=[target.submitter_email],
            subject_template="petitions/email/submitter_event_subject.txt",
            body_template="petitions/email/submitter_event.txt",
            context=context,
            language=target.language,
        )
    return sent


# --- bodies and officers ------------------------------------------------------------------------------------


def body_recipients(petition: Petition) -> list[str]:
    """The body's contact for the topic (else its general contacts), its liaison officers, else its address."""
    contacts = BodyContact.objects.filter(body=petition.body).exclude(email="")
    topical = [c.email for c in contacts if c.topic_id == petition.topic_id]
    general = [c.email for c in contacts if c.topic_id is None]
    liaisons = [
        m.user.email
        for m in Membership.objects.active_on(timezone.localdate())
        .filter(role=Role.LIAISON, body=petition.body)
        .select_related("user")
        if m.user.email and m.user.is_active
    ]
    chosen = topical or general
    return [*chosen, *liaisons] or ([petition.body.email] if petition.body.email else [])


def officer_recipients(organisation) -> list[str]:
    return [
        m.user.email
        for m in Membership.objects.active_on(timezone.localdate())
        .filter(role__in=(Role.OFFICER, Role.ADMIN), organisation=organisation)
        .select_related("user")
        if m.user.email and m.user.is_active
    ] or ([organisation.email] if organisation.email else [])


def notify_body_on_commit(event: PetitionEvent) -> None:
    event_id = event.pk
    enqueue_with_transaction(body_forward_email, event_id)


@task()
def body_forward_email(event_id: int) -> int:
    event = PetitionEvent.objects.select_related("petition__body", "petition__topic").filter(pk=event_id).first()
    if event is None or event.petition.body_id is None:
        return 0
    petition = event.petition
    return _send(
        to=body_recipients(petition),
        subject_template="petitions/email/body_forward_subject.txt",
        body_template="petitions/email/body_forward.txt",
        context={"petition": petition, "link": liaison_url(event=event)},
    )


def officers_to_tell(petition: Petition) -> list[str]:
    """Who hears of something for the receiving committee to do: its officers, or for a confidential petition
    only the officers named on it."""
    if petition.confidential:
        return [u.email for u in petition.allowed_officers.filter(is_active=True) if u.email]
    return officer_recipients(petition.organisation)


def notify_officers_of_answer_on_commit(event: PetitionEvent) -> None:
    event_id = event.pk
    enqueue_with_transaction(officer_answer_email, event_id)


@task()
def officer_answer_email(event_id: int) -> int:
    """The body answered: the receiving committee's officers have an answer to review. Named by reference only;
    for a confidential petition only the officers named on it are told."""
    event = PetitionEvent.objects.select_related("petition__organisation", "body").filter(pk=event_id).first()
    if event is None:
        return 0
    petition = event.petition
    return _send(
        to=officers_to_tell(petition),
        subject_template="petitions/email/officer_answer_subject.txt",
        body_template="petitions/email/officer_answer.txt",
        context={
            "petition": petition,
            "body": event.body,
            "admin_url": _site_url(reverse("petitions_admin:detail", args=[petition.pk])),
        },
    )


def notify_body_send_back_on_commit(event: PetitionEvent) -> None:
    event_id = event.pk
    enqueue_with_transaction(body_send_back_email, event_id)


def _body_note_email(event_id: int, *, template: str, note_name: str) -> int:
    """An e-mail to the body about one of its petition's timeline entries (the entry's internal note under
    ``note_name``), with the current forwarding's signed link."""
    event = PetitionEvent.objects.select_related("petition__body", "petition__organisation").filter(pk=event_id).first()
    if event is None or event.petition.body_id is None:
        return 0
    petition = event.petition
    forward = petition.events.filter(kind=EventKind.FORWARDED).order_by("-created_at", "-id").first()
    return _send(
        to=body_recipients(petition),
        subject_template=f"petitions/email/{template}_subject.txt",
        body_template=f"petitions/email/{template}.txt",
        context={"petition": petition, note_name: event.internal_note, "link": liaison_url(event=forward) if forward else ""},
    )


@task()
def body_send_back_email(event_id: int) -> int:
    """The Front sent the answer back: the body gets the reasons, the new due date and a fresh signed link."""
    return _body_note_email(event_id, template="body_send_back", note_name="reason")


def notify_deadline_on_commit(event: PetitionEvent, *, level: int) -> None:
    event_id = event.pk
    enqueue_with_transaction(deadline_email, event_id, level)


@task()
def deadline_email(event_id: int, level: int) -> int:
    """Level 1: remind the body's liaison; 2: the receiving committee's officers; 3: the committee above."""
    event = PetitionEvent.objects.select_related("petition__body", "petition__organisation").filter(pk=event_id).first()
    if event is None or event.petition.body_id is None:
        return 0
    petition = event.petition
    forward = petition.events.filter(kind="forwarded").order_by("-created_at", "-id").first()
    if level == 1:
        to = body_recipients(petition)
    elif level == 2:
        to = [*officer_recipients(petition.organisation), *body_recipients(petition)]
    else:
        parent = petition.organisation.parent
        to = officer_recipients(parent) if parent else officer_recipients(petition.organisation)
    return _send(
        to=to,
        subject_template="petitions/email/deadline_subject.txt",
        body_template="petitions/email/deadline.txt",
        context={
            "petition": petition,
            "level": level,
            "link": liaison_url(event=forward) if forward and level < 3 else "",
            "admin_url": _site_url(reverse("petitions_admin:detail", args=[petition.pk])),
        },
    )


@task()
def daily_digests() -> int:
    """One email per officer and liaison: new items, items due within a week and overdue items in their reach."""
    today = timezone.localdate()
    week = today + timezone.timedelta(days=7)
    sent = 0
    users = {
        m.user
        for m in Membership.objects.active_on(today)
        .filter(role__in=(Role.OFFICER, Role.ADMIN, Role.LIAISON))
        .select_related("user")
        if m.user.email and m.user.is_active
    }
    for user in sorted(users, key=lambda u: u.pk):
        qs = petition_queryset_for(user=user)
        counts = {
            "new": qs.filter(status__in=(PetitionStatus.SUBMITTED, PetitionStatus.RETURNED, PetitionStatus.REOPENED)).count(),
            "answered": qs.filter(status=PetitionStatus.ANSWERED).count(),
            "accepted": qs.filter(status=PetitionStatus.ANSWER_ACCEPTED).count(),
            "due_soon": qs.filter(status__in=PENDING_STATUSES, due_date__gte=today, due_date__lte=week).count(),
            "overdue": qs.overdue(today).count(),
        }
        if not any(counts.values()):
            continue
        sent += _send(
            to=[user.email],
            subject_template="petitions/email/digest_subject.txt",
            body_template="petitions/email/digest.txt",
            context={"user": user, "counts": counts, "today": today, "queue_url": _site_url(reverse("petitions_admin:queue"))},
        )
    return sent


def notify_officers_of_reopen_on_commit(event: PetitionEvent) -> None:
    event_id = event.pk
    enqueue_with_transaction(officer_reopen_email, event_id)


@task()
def officer_reopen_email(event_id: int) -> int:
    """The submitter asked for a review of the answer: the receiving committee has a new round to route. Named
    by reference only (the reason is the citizen's own words: it stays on the petition page)."""
    event = PetitionEvent.objects.select_related("petition__organisation").filter(pk=event_id).first()
    if event is None:
        return 0
    petition = event.petition
    return _send(
        to=officers_to_tell(petition),
        subject_template="petitions/email/officer_reopen_subject.txt",
        body_template="petitions/email/officer_reopen.txt",
        context={"petition": petition, "admin_url": _site_url(reverse("petitions_admin:detail", args=[petition.pk]))},
    )


def notify_body_chase_on_commit(event: PetitionEvent) -> None:
    event_id = event.pk
    enqueue_with_transaction(body_chase_email, event_id)


@task()
def body_chase_email(event_id: int) -> int:
    """The officer chases the body (``triage.petition_chase``): the message, the due date and the current link."""
    return _body_note_email(event_id, template="body_chase", note_name="message")
