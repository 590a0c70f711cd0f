"""Issue 9, item 4: the public form opened from a ward portal (``?don-vi=<slug>``) has that ward preselected; the
place list offers wards grouped by province, never residential-area committees."""

import pytest
from django.urls import reverse

from mattran.organisations.models import OrganisationKind
from mattran.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _form(client, **params):
    response = client.get(reverse("petitions:submit"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_form_from_a_ward_portal_has_that_ward_selected(client, world):
    page = _form(client, **{"don-vi": world.ward_b.slug})
    assert f'<option value="{world.ward_b.pk}" selected>' in page
    assert f'<option value="{world.ward_a.pk}" selected>' not in page


def test_an_unknown_or_non_ward_slug_preselects_nothing(client, world):
    for slug in ("khong-co", world.city.slug, "x" * 500):
        page = _form(client, **{"don-vi": slug})
        select = page.split('id="id_organisation"')[1].split("</select>")[0]
        assert '<option value="" selected>' in select and select.count(" selected>") == 1


def test_wards_are_grouped_by_province_and_named_shortly(client, world):
    world.ward_a.short_name = "Phường A"
    world.ward_a.save()
    page = _form(client)
    select = page.split('id="id_organisation"')[1].split("</select>")[0]
    assert '<optgroup label="Thành phố">' in select
    assert ">Phường A</option>" in select


def test_residential_committees_are_not_places_of_their_own(client, world):
    OrganisationFactory(
        name="Ban công tác Mặt trận khu phố 1, phường A", kind=OrganisationKind.RESIDENTIAL_COMMITTEE,
        parent=world.ward_a,
    )
    select = _form(client).split('id="id_organisation"')[1].split("</select>")[0]
    assert "Ban công tác Mặt trận" not in select


def test_a_submission_to_the_preselected_ward_still_validates_the_ward(client, world):
    # The grouped list is presentation only: a forged id outside the wards is refused with the form's message.
    residential = OrganisationFactory(kind=OrganisationKind.RESIDENTIAL_COMMITTEE, parent=world.ward_a)
    response = client.post(reverse("petitions:submit") + f"?don-vi={world.ward_a.slug}", {
        "kind": "kien_nghi", "topic": world.topic.pk, "title": "Ổ gà", "content": "Ổ gà lớn",
        "organisation": residential.pk, "form_token": "t" * 24,
    })
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode() or "errorlist" in response.content.decode()


def test_the_receipt_and_the_tracking_page_keep_the_wards_portal_branding(client, world):
    from mattran.news.tests.factories import make_portal
    from mattran.petitions.tests.factories import PetitionFactory

    city = make_portal(title="Cổng Mặt trận Thành phố")
    make_portal(organisation=world.ward_a, parent=city, title="Cổng Mặt trận Phường A")
    petition = PetitionFactory(organisation=world.ward_a)
    receipt = client.get(reverse("petitions:receipt", args=[petition.tracking_code]))
    assert receipt.context["news_portal"].organisation == world.ward_a
    tracked = client.get(reverse("petitions:track"), {"ma": petition.tracking_code})
    assert tracked.context["news_portal"].organisation == world.ward_a
    public = client.get(reverse("petitions:track"), {"ma": petition.reference})
    assert public.context["news_portal"].organisation == world.ward_a


def test_the_receipt_names_the_ward_in_english_on_the_english_site(client, world):
    from django.utils import translation

    from mattran.petitions.tests.factories import PetitionFactory

    world.ward_a.name_en = "Ward A Front Committee"
    world.ward_a.save()
    petition = PetitionFactory(organisation=world.ward_a)
    with translation.override("en"):
        url = reverse("petitions:receipt", args=[petition.tracking_code])
    assert url.startswith("/en/")
    assert "Ward A Front Committee" in client.get(url).content.decode()
