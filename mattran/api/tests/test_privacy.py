"""No response of any API endpoint carries personal data: submitter name, phone, email, contact address,
attachments, the extras an Open311 client sent (media_url, device_id, account_id), internal notes, or anything
of a confidential petition. Every endpoint is crawled, in every format, over petitions in every state."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mattran.petitions import services as petition_services

SECRETS = {
    "name": "Phạm Thị Kín Đáo",
    "phone": "0911222333",
    "email": "kindao.pham@example.vn",
    "address": "Số 9 đường Riêng Tư",
    "attachment": "anh-nha-rieng-tu.pdf",
    "note": "GHI CHÚ NỘI BỘ chỉ cán bộ xem",
    "confidential": "Cán bộ phường nhận tiền bí mật",
    "media": "https://anh.example.vn/rieng-tu-123.jpg",
    "device": "thiet-bi-rieng-777",
    "account": "tai-khoan-rieng-888",
}
PERSONAL = {
    "submitter_name": SECRETS["name"],
    "submitter_phone": SECRETS["phone"],
    "submitter_email": SECRETS["email"],
    "submitter_address": SECRETS["address"],
}


@pytest.fixture
def crawled(client, api_world):
    """Petitions in every state, with personal data, attachments, notes, consent and not, one confidential;
    then the body of every API response about them."""
    pdf = SimpleUploadedFile(SECRETS["attachment"], b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    world = api_world
    petitions = [
        world.submit(**PERSONAL, attachments=[pdf]),
        world.submit(**PERSONAL, publish_consent=True, show_name_publicly=True),
        world.forwarded(**PERSONAL, publish_consent=True),
        world.published(**PERSONAL, show_name_publicly=True),
        world.published(**PERSONAL, organisation=world.ward_b),
    ]
    petition_services.petition_accept(petition=petitions[0], note=SECRETS["note"], actor=world.officer_a)
    informed = world.informed(**PERSONAL, publish_consent=True)
    petition_services.petition_close(petition=informed, note=SECRETS["note"], actor=world.officer_a)
    petitions.append(informed)
    confidential = world.answered(
        **PERSONAL, title=SECRETS["confidential"], content=SECRETS["confidential"], confidential=True,
        publish_consent=True,
    )
    # A petition first published, then marked confidential by staff, must disappear too.
    later_confidential = world.published(**PERSONAL, title=SECRETS["confidential"] + " (2)")
    petition_services.petition_confidential_set(petition=later_confidential, confidential=True, actor=world.officer_a)

    posted = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": world.raw_key, "jurisdiction_id": world.ward_a.slug, "service_code": world.topic.code,
            "lat": "10.76", "long": "106.66", "description": "Ổ gà lớn giữa đường.",
            "first_name": "Thị Kín Đáo", "last_name": "Phạm", "email": SECRETS["email"], "phone": SECRETS["phone"],
            "media_url": SECRETS["media"], "device_id": SECRETS["device"], "account_id": SECRETS["account"],
            "attribute[publish_consent]": "true",
        },
    )
    assert posted.status_code == 200
    created = posted.json()[0]
    # The spec echoes account_id to the client that sent it; no other response may carry it.
    assert created["account_id"] == SECRETS["account"]

    from mattran.petitions.models import Petition

    codes = [p.reference for p in petitions] + [created["service_request_id"]]
    hidden_codes = [confidential.reference, later_confidential.reference]
    # Every secret key, also the Open311 one (which only its POST answer carried).
    keys = list(Petition.objects.values_list("tracking_code", flat=True))
    urls = ["/open311/v2/", "/api/v1/topics", "/api/v1/organisations", "/api/v1/petitions",
            "/api/v1/petitions?q=rac", "/api/v1/openapi.json"]
    for fmt in ("json", "xml"):
        urls += [f"/open311/v2/{p}.{fmt}" for p in ("discovery", "services", f"services/{world.topic.code}", "requests")]
        urls += [f"/open311/v2/requests.{fmt}?status=open,closed&jurisdiction_id={world.city.slug}"]
        urls += [f"/open311/v2/requests.{fmt}?service_request_id={','.join(codes + hidden_codes)}"]
        urls += [f"/open311/v2/requests/{code}.{fmt}" for code in codes + hidden_codes]
        urls += [f"/open311/v2/tokens/{created['token']}.{fmt}"]
    for code in codes + hidden_codes:
        urls += [f"/api/v1/petitions/{code}", f"/api/v1/petitions/{code}/status"]
    for key in keys:  # a secret key names nothing in the API
        urls += [f"/api/v1/petitions/{key}/status", f"/open311/v2/requests/{key}.json"]
    for org in (world.city, world.ward_a, world.ward_b):
        urls += [f"/api/v1/organisations/{org.slug}", f"/api/v1/organisations/{org.slug}/stats"]
    bodies = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        bodies[url] = response.content.decode()
    return {"bodies": bodies, "codes": codes, "hidden_codes": hidden_codes, "keys": keys}


def test_no_response_contains_any_secret_tracking_code(crawled):
    for url, body in crawled["bodies"].items():
        for key in crawled["keys"]:
            assert key not in body, f"secret key {key} in {url}"


def test_a_secret_key_finds_nothing_in_the_api(client, crawled):
    for key in crawled["keys"]:
        assert client.get(f"/api/v1/petitions/{key}/status").status_code == 404
        assert client.get(f"/open311/v2/requests/{key}.json").status_code == 404


def test_no_response_contains_personal_data_attachments_or_internal_notes(crawled):
    for url, body in crawled["bodies"].items():
        for label, secret in SECRETS.items():
            assert secret not in body, f"{label} leaked in {url}"
        assert "Kín Đáo" not in body, url
        assert "petitions/attachments/" not in body, url


def test_confidential_petitions_never_appear_and_their_lookups_are_404(client, crawled):
    for url, body in crawled["bodies"].items():
        for code in crawled["hidden_codes"]:
            assert code not in body, f"confidential {code} in {url}"
    for code in crawled["hidden_codes"]:
        assert client.get(f"/open311/v2/requests/{code}.json").status_code == 404
        assert client.get(f"/api/v1/petitions/{code}/status").status_code == 404


def test_every_visible_petition_is_reachable_by_its_reference(client, crawled):
    """The privacy rule hides data, not the petitions: the crawl above really looked at each of them."""
    for code in crawled["codes"]:
        assert client.get(f"/open311/v2/requests/{code}.json").status_code == 200
        assert client.get(f"/api/v1/petitions/{code}/status").status_code == 200


def test_content_and_place_only_with_the_submitters_consent(client, api_world):
    private = api_world.submit(content="Nội dung riêng không đồng ý công khai.", latitude="10.1", longitude="106.1")
    public = api_world.submit(content="Nội dung được đồng ý công khai.", publish_consent=True, latitude="10.2",
                              longitude="106.2")
    [private_out] = client.get(f"/open311/v2/requests/{private.reference}.json").json()
    [public_out] = client.get(f"/open311/v2/requests/{public.reference}.json").json()
    assert "Nội dung riêng" not in private_out["description"]
    # References are sequential, so even the title of an unconsented petition is not served.
    assert private_out["description"] == ""
    assert private.title not in str(private_out)
    assert private_out["address"] is None and private_out["lat"] is None and private_out["long"] is None
    assert "Nội dung được đồng ý công khai." in public_out["description"]
    assert public_out["address"] == public.address
    assert public_out["lat"] == 10.2
    assert private_out["media_url"] is None and public_out["media_url"] is None


def test_lists_hold_only_consented_reviewed_petitions(client, api_world):
    """Open311 lists consented petitions once staff accepted them (open or closed); /api/v1 lists the web's
    answered ones. Unconsented, unreviewed, rejected and confidential petitions are in neither."""
    not_consented = api_world.answered()
    unreviewed = api_world.submit(publish_consent=True)
    rejected = api_world.submit(publish_consent=True)
    petition_services.petition_reject(petition=rejected, reason="Nội dung xúc phạm.", actor=api_world.officer_a)
    in_progress = api_world.forwarded(publish_consent=True)
    listed = api_world.published()
    open311_codes = {r["service_request_id"] for r in client.get("/open311/v2/requests.json").json()}
    v1_codes = {p["reference"] for p in client.get("/api/v1/petitions").json()["items"]}
    assert open311_codes == {listed.reference, in_progress.reference}
    assert v1_codes == {listed.reference}
    for hidden in (not_consented, unreviewed, rejected, in_progress):
        assert client.get(f"/api/v1/petitions/{hidden.reference}").status_code == 404
