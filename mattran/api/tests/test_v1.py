"""The read-only JSON API at /api/v1/."""

from django.test import override_settings

from mattran.api.v1 import AddressRateThrottle
from mattran.core.tests.caches import caches_setting
from mattran.organisations.models import OrganisationKind
from mattran.organisations.tests.factories import OrganisationFactory, TopicFactory
from mattran.petitions import services as petition_services


def test_topics_lists_active_topics(client, db):
    TopicFactory(name="Đất đai")
    TopicFactory(name="Cũ", is_active=False)
    names = {t["name"] for t in client.get("/api/v1/topics").json()}
    assert "Đất đai" in names and "Cũ" not in names


def test_organisations_are_paginated_and_filterable(client, api_world):
    body = client.get("/api/v1/organisations?limit=2").json()
    assert body["count"] == 3 and len(body["items"]) == 2
    wards = client.get(f"/api/v1/organisations?parent={api_world.city.slug}").json()["items"]
    assert {o["slug"] for o in wards} == {api_world.ward_a.slug, api_world.ward_b.slug}
    provinces = client.get("/api/v1/organisations?kind=province").json()["items"]
    assert [o["slug"] for o in provinces] == [api_world.city.slug]
    assert client.get("/api/v1/organisations?kind=khong-co").status_code == 422


def test_organisation_detail_and_unknown_slug(client, db):
    org = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường Bình Thới", kind=OrganisationKind.COMMUNE_COMMITTEE,
                              phone="028 3858 0000")
    body = client.get(f"/api/v1/organisations/{org.slug}").json()
    assert body["name"] == org.name and body["phone"] == "028 3858 0000" and body["parent"] is None
    response = client.get("/api/v1/organisations/khong-co")
    assert response.status_code == 404 and response.json()["detail"]


def test_organisation_stats_counts_the_month(client, api_world):
    api_world.submit()
    body = client.get(f"/api/v1/organisations/{api_world.city.slug}/stats").json()
    assert body["received"] == 1
    assert client.get(f"/api/v1/organisations/{api_world.city.slug}/stats?month=13").status_code == 400


def test_public_petitions_list_and_detail(client, api_world):
    listed = api_world.published()
    other = api_world.published(organisation=api_world.ward_b, content="Đường ngập nước ở khu phố 4.")
    body = client.get("/api/v1/petitions").json()
    assert body["count"] == 2
    assert client.get(f"/api/v1/petitions?organisation={api_world.ward_b.slug}").json()["items"][0][
        "reference"
    ] == other.reference
    assert client.get("/api/v1/petitions?q=duong ngap").json()["count"] == 1
    assert client.get("/api/v1/petitions?topic=khong-co").json()["count"] == 0
    detail = client.get(f"/api/v1/petitions/{listed.reference.lower()}").json()
    assert detail["reference"] == listed.reference
    assert "tracking_code" not in detail and listed.tracking_code not in str(body) + str(detail)
    assert detail["answer"] == listed.answer_public_text
    assert detail["body"] == api_world.body_a.name


def test_status_by_reference_shows_the_public_timeline(client, api_world):
    petition = api_world.forwarded()
    petition_services.petition_return(petition=petition, reason="Không thuộc thẩm quyền (ghi chú nội bộ).",
                                      actor=api_world.liaison_a)
    body = client.get(f"/api/v1/petitions/{petition.reference}/status").json()
    assert body["status"] == "returned" and body["open311_status"] == "open"
    assert [e["kind"] for e in body["timeline"]] == ["submitted", "accepted", "forwarded", "returned"]
    assert "ghi chú nội bộ" not in str(body)


def test_merged_petition_status_shows_the_petition_it_joined(client, api_world):
    main = api_world.forwarded()
    duplicate = api_world.submit()
    petition_services.petition_merge(petition=duplicate, into=main, actor=api_world.officer_a)
    body = client.get(f"/api/v1/petitions/{duplicate.reference}/status").json()
    assert body["merged_into"] == main.reference
    assert body["body"] == api_world.body_a.name
    [open311] = client.get(f"/open311/v2/requests/{duplicate.reference}.json").json()
    assert open311["status"] == "closed" and main.reference in open311["status_notes"]
    assert main.tracking_code not in str(body) + str(open311)


def test_status_by_reference_of_an_unconsented_petition_shows_no_text(client, api_world):
    """References are sequential: the public status says where a petition is, not what it says."""
    petition = api_world.informed()
    petition_services.petition_reopen(petition=petition, reason="Lý do riêng của người gửi.", actor="người gửi")
    body = client.get(f"/api/v1/petitions/{petition.reference}/status").json()
    assert body["status"] == "reopened"
    assert body["title"] == "" and body["answer"] == ""
    assert petition.title not in str(body) and "Lý do riêng" not in str(body)
    assert petition.answer_text not in str(body)


def test_openapi_document_and_docs_page(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/petitions/{reference}/status" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"/static/ninja/swagger-ui" in docs.content


def test_pagination_bounds_are_validated_not_crashed(client, db):
    assert client.get("/api/v1/organisations?limit=1313332829137276502016").status_code == 422
    assert client.get("/api/v1/petitions?offset=99999999999999999999").status_code == 422
    assert client.get("/api/v1/petitions?limit=100&offset=1000000").json()["items"] == []


def test_reads_are_rate_limited_per_address_whatever_x_forwarded_for_says(client, db, settings):
    for n in range(settings.API_V1_READS_PER_MINUTE):
        assert client.get("/api/v1/topics", HTTP_X_FORWARDED_FOR=f"10.0.0.{n % 250}").status_code == 200
    response = client.get("/api/v1/topics", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429
    assert client.get("/api/v1/topics", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_reads_are_limited_per_x_real_ip_behind_the_proxy(client, db, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.API_V1_READS_PER_MINUTE = 2
    # Both citizens reach us through the proxy (REMOTE_ADDR 127.0.0.1): each gets its own allowance.
    assert [client.get("/api/v1/topics", HTTP_X_REAL_IP="203.0.113.1").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/api/v1/topics", HTTP_X_REAL_IP="203.0.113.2").status_code == 200


def test_read_limit_lets_requests_through_when_the_cache_is_down(rf):
    # The throttle itself: a GET's page-cache lookup (news middleware) has its own fault handling.
    with override_settings(CACHES=caches_setting("BrokenCache")):
        assert all(AddressRateThrottle().allow_request(rf.get("/api/v1/topics")) for _ in range(200))
