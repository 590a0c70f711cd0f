"""Reads of petitions: tracking, public lists, statistics, the officers' queue, deadline rules."""

import datetime

from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from mattran.accounts.models import Membership, Role, User
from mattran.core.text import fold
from mattran.organisations.models import Body, Organisation, Topic
from mattran.organisations.selectors import routing_rule_find
from mattran.search.models import SearchKind
from mattran.search.selectors import search_object_ids

from .deadlines import add_working_days
from .models import (
    PENDING_STATUSES,
    DeadlineRule,
    EventKind,
    Petition,
    PetitionEvent,
    PetitionSettings,
    PetitionStatus,
    StatusGroup,
    TopicIntakeRule,
    reference_normalise,
    tracking_code_normalise,
)

# The officers' queue and the admin menu's badge live in ``queue.py``; they are part of this module's interface.
from .queue import (  # noqa: F401
    FACETS,
    QueueResult,
    petition_attention_count,
    petition_list_waiting_for_bodies,
    petition_queue,
)


def deadline_working_days(*, topic: Topic, body: Body, several_bodies: bool) -> int:
    """Working days for a (topic, body): the most specific ``DeadlineRule``, else the settings' defaults."""
    rules = {
        (r.topic_id, r.body_id): r
        for r in DeadlineRule.objects.filter(Q(topic=topic) | Q(topic__isnull=True), Q(body=body) | Q(body__isnull=True))
    }
    config = PetitionSettings.load()
    for key in ((topic.pk, body.pk), (None, body.pk), (topic.pk, None), (None, None)):
        rule = rules.get(key)
        if rule is not None:
            if several_bodies:
                return rule.several_bodies_working_days or max(rule.working_days, config.several_bodies_working_days)
            return rule.working_days
    return config.several_bodies_working_days if several_bodies else config.default_working_days


def due_date_compute(
    *, topic: Topic, body: Body, several_bodies: bool, start: datetime.date | None = None
) -> datetime.date:
    """The due date from the deadline rules (data) counted in Vietnamese working days from ``start``."""
    days = deadline_working_days(topic=topic, body=body, several_bodies=several_bodies)
    return add_working_days(start or timezone.localdate(), days)


def petition_get_by_code(*, code: str) -> Petition | None:
    """The petition whose secret tracking code (the submitter's key) this is, typed in any case, with or without
    spaces/dashes. A public reference finds nothing here: it opens nothing."""
    normalised = tracking_code_normalise(code)
    if not normalised:
        return None
    # Not ``merged_into``: another whole petition in the join doubles the query's cost on every lookup, for the
    # few merged ones (read on access).
    return Petition.objects.select_related("topic", "organisation", "body").filter(tracking_code=normalised).first()


# What the submitter's tracking page never shows: the personal data (the page shows none, like every public page),
# the body's own answer and file (the Front's edited copy is shown), the content and internal fields. Deferred,
# the lookup compiles and reads half the columns (a read of one, if ever needed, is one more query).
TRACKING_DEFERRED = (
    "content", "address", "latitude", "longitude", "external_reference", "idempotency_key", "submitter_name",
    "submitter_phone", "submitter_email", "submitter_address", "answer_text", "answer_document", "rating_comment",
    "informed_to", "liaison_nonce",
)


def petition_get_for_tracking(*, code: str) -> Petition | None:
    """``petition_get_by_code`` for the public tracking page (``TRACKING_DEFERRED`` left out)."""
    normalised = tracking_code_normalise(code)
    if not normalised:
        return None
    # The code is unique: no ORDER BY to compile (``first()`` would order by the model's ordering).
    found = (
        Petition.objects.select_related("topic", "organisation", "body")
        .defer(*TRACKING_DEFERRED)
        .filter(tracking_code=normalised)
        .order_by()[:1]
    )
    return next(iter(found), None)


def petition_get_by_reference(*, reference: str) -> Petition | None:
    """The petition with this public reference ("KN-2026-004217", also typed as "kn 2026 4217")."""
    normalised = reference_normalise(reference)
    if not normalised:
        return None
    return Petition.objects.select_related("topic", "organisation", "body").filter(reference=normalised).first()


def petition_get_for_staff(*, text: str) -> Petition | None:
    """Staff name a petition by its reference; an exact secret key (read out by the citizen on the phone) also
    finds it, but staff screens only ever show the reference."""
    return petition_get_by_reference(reference=text) or petition_get_by_code(code=text)


def petition_get_by_idempotency_key(*, key: str) -> Petition | None:
    return Petition.objects.filter(idempotency_key=key).only("pk", "tracking_code").first()


def petition_public_events(*, petition: Petition) -> QuerySet:
    # The officers' internal note is never on a public page: not even read.
    return PetitionEvent.objects.filter(petition=petition, is_public=True).select_related("body").defer("internal_note")


def petition_send_back_pending(*, petition: Petition) -> PetitionEvent | None:
    """The Front's latest "answer more" request when the body has not answered since (its reasons are for the
    body: officers' page and the liaison's link), else None."""
    if petition.status != PetitionStatus.IN_PROGRESS:
        return None
    last = (
        petition.events.filter(kind__in=(EventKind.ANSWER_SENT_BACK, EventKind.ANSWERED, EventKind.FORWARDED))
        .order_by("-created_at", "-id")
        .first()
    )
    return last if last is not None and last.kind == EventKind.ANSWER_SENT_BACK else None


def petition_list_public_answered(
    *, query: str = "", topic: Topic | None = None, organisation: Organisation | None = None
) -> QuerySet:
    """Petitions whose answer the Front accepted and edited, and whose submitter agreed to publication: the
    Front's ``answer_public_text``, never the body's own words; personal data is never selected."""
    qs = (
        Petition.objects.publicly_listed()
        .select_related("topic", "organisation", "body")
        .only(
            "reference", "title", "content", "kind", "topic__name", "topic__name_en", "organisation__name",
            "organisation__name_en", "organisation__path", "body__name", "body__name_en", "answer_public_text",
            "answered_on", "answered_at", "created_at", "status", "due_date", "show_name_publicly", "confidential",
            "submitter_name",  # read only through Petition.public_submitter_label, which honours consent
        )
        .order_by("-answered_at", "-id")
    )
    if topic is not None:
        qs = qs.filter(topic=topic)
    if organisation is not None:
        qs = qs.filter(organisation__path__startswith=organisation.path)
    if query.strip():
        # the site search's index of public answers: whole folded words, no row limit, both databases alike
        qs = qs.filter(pk__in=search_object_ids(kind=SearchKind.PETITION_ANSWER, text=query, model=Petition))
    return qs


def petition_list_deadline_candidates() -> QuerySet:
    """Open items with a due date, which the daily pass may remind about or escalate."""
    return Petition.objects.filter(
        status__in=(PetitionStatus.FORWARDED, PetitionStatus.IN_PROGRESS), due_date__isnull=False
    ).select_related("body", "organisation", "topic")


def petition_counts_by_topic_and_body(
    *, organisation: Organisation, since: datetime.date, today: datetime.date
) -> QuerySet:
    """Per (topic, body) of the petitions received in ``organisation``'s subtree since ``since``: how many, how
    many open past their due date, reopened, rated 1–2 of 5, and the mean rating. For the supervision topic
    picker; one aggregate query, no personal data. Merged duplicates are counted once, through their original."""
    return (
        Petition.objects.filter(
            organisation__path__startswith=organisation.path, created_at__date__gte=since, body__isnull=False
        )
        .exclude(status=PetitionStatus.MERGED)
        .values("topic_id", "body_id")
        .annotate(
            received=Count("id"),
            overdue=Count("id", filter=Q(status__in=PENDING_STATUSES, due_date__lt=today)),
            reopened=Count("id", filter=Q(reopen_count__gt=0)),
            low_rated=Count("id", filter=Q(rating__lte=2)),
            mean_rating=Avg("rating"),
        )
        .order_by()
    )


def _month_firsts(year: int, month: int, count: int) -> list[datetime.date]:
    """The first days of ``count`` months, newest first, from ``year``-``month`` backwards."""
    firsts = []
    for _i in range(count):
        firsts.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return firsts


def _month_after(first: datetime.date) -> datetime.date:
    return datetime.date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def _month_key(value) -> datetime.date:
    # TruncMonth gives a date for a DateField and an aware datetime (current time zone) for a DateTimeField.
    return value.date() if isinstance(value, datetime.datetime) else value


def petition_stats_months(
    *, organisation: Organisation, year: int, month: int, count: int = 12, today: datetime.date | None = None
) -> list[dict]:
    """Figures of ``count`` months up to ``year``-``month`` (newest first) for an organisation and everything
    below it, confidential petitions left out; three queries whatever ``count`` is (two ``TruncMonth`` groups and
    one aggregate).

    received: submitted in the month; answered on time / late: answered in the month, by the due date or after;
    open overdue: still waiting at the end of the month (or today, for the current month) and past due;
    on-time % = on time / (answered + open overdue).
    """
    today = today or timezone.localdate()
    firsts = _month_firsts(year, month, count)
    tz = timezone.get_current_timezone()
    starts = {first: datetime.datetime.combine(first, datetime.time.min, tzinfo=tz) for first in firsts}
    ends = {first: datetime.datetime.combine(_month_after(first), datetime.time.min, tzinfo=tz) for first in firsts}
    base = Petition.objects.filter(organisation__path__startswith=organisation.path, confidential=False)
    received = {
        _month_key(row["month"]): row["n"]
        for row in base.filter(created_at__gte=starts[firsts[-1]], created_at__lt=ends[firsts[0]])
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    answered = {
        _month_key(row["month"]): row
        for row in base.filter(answered_on__gte=firsts[-1], answered_on__lt=_month_after(firsts[0]))
        .annotate(month=TruncMonth("answered_on"))
        .values("month")
        .annotate(
            on_time=Count("pk", filter=Q(answered_on__lte=F("due_date")) | Q(due_date__isnull=True)),
            late=Count("pk", filter=Q(answered_on__gt=F("due_date"))),
        )
        .order_by()
    }
    # Open overdue is a state at each month's end, not an event in it: one filtered count per month.
    as_of = {first: min(_month_after(first) - datetime.timedelta(days=1), today) for first in firsts if first <= today}
    overdue = (
        base.filter(status__in=PENDING_STATUSES).aggregate(
            **{
                f"m{first:%Y%m}": Count("pk", filter=Q(due_date__lt=day, created_at__lt=ends[first]))
                for first, day in as_of.items()
            }
        )
        if as_of
        else {}
    )
    figures = []
    for first in firsts:
        on_time = answered.get(first, {}).get("on_time", 0)
        late = answered.get(first, {}).get("late", 0)
        open_overdue = overdue.get(f"m{first:%Y%m}", 0)
        total = on_time + late + open_overdue
        figures.append(
            {
                "year": first.year,
                "month": first.month,
                "received": received.get(first, 0),
                "answered_on_time": on_time,
                "answered_late": late,
                "open_overdue": open_overdue,
                "on_time_percent": round(100 * on_time / total, 1) if total else None,
            }
        )
    return figures


def petition_stats_monthly(
    *, organisation: Organisation, year: int, month: int, today: datetime.date | None = None
) -> dict:
    """The figures of one month (``petition_stats_months``)."""
    return petition_stats_months(organisation=organisation, year=year, month=month, count=1, today=today)[0]


def routing_body_suggest(*, petition: Petition) -> Body | None:
    """The body the routing rules would pick for this petition today."""
    return routing_rule_find(organisation=petition.organisation, topic=petition.topic, on=timezone.localdate())


# Fields that may leave the system publicly (pages, feeds, API); everything about the submitter is excluded.
PUBLIC_FIELDS = (
    "id", "reference", "channel", "kind", "topic", "title", "content", "organisation", "address", "latitude",
    "longitude", "body", "due_date", "status", "status_group", "status_changed_at", "created_at", "updated_at",
    "answer_public_text", "answered_at", "answered_on", "confidential", "merged_into",
)


def petition_list_public(
    *,
    topic: Topic | None = None,
    organisation: Organisation | None = None,
    statuses: list[str] | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> QuerySet:
    """Every non-confidential petition with only its public fields loaded (for the Open311 API and other
    public listings). Answer texts are public only when ``publish_consent`` is set: callers show
    ``Petition.public_answer`` only for rows in ``Petition.objects.publicly_listed()``."""
    qs = (
        Petition.objects.filter(confidential=False)
        .exclude(status=PetitionStatus.MERGED)
        .select_related("topic", "organisation", "body")
        .only(*PUBLIC_FIELDS, "publish_consent", "topic__name", "topic__code", "organisation__name",
              "organisation__path", "body__name")
        .order_by("-created_at", "-id")
    )
    if topic is not None:
        qs = qs.filter(topic=topic)
    if organisation is not None:
        qs = qs.filter(organisation__path__startswith=organisation.path)
    if statuses:
        qs = qs.filter(status__in=statuses)
    if start is not None:
        qs = qs.filter(created_at__gte=start)
    if end is not None:
        qs = qs.filter(created_at__lt=end)
    return qs


def officer_list_for_petition(*, petition: Petition, readers_only: bool = True) -> QuerySet:
    """The officers who may be put in charge of ``petition`` (or, with ``readers_only=False``, named on it when
    confidential): active officers and admins of its receiving committee or a committee above it (memberships
    reach down the tree); for a confidential petition in charge only those named on it."""
    memberships = Membership.objects.active_on(timezone.localdate()).filter(
        role__in=(Role.OFFICER, Role.ADMIN), organisation__in=petition.organisation.path_ids()
    )
    users = User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
    if readers_only and petition.confidential:
        users = users.filter(pk__in=petition.allowed_officers.values("pk"))
    return users.order_by("last_name", "first_name", "username")


SIMILAR_CANDIDATES = 300  # newest open petitions of the ward compared, at most


def petition_list_similar_open(
    *, organisation: Organisation, title: str, content: str = "", exclude_pk: int | None = None, limit: int = 5
) -> list[Petition]:
    """Open petitions of the same ward that may be the same matter ("Ổ gà trước chợ" / "ổ gà gần chợ"): titles
    compared on folded words (no accents, any case), the description as a weaker signal. A bounded query: the
    newest ``SIMILAR_CANDIDATES`` open ones (not closed, rejected, redirected or merged), no personal data."""
    words = set(fold(title).split())
    if len(words) < 2:
        return []
    extra = set(fold(content).split()[:80])
    qs = (
        Petition.objects.filter(organisation=organisation)
        .exclude(status_group=StatusGroup.DONE)
        .only("pk", "reference", "title", "content", "status", "created_at", "confidential")
        .order_by("-created_at", "-id")
    )
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    scored = []
    for candidate in qs[:SIMILAR_CANDIDATES]:
        other = set(fold(candidate.title).split())
        shared = words & other
        score = len(shared) / len(words | other)
        if extra:
            score += 0.2 * len(extra & set(fold(candidate.content).split()[:80])) / len(extra)
        if len(shared) >= 2 and score >= 0.5:
            scored.append((score, candidate))
    scored.sort(key=lambda pair: (-pair[0], -pair[1].pk))
    return [candidate for _, candidate in scored[:limit]]


def topic_contact_rule(*, topic: Topic) -> TopicIntakeRule | None:
    """The topic's intake rule when it requires the submitter's phone or e-mail (every channel obeys it)."""
    return TopicIntakeRule.objects.filter(topic=topic, contact_required=True).first()
