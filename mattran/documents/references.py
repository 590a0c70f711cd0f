"""Recognise mentions of official documents in Vietnamese text.

``find_references(text)`` is a pure function: it returns, in order, every mention such as
"Quyết định 935", "Quyết định số 994-QĐ/TU ngày 25/5/2017", "quy định 1374-qđ/tu",
"Nghị quyết liên tịch 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN" or "Công văn số 12/UBND-VX ngày 3 tháng 4 năm 2020"
as a :class:`Reference`. Input may be NFC or NFD; spans refer to the NFC form of the text
(``unicodedata.normalize("NFC", text)``), which is what :func:`find_references` matched.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from .models import DocumentKind, number_normalise

# Longest first, so "Nghị quyết liên tịch" wins over "Nghị quyết".
KIND_WORDS = {
    "nghị quyết liên tịch": DocumentKind.JOINT_RESOLUTION,
    "thông tư liên tịch": DocumentKind.JOINT_CIRCULAR,
    "nghị quyết": DocumentKind.RESOLUTION,
    "nghị định": DocumentKind.DECREE,
    "quyết định": DocumentKind.DECISION,
    "quy định": DocumentKind.REGULATION,
    "quy chế": DocumentKind.STATUTE,
    "thông tư": DocumentKind.CIRCULAR,
    "chỉ thị": DocumentKind.DIRECTIVE,
    "kết luận": DocumentKind.CONCLUSION,
    "hướng dẫn": DocumentKind.GUIDANCE,
    "kế hoạch": DocumentKind.PLAN,
    "chương trình": DocumentKind.PROGRAMME,
    "báo cáo": DocumentKind.REPORT,
    "thông báo": DocumentKind.NOTICE,
    "tờ trình": DocumentKind.SUBMISSION,
    "công văn": DocumentKind.OFFICIAL_LETTER,
    "luật": DocumentKind.LAW,
}


def _kind_pattern() -> str:
    words = sorted(KIND_WORDS, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words)


# A suffix token starts with a letter ("QĐ", "TU", "UBTVQH14", "ĐCTUBTWMTTQVN").
_TOKEN = r"[^\W\d_][^\W_]*"
# "994 - QĐ/TU": around a spaced separator only an upper-case token counts, so "935 - nhằm" stays prose.
_SPACED_TOKEN = r"\s*[-/]\s*(?-i:[A-ZĐ][A-ZĐ0-9]*)(?![^\W_])"
_PATTERN = re.compile(
    rf"""
    (?<![^\W_])                                   # not inside a word
    (?P<kind>{_kind_pattern()})
    \s+(?:số\s*:?\s*)?                            # optional "số" / "số:"
    (?P<number>
        (?P<bare>\d{{1,6}})
        (?:/(?P<year>(?:19|20)\d\d)(?!\d))?       # "403/2017/…"
        (?P<suffix>(?:[-/]{_TOKEN}|{_SPACED_TOKEN})*)  # "-QĐ/TU", "/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN"
    )
    (?![^\W_]|/\d)                                 # the number ends here
    (?P<date>
        \s*,?\s+ngày\s+
        (?:
            (?P<d1>\d{{1,2}})\s*[/.-]\s*(?P<m1>\d{{1,2}})\s*[/.-]\s*(?P<y1>\d{{4}})
          | (?P<d2>\d{{1,2}})\s+tháng\s+(?P<m2>\d{{1,2}})\s+năm\s+(?P<y2>\d{{4}})
        )
        (?!\d)
    )?
    """,
    re.IGNORECASE | re.VERBOSE,
)


# "Báo cáo 6 tháng đầu năm", "Kế hoạch 5 năm": a bare number followed by a unit is a quantity, not a document.
_QUANTITY_AFTER = re.compile(
    r"\s*(?:tháng|năm|ngày|tuần|quý|lần|giờ|phút|người|hộ|đợt|kỳ|%)(?![^\W_])", re.IGNORECASE
)


@dataclass(frozen=True)
class Reference:
    """One mention of a document in a text."""

    kind: str  # a DocumentKind value
    kind_text: str  # as written: "Quyết định", "quy định"
    number: str  # as written, spaces removed: "994-QĐ/TU", "935"
    bare: str  # leading serial without zeros: "994"
    suffix: str  # "QĐ/TU", "" when the mention leaves it out
    year: int | None  # the year inside the number ("403/2017/…"), else None
    date: datetime.date | None  # "ngày 25/5/2017"
    start: int
    end: int
    text: str  # the whole mention, date included

    @property
    def normalised(self) -> str:
        return number_normalise(self.number)

    @property
    def has_suffix(self) -> bool:
        return bool(self.suffix)


def _date(match: re.Match) -> datetime.date | None:
    day, month, year = (
        (match["d1"], match["m1"], match["y1"]) if match["d1"] else (match["d2"], match["m2"], match["y2"])
    )
    if not day:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_references(text: str) -> list[Reference]:
    """Every document mention in ``text`` (see the module docstring)."""
    if not text:
        return []
    text = unicodedata.normalize("NFC", text)
    found = []
    for match in _PATTERN.finditer(text):
        kind_text = re.sub(r"\s+", " ", match["kind"])
        number = re.sub(r"\s+", "", match["number"])
        suffix = re.sub(r"\s+", "", match["suffix"]).lstrip("-/")
        date = _date(match)
        if not suffix and not match["year"] and not match["date"] and _QUANTITY_AFTER.match(text, match.end()):
            continue
        # An impossible date ("ngày 31/2/2017") is not part of the mention.
        end = match.end() if date or not match["date"] else match.end("number")
        found.append(
            Reference(
                kind=KIND_WORDS[kind_text.casefold()],
                kind_text=kind_text,
                number=number,
                bare=str(int(match["bare"])),
                suffix=suffix,
                year=int(match["year"]) if match["year"] else None,
                date=date,
                start=match.start(),
                end=end,
                text=text[match.start() : end],
            )
        )
    return found
