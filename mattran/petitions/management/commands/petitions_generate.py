"""Benchmark data: N petitions spread over the active wards, topics, bodies, channels, statuses and the last
year, with their timelines. Written with bulk inserts (not the services) so 100,000 rows load in about a
minute; every row is still a valid petition (status, status group, due date and events agree)."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from mattran.organisations.models import Body, Organisation, OrganisationKind, Topic
from mattran.petitions.deadlines import add_working_days
from mattran.petitions.models import (
    STATUS_GROUPS,
    EventKind,
    InformMethod,
    Petition,
    PetitionChannel,
    PetitionEvent,
    PetitionKind,
    PetitionStatus,
    reference_allocate,
    tracking_code_new,
)

S = PetitionStatus
# status → the event kinds that led there (after "submitted")
PATHS = {
    S.SUBMITTED: [],
    S.ACCEPTED: [EventKind.ACCEPTED],
    S.REJECTED: [EventKind.REJECTED],
    S.FORWARDED: [EventKind.ACCEPTED, EventKind.FORWARDED],
    S.IN_PROGRESS: [EventKind.ACCEPTED, EventKind.FORWARDED, EventKind.ACKNOWLEDGED],
    S.ANSWERED: [EventKind.ACCEPTED, EventKind.FORWARDED, EventKind.ACKNOWLEDGED, EventKind.ANSWERED],
    S.INFORMED: [EventKind.ACCEPTED, EventKind.FORWARDED, EventKind.ACKNOWLEDGED, EventKind.ANSWERED,
                 EventKind.ANSWER_ACCEPTED, EventKind.INFORMED],
    S.CLOSED: [EventKind.ACCEPTED, EventKind.FORWARDED, EventKind.ACKNOWLEDGED, EventKind.ANSWERED,
               EventKind.ANSWER_ACCEPTED, EventKind.INFORMED, EventKind.CLOSED],
}
WEIGHTS = {S.SUBMITTED: 8, S.ACCEPTED: 4, S.REJECTED: 2, S.FORWARDED: 12, S.IN_PROGRESS: 14, S.ANSWERED: 8,
           S.INFORMED: 12, S.CLOSED: 40}
WORDS = ("đèn đường", "rác thải", "ngập nước", "lấn chiếm vỉa hè", "tiếng ồn", "ổ gà", "cây xanh", "nước sạch",
         "học phí", "bảo hiểm y tế", "giấy chứng nhận", "trợ cấp")


class Command(BaseCommand):
    help = "Sinh N kiến nghị giả lập (kèm diễn biến) để đo hiệu năng: manage.py petitions_generate 100000"

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=11)

    def handle(self, *args, count, batch, seed, **options):
        rng = random.Random(seed)
        today = timezone.localdate()
        wards = list(
            Organisation.objects.active_on(today).filter(
                kind__in=[OrganisationKind.COMMUNE_COMMITTEE, OrganisationKind.RESIDENTIAL_COMMITTEE]
            )
        )
        topics = list(Topic.objects.filter(is_active=True))
        bodies = list(Body.objects.active_on(today))
        if not wards or not topics or not bodies:
            raise CommandError("Cần có phường, lĩnh vực và cơ quan: chạy `manage.py load_demo` trước.")
        statuses, weights = zip(*WEIGHTS.items(), strict=True)
        made = 0
        while made < count:
            size = min(batch, count - made)
            with transaction.atomic():
                rows, plans = [], []
                for _i in range(size):
                    status = rng.choices(statuses, weights)[0]
                    created = timezone.now() - datetime.timedelta(minutes=rng.randint(0, 365 * 24 * 60))
                    day = timezone.localdate(created)
                    path = PATHS[status]
                    forwarded = EventKind.FORWARDED in path
                    due = add_working_days(day, 10) if forwarded else None
                    answered = EventKind.ANSWERED in path
                    answered_on = (
                        min(today, add_working_days(day, rng.randint(2, 14))) if answered else None
                    )
                    word = rng.choice(WORDS)
                    rows.append(
                        Petition(
                            tracking_code=tracking_code_new(),
                            channel=rng.choice(PetitionChannel.values),
                            kind=rng.choice([PetitionKind.PETITION, PetitionKind.REPORT, PetitionKind.COMMENT]),
                            topic=rng.choice(topics),
                            title=f"Kiến nghị về {word} số {made + _i + 1}",
                            content=f"Người dân phản ánh tình trạng {word} kéo dài, đề nghị cơ quan xem xét.",
                            organisation=rng.choice(wards),
                            address=f"Số {rng.randint(1, 500)}, khu phố {rng.randint(1, 9)}",
                            body=rng.choice(bodies) if forwarded else None,
                            due_date=due,
                            status=status,
                            status_group=STATUS_GROUPS[status],
                            status_changed_at=created,
                            publish_consent=rng.random() < 0.5,
                            submitter_name="Người dân thử nghiệm",
                            submitter_phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                            answer_text="Cơ quan đã xem xét và xử lý." if answered else "",
                            answer_public_text="Cơ quan đã xem xét và xử lý."
                            if EventKind.ANSWER_ACCEPTED in path else "",
                            answered_at=created + datetime.timedelta(days=3) if answered else None,
                            answered_on=answered_on,
                            answered_by="Cán bộ đầu mối" if answered else "",
                            inform_method=InformMethod.PHONE if EventKind.INFORMED in path else "",
                            informed_at=created + datetime.timedelta(days=4) if EventKind.INFORMED in path else None,
                        )
                    )
                    plans.append((created, path))
                by_year = {}
                for petition, (created, _path) in zip(rows, plans, strict=True):
                    by_year.setdefault(timezone.localtime(created).year, []).append(petition)
                for year, group in by_year.items():
                    for petition, reference in zip(group, reference_allocate(year=year, count=len(group)), strict=True):
                        petition.reference = reference
                for _attempt in range(3):
                    try:
                        with transaction.atomic():
                            Petition.objects.bulk_create(rows, batch_size=1000)
                        break
                    except IntegrityError:
                        # A random tracking code already taken (rare, but it happens over millions): new codes.
                        for petition in rows:
                            petition.tracking_code = tracking_code_new()
                else:
                    raise CommandError("Không tạo được mã tra cứu không trùng sau 3 lần thử.")
                codes = [p.tracking_code for p in rows]
                ids = dict(Petition.objects.filter(tracking_code__in=codes).values_list("tracking_code", "pk"))
                events = []
                for petition, (created, path) in zip(rows, plans, strict=True):
                    pk = ids[petition.tracking_code]
                    events.append(PetitionEvent(petition_id=pk, kind=EventKind.SUBMITTED, created_at=created,
                                                actor_label="petitions_generate"))
                    for step, kind in enumerate(path, start=1):
                        events.append(
                            PetitionEvent(petition_id=pk, kind=kind, created_at=created + datetime.timedelta(hours=step),
                                          body=petition.body if kind == EventKind.FORWARDED else None,
                                          actor_label="petitions_generate")
                        )
                PetitionEvent.objects.bulk_create(events, batch_size=2000)
                made += size
            self.stdout.write(f"  {made}/{count}")
        if connection.vendor == "postgresql":
            # Fresh planner statistics: without them PostgreSQL misjudges the queue's filters after a bulk load.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE petitions_petition; ANALYZE petitions_petitionevent;")
        self.stdout.write(self.style.SUCCESS(f"Đã sinh {count} kiến nghị."))
