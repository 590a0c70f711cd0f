import datetime
import random

import pytest

from mattran.dialogues.models import Commitment, Meeting, MeetingKind, MeetingStatus, Opinion, OpinionSource
from mattran.petitions.models import PENDING_STATUSES, EventKind, PetitionEvent, PetitionStatus
from mattran.petitions.tests.factories import PetitionFactory
from mattran.reports.periods import period_month, period_quarter, period_range, period_year
from mattran.reports.scope import scope_build
from mattran.reports.selectors_dialogues import FIGURES, dialogue_figures
from mattran.supervision.models import Recommendation, SupervisionActivity

from .world import EDGES, REORGANISATION, TZ, ReorganisedCity, brute_scope, local

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 2, 15)
S = PetitionStatus
STATUSES = [MeetingStatus.HELD] * 4 + [MeetingStatus.CLOSED] * 2 + [MeetingStatus.PLANNED, MeetingStatus.CANCELLED]


def _opinion(world, rng, meeting, number):
    room = rng.random() < 0.8
    spot = room and rng.random() < 0.35
    petition = PetitionFactory(organisation=meeting.organisation, topic=world.topics[0], channel=meeting.channel)
    held_at = meeting.starts_at
    fields = {"status": S.CLOSED if spot else rng.choice([S.ACCEPTED, S.FORWARDED, S.IN_PROGRESS, S.ANSWERED,
                                                          S.INFORMED, S.CLOSED, S.MERGED])}
    if spot:
        fields["answered_on"] = held_at.astimezone(TZ).date()
    elif fields["status"] not in (S.ACCEPTED, S.MERGED):
        forwarded = held_at + datetime.timedelta(hours=rng.choice([2, 30, 400, 2000]))
        PetitionEvent.objects.create(petition=petition, kind=EventKind.FORWARDED, created_at=forwarded)
        fields["due_date"] = forwarded.astimezone(TZ).date() + datetime.timedelta(days=rng.choice([5, 15, 40]))
        if fields["status"] not in PENDING_STATUSES:
            fields["answered_on"] = forwarded.astimezone(TZ).date() + datetime.timedelta(days=rng.choice([3, 30]))
    type(petition).objects.filter(pk=petition.pk).update(**fields)
    Opinion.objects.create(meeting=meeting, petition=petition, number=number, content="Ý kiến",
                           source=OpinionSource.ROOM if room else OpinionSource.ADVANCE,
                           spot_answer="Đã trả lời tại hội nghị" if spot else "")


def _generate(world, rng):
    first = local(2025, 1, 1)
    for n in range(45):
        starts = rng.choice(EDGES) if rng.random() < 0.35 else first + datetime.timedelta(hours=rng.randrange(13_000))
        day = starts.astimezone(TZ).date()
        meeting = Meeting.objects.create(
            organisation=rng.choice(world.before if day < REORGANISATION else world.after),
            kind=rng.choice(MeetingKind.values), title=f"Hội nghị {n}", starts_at=starts, place="Hội trường",
            topic=world.topics[0], status=rng.choice(STATUSES),
        )
        for number in range(1, rng.randint(0, 5) + 1):
            _opinion(world, rng, meeting, number)
        if rng.random() < 0.3:
            activity = SupervisionActivity.objects.create(organisation=meeting.organisation, reference=f"GS-D-{n}",
                                                          form="delegation", title="Theo dõi cam kết")
            recommendation = Recommendation.objects.create(
                activity=activity, organisation=meeting.organisation, reference=f"KNGS-D-{n}",
                addressee=world.bodies[0], text="Cam kết", response_due=day, implementation_due=day,
            )
            Commitment.objects.create(meeting=meeting, leader="Chủ tịch", text="Cam kết", due_date=day,
                                      recommendation=recommendation)


def _brute(organisation, period, rollup):
    in_scope = brute_scope(organisation=organisation, period=period, rollup=rollup)
    as_of = None if period.start > TODAY else min(period.last_day, TODAY)
    forwarded_days = {}
    for e in PetitionEvent.objects.filter(kind=EventKind.FORWARDED):
        forwarded_days.setdefault(e.petition_id, []).append(e.created_at.astimezone(TZ).date())
    out = {kind: dict.fromkeys(("held", "raised", "in_advance", "on_the_spot", "forwarded", "answered_later",
                                "overdue"), 0) for kind in MeetingKind.values}
    commitments = 0
    for meeting in Meeting.objects.all():
        day = meeting.starts_at.astimezone(TZ).date()
        if not (meeting.status in (MeetingStatus.HELD, MeetingStatus.CLOSED) and period.start <= day < period.end
                and in_scope(meeting.organisation_id, day)):
            continue
        row = out[meeting.kind]
        row["held"] += 1
        commitments += Commitment.objects.filter(meeting=meeting).count()
        for opinion in meeting.opinions.select_related("petition"):
            p = opinion.petition
            if opinion.source == OpinionSource.ADVANCE:
                row["in_advance"] += 1
                continue
            row["raised"] += 1
            if opinion.spot_answer:
                row["on_the_spot"] += 1
                continue
            if as_of is None:
                continue
            row["forwarded"] += any(d <= as_of for d in forwarded_days.get(p.pk, []))
            row["answered_later"] += bool(p.answered_on and p.answered_on <= as_of)
            row["overdue"] += bool(p.due_date and p.due_date < as_of and (
                p.status in PENDING_STATUSES or (p.answered_on and p.answered_on > as_of)))
    return out, commitments


def test_dialogue_figures_match_a_brute_force_count():
    world = ReorganisedCity()
    _generate(world, random.Random(8))
    assert Opinion.objects.exists() and Commitment.objects.exists()
    seen = set()
    for period in (
        period_month(year=2025, month=6),
        period_month(year=2025, month=7),
        period_month(year=2026, month=1),
        period_month(year=2026, month=3),
        period_quarter(year=2025, quarter=3),
        period_year(year=2025),
        period_year(year=2026),
        period_range(start=datetime.date(2025, 6, 15), last_day=datetime.date(2025, 7, 15)),
    ):
        for organisation, rollup in (
            (world.city, True),
            (world.district, True),
            (world.ward_a, False),
            (world.ward_a, True),
            (world.ward_b, True),
        ):
            got = dialogue_figures(scope=scope_build(organisation=organisation, period=period, rollup=rollup),
                                   today=TODAY)
            want, commitments = _brute(organisation, period, rollup)
            where = f"{organisation} {period.key()} rollup={rollup}"
            assert {r["kind"]: {k: r[k] for k in want[r["kind"]]} for r in got["by_kind"]} == want, where
            assert got["meetings_held"] == sum(r["held"] for r in want.values()), where
            assert got["overdue"] == sum(r["overdue"] for r in want.values()), where
            assert got["commitments"] == commitments, where
            seen |= {name for name in (*FIGURES, "meetings_held", "commitments") if got[name]}
    assert seen == {*FIGURES, "meetings_held", "commitments"}  # the data exercises every figure


def test_a_meeting_at_midnight_belongs_to_the_day_that_begins():
    world = ReorganisedCity()
    for n, starts in enumerate((local(2026, 1, 31, 23, 59, 59), local(2026, 2, 1))):
        Meeting.objects.create(organisation=world.ward_a, kind=MeetingKind.DIALOGUE, title=f"H{n}", starts_at=starts,
                               place="P", topic=world.topics[0], status=MeetingStatus.HELD)
    january, february = (
        dialogue_figures(scope=scope_build(organisation=world.city, period=period_month(year=2026, month=m)),
                         today=TODAY)["meetings_held"]
        for m in (1, 2)
    )
    assert (january, february) == (1, 1)
