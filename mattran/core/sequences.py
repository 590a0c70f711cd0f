"""Readable public references ("GS-2026-0012"): a number per (prefix, year), never reused."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import ReferenceSequence


def reference_allocate(*, prefix: str, digits: int, year: int | None = None, count: int = 1) -> list[str]:
    """The next ``count`` references for ``prefix`` in ``year`` (default: this year).

    Must run inside the transaction that saves the rows named: the sequence row stays locked (``UPDATE … SET
    last = last + n``) until it commits, so two transactions never get the same number, and a rolled-back one
    gives its numbers back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("reference_allocate() must run inside the transaction that uses the references.")
    year = year or timezone.localdate().year
    rows = ReferenceSequence.objects.filter(prefix=prefix, year=year)
    if not rows.update(last=F("last") + count):
        try:
            with transaction.atomic():
                ReferenceSequence.objects.create(prefix=prefix, year=year, last=count)
        except IntegrityError:  # another transaction created the year's row first
            rows.update(last=F("last") + count)
    last = rows.values_list("last", flat=True).get()
    return [f"{prefix}-{year:04d}-{n:0{digits}d}" for n in range(last - count + 1, last + 1)]
