"""Reads of petitions: tracking, public lists, statistics, the officers' queue, deadline rules."""

import datetime

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from mattran.core.parsing import parse_date, parse_id, text_param
from mattran.organisations.models import Body, Organisation, Topic
from mattran.search.models import SearchKind
from mattran.search.selectors import search_object_ids

from .models import (
    PENDING_STATUSES,
    DeadlineRule,
    Petition,
    PetitionEvent,
    PetitionSettings,
    PetitionStatus,
    TopicIntakeRule,
    reference_normalise,
    tracking_code_normalise,
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


def petition_get_by_code(*, code: str) -> Petition | None:
    """The petition whose secret tracking code (the submitter's key) this is, typed in any case, with or without
    spaces/dashes. A public reference finds nothing here: it opens nothing."""
    normalised = tracking_code_normalise(code)
    if not normalised:
        return None
    return (
        Petition.objects.select_related("topic", "organisation", "body", "merged_into")
        .filter(tracking_code=normalised)
        .first()
    )


def petition_get_by_reference(*, reference: str) -> Petition | None:
    """The petition with this public reference ("KN-2026-004217", also typed as "kn 2026 4217")."""
    normalised = reference_normalise(reference)
    if not normalised:
        return None
    return (
        Petition.objects.select_related("topic", "organisation", "body", "merged_into")
        .filter(reference=normalised)
        .first()
    )


def petition_get_for_staff(*, text: str) -> Petition | None:
    """Staff name a petition by its reference; an exact secret key (read out by the citizen on the phone) also
    finds it, but staff screens only ever show the reference."""
    return petition_get_by_reference(reference=text) or petition_get_by_code(code=text)


def petition_get_by_idempotency_key(*, key: str) -> Petition | None:
    return Petition.objects.filter(idempotency_key=key).only("pk", "tracking_code").first()


def petition_public_events(*, petition: Petition) -> QuerySet:
    return PetitionEvent.objects.filter(petition=petition, is_public=True).select_related("body")


def petition_send_back_pending(*, petition: Petition) -> PetitionEvent | None:
    """The Front's latest "answer more" request when the body has not answered since (its reasons are for the
    body: officers' page and the liaison's link), else None."""
    from .models import EventKind

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


def _month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return first, following


def petition_stats_monthly(
    *, organisation: Organisation, year: int, month: int, today: datetime.date | None = None
) -> dict:
    """Figures of one month for an organisation and everything below it.

    received: submitted in the month; answered on time / late: answered in the month, by the due date or after;
    open overdue: still waiting at the end of the month (or today, for the current month) and past due;
    on-time % = on time / (answered + open overdue).
    """
    today = today or timezone.localdate()
    first, following = _month_bounds(year, month)
    as_of = min(following - datetime.timedelta(days=1), today)
    tz = timezone.get_current_timezone()
    start_dt = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end_dt = datetime.datetime.combine(following, datetime.time.min, tzinfo=tz)
    base = Petition.objects.filter(organisation__path__startswith=organisation.path, confidential=False)
    received = base.filter(created_at__gte=start_dt, created_at__lt=end_dt).count()
    answered = base.filter(answered_on__gte=first, answered_on__lt=following).aggregate(
        on_time=Count("pk", filter=Q(answered_on__lte=F("due_date")) | Q(due_date__isnull=True)),
        late=Count("pk", filter=Q(answered_on__gt=F("due_date"))),
    )
    open_overdue = (
        base.filter(status__in=PENDING_STATUSES, due_date__lt=as_of, created_at__lt=end_dt).count()
        if first <= today
        else 0
    )
    total = answered["on_time"] + answered["late"] + open_overdue
    return {
        "year": year,
        "month": month,
        "received": received,
        "answered_on_time": answered["on_time"],
        "answered_late": answered["late"],
        "open_overdue": open_overdue,
        "on_time_percent": round(100 * answered["on_time"] / total, 1) if total else None,
    }


def routing_body_suggest(*, petition: Petition) -> Body | None:
    """The body the routing rules would pick for this petition today."""
    from mattran.organisations.selectors import routing_rule_find

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


# --- the officers' queue ------------------------------------------------------------------------------------

FACETS = ("status", "channel", "topic", "body", "due")
_FACET_COLUMNS = {"status": "status", "channel": "channel", "topic": "topic_id", "body": "body_id", "due": "due_bucket"}


class QueueResult:
    def __init__(self, queryset, total, counts, invalid=()):
        self.queryset, self.total, self.counts = queryset, total, counts
        self.invalid = list(invalid)  # filters given but not understood (left out of the query)


def _facet_value(name: str, raw: str | None):
    if not raw:
        return None
    if name in ("topic", "body"):
        return parse_id(raw)
    if name == "status":
        return raw if raw in PetitionStatus.values else None
    if name == "channel":
        from .models import PetitionChannel

        return raw if raw in PetitionChannel.values else None
    return raw if raw in ("overdue", "week") else None


def petition_list_waiting_for_bodies(*, base: QuerySet, body_ids) -> QuerySet:
    """A liaison's "waiting for us": petitions forwarded to one of ``body_ids`` and not yet answered (also
    those the Front sent back for more)."""
    return base.filter(status__in=(PetitionStatus.FORWARDED, PetitionStatus.IN_PROGRESS), body_id__in=body_ids)


def petition_queue(
    *, base: QuerySet, params, today: datetime.date | None = None, due_first: bool = False
) -> QueueResult:
    """The officers' queue: ``base`` (what the user may see) narrowed by the query-string filters, plus the
    count of every facet option under the *other* active filters, from one GROUP BY query.

    Filters: status, channel, topic, body, due (overdue | week) are facets; organisation (subtree), from/to
    (receipt dates) and q (reference, exact secret key, title, external reference) narrow everything.
    Newest first, or with ``due_first`` the nearest due date first (items without one last).
    """
    from django.db.models import Case, CharField, Value, When

    today = today or timezone.localdate()
    week_end = today + datetime.timedelta(days=7)
    qs = base
    invalid = []
    org_id = parse_id(params.get("organisation"))
    if org_id is None and params.get("organisation"):
        invalid.append("organisation")
    if org_id is not None:
        org = Organisation.objects.filter(pk=org_id).only("path").first()
        if org is not None:
            qs = qs.filter(organisation_id__in=Organisation.objects.filter(path__startswith=org.path).values("pk"))
    tz = timezone.get_current_timezone()
    for key, op in (("from", "gte"), ("to", "lt")):
        day = parse_date(params.get(key))  # 1900–2100: beyond, "+1 day" overflows and UTC conversion fails
        if day is None:
            if params.get(key):
                invalid.append(key)
            continue
        if key == "to":
            day += datetime.timedelta(days=1)
        qs = qs.filter(**{f"created_at__{op}": datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)})
    q = text_param(params, "q")
    if q:
        code, reference = tracking_code_normalise(q), reference_normalise(q)
        condition = Q(title__icontains=q) | Q(external_reference__iexact=q)
        if reference:
            condition |= Q(reference=reference)
        if code:
            condition |= Q(tracking_code=code)
        qs = qs.filter(condition)

    pending = Q(status__in=PENDING_STATUSES, due_date__isnull=False)
    bucketed = qs.annotate(
        due_bucket=Case(
            When(pending & Q(due_date__lt=today), then=Value("overdue")),
            When(pending & Q(due_date__gte=today, due_date__lte=week_end), then=Value("week")),
            default=Value(""),
            output_field=CharField(),
        )
    )
    rows = list(
        bucketed.order_by().values("status", "channel", "topic_id", "body_id", "due_bucket").annotate(n=Count("pk"))
    )
    selected = {name: _facet_value(name, params.get(name)) for name in FACETS}
    invalid += [name for name in FACETS if selected[name] is None and params.get(name)]
    counts = {name: {} for name in FACETS}
    total = 0
    for row in rows:
        misses = [name for name in FACETS if selected[name] is not None and row[_FACET_COLUMNS[name]] != selected[name]]
        if not misses:
            total += row["n"]
        for name in FACETS:
            if not misses or misses == [name]:
                value = row[_FACET_COLUMNS[name]]
                counts[name][value] = counts[name].get(value, 0) + row["n"]

    narrowed = qs
    for name in ("status", "channel", "topic", "body"):
        if selected[name] is not None:
            narrowed = narrowed.filter(**{_FACET_COLUMNS[name]: selected[name]})
    if selected["due"] == "overdue":
        narrowed = narrowed.filter(pending, due_date__lt=today)
    elif selected["due"] == "week":
        narrowed = narrowed.filter(pending, due_date__gte=today, due_date__lte=week_end)
    ordering = (F("due_date").asc(nulls_last=True), "created_at", "id") if due_first else ("-created_at", "-id")
    return QueueResult(narrowed.order_by(*ordering), total, counts, invalid)


def topic_contact_rule(*, topic: Topic) -> TopicIntakeRule | None:
    """The topic's intake rule when it requires the submitter's phone or e-mail (every channel obeys it)."""
    return TopicIntakeRule.objects.filter(topic=topic, contact_required=True).first()
