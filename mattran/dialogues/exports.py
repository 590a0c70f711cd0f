"""The consolidated voters' petitions of a session as DOCX (the Vietnamese administrative form, shared with the
other reports: ``mattran.core.docx``) and as XLSX (one row per group). No speaker is named."""

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from mattran.core.docx import AdministrativeDocument, administrative_docx
from mattran.criticism.consolidation import _area, _place

from .models import CouncilSession
from .selectors import GroupRow

HEADER = ["STT", "Nội dung kiến nghị", "Số lượt ý kiến", "Buổi tiếp xúc", "Địa bàn", "Kết quả trả lời",
          "Cơ quan trả lời", "Ngày trả lời"]


def _meetings(row: GroupRow) -> str:
    return "; ".join(f"{m.title} ({m.starts_at:%d/%m/%Y})" for m in row.meetings)


def consolidated_docx(*, session: CouncilSession, rows: list[GroupRow], on: datetime.date) -> bytes:
    organisation = session.organisation
    total = sum(row.count for row in rows)
    meetings = {m.pk for row in rows for m in row.meetings}
    intro = [
        f"Kính gửi: {session.get_elected_body_display()}.",
        f"Thực hiện chương trình tiếp xúc cử tri trước {session.name}, {organisation.name} đã phối hợp tổ chức "
        f"{len(meetings)} buổi tiếp xúc cử tri, ghi nhận {total} lượt ý kiến, kiến nghị của cử tri. Sau khi tổng "
        f"hợp, {organisation.name} xin báo cáo {len(rows)} nhóm kiến nghị như sau:",
    ]
    sections = []
    for number, row in enumerate(rows, start=1):
        texts = [row.group.title,
                 f"Số lượt ý kiến: {row.count}; tại các buổi tiếp xúc: {_meetings(row)}; địa bàn: "
                 f"{', '.join(row.wards)}."]
        if row.group.answer_text:
            texts.append(f"Kết quả trả lời ({row.group.answered_by}, {row.group.answered_on:%d/%m/%Y}): "
                         f"{row.group.answer_text}")
        sections.append((f"{number}. Nhóm kiến nghị {number} ({row.count} lượt ý kiến)", texts))
    document = AdministrativeDocument(
        superior="ỦY BAN MTTQ VIỆT NAM " + _area(organisation).upper(),
        issuer="BAN THƯỜNG TRỰC",
        number="Số:      /BC-MTTQ-BTT",
        place=_place(organisation),
        date=on,
        kind="BÁO CÁO",
        abstract=f"Tổng hợp ý kiến, kiến nghị của cử tri trước {session.name}",
        paragraphs=intro,
        sections=sections,
        recipients=[session.get_elected_body_display(), "Lưu: VT"],
    )
    return administrative_docx(document)


def consolidated_xlsx(*, session: CouncilSession, rows: list[GroupRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kien nghi cu tri"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=1):
        group = row.group
        sheet.append([number, group.title, row.count, _meetings(row), ", ".join(row.wards), group.answer_text,
                      group.answered_by, group.answered_on.strftime("%d/%m/%Y") if group.answered_on else ""])
    for column, width in zip("ABCDEFGH", (6, 60, 12, 40, 30, 50, 25, 12), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
