"""Personal data never reaches a public page, feed or search result: one test per public surface."""

import pytest
from django.urls import reverse

from mattran.petitions.links import liaison_token_make

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL, HOME = "Trần Văn Hải", "0912345678", "hai.tran@example.vn", "Số 9 đường Riêng Tư"


@pytest.fixture
def answered(world):
    return world.informed(publish_consent=True, submitter_address=HOME, title="Thu gom rác chợ Bình Thới")


def _assert_no_personal_data(text):
    for value in (NAME, PHONE, EMAIL, HOME):
        assert value not in text


def test_receipt_page_has_no_personal_data(client, answered):
    _assert_no_personal_data(client.get(reverse("petitions:receipt", args=[answered.tracking_code])).content.decode())


def test_tracking_page_has_no_personal_data(client, answered):
    _assert_no_personal_data(client.get(reverse("petitions:track"), {"ma": answered.tracking_code}).content.decode())


def test_answered_list_and_its_search_have_no_personal_data(client, answered):
    page = client.get(reverse("petitions:answered")).content.decode()
    assert answered.title in page
    _assert_no_personal_data(page)
    found = client.get(reverse("petitions:answered"), {"q": "thu gom"}).content.decode()
    assert answered.title in found
    _assert_no_personal_data(found)
    assert answered.title not in client.get(reverse("petitions:answered"), {"q": "Hải"}).content.decode()


def test_answered_feed_has_no_personal_data(client, answered):
    feed = client.get(reverse("petitions:answered_feed")).content.decode()
    assert answered.title in feed
    _assert_no_personal_data(feed)


def test_statistics_page_has_no_personal_data(client, world, answered):
    _assert_no_personal_data(client.get(reverse("petitions:stats"), {"to-chuc": world.city.slug}).content.decode())


def test_liaison_link_page_has_no_personal_data(client, world):
    petition = world.forwarded(submitter_address=HOME)
    token = liaison_token_make(event=petition.events.get(kind="forwarded"))
    _assert_no_personal_data(client.get(reverse("petitions:liaison", args=[token])).content.decode())


def test_name_is_shown_publicly_only_with_consent(client, world):
    world.informed(publish_consent=True, show_name_publicly=True, submitter_name="Võ Thị Sáu Đồng Ý")
    world.informed(publish_consent=True, show_name_publicly=False, submitter_name="Lý Văn Không Đồng Ý")
    page = client.get(reverse("petitions:answered")).content.decode()
    assert "Võ Thị Sáu Đồng Ý" in page and "Lý Văn Không Đồng Ý" not in page


def test_forwarding_email_to_body_carries_no_contact_details(world, django_capture_on_commit_callbacks):
    from django.core import mail

    world.body_a.email = "ubnd.a@example.vn"
    world.body_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        world.forwarded(submitter_address=HOME)
    to_body = [m for m in mail.outbox if "ubnd.a@example.vn" in m.to or world.liaison_a.email in m.to]
    assert to_body
    for message in to_body:
        _assert_no_personal_data(message.body)


def test_public_selector_never_loads_personal_fields(world):
    from mattran.petitions.selectors import petition_list_public

    world.submit()
    world.submit(confidential=True)
    rows = list(petition_list_public())
    assert len(rows) == 1
    deferred = rows[0].get_deferred_fields()
    assert {"submitter_name", "submitter_phone", "submitter_email", "submitter_address"} <= deferred
