"""Vietnamese text for the search: words, folded copies, query terms and highlighted snippets.

Folding is :func:`mattran.core.text.fold` (the project's one folding function), applied word by word so a
match in folded text can be mapped back to the original words ("giam sat" highlights "giám sát").
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.db import models
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from mattran.core.text import fold

# A word is a run of letters and digits: the same split as SQLite FTS5's unicode61 tokenizer and, after the
# PostgreSQL expression replaces the characters that make its parser see paths, hosts and e-mails, the same
# as PostgreSQL's parser.
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """One query word: ``folded`` is matched; ``exact`` (lower case, with its marks) earns the ranking boost
    when the user typed diacritics."""

    folded: str
    exact: str = ""

    @property
    def has_marks(self) -> bool:
        return bool(self.exact) and self.exact != self.folded


def search_key(instance: models.Model) -> str:
    """The stable key of an indexed object: ``"news.articlepage:42"``."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def plain_text(markup: str) -> str:
    """Text of an HTML fragment (a rich-text field, a rendered StreamField) for the index."""
    return html.unescape(strip_tags(str(markup or "")))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", (text or "").replace("\x00", " "))


def words(text: str) -> list[str]:
    return WORD.findall(nfc(text))


def folded_words(text: str) -> list[str]:
    return WORD.findall(fold(nfc(text)))


def reference_key(text: str) -> str:
    """A reference number folded and compacted: "994-QĐ/TU", "994 qđ tu" and "994/QD-TU" all give "994qdtu"."""
    return "".join(folded_words(text))[:120]


def padded(tokens) -> str:
    """Words joined and padded with spaces, so ``LIKE '% word %'`` matches whole words."""
    return f" {' '.join(tokens)} " if tokens else ""


def folded_copy(text: str) -> str:
    return padded(folded_words(text))


def exact_words_copy(*texts: str) -> str:
    """The distinct lower-case words (with their marks) of the texts: small, since Vietnamese reuses syllables."""
    found = {word.lower() for text in texts for word in words(text)}
    return padded(sorted(found))


def query_terms(text: str, *, max_chars: int, max_terms: int) -> list[Term]:
    """The words of a user's query, cut to ``max_chars`` and ``max_terms``; never raises, whatever the input."""
    terms: list[Term] = []
    seen = set()
    for word in words((text or "")[:max_chars]):
        exact = word.lower()
        folded = WORD.findall(fold(exact))
        for part in folded:
            if part in seen:
                continue
            seen.add(part)
            terms.append(Term(folded=part, exact=exact if len(folded) == 1 else ""))
    return terms[:max_terms]


@lru_cache(maxsize=20_000)
def _fold_word(word: str) -> str:
    return fold(word)


def _marked(text: str, folded_terms: set[str], start: int = 0, end: int | None = None) -> str:
    """HTML of ``text[start:end]`` with every word whose fold is a query term wrapped in ``<mark>``."""
    end = len(text) if end is None else end
    out, pos = [], start
    for match in WORD.finditer(text, start, end):
        word = match.group()
        if _fold_word(word) in folded_terms:
            out.append(escape(text[pos : match.start()]))
            out.append(f"<mark>{escape(word)}</mark>")
            pos = match.end()
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, terms: list[Term]) -> SafeString:
    """The whole text, escaped, with the query's words marked (used for titles)."""
    text = nfc(text)
    return mark_safe(_marked(text, {t.folded for t in terms}))  # noqa: S308 — every piece is escaped


def snippet(text: str, terms: list[Term], *, size: int = 32) -> SafeString:
    """About ``size`` words of ``text`` around the place where most query words meet, escaped and marked."""
    text = nfc(text)
    folded_terms = {t.folded for t in terms}
    spans = [(m.start(), m.end(), _fold_word(m.group())) for m in WORD.finditer(text)]
    if not spans:
        return mark_safe("")  # noqa: S308
    hits = [i for i, span in enumerate(spans) if span[2] in folded_terms]
    best = 0
    if hits:
        # the window (starting a few words before a hit) holding the most distinct query words wins
        best_score = -1
        for i in hits:
            window = {s[2] for s in spans[i : i + size] if s[2] in folded_terms}
            if len(window) > best_score:
                best, best_score = i, len(window)
        best = max(0, best - size // 4)
    last = min(len(spans), best + size) - 1
    start = spans[best][0] if best else 0
    end = spans[last][1] if last < len(spans) - 1 else len(text)
    body = _marked(text, folded_terms, start, end).strip()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 — built from escaped pieces
