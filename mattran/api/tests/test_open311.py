"""Open311 GeoReport v2 as a generic client uses it: form-encoded POSTs, .json/.xml suffixes, the spec's errors."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own responses in tests

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from mattran.api.models import Open311Request
from mattran.core.tests.caches import caches_setting
from mattran.petitions import services as petition_services
from mattran.petitions.models import Petition, PetitionChannel, PetitionKind, PetitionStatus, TopicIntakeRule

BASE = "/open311/v2/"


def post_request(client, world, **fields):
    data = {
        "api_key": world.raw_key,
        "jurisdiction_id": world.ward_a.slug,
        "service_code": world.topic.code,
        "lat": "10.762622",
        "long": "106.660172",
        "address_string": "Hẻm 45 Lạc Long Quân",
        "description": "Cống thoát nước bị nghẹt, nước tràn ra đường mỗi khi mưa.",
    }
    data.update(fields)
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(BASE + "requests.json", data)


def assert_spec_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body, list) and body
    for error in body:
        assert set(error) == {"code", "description"}
        assert error["code"] == status
        assert error["description"]
    return body


def test_generic_client_walks_discovery_services_post_and_fetches_by_id_and_token(client, api_world):
    discovery = client.get(BASE + "discovery.json").json()
    endpoint = discovery["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert "application/json" in endpoint["formats"]
    assert endpoint["url"].endswith(BASE)

    services = client.get(BASE + "services.json").json()
    service = next(s for s in services if s["service_code"] == api_world.topic.code)
    assert service["service_name"] == api_world.topic.name
    assert service["type"] == "realtime"
    assert service["metadata"] is True
    definition = client.get(f"{BASE}services/{service['service_code']}.json").json()
    assert definition["service_code"] == service["service_code"]
    assert {a["code"] for a in definition["attributes"]} == {"kind", "title", "publish_consent"}

    response = post_request(
        client,
        api_world,
        email="dan.le@example.vn",
        first_name="Dân",
        last_name="Lê",
        phone="0987000111",
        **{"attribute[kind]": PetitionKind.PETITION},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    [created] = response.json()
    assert set(created) == {"service_request_id", "token", "service_notice", "account_id"}
    code = created["service_request_id"]
    petition = Petition.objects.get(reference=code)
    assert code.startswith("KN-20")
    # Only the POST answer (to the submitter's own client) carries the secret key.
    assert code in created["service_notice"] and petition.tracking_code in created["service_notice"]

    [by_id] = client.get(f"{BASE}requests/{code}.json").json()
    assert by_id["service_request_id"] == code
    assert by_id["status"] == "open"
    assert by_id["service_code"] == api_world.topic.code
    assert by_id["agency_responsible"] == api_world.ward_a.name
    assert by_id["requested_datetime"].endswith("+07:00")

    [by_token] = client.get(f"{BASE}tokens/{created['token']}.json").json()
    assert by_token == {"service_request_id": code, "token": created["token"]}
    assert petition.tracking_code not in str(by_id) and petition.tracking_code not in str(by_token)

    assert petition.channel == PetitionChannel.OPEN311
    assert petition.kind == PetitionKind.PETITION
    assert petition.organisation == api_world.ward_a
    assert petition.submitter_name == "Lê Dân"
    assert petition.submitter_email == "dan.le@example.vn"
    assert str(petition.latitude) == "10.762622"
    assert petition.title == "Cống thoát nước bị nghẹt, nước tràn ra đường mỗi khi mưa."


def test_post_creates_the_petition_through_the_web_forms_service(client, api_world):
    """petition_submit writes the timeline's first entry and the audit row: both prove the shared path."""
    response = post_request(client, api_world)
    petition = Petition.objects.get(reference=response.json()[0]["service_request_id"])
    assert petition.events.filter(kind="submitted").count() == 1
    from mattran.core.models import AuditEvent

    actions = set(AuditEvent.objects.filter(target_id=str(petition.pk)).values_list("action", flat=True))
    assert {"petition.submit", "open311.request_create"} <= actions


def test_xml_format_answers_every_resource(client, api_world):
    response = post_request(client, api_world)
    created = response.json()[0]
    for path in (
        "discovery.xml",
        "services.xml",
        f"services/{api_world.topic.code}.xml",
        f"requests/{created['service_request_id']}.xml",
        f"tokens/{created['token']}.xml",
        "requests.xml",
    ):
        response = client.get(BASE + path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        ET.fromstring(response.content)  # noqa: S314 - our own output
    root = ET.fromstring(client.get(f"{BASE}requests/{created['service_request_id']}.xml").content)  # noqa: S314
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == created["service_request_id"]


def test_xml_post_and_errors_use_the_xml_error_document(client, api_world):
    response = client.post(BASE + "requests.xml", {"service_code": api_world.topic.code})
    assert response.status_code == 403
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "errors"
    assert root.find("error/code").text == "403"


def test_root_answers_discovery(client, db):
    response = client.get(BASE)
    assert response.status_code == 200
    assert response.json()["endpoints"][0]["specification"].endswith("GeoReport_v2")


@pytest.mark.parametrize("api_key", [None, "", "mt_not-a-real-key"])
def test_post_without_a_valid_api_key_is_refused_with_403(client, api_world, api_key):
    response = post_request(client, api_world, api_key=api_key)
    assert_spec_error(response, 403)
    assert not Petition.objects.exists()


def test_post_with_a_deactivated_key_is_refused(client, api_world):
    from mattran.api.services import api_key_deactivate

    api_key_deactivate(api_key=api_world.api_key, actor="test")
    assert_spec_error(post_request(client, api_world), 403)


def test_post_to_a_jurisdiction_outside_the_keys_organisation_is_refused(client, api_world):
    from mattran.api.services import api_key_create

    _key, raw = api_key_create(name="Ứng dụng phường A", organisation=api_world.ward_a, actor="test")
    assert_spec_error(post_request(client, api_world, api_key=raw, jurisdiction_id=api_world.ward_b.slug), 403)
    assert not Petition.objects.exists()


def test_post_without_jurisdiction_goes_to_the_keys_organisation(client, api_world):
    response = post_request(client, api_world, jurisdiction_id=None)
    assert Petition.objects.get(reference=response.json()[0]["service_request_id"]).organisation == api_world.city


def test_post_service_code_missing_is_400_and_unknown_is_404(client, api_world):
    assert_spec_error(post_request(client, api_world, service_code=None), 400)
    assert_spec_error(post_request(client, api_world, service_code="khong-co"), 404)
    assert not Petition.objects.exists()


def test_post_unknown_jurisdiction_is_404(client, api_world):
    assert_spec_error(post_request(client, api_world, jurisdiction_id="khong-co"), 404)


@pytest.mark.parametrize(
    "fields",
    [
        {"lat": None, "long": None, "address_string": None},
        {"lat": "10.7", "long": None, "address_string": None},
        {"lat": "91", "long": "106.6"},
        {"lat": "abc", "long": "106.6"},
        {"description": ""},
        {"description": "x" * 4001},
        {"email": "not-an-email"},
        {"media_url": "javascript:alert(1)"},
        {"attribute[kind]": "khong-co"},
    ],
)
def test_post_bad_input_is_400_with_the_error_array_and_writes_nothing(client, api_world, fields):
    assert_spec_error(post_request(client, api_world, **fields), 400)
    assert not Petition.objects.exists()
    assert not Open311Request.objects.exists()


def test_post_with_only_an_address_id_is_accepted(client, api_world):
    response = post_request(client, api_world, lat=None, long=None, address_string=None, address_id="A-1234")
    assert response.status_code == 200
    assert "A-1234" in Petition.objects.get().address


def test_post_respects_a_topics_contact_requirement(client, api_world):
    TopicIntakeRule.objects.create(topic=api_world.topic, contact_required=True, note="Cần số điện thoại để cơ quan gọi lại.")
    body = assert_spec_error(post_request(client, api_world), 400)
    assert "điện thoại" in body[0]["description"]
    assert post_request(client, api_world, phone="0909000111").status_code == 200


def test_post_is_rate_limited_per_key(client, api_world):
    api_world.api_key.posts_per_hour = 2
    api_world.api_key.save()
    assert post_request(client, api_world).status_code == 200
    assert post_request(client, api_world).status_code == 200
    assert_spec_error(post_request(client, api_world), 429)
    assert Petition.objects.count() == 2


def test_post_with_the_same_idempotency_key_returns_the_first_request(client, api_world):
    first = client.post(
        BASE + "requests.json",
        {"api_key": api_world.raw_key, "service_code": api_world.topic.code, "address_string": "Chợ Phú Thọ",
         "description": "Vỉa hè bị lấn chiếm."},
        HTTP_IDEMPOTENCY_KEY="abc-123",
    ).json()[0]
    again = client.post(
        BASE + "requests.json",
        {"api_key": api_world.raw_key, "service_code": api_world.topic.code, "address_string": "Chợ Phú Thọ",
         "description": "Vỉa hè bị lấn chiếm."},
        HTTP_IDEMPOTENCY_KEY="abc-123",
    ).json()[0]
    assert again["service_request_id"] == first["service_request_id"]
    assert again["token"] == first["token"]
    assert Petition.objects.count() == 1


def test_service_definition_of_an_unknown_code_is_404(client, db):
    assert_spec_error(client.get(BASE + "services/khong-co.json"), 404)


def test_unknown_jurisdiction_on_get_is_404(client, db):
    assert_spec_error(client.get(BASE + "services.json?jurisdiction_id=khong-co"), 404)
    assert_spec_error(client.get(BASE + "requests.json?jurisdiction_id=khong-co"), 404)


def test_unknown_request_and_token_are_404(client, db):
    assert_spec_error(client.get(BASE + "requests/KN-22222-22222.json"), 404)
    assert_spec_error(client.get(BASE + "requests/123.json"), 404)
    assert_spec_error(client.get(BASE + "tokens/khong-co.json"), 404)


def test_unsupported_format_unknown_path_and_wrong_method_use_the_error_array(client, db):
    assert_spec_error(client.get(BASE + "services.csv"), 400)
    assert_spec_error(client.get(BASE + "khong-co.json"), 404)
    response = client.delete(BASE + "services.json")
    assert_spec_error(response, 405)
    assert response["Allow"] == "GET"


@pytest.mark.parametrize(
    "query",
    [
        "start_date=ngay-hom-qua",
        "end_date=2026-13-45T00:00:00Z",
        "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
        "start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z",
        "status=pending",
        "service_code=khong-co",
    ],
)
def test_bad_list_filters_are_400(client, db, query):
    assert_spec_error(client.get(BASE + "requests.json?" + query), 400)


def test_list_filters_by_service_status_dates_and_jurisdiction(client, api_world):
    from mattran.organisations.tests.factories import TopicFactory

    in_a = api_world.published()
    other_topic = TopicFactory(name="Giao thông")
    in_b = api_world.published(organisation=api_world.ward_b, topic=other_topic)

    def codes(query=""):
        return {r["service_request_id"] for r in client.get(BASE + "requests.json?" + query).json()}

    assert codes() == {in_a.reference, in_b.reference}
    assert codes(f"service_code={other_topic.code}") == {in_b.reference}
    assert codes(f"service_code={other_topic.code},{api_world.topic.code}") == {in_a.reference, in_b.reference}
    assert codes(f"jurisdiction_id={api_world.ward_a.slug}") == {in_a.reference}
    assert codes(f"jurisdiction_id={api_world.city.slug}") == {in_a.reference, in_b.reference}
    open_one = api_world.forwarded(publish_consent=True)
    assert codes("status=closed") == {in_a.reference, in_b.reference}
    assert codes("status=open") == {open_one.reference}
    assert codes("status=open,closed") == {in_a.reference, in_b.reference, open_one.reference}
    long_ago = (timezone.now() - datetime.timedelta(days=200)).isoformat()
    assert codes("end_date=" + long_ago.replace("+", "%2B")) == set()
    today = timezone.localdate().isoformat()
    assert codes("start_date=" + today) == {in_a.reference, in_b.reference, open_one.reference}


def test_list_by_service_request_ids_overrides_other_filters(client, api_world):
    answered = api_world.published()
    submitted = api_world.submit()
    response = client.get(
        f"{BASE}requests.json?service_request_id={answered.reference},{submitted.reference},KN-2026-999999,"
        f"{answered.tracking_code}"
        "&status=closed"
    )
    # A secret key names nothing in Open311.
    assert [r["service_request_id"] for r in response.json()] == [answered.reference, submitted.reference]


def test_status_maps_to_open_and_closed_with_notes_agency_and_expected_date(client, api_world):
    petition = api_world.forwarded(publish_consent=True)

    def fetch():
        return client.get(f"{BASE}requests/{petition.reference}.json").json()[0]

    forwarded = fetch()
    assert forwarded["status"] == "open"
    assert forwarded["agency_responsible"] == api_world.body_a.name
    assert forwarded["expected_datetime"] == f"{petition.due_date.isoformat()}T23:59:59+07:00"
    assert forwarded["status_notes"] == str(petition.get_status_display())

    petition_services.petition_acknowledge(petition=petition, actor=api_world.liaison_a)
    petition_services.petition_answer(
        petition=petition, text="Đã nạo vét cống ngày 20/11, đã báo ông Trần Văn Hải.", actor=api_world.liaison_a
    )
    answered = fetch()
    assert answered["status"] == "closed"
    # Under the Front's review: the body's words are not public yet.
    assert answered["status_notes"] == str(PetitionStatus.ANSWERED.label)
    petition_services.answer_accept(petition=petition, public_text="Đã nạo vét cống ngày 20/11.", actor=api_world.officer_a)
    assert fetch()["status_notes"] == "Đã nạo vét cống ngày 20/11."

    petition.refresh_from_db()
    petition_services.petition_inform(petition=petition, method="phone", actor=api_world.officer_a)
    petition_services.petition_reopen(petition=petition, reason="Cống lại nghẹt sau hai ngày.", actor="người gửi")
    reopened = fetch()
    assert reopened["status"] == "open"
    # The reopen reason is the citizen's own words: not served.
    assert reopened["status_notes"] == str(PetitionStatus.REOPENED.label)


def test_rejected_petition_is_closed_with_the_reason(client, api_world):
    petition = api_world.submit(publish_consent=True)
    petition_services.petition_reject(petition=petition, reason="Nội dung đã được trả lời tại KN-33333-33333.", actor=api_world.officer_a)
    notes = client.get(f"{BASE}requests/{petition.reference}.json").json()[0]
    assert notes["status"] == "closed"
    assert "KN-33333-33333" in notes["status_notes"]


def test_lookups_are_rate_limited_per_address(client, db, settings):
    settings.OPEN311_READS_PER_MINUTE = 3
    cache.clear()
    for _ in range(3):
        assert client.get(BASE + "tokens/khong-co.json").status_code == 404
    assert_spec_error(client.get(BASE + "tokens/khong-co.json"), 429)


def test_lookups_are_limited_per_x_real_ip_behind_the_proxy(client, db, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.OPEN311_READS_PER_MINUTE = 1
    assert client.get(BASE + "tokens/khong-co.json", HTTP_X_REAL_IP="203.0.113.1").status_code == 404
    assert_spec_error(client.get(BASE + "tokens/khong-co.json", HTTP_X_REAL_IP="203.0.113.1"), 429)
    assert client.get(BASE + "tokens/khong-co.json", HTTP_X_REAL_IP="203.0.113.2").status_code == 404


def test_lookups_ignore_x_real_ip_when_no_proxy_header_is_configured(client, db, settings):
    settings.CLIENT_IP_HEADER = ""
    settings.OPEN311_READS_PER_MINUTE = 1
    assert client.get(BASE + "tokens/khong-co.json", HTTP_X_REAL_IP="203.0.113.1").status_code == 404
    assert_spec_error(client.get(BASE + "tokens/khong-co.json", HTTP_X_REAL_IP="203.0.113.2"), 429)


def test_post_is_accepted_when_the_cache_is_down(client, api_world):
    with override_settings(CACHES=caches_setting("BrokenCache")):
        assert post_request(client, api_world).status_code == 200
    assert Petition.objects.count() == 1
