import pytest
from django.core.management import CommandError, call_command

from mattran.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def test_load_admin_units_creates_every_ward_committee_of_a_province_once():
    call_command("load_admin_units", "79")
    call_command("load_admin_units", "79")
    wards = Organisation.objects.filter(kind=OrganisationKind.COMMUNE_COMMITTEE)
    assert wards.count() == 168
    assert wards.filter(name="Ủy ban MTTQ Việt Nam phường Minh Phụng", admin_unit_code="27238").exists()
    city = Organisation.objects.get(kind=OrganisationKind.PROVINCE_COMMITTEE)
    assert all(w.parent_id == city.pk for w in wards)


def test_load_admin_units_rejects_an_unknown_code():
    with pytest.raises(CommandError):
        call_command("load_admin_units", "999")
