"""The report's tables, defined once: the dashboard shows them, XLSX exports them, the DOCX report prints them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .dashboard import key_rows

# The tables every printed or public report carries, in order; the DOCX opens with the key numbers, the public
# page (which shows the key numbers as a list) with the 12-month trend.
_REPORT_BODY_TABLES = (
    "kenh", "linh-vuc", "dia-ban", "co-quan", "hai-long", "giam-sat", "kien-nghi-sau-giam-sat", "doi-thoai"
)
DOCX_TABLES = ("so-lieu-chinh", *_REPORT_BODY_TABLES)
PUBLIC_TABLES = ("xu-huong", *_REPORT_BODY_TABLES)


@dataclass
class Table:
    name: str  # URL slug of the XLSX export
    title: str
    header: list[str]
    rows: list[list]
    # per column: "text", "int", "decimal", "percent" (a value in %), "date"
    formats: list[str]


def _none(value):
    return "—" if value is None else value


def report_tables(data: dict) -> dict[str, Table]:
    current, period = data["current"], data["period"]
    tables = [
        Table(
            "so-lieu-chinh",
            _("Số liệu chính"),
            [_("Chỉ tiêu"), period.label(), period.previous().label(), period.year_before().label()],
            [list(row) for row in key_rows(data)],
            ["text", "decimal", "decimal", "decimal"],
        ),
        Table(
            "xu-huong",
            _("Diễn biến 12 tháng"),
            [_("Tháng"), _("Tiếp nhận"), _("Trả lời đúng hạn"), _("Trả lời trễ hạn")],
            [[f"{p['period'].start:%m/%Y}", p["received"], p["on_time"], p["late"]] for p in data["trend"]],
            ["text", "int", "int", "int"],
        ),
        Table(
            "co-quan",
            _("Theo cơ quan (chậm nhất trước)"),
            [
                _("Cơ quan"),
                _("Được chuyển"),
                _("Đã trả lời"),
                _("Đúng hạn"),
                _("Trễ hạn"),
                _("Quá hạn chưa trả lời"),
                _("Số ngày làm việc trung bình"),
                _("Trung vị số ngày làm việc"),
            ],
            [
                [
                    b["name"],
                    b["forwarded"],
                    b["answered"],
                    b["on_time"],
                    b["late"],
                    b["open_overdue"],
                    b["working_days"]["mean"],
                    b["working_days"]["median"],
                ]
                for b in current["bodies"]
            ],
            ["text", "int", "int", "int", "int", "int", "decimal", "decimal"],
        ),
        Table(
            "linh-vuc",
            _("Tiếp nhận theo lĩnh vực"),
            [_("Lĩnh vực"), _("Số lượng")],
            [list(r) for r in current["by_topic"]],
            ["text", "int"],
        ),
        Table(
            "kenh",
            _("Tiếp nhận theo kênh"),
            [_("Kênh tiếp nhận"), _("Số lượng")],
            [list(r) for r in current["by_channel"]],
            ["text", "int"],
        ),
        Table(
            "loai",
            _("Tiếp nhận theo loại"),
            [_("Loại"), _("Số lượng")],
            [list(r) for r in current["by_kind"]],
            ["text", "int"],
        ),
        Table(
            "dia-ban",
            _("Tiếp nhận theo địa bàn"),
            [_("Tổ chức tiếp nhận"), _("Số lượng")],
            [list(r) for r in current["by_ward"]],
            ["text", "int"],
        ),
        Table(
            "hai-long",
            _("Mức hài lòng của người gửi"),
            [_("Mức"), _("Số lượt đánh giá")],
            [[f"{score}/5", n] for score, n in current["satisfaction"]["distribution"]],
            ["text", "int"],
        ),
        Table(
            "qua-han",
            _("Kiến nghị quá hạn chưa trả lời"),
            [_("Số tham chiếu"), _("Lĩnh vực"), _("Tổ chức tiếp nhận"), _("Cơ quan"), _("Hạn trả lời")],
            [
                [
                    o["reference"],
                    o["topic__name"],
                    o["organisation__name"],
                    o["body__name"] or "—",
                    o["due_date"],
                ]
                for o in data["overdue"]
            ],
            ["text", "text", "text", "text", "date"],
        ),
    ]
    sv = data["supervision"]
    tables.append(
        Table(
            "giam-sat",
            _("Cuộc giám sát theo hình thức"),
            [_("Hình thức"), _("Bắt đầu"), _("Kết thúc")],
            [[r["form"], r["started_on"], r["finished_on"]] for r in sv["activities_by_form"]],
            ["text", "int", "int"],
        )
    )
    tables.append(
        Table(
            "kien-nghi-sau-giam-sat",
            _("Kiến nghị sau giám sát"),
            [_("Chỉ tiêu"), _("Số lượng")],
            [[_("Đã gửi trong kỳ"), sv["recommendations_issued"]]]
            + [[f"— {label}", n] for label, n in sv["recommendations_by_status"]]
            + [
                [_("Thực hiện xong đúng hạn"), sv["implemented_on_time"]],
                [_("Thực hiện xong trễ hạn"), sv["implemented_late"]],
                [_("Báo cáo ủy ban cấp trên"), sv["escalated"]],
                [_("Quá hạn chưa trả lời bằng văn bản"), sv["awaiting_overdue"]],
            ],
            ["text", "int"],
        )
    )
    tables.append(_dialogue_table(data["dialogues"]))
    for table in tables:
        table.rows = [[_none(v) for v in row] for row in table.rows]
    return {t.name: t for t in tables}


def _dialogue_table(dialogues: dict) -> Table:
    """Per kind of meeting and in all: meetings held, the opinions raised and how they were handled."""
    columns = ("held", "raised", "on_the_spot", "forwarded", "answered_later", "overdue")
    total = {"label": _("Tổng cộng"), "held": dialogues["meetings_held"], **dialogues}
    return Table(
        "doi-thoai",
        _("Hội nghị đối thoại, tiếp xúc cử tri trong kỳ"),
        [_("Loại hội nghị"), _("Đã tổ chức"), _("Lượt ý kiến"), _("Trả lời ngay tại hội nghị"), _("Chuyển cơ quan"),
         _("Trả lời sau hội nghị"), _("Quá hạn chưa trả lời")],
        [[row["label"], *(row[c] for c in columns)] for row in (*dialogues["by_kind"], total)],
        ["text", "int", "int", "int", "int", "int", "int"],
    )
