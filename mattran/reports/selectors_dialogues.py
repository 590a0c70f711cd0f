"""Dialogue figures of an organisation and a period (see ``selectors.py`` for the shared rules): the dialogue
conferences and voter-contact sessions held in the period by kind, and how the opinions raised at them were
handled, counted live (a few thousand meetings a year at most) in two aggregate queries.

Definitions:
- *held*: a meeting held (or held and since closed) whose start falls in the period; cancelled and planned ones
  are not counted;
- *opinions raised*: the opinions raised in the room at those meetings (questions sent in advance apart);
- *answered on the spot*: answered in the room;
- of the others, by the end of the period (today for the current one): *forwarded* to a body (a forwarding on
  the petition's timeline), *answered later* (the body's answer dated), *overdue* (due before that day and still
  waiting then, as the petitions' open overdue figure);
- *commitments*: the leaders' commitments made at those meetings (followed as supervision recommendations).
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from mattran.dialogues.models import Commitment, Meeting, MeetingKind, MeetingStatus, Opinion, OpinionSource
from mattran.petitions.models import PENDING_STATUSES, EventKind, PetitionEvent

from .periods import local_midnight, period_as_of
from .scope import Scope

HELD = (MeetingStatus.HELD, MeetingStatus.CLOSED)
FIGURES = ("raised", "in_advance", "on_the_spot", "forwarded", "answered_later", "overdue")


def _handling(as_of: datetime.date | None) -> dict:
    """The aggregate of each opinion figure (``as_of`` None: a period not begun, nothing handled yet)."""
    room, spot = Q(source=OpinionSource.ROOM), ~Q(spot_answer="")
    followed = room & ~spot
    counts = {
        "raised": Count("pk", filter=room),
        "in_advance": Count("pk", filter=Q(source=OpinionSource.ADVANCE)),
        "on_the_spot": Count("pk", filter=room & spot),
    }
    if as_of is None:
        return counts
    counts |= {
        "forwarded": Count("pk", filter=followed & Q(forwarded=True)),
        "answered_later": Count("pk", filter=followed & Q(petition__answered_on__lte=as_of)),
        "overdue": Count(
            "pk",
            filter=followed
            & Q(petition__due_date__lt=as_of)
            & (Q(petition__status__in=PENDING_STATUSES) | Q(petition__answered_on__gt=as_of)),
        ),
    }
    return counts


def dialogue_figures(*, scope: Scope, today: datetime.date | None = None, include_confidential: bool = True) -> dict:
    """The figures above; without ``include_confidential`` (the public page) confidential opinions are left out."""
    period = scope.period
    as_of = period_as_of(period, today or timezone.localdate())
    held = Meeting.objects.filter(
        scope.q(date_field="starts_at", is_datetime=True),
        status__in=HELD,
        starts_at__gte=period.start_dt,
        starts_at__lt=period.end_dt,
    )
    meetings = dict(held.values_list("kind").annotate(n=Count("pk")).order_by())
    opinions = Opinion.objects.filter(meeting__in=held)
    if not include_confidential:
        opinions = opinions.filter(petition__confidential=False)
    if as_of is not None:
        opinions = opinions.annotate(
            forwarded=Exists(
                PetitionEvent.objects.filter(
                    petition=OuterRef("petition"), kind=EventKind.FORWARDED, created_at__lt=local_midnight(
                        as_of + datetime.timedelta(days=1))
                )
            )
        )
    rows = {r["meeting__kind"]: r for r in opinions.values("meeting__kind").annotate(**_handling(as_of)).order_by()}
    labels = dict(MeetingKind.choices)
    by_kind = [
        {"kind": kind, "label": str(labels[kind]), "held": meetings.get(kind, 0),
         **{name: rows.get(kind, {}).get(name, 0) for name in FIGURES}}
        for kind in MeetingKind.values
    ]
    return {
        "by_kind": by_kind,
        "meetings_held": sum(meetings.values()),
        **{name: sum(r[name] for r in by_kind) for name in FIGURES},
        "commitments": Commitment.objects.filter(meeting__in=held).count(),
        "as_of": as_of,
    }
