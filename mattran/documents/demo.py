"""Demo register: the four Ban Thường vụ Thành ủy documents the 2018 seed article cites, the 2017 joint
resolution on supervision and social criticism, and a few committee documents. Each gets a small generated PDF.
Idempotent: keyed on (register, số ký hiệu). The trích yếu are written for the demo."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from mattran.organisations.models import Organisation, Topic

from .files import minimal_pdf
from .models import Document, DocumentKind, ValidityStatus, number_normalise
from .services import document_create, document_publish, document_update

CITY_PARTY = "Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh"
CITY_PARTY_SIGNER = "Phó Bí thư Thường trực Thành ủy"

DOCUMENTS = [
    # register slug, number, kind, issuer, issued, effective, status, topic, abstract, related numbers
    (
        "tp-ho-chi-minh", "935-QĐ/TU", DocumentKind.DECISION, CITY_PARTY, datetime.date(2017, 4, 28), None,
        ValidityStatus.IN_FORCE, "Góp ý xây dựng Đảng, chính quyền",
        "Về việc tổ chức cho Nhân dân tham gia góp ý xây dựng Đảng, xây dựng chính quyền trên địa bàn thành phố.",
        [],
    ),
    (
        "tp-ho-chi-minh", "936-QĐ/TU", DocumentKind.DECISION, CITY_PARTY, datetime.date(2017, 4, 28), None,
        ValidityStatus.IN_FORCE, "Góp ý xây dựng Đảng, chính quyền",
        "Về việc Nhân dân giám sát cán bộ, công chức, đảng viên nơi cư trú thông qua Ban công tác Mặt trận "
        "khu dân cư.",
        ["935-QĐ/TU"],
    ),
    (
        "tp-ho-chi-minh", "994-QĐ/TU", DocumentKind.DECISION, CITY_PARTY, datetime.date(2017, 5, 25), None,
        ValidityStatus.IN_FORCE, "Góp ý xây dựng Đảng, chính quyền",
        "Về việc tổ chức hội nghị gặp gỡ, đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân ở "
        "địa phương.",
        ["935-QĐ/TU", "936-QĐ/TU"],
    ),
    (
        "tp-ho-chi-minh", "1374-QĐ/TU", DocumentKind.REGULATION, CITY_PARTY, datetime.date(2017, 12, 1), None,
        ValidityStatus.IN_FORCE, "Góp ý xây dựng Đảng, chính quyền",
        "Quy định về trách nhiệm của cấp ủy, chính quyền trong việc tiếp nhận, xử lý và phản hồi ý kiến, kiến "
        "nghị của Mặt trận Tổ quốc và Nhân dân.",
        ["994-QĐ/TU"],
    ),
    (
        "trung-uong", "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", DocumentKind.JOINT_RESOLUTION,
        "Ủy ban Thường vụ Quốc hội, Chính phủ, Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam",
        datetime.date(2017, 6, 15), datetime.date(2017, 8, 1), ValidityStatus.IN_FORCE, "Khác",
        "Quy định chi tiết các hình thức giám sát, phản biện xã hội của Mặt trận Tổ quốc Việt Nam.",
        [],
    ),
    (
        "tp-ho-chi-minh", "05/HD-MTTQ-BTT", DocumentKind.GUIDANCE,
        "Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố Hồ Chí Minh", datetime.date(2025, 8, 12), None,
        ValidityStatus.IN_FORCE, "Khác",
        "Hướng dẫn tiếp nhận, tổng hợp và theo dõi kết quả giải quyết ý kiến, kiến nghị của cử tri sau khi "
        "sắp xếp đơn vị hành chính cấp xã.",
        ["403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN"],
    ),
    (
        "phuong-minh-phung", "12/KH-MTTQ", DocumentKind.PLAN, "Ban Thường trực Ủy ban MTTQ Việt Nam phường Minh Phụng",
        datetime.date(2025, 9, 3), None, ValidityStatus.IN_FORCE, "Môi trường",
        "Kế hoạch giám sát việc thu gom rác thải sinh hoạt tại các khu phố trên địa bàn phường năm 2025.",
        ["05/HD-MTTQ-BTT"],
    ),
    (
        "phuong-minh-phung", "27/BC-MTTQ", DocumentKind.REPORT, "Ban Thường trực Ủy ban MTTQ Việt Nam phường Minh Phụng",
        datetime.date(2025, 10, 20), None, ValidityStatus.UNKNOWN, "Trật tự đô thị, an ninh",
        "Báo cáo tổng hợp ý kiến, kiến nghị của cử tri về trật tự lòng lề đường quý III năm 2025.",
        [],
    ),
    (
        "quan-11", "18/CV-MTTQ", DocumentKind.OFFICIAL_LETTER, "Ban Thường trực Ủy ban MTTQ Việt Nam Quận 11",
        datetime.date(2018, 3, 9), None, ValidityStatus.EXPIRED, "Giao thông, hạ tầng",
        "Về việc chuyển kiến nghị của Nhân dân khu phố 5 về sửa chữa mặt đường hẻm đến Ủy ban nhân dân quận.",
        [],
    ),
]


@transaction.atomic
def load_demo(*, stdout=None):
    created = 0
    by_number = {}
    for slug, number, kind, issuer, issued, effective, status, topic_name, abstract, _related in DOCUMENTS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        document = Document.objects.filter(organisation=organisation, number_normalised=number_normalise(number)).first()
        if document is None:
            pdf = ContentFile(minimal_pdf(f"{number} - demo"), name=f"{number.replace('/', '-')}.pdf")
            document = document_create(
                actor=None,
                number=number,
                kind=kind,
                organisation=organisation,
                issuer_name=issuer,
                issuer=organisation if issuer.startswith("Ban Thường trực Ủy ban MTTQ") else None,
                signer=CITY_PARTY_SIGNER if issuer == CITY_PARTY else "",
                issued_on=issued,
                effective_from=effective,
                validity_status=status,
                topic=Topic.objects.filter(name=topic_name).first(),
                abstract=abstract,
                file=pdf,
            )
            document_publish(actor=None, document=document)
            created += 1
        by_number[number] = document
    for _slug, number, *_rest, related in DOCUMENTS:
        if number in by_number and related:
            document = by_number[number]
            wanted = set(document.related_documents.all()) | {by_number[n] for n in related if n in by_number}
            document_update(actor=None, document=document, related_documents=sorted(wanted, key=lambda d: d.pk))
    if stdout:
        stdout.write(f"  {Document.objects.count()} văn bản ({created} mới)")
