"""Reads of the supervision app: programme progress, recommendation progress roll-up, the topic picker, the
officers' dashboard and the public accountability lists."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.accounts.permissions import organisation_filter
from mattran.organisations.models import Body, Organisation, Topic
from mattran.petitions.selectors import petition_counts_by_topic_and_body

from .models import (
    AWAITING_RESPONSE,
    ActivityStatus,
    Programme,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
    SupervisionActivity,
    SupervisionSettings,
)

S = RecommendationStatus
NOT_CARRIED_OUT = (S.NOT_ACCEPTED, S.ESCALATED)


# --- permissions-scoped querysets (the same helpers as petitions) ---------------------------------------------


def programme_list_for(*, user) -> QuerySet:
    return organisation_filter(Programme.objects.select_related("organisation"), user=user)


def activity_list_for(*, user) -> QuerySet:
    return organisation_filter(SupervisionActivity.objects.select_related("organisation", "programme"), user=user)


def recommendation_list_for(*, user) -> QuerySet:
    return organisation_filter(Recommendation.objects.select_related("addressee", "activity", "organisation"), user=user)


# --- progress ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeProgress:
    planned: int
    under_way: int
    done: int
    not_done: int

    @property
    def total(self) -> int:
        return self.planned + self.under_way + self.done + self.not_done

    def percent(self, part: int) -> int:
        return round(100 * part / self.total) if self.total else 0

    @property
    def segments(self) -> list[tuple[str, str, int, int]]:
        """(status, label, count, percent) for the progress bar, in plan order."""
        counts = {
            ActivityStatus.DONE: self.done,
            ActivityStatus.UNDER_WAY: self.under_way,
            ActivityStatus.PLANNED: self.planned,
            ActivityStatus.NOT_DONE: self.not_done,
        }
        return [(s.value, s.label, n, self.percent(n)) for s, n in counts.items()]

    @property
    def bar(self) -> list[tuple[str, str, int, int, int]]:
        """The non-empty segments with their x offset on a 0–100 scale."""
        result, offset = [], 0
        for status, label, count, percent in self.segments:
            if count:
                result.append((status, label, count, percent, offset))
                offset += percent
        return result


def programme_progress(*, programme: Programme) -> ProgrammeProgress:
    counts = programme.activities.aggregate(
        **{status: Count("id", filter=Q(status=status)) for status in ActivityStatus.values}
    )
    return ProgrammeProgress(
        planned=counts[ActivityStatus.PLANNED],
        under_way=counts[ActivityStatus.UNDER_WAY],
        done=counts[ActivityStatus.DONE],
        not_done=counts[ActivityStatus.NOT_DONE],
    )


def recommendation_progress(*, recommendation: Recommendation) -> int:
    """A recommendation's progress: its own reported progress, or for one split into parts, the mean of its
    children's (implemented parts count 100 %, parts not accepted count 0 %)."""
    children = recommendation.children.exclude(status=S.DRAFTED)
    if not children.exists():
        return 100 if recommendation.status in (S.IMPLEMENTED,) else recommendation.progress
    mean = children.aggregate(mean=Avg("progress"))["mean"] or 0
    return round(mean)


# --- the topic picker -----------------------------------------------------------------------------------------

# The ranking formula (docs/domain.md): each (topic, body) pair scores
#   1 × petitions received in the last 12 months
# + 3 × petitions open past their due date
# + 2 × petitions reopened (the citizen was not satisfied with the answer)
# + 2 × petitions rated 1 or 2 out of 5
# + 4 × earlier recommendations to that body on that topic not carried out (not accepted, escalated, or
#       still without a written response after the due date).
# Weights favour unresolved problems over sheer volume: a body that lets petitions go overdue, and ignores
# recommendations, is where supervision is most needed.
WEIGHTS = {"received": 1, "overdue": 3, "reopened": 2, "low_rated": 2, "unimplemented": 4}


@dataclass
class TopicCandidate:
    topic: Topic | None
    body: Body
    received: int = 0
    overdue: int = 0
    reopened: int = 0
    low_rated: int = 0
    mean_rating: float | None = None
    unimplemented: int = 0
    unimplemented_refs: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(WEIGHTS[name] * getattr(self, name) for name in WEIGHTS)

    @property
    def evidence(self) -> str:
        parts = [
            _("%(n)s ý kiến, kiến nghị trong 12 tháng") % {"n": self.received},
            _("%(n)s quá hạn") % {"n": self.overdue},
            _("%(n)s bị mở lại") % {"n": self.reopened},
            _("%(n)s đánh giá không hài lòng") % {"n": self.low_rated},
        ]
        if self.mean_rating is not None:
            parts.append(_("mức hài lòng trung bình %(mean).1f/5") % {"mean": self.mean_rating})
        if self.unimplemented:
            parts.append(
                _("%(n)s kiến nghị sau giám sát chưa thực hiện (%(refs)s)")
                % {"n": self.unimplemented, "refs": ", ".join(self.unimplemented_refs)}
            )
        return "; ".join(parts)


def topic_candidates(*, organisation: Organisation, today: datetime.date | None = None, limit: int = 10):
    """Candidate supervision topics for ``organisation`` (its subtree), ranked by ``WEIGHTS``, with the evidence."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=365)
    candidates: dict[tuple[int | None, int], TopicCandidate] = {}
    for row in petition_counts_by_topic_and_body(organisation=organisation, since=since, today=today):
        key = (row["topic_id"], row["body_id"])
        candidates[key] = TopicCandidate(
            topic=None,
            body=None,
            received=row["received"],
            overdue=row["overdue"],
            reopened=row["reopened"],
            low_rated=row["low_rated"],
            mean_rating=row["mean_rating"],
        )
    unimplemented = (
        Recommendation.objects.filter(organisation__path__startswith=organisation.path)
        .filter(Q(status__in=NOT_CARRIED_OUT) | Q(status__in=AWAITING_RESPONSE, response_due__lt=today))
        .values_list("activity__topic_id", "addressee_id", "reference")
    )
    for topic_id, body_id, reference in unimplemented:
        candidate = candidates.setdefault((topic_id, body_id), TopicCandidate(topic=None, body=None))
        candidate.unimplemented += 1
        candidate.unimplemented_refs.append(reference)
    topics = Topic.objects.in_bulk({t for t, _b in candidates if t})
    bodies = Body.objects.in_bulk({b for _t, b in candidates})
    ranked = []
    for (topic_id, body_id), candidate in candidates.items():
        candidate.topic, candidate.body = topics.get(topic_id), bodies[body_id]
        ranked.append(candidate)
    ranked.sort(key=lambda c: (-c.score, -c.overdue, c.body.name))
    return ranked[:limit]


# --- officers' dashboard ---------------------------------------------------------------------------------------


def dashboard_for(*, user, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=SupervisionSettings.load().due_soon_days)
    recommendations = recommendation_list_for(user=user)
    week_end = today + datetime.timedelta(days=6 - today.weekday())
    return {
        "due_this_week": recommendations.filter(
            status__in=AWAITING_RESPONSE, response_due__gte=today, response_due__lte=week_end
        ).order_by("response_due"),
        "due_soon": recommendations.filter(
            status__in=AWAITING_RESPONSE, response_due__gte=today, response_due__lte=soon
        ).order_by("response_due"),
        "overdue": recommendations.overdue(today).order_by("response_due"),
        "awaiting": recommendations.filter(status__in=AWAITING_RESPONSE).order_by("response_due"),
        "escalated": recommendations.filter(status=S.ESCALATED).order_by("-escalated_on"),
        "activities_in_progress": activity_list_for(user=user).filter(status=ActivityStatus.UNDER_WAY),
        "programmes": programme_list_for(user=user).filter(year=today.year),
        "per_body": recommendations.exclude(status=S.DRAFTED)
        .values("addressee__name")
        .annotate(
            total=Count("id"),
            awaiting=Count("id", filter=Q(status__in=AWAITING_RESPONSE)),
            overdue=Count("id", filter=Q(status__in=AWAITING_RESPONSE, response_due__lt=today)),
            implemented=Count("id", filter=Q(status=S.IMPLEMENTED)),
            problem=Count("id", filter=Q(status__in=NOT_CARRIED_OUT)),
        )
        .order_by("-overdue", "-awaiting", "addressee__name"),
    }


# --- public accountability -------------------------------------------------------------------------------------


def activity_list_public(
    *, organisation: Organisation | None = None, year: int | None = None, body: Body | None = None,
    status: str | None = None,
) -> QuerySet:
    activities = SupervisionActivity.objects.filter(is_published=True).select_related("organisation")
    if organisation is not None:
        activities = activities.filter(organisation__path__startswith=organisation.path)
    if year:
        activities = activities.filter(finished_on__year=year)
    if body is not None:
        activities = activities.filter(recommendations__addressee=body).distinct()
    if status:
        activities = activities.filter(recommendations__status=status).distinct()
    return activities.order_by("-finished_on", "-id")


def recommendation_share_public(*, activities: QuerySet, today: datetime.date | None = None) -> dict:
    """Shares shown on /giam-sat/: answered in writing on time, and carried out, of the issued recommendations."""
    today = today or timezone.localdate()
    recommendations = Recommendation.objects.public().filter(activity__in=activities)
    counts = recommendations.aggregate(
        issued=Count("id"),
        responded=Count("id", filter=Q(responded_on__isnull=False)),
        on_time=Count("id", filter=Q(responded_on__isnull=False, responded_on__lte=F("response_due"))),
        implemented=Count("id", filter=Q(status=S.IMPLEMENTED)),
    )
    issued = counts["issued"] or 0
    counts["on_time_percent"] = round(100 * counts["on_time"] / issued) if issued else None
    counts["implemented_percent"] = round(100 * counts["implemented"] / issued) if issued else None
    return counts


def organisation_list_with_public_supervisions() -> QuerySet:
    return Organisation.objects.filter(supervisions__is_published=True).distinct().order_by("path")


def recommendation_list_public(*, activity: SupervisionActivity) -> list[tuple[Recommendation, int, list]]:
    """Each public recommendation of a published supervision with its rolled-up progress, milestones and
    public timeline (no evidence files, no actors' names)."""
    rows = []
    for recommendation in (
        Recommendation.objects.public().filter(activity=activity).select_related("addressee", "parent").order_by("id")
    ):
        rows.append(
            (
                recommendation,
                recommendation_progress(recommendation=recommendation),
                list(recommendation.milestones.values("reached_on", "description", "progress")),
                list(recommendation.events.filter(is_public=True).values("created_at", "kind", "to_status")),
            )
        )
    return rows


def recommendation_events_public(*, limit: int = 30) -> QuerySet:
    """The latest public changes, for the accountability RSS feed."""
    return (
        RecommendationEvent.objects.filter(is_public=True, recommendation__activity__is_published=True)
        .exclude(recommendation__status=S.DRAFTED)
        .select_related("recommendation__addressee", "recommendation__activity")
        .order_by("-created_at", "-id")[:limit]
    )


# --- the addressee body's liaison ------------------------------------------------------------------------------

# What a liaison with an account has to act on: waiting for the body's answer, or being carried out.
LIAISON_OPEN = (S.ISSUED, S.ACKNOWLEDGED, S.RESPONDED, S.IN_IMPLEMENTATION)


def recommendation_list_for_liaison(*, user, open_only: bool = True) -> QuerySet:
    """Recommendations sent to the liaison's own bodies (never drafts), nearest due first: the response due date
    while awaiting the answer, then the implementation due date."""
    from django.db.models import Case, When

    from mattran.accounts.permissions import body_ids_for_liaison

    queryset = (
        Recommendation.objects.filter(addressee_id__in=body_ids_for_liaison(user=user))
        .exclude(status=S.DRAFTED)
        .select_related("addressee", "activity", "organisation", "parent")
    )
    if open_only:
        queryset = queryset.filter(status__in=LIAISON_OPEN)
    return queryset.annotate(
        due=Case(When(status__in=AWAITING_RESPONSE, then=F("response_due")), default=F("implementation_due"))
    ).order_by(F("due").asc(nulls_last=True), "id")
