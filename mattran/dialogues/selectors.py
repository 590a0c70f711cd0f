"""Reads of the dialogues app: the officer's meetings (organisation subtree), the public schedule, the counts of a
meeting's opinions, its public answers (no personal data), and a session's consolidated groups."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from mattran.accounts.permissions import organisation_filter
from mattran.petitions.models import ANSWER_PUBLISHED_STATUSES, PENDING_STATUSES, Petition, PetitionStatus

from .models import CouncilSession, Meeting, MeetingStatus, Opinion, OpinionGroup, OpinionSource

# Petition statuses that mean "sent on to a body" (whatever happened after).
NOT_FORWARDED = (PetitionStatus.SUBMITTED, PetitionStatus.ACCEPTED, PetitionStatus.REJECTED,
                 PetitionStatus.REDIRECTED, PetitionStatus.MERGED)


def meeting_list_for(*, user) -> QuerySet:
    return organisation_filter(Meeting.objects.select_related("organisation", "session", "leader_body"), user=user)


def session_list_for(*, user) -> QuerySet:
    return organisation_filter(CouncilSession.objects.select_related("organisation"), user=user)


def meeting_list_public(*, organisation=None, upcoming: bool | None = None, now=None) -> QuerySet:
    now = now or timezone.now()
    queryset = Meeting.objects.select_related("organisation", "session")
    if organisation is not None:
        queryset = queryset.filter(organisation__path__startswith=organisation.path)
    if upcoming is True:
        return queryset.filter(status=MeetingStatus.PLANNED, starts_at__gte=now).order_by("starts_at", "id")
    if upcoming is False:
        return queryset.exclude(status=MeetingStatus.PLANNED, starts_at__gte=now).order_by("-starts_at", "-id")
    return queryset.order_by("-starts_at", "-id")


def meeting_get_public(*, slug: str) -> Meeting | None:
    return Meeting.objects.select_related("organisation", "session", "leader_body").filter(slug=slug).first()


@dataclass
class OpinionCounts:
    total: int = 0
    on_the_spot: int = 0
    forwarded: int = 0
    answered_later: int = 0
    overdue: int = 0
    waiting: int = 0  # not answered on the spot and not yet sent on
    advance: int = 0
    advance_answered: int = 0  # questions sent beforehand and answered by the hosts in the room


def opinion_counts(*, meeting: Meeting, today=None) -> OpinionCounts:
    """"N lượt ý kiến" raised in the room: answered on the spot, forwarded to a body, answered later (the body's answer accepted
    by the Front), overdue (forwarded, open, past due) and still waiting to be sent on."""
    today = today or timezone.localdate()
    rows = list(meeting.opinions.values_list("spot_answer", "source", "petition__status", "petition__due_date"))
    counts = OpinionCounts()
    for spot, source, status, due in rows:
        if source == OpinionSource.ADVANCE:  # questions sent beforehand: counted apart from the room's opinions
            counts.advance += 1
            counts.advance_answered += bool(spot)
            continue
        counts.total += 1
        if spot:
            counts.on_the_spot += 1
            continue
        if status in NOT_FORWARDED:
            counts.waiting += status in (PetitionStatus.SUBMITTED, PetitionStatus.ACCEPTED)
            continue
        counts.forwarded += 1
        counts.answered_later += status in ANSWER_PUBLISHED_STATUSES
        counts.overdue += bool(status in PENDING_STATUSES and due and due < today)
    return counts


@dataclass
class PublicAnswer:
    number: int
    content: str
    answer: str
    on_the_spot: bool


def public_answers(*, meeting: Meeting) -> list[PublicAnswer]:
    """The opinions whose answer is public: answered on the spot, or answered later and published by the Front.
    Only the opinion's content and the public text of its answer; never who spoke or where they live."""
    opinions = meeting.opinions.select_related("petition").filter(
        petition__status__in=ANSWER_PUBLISHED_STATUSES, petition__confidential=False,
    ).exclude(petition__answer_public_text="").order_by("number")
    return [PublicAnswer(o.number, o.content, o.petition.answer_public_text, bool(o.spot_answer)) for o in opinions]


def opinions_for_hosts(*, meeting: Meeting) -> QuerySet:
    """Every opinion of the meeting for the officer: advance questions first, then in the order raised."""
    return meeting.opinions.select_related("petition", "petition__body").order_by("-source", "number")


def questions_in_advance(*, meeting: Meeting) -> QuerySet:
    return meeting.opinions.filter(source=OpinionSource.ADVANCE).select_related("petition").order_by("number")


@dataclass
class GroupRow:
    group: OpinionGroup
    opinions: list[Opinion]
    meetings: list[Meeting]
    wards: list[str]

    @property
    def count(self) -> int:
        return len(self.opinions)


def group_rows(*, session: CouncilSession) -> list[GroupRow]:
    rows = []
    groups = session.groups.annotate(n=Count("opinions")).filter(n__gt=0).order_by("position", "id")
    for group in groups:
        opinions = list(group.opinions.select_related("meeting", "meeting__organisation").order_by(
            "meeting__starts_at", "number"))
        meetings = list({o.meeting_id: o.meeting for o in opinions}.values())
        wards = sorted({o.meeting.organisation.name for o in opinions})
        rows.append(GroupRow(group, opinions, meetings, wards))
    return rows


def petition_ids(*, meeting: Meeting) -> list[int]:
    return list(Petition.objects.filter(opinion__meeting=meeting).values_list("pk", flat=True))


def articles_of(*, meeting: Meeting) -> list:
    """The published news articles linked to the meeting, newest first."""
    from mattran.news.models import ArticlePage

    return list(ArticlePage.objects.live().public().filter(meeting_links__meeting=meeting).order_by(
        "-first_published_at"))


def meetings_of(*, article) -> QuerySet:
    return Meeting.objects.filter(article_links__article=article).order_by("-starts_at")


def session_previous(*, session: CouncilSession) -> CouncilSession | None:
    """The same elected body's session before ``session``, consolidated by the same committee: the round whose
    answers are reported back to voters at this round's voter-contact sessions."""
    return (CouncilSession.objects.filter(organisation=session.organisation, elected_body=session.elected_body,
                                          starts_on__lt=session.starts_on)
            .order_by("-starts_on", "-id").first())


@dataclass
class ReportBack:
    """"Kết quả trả lời kiến nghị cử tri" of the previous round, told to voters at this round."""

    session: CouncilSession
    rows: list[GroupRow]

    @property
    def answered(self) -> int:
        return sum(bool(row.group.answer_text) for row in self.rows)


def report_back_for(*, session: CouncilSession | None) -> ReportBack | None:
    """The confirmed groups of the session before ``session`` with their answers (None when there is none)."""
    previous = session_previous(session=session) if session else None
    if previous is None:
        return None
    return ReportBack(previous, [row for row in group_rows(session=previous) if row.group.confirmed])
