"""Which organisations' data a report counts: the organisation alone or its subtree, as it stood in the period.

*Members* are the organisation (alone) or every organisation under it by the materialised path (roll-up), kept
only when their validity (``valid_from``…``valid_to``) overlaps the period: a 2024 report of the former District
11 counts the wards it had then; a 2026 report of it counts nothing.

*Handovers*: an organisation that succeeds another (``Succession``, e.g. District 11 → phường Minh Phụng from
2025-07-01) also counts the predecessor's items, but only for figures dated on or after the succession's
effective date (an answer, a closing, an overdue item still open): what the district handed over, never what it
received or settled before. Every figure passes the date it is dated by, so the rule is one ``Q`` per figure.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from mattran.organisations.models import Organisation, Succession

from .periods import Period, local_midnight


@dataclass(frozen=True)
class Scope:
    organisation: Organisation
    period: Period
    rollup: bool
    # (effective date, predecessor ids) for predecessors that are not members themselves
    handovers: tuple[tuple[datetime.date, tuple[int, ...]], ...] = field(default=())

    def _members(self, prefix: str) -> Q:
        org = f"{prefix}organisation__"
        q = (
            Q(**{f"{org}path__startswith": self.organisation.path})
            if self.rollup
            else Q(**{f"{prefix}organisation_id": self.organisation.pk})
        )
        return (
            q
            & (Q(**{f"{org}valid_from__isnull": True}) | Q(**{f"{org}valid_from__lt": self.period.end}))
            & (Q(**{f"{org}valid_to__isnull": True}) | Q(**{f"{org}valid_to__gte": self.period.start}))
        )

    def q(
        self,
        *,
        prefix: str = "",
        date_field: str | None = None,
        is_datetime: bool = False,
        on: datetime.date | None = None,
    ) -> Q:
        """Rows of the scope; ``prefix`` reaches the row's ``organisation`` ("petition__"). A handed-over row
        counts when its ``date_field`` (or the fixed day ``on``) is on or after the effective date."""
        condition = self._members(prefix)
        for effective, ids in self.handovers:
            if on is not None:
                if on >= effective:
                    condition |= Q(**{f"{prefix}organisation_id__in": ids})
            elif date_field:
                edge = local_midnight(effective) if is_datetime else effective
                condition |= Q(**{f"{prefix}organisation_id__in": ids, f"{date_field}__gte": edge})
        return condition


def scope_build(*, organisation: Organisation, period: Period, rollup: bool = True) -> Scope:
    """Two small queries on the organisation tree; the figures then filter with the ``Q`` it builds."""
    tree = (
        Organisation.objects.filter(path__startswith=organisation.path)
        if rollup
        else Organisation.objects.filter(pk=organisation.pk)
    )
    members = tree.filter(Q(valid_from__isnull=True) | Q(valid_from__lt=period.end)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start)
    )
    links = (
        Succession.objects.filter(successor__in=members, effective_date__lt=period.end)
        .exclude(predecessor__in=members)
        .values_list("effective_date", "predecessor_id")
        .order_by("effective_date", "predecessor_id")
    )
    by_date: dict[datetime.date, set[int]] = {}
    for effective, predecessor in links:
        by_date.setdefault(effective, set()).add(predecessor)
    handovers = tuple((day, tuple(sorted(ids))) for day, ids in sorted(by_date.items()))
    return Scope(organisation=organisation, period=period, rollup=rollup, handovers=handovers)
