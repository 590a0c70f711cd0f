"""DOCX documents in the Vietnamese administrative form (Nghị định 30/2020/NĐ-CP, Appendix I), with python-docx.

Reports, escalation letters and consolidated criticism share this one layout: A4, Times New Roman, margins
20/20/30/15 mm; the issuing body and number top left, the national motto and the place and date top right, the
document type and abstract centred, the body justified with a first-line indent, the recipients bottom left and
the signature block bottom right (DESIGN.md §3.6).
"""

import datetime
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def vietnamese_date_line(place: str, day: datetime.date) -> str:
    """ "Thành phố Hồ Chí Minh, ngày 05 tháng 12 năm 2026" (day and month below 10 with a leading zero, as the
    decree writes them for days 1–9 and months 1–2)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass
class AdministrativeDocument:
    superior: str  # "ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ HỒ CHÍ MINH"
    issuer: str  # "BAN THƯỜNG TRỰC"
    number: str  # "Số: 12/BC-MTTQ-BTT"
    place: str
    date: datetime.date
    kind: str  # "BÁO CÁO", "CÔNG VĂN", "KIẾN NGHỊ"
    abstract: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[tuple[str, list[str], list[list[str]]]] = field(default_factory=list)  # (caption, header, rows)
    recipients: list[str] = field(default_factory=list)
    signature_on_behalf: str = "TM. BAN THƯỜNG TRỰC"
    signature_position: str = "CHỦ TỊCH"
    signer_name: str = ""
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, paragraphs)


def _run(paragraph, text: str, *, size: float = 13, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    # East-Asian font slot too, so Word does not substitute a font for Vietnamese letters.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _centred(cell_or_doc, text: str, **kwargs):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, **kwargs)
    return paragraph


def _rule(paragraph):
    """A short horizontal rule under a heading line (a bottom border on the paragraph)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _body_paragraph(document, text: str, *, bold=False):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(6)
    _run(paragraph, text, size=14, bold=bold)
    return paragraph


def _layout_table(document, columns: int):
    table = document.add_table(rows=1, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = True
    return table.rows[0].cells


def administrative_docx(doc: AdministrativeDocument) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)

    left, right = _layout_table(document, 2)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(left.paragraphs[0], doc.superior.upper(), size=12)
    _rule(_centred(left, doc.issuer.upper(), size=12, bold=True))
    _centred(left, doc.number, size=13)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], NATIONAL_NAME, size=12, bold=True)
    _rule(_centred(right, MOTTO, size=13, bold=True))
    _centred(right, vietnamese_date_line(doc.place, doc.date), size=13, italic=True)

    document.add_paragraph()
    _centred(document, doc.kind.upper(), size=14, bold=True)
    _centred(document, doc.abstract, size=14, bold=True)
    document.add_paragraph()

    for text in doc.paragraphs:
        _body_paragraph(document, text)
    for heading, texts in doc.sections:
        _body_paragraph(document, heading, bold=True)
        for text in texts:
            _body_paragraph(document, text)
    for caption, header, rows in doc.tables:
        _body_paragraph(document, caption, bold=True)
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            _run(cell.paragraphs[0], text, size=12, bold=True)
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                _run(cell.paragraphs[0], str(text), size=12)
        document.add_paragraph()

    left, right = _layout_table(document, 2)
    _run(left.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
    for recipient in doc.recipients:
        paragraph = left.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, f"- {recipient};", size=11)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], doc.signature_on_behalf.upper(), size=13, bold=True)
    _centred(right, doc.signature_position.upper(), size=13, bold=True)
    for _ in range(3):
        _centred(right, "")
    _centred(right, doc.signer_name, size=13, bold=True)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
