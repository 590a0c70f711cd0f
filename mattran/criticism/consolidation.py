"""The Front's consolidated criticism document (văn bản phản biện xã hội) as DOCX, in the administrative form
shared with reports and letters (``mattran.core.docx``): the accepted comments grouped by paragraph of the
version that was open for comment. No commenter is named (their names are personal data)."""

import datetime

from django.db.models import Prefetch

from mattran.core.docx import AdministrativeDocument, administrative_docx
from mattran.organisations.models import Organisation, OrganisationKind

from .models import AuthorKind, Comment, CommentStatus, Draft, DraftParagraph

EXCERPT = 160


def _area(organisation: Organisation) -> str:
    for prefix in ("Ủy ban MTTQ Việt Nam ", "Ủy ban Mặt trận Tổ quốc Việt Nam ", "Uỷ ban MTTQ Việt Nam "):
        if organisation.name.startswith(prefix):
            return organisation.name[len(prefix):]
    return organisation.name


def _place(organisation: Organisation) -> str:
    ancestors = Organisation.objects.ancestors_of(organisation).order_by("path")
    province = next((o for o in ancestors if o.kind == OrganisationKind.PROVINCE_COMMITTEE), None)
    name = _area(province or organisation)
    return name[:1].upper() + name[1:]


def excerpt(text: str, limit: int = EXCERPT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def points_by_paragraph(draft: Draft) -> list[tuple[DraftParagraph, list[Comment]]]:
    """The accepted comments of the draft, grouped by paragraph in paragraph order (paragraphs without any
    are left out)."""
    accepted = Comment.objects.filter(draft=draft, status=CommentStatus.ACCEPTED).order_by("submitted_at", "id")
    paragraphs = (
        DraftParagraph.objects.filter(comments__in=accepted)
        .distinct()
        .order_by("number")
        .prefetch_related(Prefetch("comments", queryset=accepted, to_attr="accepted"))
    )
    return [(p, p.accepted) for p in paragraphs]


def consolidated_docx(*, draft: Draft, on: datetime.date, number: str = "", signer_name: str = "") -> bytes:
    version = draft.commented_version
    groups = points_by_paragraph(draft)
    total = sum(len(comments) for _p, comments in groups)
    experts = sum(1 for _p, comments in groups for c in comments if c.author_kind == AuthorKind.EXPERT)
    period = ""
    if draft.comments_open_on and draft.comments_close_on:
        period = f" từ ngày {draft.comments_open_on:%d/%m/%Y} đến ngày {draft.comments_close_on:%d/%m/%Y}"
    intro = [
        f"Kính gửi: {draft.drafting_body.name}.",
        f"Thực hiện phản biện xã hội đối với dự thảo “{draft.title}” (phiên bản {version.number if version else ''}), "
        f"{draft.organisation.name} đã tổ chức lấy ý kiến{period}. Sau khi xem xét, {draft.organisation.name} "
        f"tổng hợp {total} ý kiến phản biện ({experts} của chuyên gia, {total - experts} của Nhân dân) theo từng "
        f"đoạn của dự thảo như sau:",
    ]
    sections = []
    point = 0
    for paragraph, comments in groups:
        texts = [f"Nội dung dự thảo: “{excerpt(paragraph.text)}”"]
        for comment in comments:
            point += 1
            texts.append(f"Ý kiến {point} ({comment.get_author_kind_display().lower()}): {comment.text}")
        sections.append((f"Đoạn {paragraph.number}", texts))
    closing = [
        f"Đề nghị {draft.drafting_body.name} nghiên cứu, tiếp thu và trả lời từng ý kiến phản biện nêu trên "
        f"(tiếp thu, giải trình hoặc không tiếp thu và lý do) theo quy định.",
    ]
    document = AdministrativeDocument(
        superior="ỦY BAN MTTQ VIỆT NAM " + _area(draft.organisation).upper(),
        issuer="BAN THƯỜNG TRỰC",
        number=number or "Số:      /PB-MTTQ-BTT",
        place=_place(draft.organisation),
        date=on,
        kind="VĂN BẢN PHẢN BIỆN XÃ HỘI",
        abstract=f"Đối với dự thảo {draft.title}",
        paragraphs=intro,
        sections=sections + [("Kiến nghị", closing)],
        recipients=[draft.drafting_body.name, "Lưu: VT"],
        signer_name=signer_name,
    )
    return administrative_docx(document)
