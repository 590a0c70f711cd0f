"""Parser for article pages captured from the old portal (the format of ../shared/seed/000_*.txt).

The captured text reads, top to bottom (blank lines anywhere are ignored):

1. ``SỐ LƯỢT TRUY CẬP`` and the site's visit counter, one digit per line (optional);
2. the category and the publication date-time on one line: ``Tin tức sự kiện 03 Tháng Tám 2018 4:20:00 CH``;
3. the title (one line);
4. the body, one paragraph or photo caption per line, up to
5. ``Số lượt người xem: 2784``;
6. the navigation labels ``TIN MỚI HƠN`` and ``TIN ĐÃ ĐƯA``, each optionally followed by the titles it listed
   (these are links to other pages, not part of this article, and are not imported).

**Captions versus paragraphs.** The capture lost the photos but kept their captions as lines of their own. A body
line is taken for a photo caption when it is short (at most ``CAPTION_MAX_LENGTH`` characters) *and* does not end
like a sentence (no final ``. ! ? … : ;`` nor a closing quote or bracket); every other line is a paragraph. Captions
on the old portal were noun phrases ("Quang cảnh hội nghị", "Ông … phát biểu khai mạc hội nghị") while its
paragraphs are full sentences ending in a full stop or a closing quotation mark. The first paragraph becomes the
article's lead.

A file that does not follow this shape raises :class:`LegacyFormatError` naming the file and line.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from mattran.core.dates import parse_legacy_long
from mattran.core.text import fold

CAPTION_MAX_LENGTH = 300
SENTENCE_ENDINGS = tuple(".!?…:;\"”»’')]")

_COUNTER_HEADER = "so luot truy cap"
_VIEWS = re.compile(r"^so luot nguoi xem\s*:\s*(?P<n>[\d.,]+)\s*$")
_NEWER = "tin moi hon"
_OLDER = "tin da dua"
_CATEGORY_DATE = re.compile(
    r"^(?P<category>\S.*?)\s+(?P<date>\d{1,2}\s+Tháng\s+\S.*?\s+\d{4}\s+\d{1,2}:\d{2}:\d{2}\s+(?:SA|CH))$",
    re.IGNORECASE,
)


class LegacyFormatError(ValueError):
    """The file is not a page in the old portal's format; says where."""

    def __init__(self, source: str, line: int, message: str):
        super().__init__(f"{source}:{line}: {message}")
        self.source, self.line, self.message = source, line, message


@dataclass
class LegacyBlock:
    kind: str  # "paragraph" or "caption"
    text: str
    line: int


@dataclass
class LegacyArticle:
    source: str
    category: str
    published_at: datetime.datetime
    title: str
    lead: str
    blocks: list[LegacyBlock]
    view_count: int
    visit_count: int | None = None
    newer_titles: list[str] = field(default_factory=list)
    older_titles: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Identity across re-imports: the folded title and the publication time (not the file name)."""
        raw = f"{fold(self.title)}|{self.published_at.astimezone(datetime.UTC).isoformat()}"
        return hashlib.sha256(raw.encode()).hexdigest()[:40]

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "paragraph"]

    @property
    def captions(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "caption"]


def _clean(line: str) -> str:
    return " ".join(line.replace("\xa0", " ").split())


def is_caption(text: str) -> bool:
    """The caption rule (see the module docstring)."""
    return len(text) <= CAPTION_MAX_LENGTH and not text.endswith(SENTENCE_ENDINGS)


def _to_int(text: str) -> int:
    return int(text.replace(".", "").replace(",", ""))


def parse_legacy_page(text: str, *, source: str = "<text>") -> LegacyArticle:
    lines = [(number, _clean(raw)) for number, raw in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    if not lines:
        raise LegacyFormatError(source, 1, "tệp rỗng / empty file")
    pos = 0

    # 1. visit counter
    visit_count = None
    if fold(lines[0][1]) == _COUNTER_HEADER:
        header_line = lines[0][0]
        pos = 1
        digits = []
        while pos < len(lines) and lines[pos][1].isdigit() and len(lines[pos][1]) == 1:
            digits.append(lines[pos][1])
            pos += 1
        if not digits:
            raise LegacyFormatError(source, header_line, "thiếu các chữ số của bộ đếm truy cập / counter digits missing")
        visit_count = int("".join(digits))

    # 2. category and date
    if pos >= len(lines):
        raise LegacyFormatError(source, lines[-1][0], "thiếu dòng chuyên mục và ngày giờ / category and date missing")
    number, line = lines[pos]
    match = _CATEGORY_DATE.match(line)
    if not match:
        raise LegacyFormatError(
            source,
            number,
            f"cần dòng 'Chuyên mục dd Tháng … yyyy h:mm:ss SA|CH', gặp {line[:60]!r} / expected category and date",
        )
    try:
        published_at = parse_legacy_long(match["date"])
    except ValueError as exc:
        raise LegacyFormatError(source, number, f"ngày giờ không hợp lệ / bad date: {match['date']!r}") from exc
    category = match["category"].strip()
    pos += 1

    # 3. title
    if pos >= len(lines):
        raise LegacyFormatError(source, number, "thiếu tiêu đề / title missing")
    title_line, title = lines[pos]
    if _VIEWS.match(fold(title)):
        raise LegacyFormatError(source, title_line, "thiếu tiêu đề / title missing")
    if len(title) > 255:
        raise LegacyFormatError(source, title_line, "tiêu đề dài quá 255 ký tự / title longer than 255 characters")
    pos += 1

    # 4. body up to the view counter
    blocks: list[LegacyBlock] = []
    view_count = None
    while pos < len(lines):
        number, line = lines[pos]
        pos += 1
        views = _VIEWS.match(fold(line))
        if views:
            view_count = _to_int(views["n"])
            break
        if fold(line) in (_NEWER, _OLDER):
            raise LegacyFormatError(source, number, "thiếu dòng 'Số lượt người xem' trước mục này / views line missing")
        blocks.append(LegacyBlock("caption" if is_caption(line) else "paragraph", line, number))
    if view_count is None:
        raise LegacyFormatError(source, lines[-1][0], "thiếu dòng 'Số lượt người xem: N' / views line missing")
    if not any(b.kind == "paragraph" for b in blocks):
        raise LegacyFormatError(source, number, "bài viết không có đoạn văn nào / no body paragraph")

    # 5. navigation labels and the titles they listed
    newer, older, current = [], [], None
    while pos < len(lines):
        number, line = lines[pos]
        pos += 1
        label = fold(line)
        if label == _NEWER:
            current = newer
        elif label == _OLDER:
            current = older
        elif current is None:
            raise LegacyFormatError(source, number, f"dòng không mong đợi sau số lượt xem / unexpected line: {line[:60]!r}")
        else:
            current.append(line)

    lead_index = next(i for i, b in enumerate(blocks) if b.kind == "paragraph")
    lead = blocks.pop(lead_index).text
    return LegacyArticle(
        source=source,
        category=category,
        published_at=published_at,
        title=title,
        lead=lead,
        blocks=blocks,
        view_count=view_count,
        visit_count=visit_count,
        newer_titles=newer,
        older_titles=older,
    )


def parse_legacy_file(path: str | Path) -> LegacyArticle:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LegacyFormatError(str(path), text_line_of(path, exc.start), "không phải UTF-8 / not UTF-8") from exc
    except OSError as exc:
        raise LegacyFormatError(str(path), 0, f"không đọc được tệp / cannot read: {exc.strerror}") from exc
    return parse_legacy_page(text, source=str(path))


def text_line_of(path: Path, byte_offset: int) -> int:
    return path.read_bytes()[:byte_offset].count(b"\n") + 1
