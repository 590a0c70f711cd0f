"""Vietnamese text helpers: the one slug function and the one search-folding function of the project.

Django's ``slugify`` drops ``đ`` ("Đoàn" → "oan") and Wagtail's JS turns it into "dj"; both are wrong for
Vietnamese, so every model and page that builds a URL calls :func:`vi_slugify`.
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def strip_marks(text: str) -> str:
    """Remove tone and vowel marks and turn đ into d; keeps case and everything else."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """Fold text for search: NFC/NFD-insensitive, marks stripped, đ→d, lower case, spaces collapsed.

    "Đào Thanh Long" → "dao thanh long"; "giám sát" and "giam sat" fold alike.
    """
    if not text:
        return ""
    return _SPACES.sub(" ", strip_marks(text).casefold()).strip()


def vi_slugify(text: str, *, max_length: int = 80) -> str:
    """ASCII slug for a Vietnamese title: "Đoàn đại biểu Mặt trận Tổ quốc" → "doan-dai-bieu-mat-tran-to-quoc"."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def normalise_spaces(text: str) -> str:
    """Collapse runs of white space (source data such as "Phường  Rạch Dừa" has doubled spaces)."""
    return _SPACES.sub(" ", text or "").strip()
