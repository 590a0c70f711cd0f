"""Reads for the officers' daily work: the queue with its faceted filters and sorting, and the count behind the
admin menu's badge ("what needs looking at today"). Re-exported by ``selectors``."""

import contextlib
import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Subquery, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from mattran.core.parsing import parse_date, parse_id, text_param
from mattran.organisations.models import Organisation

from .deadlines import add_working_days
from .models import (
    PENDING_STATUSES,
    Petition,
    PetitionChannel,
    PetitionSettings,
    PetitionStatus,
    reference_normalise,
    tracking_code_normalise,
)

FACETS = ("status", "channel", "topic", "body", "due")
_FACET_COLUMNS = {"status": "status", "channel": "channel", "topic": "topic_id", "body": "body_id", "due": "due_bucket"}
# "Due within N working days": the choices the queue offers (any 1–MAX_WITHIN is accepted).
WITHIN_CHOICES = (1, 2, 3, 5, 10)
MAX_WITHIN = 30
SORTS = {
    "due": (F("due_date").asc(nulls_last=True), "created_at", "id"),
    "received": ("-created_at", "-id"),
    "changed": ("-updated_at", "-id"),
}
# Waiting for the Front itself: an answer to review, a citizen asking for a review.
FRONT_ATTENTION_STATUSES = (PetitionStatus.ANSWERED, PetitionStatus.REOPENED)
# The facet counts are one GROUP BY over everything the officer may see under the non-facet filters: at a
# million petitions that reads every row (about a second), so its result is cached per query and per state of
# the table (``_data_version``), for at most this long (a bound on what the version cannot see); the admin
# menu's attention badge too.
FACET_CACHE_SECONDS = 600
_GENERATION_KEY = "petitions:queue:generation"


class QueueResult:
    def __init__(self, queryset, total, counts, invalid=()):
        self.queryset, self.total, self.counts = queryset, total, counts
        self.invalid = list(invalid)  # filters given but not understood (left out of the query)


def _generation_bump(**kwargs) -> None:
    """Any petition saved or deleted, or its named readers changed, in this process: the cached counts go."""
    # The cache down must not fail a write: MAX(id) and MAX(updated_at) still move the version.
    with contextlib.suppress(Exception):
        try:
            cache.incr(_GENERATION_KEY)
        except ValueError:  # not set yet (or evicted)
            cache.set(_GENERATION_KEY, 1, None)


post_save.connect(_generation_bump, sender=Petition, dispatch_uid="petitions.queue.saved")
post_delete.connect(_generation_bump, sender=Petition, dispatch_uid="petitions.queue.deleted")
m2m_changed.connect(
    _generation_bump, sender=Petition.allowed_officers.through, dispatch_uid="petitions.queue.readers"
)


def _data_version() -> tuple:
    """What changes whenever a petition does: the saves and deletes counted in the cache, plus the newest id
    and last change from two index lookups, which also see bulk inserts and other processes' writes when the
    cache is per process."""
    # Two scalar subqueries, not MAX(id), MAX(updated_at) in one SELECT: SQLite reads the whole index for two
    # aggregates (7 ms at 20,000 rows), one index lookup each this way, on PostgreSQL too.
    table = Petition.objects.order_by()
    row = (
        table.annotate(
            last_id=Subquery(table.order_by("-id").values("id")[:1]),
            last_change=Subquery(table.order_by("-updated_at", "-id").values("updated_at")[:1]),
        )
        .values_list("last_id", "last_change")[:1]
    )
    row = next(iter(row), None)
    try:
        generation = cache.get(_GENERATION_KEY, 0)
    except Exception:
        generation = None
    return (generation, *(row or (None, None)))


def _cached(queryset: QuerySet, compute, *, extra=()):
    """``compute()`` of ``queryset``, from the cache while neither the query (its SQL and parameters: the user's
    reach, the filters, today), ``extra`` nor the data changed."""
    sql, sql_params = queryset.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, sql_params, extra, _data_version())).encode()).hexdigest()
    key = f"petitions:queue:{digest}"
    try:
        value = cache.get(key)
    except Exception:  # the cache down: count from the database, as without a cache
        return compute()
    if value is None:
        value = compute()
        with contextlib.suppress(Exception):
            cache.set(key, value, FACET_CACHE_SECONDS)
    return value


def _grouped_rows(grouped: QuerySet) -> list[dict]:
    """The facet GROUP BY's rows. On PostgreSQL with room to hash them (``PETITIONS_FACET_WORK_MEM``): with the
    default 4 MB the planner, which cannot estimate the groups, sorts a city's 400,000 index entries on disk
    (1.3 s at a million petitions, 0.57 s hashed)."""
    connection = connections[grouped.db]
    work_mem = getattr(settings, "PETITIONS_FACET_WORK_MEM", "")
    if connection.vendor != "postgresql" or not work_mem:
        return list(grouped)
    with transaction.atomic(using=grouped.db), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('work_mem', %s, true)", [work_mem])  # true: this transaction only
        return list(grouped)


def _facet_counts(bucketed: QuerySet, selected: dict) -> tuple[int, dict]:
    """The total under every active filter, and per facet option the count under the *other* active filters,
    from the GROUP BY of the facet counts. Both cached (``_cached``): the rows per query, the sums also per
    selected facets (at a million petitions there are thousands of rows to add up)."""
    grouped = bucketed.order_by().values("status", "channel", "topic_id", "body_id", "due_bucket").annotate(n=Count("pk"))

    def add_up():
        counts = {name: {} for name in FACETS}
        total = 0
        for row in _cached(grouped, lambda: _grouped_rows(grouped)):
            misses = [
                name for name in FACETS if selected[name] is not None and row[_FACET_COLUMNS[name]] != selected[name]
            ]
            if not misses:
                total += row["n"]
            for name in FACETS:
                if not misses or misses == [name]:
                    value = row[_FACET_COLUMNS[name]]
                    counts[name][value] = counts[name].get(value, 0) + row["n"]
        return total, counts

    return _cached(grouped, add_up, extra=("sums", sorted(selected.items())))


def _facet_value(name: str, raw: str | None):
    if not raw:
        return None
    if name in ("topic", "body"):
        return parse_id(raw)
    if name == "status":
        return raw if raw in PetitionStatus.values else None
    if name == "channel":
        return raw if raw in PetitionChannel.values else None
    return raw if raw in ("overdue", "week") else None


def due_within_q(*, today: datetime.date, working_days: int) -> Q:
    """Open items due from today up to ``working_days`` working days ahead (Vietnam's calendar)."""
    end = add_working_days(today, working_days)
    return Q(status__in=PENDING_STATUSES, due_date__gte=today, due_date__lte=end)


def attention_q(*, today: datetime.date, officer: bool = True) -> Q:
    """What needs looking at: past due or due within the reminder period (``PetitionSettings``), and for the
    Front's officers also answers to review and petitions reopened by their submitters."""
    days = PetitionSettings.load().remind_before_working_days
    near = Q(status__in=PENDING_STATUSES, due_date__isnull=False, due_date__lte=add_working_days(today, days))
    return near | Q(status__in=FRONT_ATTENTION_STATUSES) if officer else near


def petition_attention_count(*, base: QuerySet, officer: bool = True, today: datetime.date | None = None) -> int:
    """The admin menu's badge: how many of ``base`` (what the user may see) need looking at (``attention_q``).
    On every admin page, and a count over a large share of the table: cached like the queue's facet counts."""
    needing = base.filter(attention_q(today=today or timezone.localdate(), officer=officer)).order_by()
    return _cached(needing, needing.count)


def petition_list_waiting_for_bodies(*, base: QuerySet, body_ids) -> QuerySet:
    """A liaison's "waiting for us": petitions forwarded to one of ``body_ids`` and not yet answered (also
    those the Front sent back for more)."""
    return base.filter(status__in=(PetitionStatus.FORWARDED, PetitionStatus.IN_PROGRESS), body_id__in=body_ids)


def _narrow(qs: QuerySet, params, *, user, today: datetime.date, officer: bool, invalid: list) -> QuerySet:
    """The filters that are not facets: organisation (subtree), receipt dates, text, due within N working
    days, assigned to me, needs looking at."""
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
    if params.get("within"):
        days = parse_id(params.get("within"))
        if days is None or days > MAX_WITHIN:
            invalid.append("within")
        else:
            qs = qs.filter(due_within_q(today=today, working_days=days))
    if params.get("mine"):
        if params.get("mine") != "1" or user is None:
            invalid.append("mine")
        else:
            qs = qs.filter(assigned_to=user)
    if params.get("attention"):
        if params.get("attention") != "1":
            invalid.append("attention")
        else:
            qs = qs.filter(attention_q(today=today, officer=officer))
    return qs


def petition_queue(
    *,
    base: QuerySet,
    params,
    user=None,
    officer: bool = True,
    today: datetime.date | None = None,
    due_first: bool = False,
) -> QueueResult:
    """The officers' queue: ``base`` (what the user may see) narrowed by the query-string filters, plus the
    count of every facet option under the *other* active filters, from one GROUP BY query (cached: ``_facet_counts``).

    Filters: status, channel, topic, body, due (overdue | week) are facets; organisation (subtree), from/to
    (receipt dates), q (reference, exact secret key, title, external reference), within (due within N working
    days), mine (assigned to ``user``) and attention (needs looking at) narrow everything.
    Sorted by ``sort``: received (newest first, the default), due (nearest due date first, items without one
    last; the default with ``due_first``) or changed (last change first).
    """
    today = today or timezone.localdate()
    week_end = today + datetime.timedelta(days=7)
    invalid = []
    qs = _narrow(base, params, user=user, today=today, officer=officer, invalid=invalid)

    pending = Q(status__in=PENDING_STATUSES, due_date__isnull=False)
    bucketed = qs.annotate(
        due_bucket=Case(
            When(pending & Q(due_date__lt=today), then=Value("overdue")),
            When(pending & Q(due_date__gte=today, due_date__lte=week_end), then=Value("week")),
            default=Value(""),
            output_field=CharField(),
        )
    )
    selected = {name: _facet_value(name, params.get(name)) for name in FACETS}
    invalid += [name for name in FACETS if selected[name] is None and params.get(name)]
    total, counts = _facet_counts(bucketed, selected)

    narrowed = qs
    for name in ("status", "channel", "topic", "body"):
        if selected[name] is not None:
            narrowed = narrowed.filter(**{_FACET_COLUMNS[name]: selected[name]})
    if selected["due"] == "overdue":
        narrowed = narrowed.filter(pending, due_date__lt=today)
    elif selected["due"] == "week":
        narrowed = narrowed.filter(pending, due_date__gte=today, due_date__lte=week_end)
    sort = params.get("sort") or ("due" if due_first else "received")
    if sort not in SORTS:
        invalid.append("sort")
        sort = "due" if due_first else "received"
    return QueueResult(narrowed.order_by(*SORTS[sort]), total, counts, invalid)
