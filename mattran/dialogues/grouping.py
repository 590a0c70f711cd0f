"""Grouping similar voters' opinions on folded Vietnamese text (tổng hợp kiến nghị cử tri).

The similarity is rapidfuzz's (a maintained C++ library made for fuzzy string matching), on text folded by
``mattran.core.text.fold`` (marks stripped, đ→d, lower case) with the syllables that say nothing of the subject
removed, so "ngập nước đường Lê Văn Lương" and "Duong Le Van Luong bi ngap nuoc" compare alike. Two measures,
the larger wins: ``token_sort_ratio`` (insensitive to word order) and ``token_set_ratio`` (insensitive to one
text saying more than the other; used only when the shorter text has at least three content syllables, or any
two short opinions sharing one word would match). We chose rapidfuzz over a TF-IDF cosine because opinions are
one or two sentences: there is too little text per opinion for term weights to mean much, while an edit-based
ratio on sorted syllables catches the same complaint worded differently and tolerates typing slips.
Grouping is greedy and stable: each opinion, in order, joins the first group whose first opinion is similar
enough, else starts a group. The officer then confirms or splits the groups.
"""

import re

from rapidfuzz import fuzz

from mattran.core.text import fold

THRESHOLD = 0.6
# Common syllables that say nothing of the subject (folded).
STOPWORDS = frozenset(
    "va la cua cho co cac nhung mot the nay do de duoc bi khi tai tren trong voi ve den tu da dang se "
    "can nghi de nghi kien nghi cu tri xin ong ba toi chung cung rat nhieu hon them nen phai thi ma nhu".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if w not in STOPWORDS]


def similarity(a: str, b: str) -> float:
    """0.0 (nothing alike) to 1.0 (the same content syllables)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    ja, jb = " ".join(wa), " ".join(wb)
    score = fuzz.token_sort_ratio(ja, jb)
    if min(len(set(wa)), len(set(wb))) >= 3:
        score = max(score, fuzz.token_set_ratio(ja, jb))
    return score / 100.0


def cluster(texts: list[str], threshold: float = THRESHOLD) -> list[list[int]]:
    """Indexes of ``texts`` grouped by similarity, groups in order of their first member."""
    groups: list[list[int]] = []
    for index, text in enumerate(texts):
        for group in groups:
            if similarity(texts[group[0]], text) >= threshold:
                group.append(index)
                break
        else:
            groups.append([index])
    return groups
