import datetime

import pytest

from mattran.organisations.models import Organisation, OrganisationKind
from mattran.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2025, 6, 30)
AFTER = datetime.date(2025, 7, 1)


@pytest.fixture
def demo_tree():
    from mattran.organisations.demo import load_demo

    load_demo()
    return {o.slug: o for o in Organisation.objects.all()}


def test_district_11_is_active_before_the_reform_and_not_after(demo_tree):
    district = demo_tree["quan-11"]
    assert Organisation.objects.active_on(BEFORE).filter(pk=district.pk).exists()
    assert not Organisation.objects.active_on(AFTER).filter(pk=district.pk).exists()


def test_the_four_wards_start_on_the_reform_date(demo_tree):
    wards = ["phuong-minh-phung", "phuong-binh-thoi", "phuong-hoa-binh", "phuong-phu-tho"]
    assert set(
        Organisation.objects.active_on(AFTER).filter(slug__in=wards).values_list("slug", flat=True)
    ) == set(wards)
    assert not Organisation.objects.active_on(BEFORE).filter(slug__in=wards).exists()


def test_district_11_successors_are_the_four_wards(demo_tree):
    successors = set(demo_tree["quan-11"].successors.values_list("name", flat=True))
    assert successors == {
        "Ủy ban MTTQ Việt Nam phường Minh Phụng",
        "Ủy ban MTTQ Việt Nam phường Bình Thới",
        "Ủy ban MTTQ Việt Nam phường Hòa Bình",
        "Ủy ban MTTQ Việt Nam phường Phú Thọ",
    }


def test_ward_names_and_codes_come_from_the_administrative_unit_list(demo_tree):
    from mattran.organisations.admin_units import province_get, ward_get

    ward, city = demo_tree["phuong-minh-phung"], demo_tree["tp-ho-chi-minh"]
    assert (ward.admin_unit_code, city.admin_unit_code) == ("27238", "79")
    assert ward.name.casefold().endswith(ward_get("27238").name.casefold())  # "… phường Minh Phụng"
    assert province_get("79").name.casefold().removeprefix("thành phố ") in city.name.casefold()


def test_city_committee_is_active_on_both_sides(demo_tree):
    for day in (BEFORE, AFTER):
        assert Organisation.objects.active_on(day).filter(slug="tp-ho-chi-minh").exists()


def test_path_gives_subtree_and_follows_a_move():
    city = OrganisationFactory(kind=OrganisationKind.PROVINCE_COMMITTEE)
    other_city = OrganisationFactory(kind=OrganisationKind.PROVINCE_COMMITTEE)
    ward = OrganisationFactory(parent=city)
    area = OrganisationFactory(parent=ward, kind=OrganisationKind.RESIDENTIAL_COMMITTEE)
    assert set(Organisation.objects.descendants_of(city)) == {city, ward, area}
    ward.parent = other_city
    ward.save()
    area.refresh_from_db()
    assert area.path == f"/{other_city.pk}/{ward.pk}/{area.pk}/"
    assert set(Organisation.objects.descendants_of(city)) == {city}


def test_slug_is_vietnamese_ascii_and_unique():
    first = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường Đông Hưng Thuận")
    second = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường Đông Hưng Thuận")
    assert first.slug == "uy-ban-mttq-viet-nam-phuong-dong-hung-thuan"
    assert second.slug == "uy-ban-mttq-viet-nam-phuong-dong-hung-thuan-2"


def test_an_organisation_cannot_become_its_own_descendant():
    from django.core.exceptions import ValidationError

    city = OrganisationFactory()
    ward = OrganisationFactory(parent=city)
    city.parent = ward
    with pytest.raises(ValidationError):
        city.full_clean()


def test_organisations_topics_and_bodies_print_their_english_name_on_english_pages():
    from django.utils import translation

    from mattran.organisations.models import Body, BodyKind, Topic

    org = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường Minh Phụng", name_en="Minh Phụng Ward Front")
    topic = Topic.objects.create(name="Môi trường", name_en="Environment")
    body = Body.objects.create(name="Công an phường", name_en="Ward Police", kind=BodyKind.POLICE, area=org)
    with translation.override("en"):
        assert [str(org), str(topic), str(body)] == ["Minh Phụng Ward Front", "Environment", "Ward Police"]
    with translation.override("vi"):
        assert [str(org), str(topic), str(body)] == [org.name, "Môi trường", "Công an phường"]


def test_a_blank_english_name_falls_back_to_the_vietnamese_one():
    from django.utils import translation

    from mattran.organisations.models import Topic

    topic = Topic.objects.create(name="Khác")
    with translation.override("en"):
        assert str(topic) == "Khác"
