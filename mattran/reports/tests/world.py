"""Generated test data for the figures: the 1 July 2025 reorganisation and petitions in every state, many of
them dated right at local midnights, plus a slow, obviously correct Python count of every figure."""

import datetime
import random
from zoneinfo import ZoneInfo

from mattran.organisations.models import OrganisationKind, Succession
from mattran.organisations.tests.factories import BodyFactory, OrganisationFactory, TopicFactory
from mattran.petitions.deadlines import add_working_days, working_days_between
from mattran.petitions.models import (
    PENDING_STATUSES,
    STATUS_GROUPS,
    EventKind,
    Petition,
    PetitionChannel,
    PetitionEvent,
    PetitionKind,
    PetitionStatus,
    reference_format,
    tracking_code_new,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
REORGANISATION = datetime.date(2025, 7, 1)
S = PetitionStatus


def local(y, m, d, hh=0, mm=0, ss=0):
    return datetime.datetime(y, m, d, hh, mm, ss, tzinfo=TZ)


class ReorganisedCity:
    """City ⊃ District 11 (to 2025-06-30) ⊃ old ward; from 2025-07-01 wards A and B (⊃ residential committee)
    directly under the city, both successors of District 11."""

    def __init__(self):
        self.city = OrganisationFactory(name="UB MTTQ Thành phố", kind=OrganisationKind.PROVINCE_COMMITTEE)
        end = REORGANISATION - datetime.timedelta(days=1)
        self.district = OrganisationFactory(
            name="UB MTTQ Quận 11", kind=OrganisationKind.DISTRICT_COMMITTEE, parent=self.city, valid_to=end
        )
        self.old_ward = OrganisationFactory(name="UB MTTQ Phường 5 (cũ)", parent=self.district, valid_to=end)
        self.ward_a = OrganisationFactory(
            name="UB MTTQ phường Minh Phụng", parent=self.city, valid_from=REORGANISATION
        )
        self.ward_b = OrganisationFactory(
            name="UB MTTQ phường Bình Thới", parent=self.city, valid_from=REORGANISATION
        )
        self.residential = OrganisationFactory(
            name="Ban công tác khu phố 1",
            kind=OrganisationKind.RESIDENTIAL_COMMITTEE,
            parent=self.ward_a,
            valid_from=REORGANISATION,
        )
        for ward in (self.ward_a, self.ward_b):
            Succession.objects.create(
                predecessor=self.district, successor=ward, effective_date=REORGANISATION
            )
        for org in (self.city, self.district, self.old_ward, self.ward_a, self.ward_b, self.residential):
            org.refresh_from_db()
        self.before = [self.city, self.district, self.old_ward]
        self.after = [self.city, self.ward_a, self.ward_b, self.residential]
        self.topics = [TopicFactory(name=n) for n in ("Môi trường", "Đất đai, nhà ở", "Giao thông")]
        self.bodies = [
            BodyFactory(name="UBND Thành phố", area=self.city),
            BodyFactory(name="UBND Quận 11", area=self.district),
            BodyFactory(name="UBND phường Minh Phụng", area=self.ward_a),
        ]
        self.organisations = [
            self.city,
            self.district,
            self.old_ward,
            self.ward_a,
            self.ward_b,
            self.residential,
        ]


EDGES = [
    local(2025, 1, 1),
    local(2025, 3, 31, 23, 59, 59),
    local(2025, 4, 1),
    local(2025, 6, 30, 23, 59, 59),
    local(2025, 7, 1),
    local(2025, 7, 1, 0, 0, 1),
    local(2025, 12, 31, 23, 59, 59),
    local(2026, 1, 1),
    local(2026, 1, 31, 23, 59, 59),
    local(2026, 2, 1),
]


def petitions_generate(world: ReorganisedCity, *, count: int, seed: int, today: datetime.date) -> None:
    """``count`` petitions with consistent timelines, received between 2025-01 and ``today``."""
    rng = random.Random(seed)
    first, last = local(2025, 1, 1), datetime.datetime.combine(today, datetime.time(12), tzinfo=TZ)
    span = int((last - first).total_seconds())
    paths = {
        S.SUBMITTED: [],
        S.ACCEPTED: ["a"],
        S.REJECTED: ["x"],
        S.FORWARDED: ["a", "f"],
        S.IN_PROGRESS: ["a", "f", "k"],
        S.ANSWERED: ["a", "f", "k", "A"],
        S.INFORMED: ["a", "f", "A", "i"],
        S.CLOSED: ["a", "f", "A", "i", "c"],
        S.REOPENED: ["a", "f", "A", "i", "r"],
        S.MERGED: ["a", "m"],
    }
    kinds = {
        "a": EventKind.ACCEPTED,
        "x": EventKind.REJECTED,
        "f": EventKind.FORWARDED,
        "k": EventKind.ACKNOWLEDGED,
        "A": EventKind.ANSWERED,
        "i": EventKind.INFORMED,
        "c": EventKind.CLOSED,
        "r": EventKind.REOPENED,
        "m": EventKind.MERGED,
    }
    for n in range(count):
        created = (
            rng.choice(EDGES)
            if rng.random() < 0.3
            else first + datetime.timedelta(seconds=rng.randrange(span))
        )
        if created > last:
            created = last
        day = created.astimezone(TZ).date()
        org = rng.choice(world.before if day < REORGANISATION else world.after)
        status = rng.choice(list(paths))
        steps, when, events, fields = paths[status], created, [], {}
        for code in steps:
            # sometimes a step lands exactly on a midnight edge shortly after
            gap = datetime.timedelta(hours=rng.choice([1, 5, 30, 80, 200, 400]))
            when = when + gap
            edge = next((e for e in EDGES if when <= e <= when + datetime.timedelta(days=3)), None)
            if edge and rng.random() < 0.3:
                when = edge
            if when.date() > today:
                when = datetime.datetime.combine(today, datetime.time(23), tzinfo=TZ)
            events.append((kinds[code], when))
            if code == "f":
                fields["body"] = rng.choice(world.bodies)
                fields["due_date"] = add_working_days(when.astimezone(TZ).date(), rng.choice([3, 10, 15]))
            if code == "A":
                fields["answered_at"] = when
                fields["answered_on"] = when.astimezone(TZ).date()
            if code == "i" and rng.random() < 0.7:
                fields["rating"] = rng.randint(1, 5)
                fields["rated_at"] = when + datetime.timedelta(minutes=rng.choice([1, 600]))
            if code == "r":
                fields["reopen_count"] = 1
                fields.pop("rating", None), fields.pop("rated_at", None)
        if status == S.REOPENED and rng.random() < 0.5:  # forwarded again, and perhaps answered again
            status = S.FORWARDED
            when = when + datetime.timedelta(hours=10)
            events.append((EventKind.FORWARDED, when))
            fields["due_date"] = add_working_days(when.astimezone(TZ).date(), 10)
        petition = Petition.objects.create(
            reference=reference_format(2000 + seed % 50, n + 1 + 100000 * (seed % 7)),
            tracking_code=tracking_code_new(),
            channel=rng.choice(PetitionChannel.values[:4]),
            kind=rng.choice([PetitionKind.PETITION, PetitionKind.REPORT]),
            topic=rng.choice(world.topics),
            title=f"Kiến nghị {n}",
            content="Nội dung",
            organisation=org,
            status=status,
            status_group=STATUS_GROUPS[status],
            confidential=rng.random() < 0.1,
            **fields,
        )
        Petition.objects.filter(pk=petition.pk).update(created_at=created)
        PetitionEvent.objects.bulk_create(
            [PetitionEvent(petition=petition, kind=EventKind.SUBMITTED, created_at=created)]
            + [
                PetitionEvent(
                    petition=petition,
                    kind=k,
                    created_at=t,
                    body=fields.get("body") if k == EventKind.FORWARDED else None,
                )
                for k, t in events
            ]
        )


# ---- the slow, obviously correct count -------------------------------------------------------------------


def _local_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(TZ).date()


def brute_scope(*, organisation, period, rollup):
    """``in_scope(organisation_id, day)``: is a row of that organisation dated ``day`` counted by the report?"""
    from mattran.organisations.models import Organisation

    members = {
        o.pk
        for o in Organisation.objects.all()
        if (o.pk == organisation.pk or (rollup and o.path.startswith(organisation.path)))
        and (o.valid_from is None or o.valid_from < period.end)
        and (o.valid_to is None or o.valid_to >= period.start)
    }
    handed = [
        (s.predecessor_id, s.effective_date)
        for s in Succession.objects.all()
        if s.successor_id in members and s.effective_date < period.end and s.predecessor_id not in members
    ]

    def in_scope(organisation_id, day):
        return organisation_id in members or any(organisation_id == pred and day >= eff for pred, eff in handed)

    return in_scope


def brute_force(*, organisation, period, rollup, today, include_confidential=True) -> dict:
    org_in_scope = brute_scope(organisation=organisation, period=period, rollup=rollup)

    def in_scope(p, day):
        return org_in_scope(p.organisation_id, day)

    def in_period(day):
        return period.start <= day < period.end

    petitions = [
        p
        for p in Petition.objects.all()
        if p.status != S.MERGED and (include_confidential or not p.confidential)
    ]
    events = {}
    for e in PetitionEvent.objects.all():
        events.setdefault(e.petition_id, []).append(e)
    out = {
        "received": 0,
        "accepted": 0,
        "forwarded": 0,
        "informed": 0,
        "closed": 0,
        "reopened": 0,
        "closed_on_time": 0,
        "answered": 0,
        "answered_on_time": 0,
        "answered_late": 0,
        "open_overdue": 0,
    }
    channels, topics, wards, durations, ratings = {}, {}, {}, [], []
    as_of = None if period.start > today else min(period.last_day, today)
    names = {
        "accepted": EventKind.ACCEPTED,
        "forwarded": EventKind.FORWARDED,
        "informed": EventKind.INFORMED,
        "closed": EventKind.CLOSED,
        "reopened": EventKind.REOPENED,
    }
    for p in petitions:
        created_day = _local_day(p.created_at)
        if in_period(created_day) and in_scope(p, created_day):
            out["received"] += 1
            channels[p.channel] = channels.get(p.channel, 0) + 1
            topics[p.topic.name] = topics.get(p.topic.name, 0) + 1
            wards[p.organisation.name] = wards.get(p.organisation.name, 0) + 1
        on_time = p.due_date is None or (p.answered_on is not None and p.answered_on <= p.due_date)
        for name, kind in names.items():
            hits = [
                e
                for e in events.get(p.pk, [])
                if e.kind == kind
                and in_period(_local_day(e.created_at))
                and in_scope(p, _local_day(e.created_at))
            ]
            if hits:
                out[name] += 1
                if name == "closed" and on_time:
                    out["closed_on_time"] += 1
        if p.answered_on and in_period(p.answered_on) and in_scope(p, p.answered_on):
            out["answered"] += 1
            if p.due_date is None or p.answered_on <= p.due_date:
                out["answered_on_time"] += 1
            else:
                out["answered_late"] += 1
            forwards = [
                e.created_at
                for e in events.get(p.pk, [])
                if e.kind == EventKind.FORWARDED and e.created_at <= p.answered_at
            ]
            if forwards:
                durations.append(max(0, working_days_between(_local_day(max(forwards)), p.answered_on)))
        if (
            as_of
            and in_scope(p, as_of)
            and created_day <= as_of
            and created_day < period.end
            and p.due_date
            and p.due_date < as_of
            and (p.status in PENDING_STATUSES or (p.answered_on and p.answered_on > as_of))
        ):
            out["open_overdue"] += 1
        if (
            p.rating
            and p.rated_at
            and in_period(_local_day(p.rated_at))
            and in_scope(p, _local_day(p.rated_at))
        ):
            ratings.append(p.rating)
    durations.sort()
    median = None
    if durations:
        mid = len(durations) // 2
        median = durations[mid] if len(durations) % 2 else (durations[mid - 1] + durations[mid]) / 2
    out["working_days"] = {
        "count": len(durations),
        "mean": round(sum(durations) / len(durations), 1) if durations else None,
        "median": median,
    }
    out["satisfaction"] = {
        "count": len(ratings),
        "mean": round(sum(ratings) / len(ratings), 2) if ratings else None,
        "distribution": [(s, ratings.count(s)) for s in range(1, 6)],
    }
    out["channels"], out["topics"], out["wards"] = channels, topics, wards
    return out
