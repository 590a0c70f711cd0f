"""A draft's text as numbered paragraphs, and the difference between two versions as semantic <ins>/<del>.

Splitting: blocks separated by a blank line are paragraphs; a text without blank lines has one paragraph per
non-empty line (how drafts pasted from Word arrive). Whitespace inside a paragraph is normalised, Windows line
ends and NUL characters removed.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_PARAGRAPHS = 2000
_BLANK_LINE = re.compile(r"\n\s*\n")
_WORDS = re.compile(r"\s+|[^\s]+")


def paragraphs_split(text: str) -> list[str]:
    text = (text or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


@dataclass(frozen=True)
class DiffRow:
    """One row of the comparison: the paragraph numbers on each side (None when added or removed), and the
    new paragraph's text with the changes marked."""

    change: str  # "same" | "changed" | "added" | "removed"
    old_number: int | None
    new_number: int | None
    html: SafeString


def _words_diff(old: str, new: str) -> SafeString:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append("<del>" + escape("".join(a[i1:i2])) + "</del>")
        if j2 > j1:
            out.append("<ins>" + escape("".join(b[j1:j2])) + "</ins>")
    return mark_safe("".join(out))  # noqa: S308 — every piece of text above is escaped


def paragraphs_diff(old: list[tuple[int, str]], new: list[tuple[int, str]]) -> list[DiffRow]:
    """Compare two versions given as (number, text) lists; replaced paragraphs are paired one to one and
    compared word by word, the rest shown whole as added or removed."""
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=[t for _n, t in old], b=[t for _n, t in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [DiffRow("same", old[i][0], new[j][0], escape(new[j][1]))
                     for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):
            (on, ot), (nn, nt) = old[i1 + k], new[j1 + k]
            rows.append(DiffRow("changed", on, nn, _words_diff(ot, nt)))
        for on, ot in old[i1 + pairs:i2]:
            rows.append(DiffRow("removed", on, None, mark_safe("<del>" + escape(ot) + "</del>")))  # noqa: S308
        for nn, nt in new[j1 + pairs:j2]:
            rows.append(DiffRow("added", None, nn, mark_safe("<ins>" + escape(nt) + "</ins>")))  # noqa: S308
    return rows
