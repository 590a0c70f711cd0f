"""Create (or update the names of) the commune/ward Front committees of one province, from official codes."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mattran.organisations import admin_units
from mattran.organisations.models import DISTRICT_ABOLITION_DATE, Organisation, OrganisationKind
from mattran.organisations.services import organisation_create


class Command(BaseCommand):
    help = "Tạo Ủy ban MTTQ các xã, phường của một tỉnh/thành phố theo danh mục đơn vị hành chính (sau 01/7/2025)."

    def add_arguments(self, parser):
        parser.add_argument("province_code", help="mã tỉnh, ví dụ 79 (TP. Hồ Chí Minh)")

    def handle(self, *args, province_code, **options):
        try:
            province = admin_units.province_get(province_code)
        except (ValueError, KeyError) as exc:
            raise CommandError(f"Không có tỉnh/thành phố mã {province_code!r}.") from exc
        with transaction.atomic():
            parent = self._province_committee(province)
            created = 0
            for ward in admin_units.ward_list(province.code):
                name = f"Ủy ban MTTQ Việt Nam {ward.name[0].lower()}{ward.name[1:]}"
                existing = Organisation.objects.filter(
                    admin_unit_code=ward.code, kind=OrganisationKind.COMMUNE_COMMITTEE
                )
                if existing.exists():
                    existing.update(name=name)
                    continue
                organisation_create(
                    actor="load_admin_units",
                    name=name,
                    kind=OrganisationKind.COMMUNE_COMMITTEE,
                    parent=parent,
                    admin_unit_code=ward.code,
                    valid_from=DISTRICT_ABOLITION_DATE,
                )
                created += 1
        self.stdout.write(self.style.SUCCESS(f"{province.name}: {created} ủy ban xã/phường mới."))

    def _province_committee(self, province):
        committee = Organisation.objects.filter(
            admin_unit_code=province.code, kind=OrganisationKind.PROVINCE_COMMITTEE
        ).first()
        if committee:
            return committee
        return organisation_create(
            actor="load_admin_units",
            name=f"Ủy ban MTTQ Việt Nam {province.name[0].lower()}{province.name[1:]}",
            kind=OrganisationKind.PROVINCE_COMMITTEE,
            admin_unit_code=province.code,
        )
