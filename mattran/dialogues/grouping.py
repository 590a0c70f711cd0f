"""Grouping similar voters' opinions on folded Vietnamese text (tổng hợp kiến nghị cử tri).

Neither rapidfuzz nor scikit-learn is in the project's environment, so the similarity is written here with the
standard library (``difflib``), on text folded by ``mattran.core.text.fold`` (marks stripped, đ→d, lower case),
so "ngập nước đường Lê Văn Lương" and "Duong Le Van Luong bi ngap nuoc" compare alike. Two measures, the larger
wins: the ratio of the two texts with their words sorted (what rapidfuzz calls ``token_sort_ratio``: insensitive
to word order) and the overlap of their content syllables (shared / the shorter one's, insensitive to one text
saying more than the other). Grouping is greedy and stable: each opinion, in order, joins the first group whose
first opinion is similar enough, else starts a group. The officer then confirms or splits the groups.
"""

import difflib
import re

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
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    sorted_ratio = difflib.SequenceMatcher(None, " ".join(sorted(wa)), " ".join(sorted(wb))).ratio()
    sa, sb = set(wa), set(wb)
    overlap = len(sa & sb) / min(len(sa), len(sb))
    return max(sorted_ratio, overlap if min(len(sa), len(sb)) >= 3 else 0.0)


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
