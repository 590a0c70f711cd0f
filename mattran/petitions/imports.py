"""The XLSX sheet staff use to bring in petitions received on paper or at meetings: template and row parsing."""

import datetime
import io

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from mattran.core.text import fold
from mattran.organisations.models import Organisation, Topic

from .models import PetitionChannel, PetitionKind

COLUMNS = [
    ("kenh", "Kênh tiếp nhận", True),
    ("loai", "Loại", True),
    ("linh_vuc", "Lĩnh vực", True),
    ("tieu_de", "Tiêu đề", True),
    ("noi_dung", "Nội dung", True),
    ("to_chuc", "Tổ chức tiếp nhận (mã đường dẫn; trống = mặc định)", False),
    ("dia_diem", "Địa điểm", False),
    ("ho_ten", "Họ tên người gửi", False),
    ("dien_thoai", "Điện thoại", False),
    ("thu_dien_tu", "Thư điện tử", False),
    ("dia_chi_lien_lac", "Địa chỉ liên lạc", False),
    ("so_tham_chieu", "Số tham chiếu hệ thống khác", False),
    ("ngay_nhan", "Ngày nhận (dd/mm/yyyy)", False),
    ("cong_khai_ten", "Đồng ý công khai tên (có/không)", False),
    ("cong_khai_noi_dung", "Đồng ý công khai nội dung và trả lời (có/không)", False),
]
STAFF_CHANNELS = [c for c in PetitionChannel if c not in (PetitionChannel.WEB, PetitionChannel.OPEN311)]
YES = {"co", "x", "1", "yes", "true", "dong y"}


def import_template_xlsx() -> bytes:
    """An empty sheet with the headers, an example row and drop-down lists for channel, kind and topic."""
    book = Workbook()
    sheet = book.active
    sheet.title = "kien-nghi"
    sheet.append([label for _key, label, _required in COLUMNS])
    sheet.append(
        [
            str(PetitionChannel.VOTER_CONTACT.label), str(PetitionKind.PETITION.label),
            (Topic.objects.filter(is_active=True).first() or Topic(name="Môi trường")).name,
            "Ví dụ: sửa đèn chiếu sáng hẻm 45", "Cử tri đề nghị sửa đèn chiếu sáng đã hỏng hai tuần.", "",
            "Hẻm 45, khu phố 2", "", "", "", "", "", timezone.localdate().strftime("%d/%m/%Y"), "không", "có",
        ]
    )
    lists = book.create_sheet("danh-muc")
    for row, label in enumerate([c.label for c in STAFF_CHANNELS], start=1):
        lists.cell(row=row, column=1, value=str(label))
    for row, label in enumerate([k.label for k in PetitionKind], start=1):
        lists.cell(row=row, column=2, value=str(label))
    topics = list(Topic.objects.filter(is_active=True).values_list("name", flat=True))
    for row, name in enumerate(topics, start=1):
        lists.cell(row=row, column=3, value=name)
    for column, count, letter in ((1, len(STAFF_CHANNELS), "A"), (2, len(PetitionKind), "B"), (3, len(topics), "C")):
        if count:
            validation = DataValidation(type="list", formula1=f"'danh-muc'!${letter}$1:${letter}${count}")
            sheet.add_data_validation(validation)
            validation.add(f"{chr(64 + column)}2:{chr(64 + column)}2000")
    for index, (_key, label, _required) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(14, len(label) // 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _choice(value: str, enum) -> str | None:
    wanted = fold(str(value or ""))
    for member in enum:
        if wanted in (fold(member.value), fold(str(member.label))):
            return member.value
    return None


def import_rows_parse(file, *, default_organisation: Organisation) -> tuple[list[dict], list[str]]:
    """Read the sheet; return (rows as petition_submit keyword arguments, errors "Dòng N: …")."""
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a non-XLSX file
        raise ValidationError(_("Tệp không phải bảng tính XLSX hợp lệ."), code="import_not_xlsx") from exc
    sheet = book.worksheets[0]
    topics = {fold(t.name): t for t in Topic.objects.filter(is_active=True)} | {
        fold(t.code): t for t in Topic.objects.filter(is_active=True)
    }
    rows, errors = [], []
    today = timezone.localdate()
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        cells = {key: (values[i] if i < len(values) else None) for i, (key, _label, _req) in enumerate(COLUMNS)}
        text = {k: ("" if v is None else str(v).strip()) for k, v in cells.items()}
        problems = [
            _("thiếu “%(col)s”") % {"col": label} for key, label, required in COLUMNS if required and not text[key]
        ]
        channel = _choice(text["kenh"], PetitionChannel) if text["kenh"] else None
        if text["kenh"] and channel not in [c.value for c in STAFF_CHANNELS]:
            problems.append(_("kênh “%(v)s” không có trong danh mục") % {"v": text["kenh"]})
        kind = _choice(text["loai"], PetitionKind) if text["loai"] else None
        if text["loai"] and kind is None:
            problems.append(_("loại “%(v)s” không có trong danh mục") % {"v": text["loai"]})
        topic = topics.get(fold(text["linh_vuc"])) if text["linh_vuc"] else None
        if text["linh_vuc"] and topic is None:
            problems.append(_("lĩnh vực “%(v)s” không có trong danh mục") % {"v": text["linh_vuc"]})
        organisation = default_organisation
        if text["to_chuc"]:
            organisation = Organisation.objects.filter(slug=text["to_chuc"]).first()
            if organisation is None or not organisation.path.startswith(default_organisation.path):
                problems.append(_("tổ chức “%(v)s” không thuộc phạm vi của đơn vị nhập") % {"v": text["to_chuc"]})
        received = None
        raw_date = cells["ngay_nhan"]
        if isinstance(raw_date, datetime.datetime):
            received = raw_date.date()
        elif isinstance(raw_date, datetime.date):
            received = raw_date
        elif text["ngay_nhan"]:
            try:
                received = datetime.datetime.strptime(text["ngay_nhan"], "%d/%m/%Y").date()
            except ValueError:
                problems.append(_("ngày nhận “%(v)s” không đúng dạng dd/mm/yyyy") % {"v": text["ngay_nhan"]})
        if received and received > today:
            problems.append(_("ngày nhận ở tương lai"))
        if len(text["tieu_de"]) > 200:
            problems.append(_("tiêu đề dài quá 200 ký tự"))
        if problems:
            errors.append(_("Dòng %(n)s: %(problems)s.") % {"n": number, "problems": "; ".join(problems)})
            continue
        submitted_at = None
        if received and received != today:
            submitted_at = datetime.datetime.combine(received, datetime.time(8, 0), tzinfo=timezone.get_current_timezone())
        rows.append(
            {
                "row": number,
                "channel": channel,
                "kind": kind,
                "topic": topic,
                "title": text["tieu_de"],
                "content": text["noi_dung"],
                "organisation": organisation,
                "address": text["dia_diem"],
                "submitter_name": text["ho_ten"],
                "submitter_phone": text["dien_thoai"],
                "submitter_email": text["thu_dien_tu"],
                "submitter_address": text["dia_chi_lien_lac"],
                "external_reference": text["so_tham_chieu"],
                "show_name_publicly": fold(text["cong_khai_ten"]) in YES,
                "publish_consent": fold(text["cong_khai_noi_dung"]) in YES,
                "submitted_at": submitted_at,
            }
        )
    if not rows and not errors:
        errors.append(_("Bảng tính không có dòng dữ liệu nào."))
    return rows, errors
