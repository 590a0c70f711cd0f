"""The periodic report as a DOCX in the Vietnamese administrative form (``mattran.core.docx``), every number
from the selectors."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.docx import AdministrativeDocument, administrative_docx

from .dashboard import report_data
from .models import ReportFile
from .tables import DOCX_TABLES, report_tables


def _fmt(value) -> str:
    return "—" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def report_document(report: ReportFile) -> AdministrativeDocument:
    organisation, period = report.organisation, report.period
    today = timezone.localdate()
    data = report_data(organisation=organisation, period=period, rollup=report.rollup, today=today)
    f, sv, dl = data["current"], data["supervision"], data["dialogues"]
    tables = report_tables(data)
    superior = organisation.parent.name if organisation.parent_id else "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM"
    scope = _("và các đơn vị trực thuộc") if report.rollup else _("(riêng tổ chức)")
    sections = [
        (
            _("I. TÌNH HÌNH TIẾP NHẬN Ý KIẾN, KIẾN NGHỊ"),
            [
                _(
                    "Trong %(period)s, %(org)s %(scope)s tiếp nhận %(n)s ý kiến, kiến nghị, phản ánh của Nhân dân; đã "
                    "tiếp nhận xử lý %(accepted)s, chuyển cơ quan có thẩm quyền %(forwarded)s."
                )
                % {
                    "period": period.label(),
                    "org": organisation.name,
                    "scope": scope,
                    "n": f["received"],
                    "accepted": f["accepted"],
                    "forwarded": f["forwarded"],
                },
            ],
        ),
        (
            _("II. KẾT QUẢ GIẢI QUYẾT"),
            [
                _(
                    "Các cơ quan đã trả lời %(answered)s kiến nghị (đúng hạn %(on_time)s, trễ hạn %(late)s); còn %(overdue)s "
                    "kiến nghị quá hạn chưa trả lời tính đến ngày %(as_of)s. Đã thông tin lại cho người gửi %(informed)s "
                    "trường hợp, kết thúc %(closed)s, mở lại %(reopened)s. Tỷ lệ đúng hạn: %(percent)s%%."
                )
                % {
                    "answered": f["answered"],
                    "on_time": f["answered_on_time"],
                    "late": f["answered_late"],
                    "overdue": f["open_overdue"],
                    "as_of": f"{f['as_of']:%d/%m/%Y}" if f["as_of"] else "—",
                    "informed": f["informed"],
                    "closed": f["closed"],
                    "reopened": f["reopened"],
                    "percent": _fmt(f["on_time_percent"]),
                },
                _(
                    "Thời gian trả lời trung bình %(mean)s ngày làm việc (trung vị %(median)s). Mức hài lòng trung bình của "
                    "người gửi: %(sat)s/5 (%(count)s lượt đánh giá)."
                )
                % {
                    "mean": _fmt(f["working_days"]["mean"]),
                    "median": _fmt(f["working_days"]["median"]),
                    "sat": _fmt(f["satisfaction"]["mean"]),
                    "count": f["satisfaction"]["count"],
                },
            ],
        ),
        (
            _("III. GIÁM SÁT VÀ KIẾN NGHỊ SAU GIÁM SÁT"),
            [
                _(
                    "Bắt đầu %(started)s cuộc giám sát, kết thúc %(finished)s; gửi %(issued)s kiến nghị sau giám sát; "
                    "%(on_time)s kiến nghị được thực hiện xong đúng hạn, %(late)s trễ hạn; báo cáo ủy ban cấp trên "
                    "%(escalated)s kiến nghị."
                )
                % {
                    "started": sv["activities_started"],
                    "finished": sv["activities_finished"],
                    "issued": sv["recommendations_issued"],
                    "on_time": sv["implemented_on_time"],
                    "late": sv["implemented_late"],
                    "escalated": sv["escalated"],
                },
            ],
        ),
        (
            _("IV. HỘI NGHỊ ĐỐI THOẠI, TIẾP XÚC CỬ TRI"),
            [
                _(
                    "Tổ chức %(held)s hội nghị gặp gỡ, đối thoại và tiếp xúc cử tri với %(raised)s lượt ý kiến của Nhân "
                    "dân; %(spot)s ý kiến được trả lời ngay tại hội nghị, %(forwarded)s ý kiến được chuyển cơ quan có "
                    "thẩm quyền, trong đó %(later)s đã được trả lời và %(overdue)s quá hạn chưa trả lời; ghi nhận "
                    "%(commitments)s cam kết của người đứng đầu."
                )
                % {
                    "held": dl["meetings_held"],
                    "raised": dl["raised"],
                    "spot": dl["on_the_spot"],
                    "forwarded": dl["forwarded"],
                    "later": dl["answered_later"],
                    "overdue": dl["overdue"],
                    "commitments": dl["commitments"],
                },
            ],
        ),
        (_("V. CÁC BẢNG SỐ LIỆU"), [_("Số liệu chi tiết tại các bảng kèm theo báo cáo này.")]),
    ]
    return AdministrativeDocument(
        superior=superior,
        issuer=_("BAN THƯỜNG TRỰC"),
        number=_("Số: %(n)s/BC-MTTQ-BTT") % {"n": report.number or "      "},
        place=getattr(settings, "REPORTS_PLACE", "Thành phố Hồ Chí Minh"),
        date=today,
        kind=_("BÁO CÁO"),
        abstract=_(
            "Kết quả tiếp nhận, giải quyết ý kiến, kiến nghị của Nhân dân, công tác giám sát và đối thoại %(period)s"
        )
        % {"period": period.label()},
        sections=sections,
        tables=[
            (t.title, t.header, [[_fmt(v) if not isinstance(v, str) else v for v in row] for row in t.rows])
            for name, t in tables.items()
            if name in DOCX_TABLES
        ],
        recipients=[
            _("Ban Thường trực %(org)s") % {"org": superior},
            _("Thường trực cấp ủy cùng cấp"),
            _("Lưu: VT"),
        ],
        signature_on_behalf=_("TM. BAN THƯỜNG TRỰC"),
        signature_position=_("CHỦ TỊCH"),
        signer_name=report.signer_name,
    )


def report_docx(report: ReportFile) -> bytes:
    return administrative_docx(report_document(report))
