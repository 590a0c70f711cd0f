"""Parsing of raw request values (query strings, hidden fields) that reach the ORM or date arithmetic.

One place for the three rules that keep odd input a 4xx instead of a 500:
- an id is ASCII digits only and fits a 64-bit column (``"²".isdigit()`` is true and ``int()`` refuses it;
  a 25-digit number overflows SQLite and the ``IN`` lookup);
- a date lies between 1900 and 2100 (``date.max + 1 day`` overflows, and year 1 cannot be converted to UTC);
- text carries no NUL (PostgreSQL refuses it in any string parameter).
"""

import datetime

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)
MAX_ID = 2**63 - 1  # BigAutoField


def nul_free(value: str | None) -> str:
    """The text without NUL characters (PostgreSQL cannot take them; they never mean anything here)."""
    return (value or "").replace("\x00", "")


def text_param(params, name: str, *, max_length: int = 200) -> str:
    """A free-text query parameter: NUL removed, trimmed and cut to ``max_length``."""
    return nul_free(params.get(name)).strip()[:max_length]


def parse_id(raw) -> int | None:
    """A database id from a string of ASCII digits, or None for anything else (including out of range)."""
    raw = (raw or "").strip() if isinstance(raw, str) else raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 19:
        value = int(raw)
    else:
        return None
    return value if 1 <= value <= MAX_ID else None


def parse_ids(values) -> list[int] | None:
    """Every value as an id, or None if any one is not an id."""
    ids = [parse_id(value) for value in values]
    return None if any(i is None for i in ids) else ids


def date_in_range(day: datetime.date | None) -> bool:
    return day is not None and EARLIEST <= (day.date() if isinstance(day, datetime.datetime) else day) <= LATEST


def parse_date(raw) -> datetime.date | None:
    """An ISO date (YYYY-MM-DD) between 1900 and 2100, or None."""
    try:
        day = datetime.date.fromisoformat(nul_free(raw).strip())
    except ValueError:
        return None
    return day if date_in_range(day) else None


def parse_month(raw) -> tuple[int, int] | None:
    """``YYYY-MM`` (or ``YYYY-M``) between 1900 and 2100 as (year, month), or None."""
    parts = nul_free(raw).strip().split("-")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        return None
    year, month = int(parts[0]), int(parts[1])
    if not (1 <= month <= 12 and EARLIEST.year <= year <= LATEST.year):
        return None
    return year, month
