"""Demo organisation tree: the HCMC committee, the archived District 11 committee and its four ward successors,
a residential-area working committee, a few bodies, topics and routing rules. Idempotent (keyed on slug)."""

import datetime

from django.db import transaction

from mattran.core.text import vi_slugify

from . import admin_units
from .models import (
    DISTRICT_ABOLITION_DATE,
    Body,
    BodyContact,
    BodyKind,
    Organisation,
    OrganisationKind,
    RoutingRule,
    Succession,
    Topic,
)

HCMC_CODE = "79"
DISTRICT_11_SUCCESSOR_WARDS = ("27238", "27232", "27211", "27226")  # Minh Phụng, Bình Thới, Hòa Bình, Phú Thọ

TOPICS = [
    ("Đất đai, nhà ở", "Land and housing"),
    ("Môi trường", "Environment"),
    ("Trật tự đô thị, an ninh", "Urban order and security"),
    ("Giao thông, hạ tầng", "Transport and infrastructure"),
    ("An sinh xã hội", "Social welfare"),
    ("Y tế", "Health"),
    ("Giáo dục", "Education"),
    ("Thủ tục hành chính", "Administrative procedures"),
    ("Góp ý xây dựng Đảng, chính quyền", "Comments on the Party and government"),
    ("Khác", "Other"),
]


def _org(slug, **fields):
    org, _ = Organisation.objects.update_or_create(slug=slug, defaults=fields)
    return org


@transaction.atomic
def load_demo(*, stdout=None):
    central = _org(
        "trung-uong",
        name="Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        name_en="Central Committee of the Vietnam Fatherland Front",
        short_name="UBTW MTTQ Việt Nam",
        kind=OrganisationKind.CENTRAL_COMMITTEE,
        parent=None,
        address="46 Tràng Thi, Hoàn Kiếm, Hà Nội",
    )
    province = admin_units.province_get(HCMC_CODE)
    hcmc = _org(
        "tp-ho-chi-minh",
        name="Ủy ban MTTQ Việt Nam Thành phố Hồ Chí Minh",
        name_en="Vietnam Fatherland Front Committee of Ho Chi Minh City",
        short_name="UB.MTTQ TP.HCM",
        kind=OrganisationKind.PROVINCE_COMMITTEE,
        parent=central,
        admin_unit_code=province.code,
        address="55 Mạc Đĩnh Chi, phường Sài Gòn, TP. Hồ Chí Minh",
        phone="028 3822 9452",
        email="mttq@tphcm.gov.vn",
    )
    district = _org(
        "quan-11",
        name="Ủy ban MTTQ Việt Nam Quận 11",
        name_en="Vietnam Fatherland Front Committee of District 11 (until 30 June 2025)",
        short_name="UB.MTTQ Quận 11",
        kind=OrganisationKind.DISTRICT_COMMITTEE,
        parent=hcmc,
        valid_to=DISTRICT_ABOLITION_DATE - datetime.timedelta(days=1),
        address="270 Bình Thới, Quận 11, TP. Hồ Chí Minh",
        description="Đơn vị cấp quận đã kết thúc hoạt động từ 01/7/2025; kế thừa là Ủy ban MTTQ Việt Nam "
        "các phường Minh Phụng, Bình Thới, Hòa Bình và Phú Thọ.",
    )
    wards = []
    for code in DISTRICT_11_SUCCESSOR_WARDS:
        unit = admin_units.ward_get(code)
        ward_name = unit.name.replace("Phường ", "phường ")
        wards.append(
            _org(
                vi_slugify(unit.name),
                name=f"Ủy ban MTTQ Việt Nam {ward_name}",
                name_en=f"Vietnam Fatherland Front Committee of {unit.name.replace('Phường ', '')} Ward",
                short_name=unit.name,
                kind=OrganisationKind.COMMUNE_COMMITTEE,
                parent=hcmc,
                admin_unit_code=unit.code,
                valid_from=DISTRICT_ABOLITION_DATE,
            )
        )
    for ward in wards:
        Succession.objects.update_or_create(
            predecessor=district,
            successor=ward,
            defaults={"effective_date": DISTRICT_ABOLITION_DATE, "note": "Sắp xếp đơn vị hành chính 2025"},
        )
    minh_phung = wards[0]
    residential = _org(
        "khu-pho-1-minh-phung",
        name="Ban công tác Mặt trận khu phố 1, phường Minh Phụng",
        name_en="Front working committee of Neighbourhood 1, Minh Phụng Ward",
        kind=OrganisationKind.RESIDENTIAL_COMMITTEE,
        parent=minh_phung,
        valid_from=DISTRICT_ABOLITION_DATE,
    )

    topics = {}
    for order, (name, name_en) in enumerate(TOPICS):
        topics[name], _ = Topic.objects.update_or_create(
            name=name, defaults={"name_en": name_en, "sort_order": order}
        )

    def body(slug, **fields):
        obj, _ = Body.objects.update_or_create(slug=slug, defaults=fields)
        return obj

    hdnd_tp = body(
        "hdnd-tp-ho-chi-minh",
        name="Hội đồng nhân dân Thành phố Hồ Chí Minh",
        name_en="Ho Chi Minh City People's Council",
        kind=BodyKind.PEOPLES_COUNCIL,
        area=hcmc,
    )
    ubnd_tp = body(
        "ubnd-tp-ho-chi-minh",
        name="Ủy ban nhân dân Thành phố Hồ Chí Minh",
        name_en="Ho Chi Minh City People's Committee",
        kind=BodyKind.PEOPLES_COMMITTEE,
        area=hcmc,
        email="ubnd@tphcm.gov.vn",
    )
    ward_bodies = {}
    for ward in wards:
        short = ward.short_name.replace("Phường ", "phường ")
        ward_bodies[ward.pk] = body(
            f"ubnd-{ward.slug}",
            name=f"Ủy ban nhân dân {short}",
            name_en=f"People's Committee of {short.replace('phường ', '')} Ward",
            kind=BodyKind.PEOPLES_COMMITTEE,
            area=ward,
            valid_from=DISTRICT_ABOLITION_DATE,
            email=f"ubnd.{ward.slug}@example.vn",
        )
    police = body(
        f"cong-an-{minh_phung.slug}",
        name="Công an phường Minh Phụng",
        name_en="Minh Phụng Ward Police",
        kind=BodyKind.POLICE,
        area=minh_phung,
        valid_from=DISTRICT_ABOLITION_DATE,
        email="congan.minhphung@example.vn",
    )
    BodyContact.objects.update_or_create(
        body=police,
        topic=topics["Trật tự đô thị, an ninh"],
        defaults={
            "name": "Đội Cảnh sát quản lý hành chính về trật tự xã hội",
            "email": "ttxh.minhphung@example.vn",
        },
    )

    def rule(org, topic, target):
        RoutingRule.objects.update_or_create(organisation=org, topic=topic, defaults={"body": target})

    rule(hcmc, None, ubnd_tp)
    rule(hcmc, topics["Góp ý xây dựng Đảng, chính quyền"], hdnd_tp)
    for ward in wards:
        rule(ward, None, ward_bodies[ward.pk])
    rule(minh_phung, topics["Trật tự đô thị, an ninh"], police)
    if stdout:
        stdout.write(
            f"  {Organisation.objects.count()} tổ chức, {Body.objects.count()} cơ quan, "
            f"{Topic.objects.count()} lĩnh vực (khu dân cư mẫu: {residential.name})"
        )
