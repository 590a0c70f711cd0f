"""XLSX exports of the report's tables (openpyxl): Vietnamese headers, a frozen header row, column widths and
number formats."""

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .tables import Table

NUMBER_FORMATS = {"int": "#,##0", "decimal": "#,##0.0", "percent": "0.0", "date": "DD/MM/YYYY", "text": "@"}
HEADER_FILL = PatternFill("solid", fgColor="DDE6F4")


def _sheet_title(title: str, used: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "Bang"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


def tables_xlsx(tables: list[Table], *, heading: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([f"{table.title} — {heading}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(table.header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([None if v == "—" else v for v in row])
        sheet.freeze_panes = "A3"
        for index, fmt in enumerate(table.formats, start=1):
            letter = get_column_letter(index)
            values = [table.header[index - 1]] + [row[index - 1] for row in table.rows]
            width = max(
                len(v.strftime("%d/%m/%Y") if isinstance(v, datetime.date) else str(v)) for v in values
            )
            sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)
            for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                cell.number_format = NUMBER_FORMATS[fmt]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
