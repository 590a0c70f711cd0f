"""The escalation letter (công văn báo cáo ủy ban cấp trên) generated from a recommendation's data as DOCX.

Generated on demand, so it always matches the record; the number is left for the register ("Số:    /CV-…"),
as offices number a letter when they register it."""

import re

from django.utils import timezone

from mattran.core.docx import AdministrativeDocument, administrative_docx
from mattran.organisations.models import Organisation, OrganisationKind

from .models import Recommendation, ResponseKind

_FRONT_PREFIX = re.compile(r"^(Ủy ban|Uỷ ban)\s+(MTTQ|Mặt trận Tổ quốc)\s+Việt Nam\s+", re.IGNORECASE)


def area_name(organisation: Organisation) -> str:
    """ "Ủy ban MTTQ Việt Nam phường Bình Thới" → "phường Bình Thới"."""
    return _FRONT_PREFIX.sub("", organisation.name).strip()


def place_name(organisation: Organisation) -> str:
    """The place written before the date: the province (city) the committee belongs to."""
    ancestors = Organisation.objects.ancestors_of(organisation).order_by("path")
    province = next((o for o in ancestors if o.kind == OrganisationKind.PROVINCE_COMMITTEE), None)
    name = area_name(province or organisation)
    return name[:1].upper() + name[1:]


def escalation_letter_docx(*, recommendation: Recommendation) -> bytes:
    organisation = recommendation.organisation
    target = recommendation.escalated_to
    body = recommendation.addressee
    today = recommendation.escalated_on or timezone.localdate()
    issued = recommendation.issued_on.strftime("%d/%m/%Y") if recommendation.issued_on else ""
    due = recommendation.response_due.strftime("%d/%m/%Y") if recommendation.response_due else ""
    facts = [
        f"Ngày {issued}, {organisation.name} đã có Kiến nghị sau giám sát số {recommendation.reference} gửi "
        f"{body.name} (cuộc giám sát {recommendation.activity.reference}: {recommendation.activity.title}), với nội "
        f"dung: “{recommendation.text}”.",
    ]
    if recommendation.legal_basis:
        facts.append(f"Căn cứ: {recommendation.legal_basis}.")
    if recommendation.response_kind == ResponseKind.NOT_ACCEPTED:
        facts.append(
            f"Ngày {recommendation.responded_on:%d/%m/%Y}, {body.name} trả lời không tiếp thu kiến nghị: "
            f"“{recommendation.response_text}”."
        )
    elif recommendation.response_due:
        late = (today - recommendation.response_due).days
        facts.append(
            f"Hạn trả lời bằng văn bản là ngày {due}. Đến ngày {today:%d/%m/%Y}, {body.name} chưa có văn bản trả lời "
            f"(quá hạn {late} ngày)."
        )
    target_name = target.name if target else "ủy ban cấp trên"
    facts.append(
        f"Ban Thường trực {organisation.name} báo cáo {target_name} xem xét, chỉ đạo, đôn đốc {body.name} "
        f"trả lời và thực hiện kiến nghị nêu trên theo quy định."
    )
    recipients = [target_name, body.name, "Lưu: VT"]
    document = AdministrativeDocument(
        superior="ỦY BAN MTTQ VIỆT NAM " + area_name(organisation).upper(),
        issuer="BAN THƯỜNG TRỰC",
        number="Số:      /CV-MTTQ-BTT",
        place=place_name(organisation),
        date=today,
        kind="CÔNG VĂN",
        abstract=f"V/v báo cáo kiến nghị sau giám sát {recommendation.reference} chưa được trả lời, thực hiện",
        paragraphs=[f"Kính gửi: {target_name}."] + facts,
        recipients=recipients,
    )
    return administrative_docx(document)
