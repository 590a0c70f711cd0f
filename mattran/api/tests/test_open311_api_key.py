"""Open311 POST takes the API key only from the body or the X-Api-Key header, never from the URL."""

from mattran.petitions.models import Petition

from .test_open311 import BASE, assert_spec_error


def test_api_key_in_the_query_string_is_refused_with_a_400_in_the_spec_format(client, api_world):
    data = {
        "jurisdiction_id": api_world.ward_a.slug,
        "service_code": api_world.topic.code,
        "address_string": "Hẻm 45 Lạc Long Quân",
        "description": "Cống thoát nước bị nghẹt.",
    }
    response = client.post(BASE + f"requests.json?api_key={api_world.raw_key}", data)
    assert_spec_error(response, 400)
    assert "X-Api-Key" in response.json()[0]["description"]
    assert not Petition.objects.exists()


def test_api_key_in_the_query_string_is_refused_even_with_a_key_in_the_body(client, api_world):
    response = client.post(
        BASE + f"requests.json?api_key={api_world.raw_key}", {"api_key": api_world.raw_key, "service_code": "x"}
    )
    assert_spec_error(response, 400)


def test_api_key_in_the_x_api_key_header_is_accepted(client, api_world):
    data = {
        "jurisdiction_id": api_world.ward_a.slug,
        "service_code": api_world.topic.code,
        "address_string": "Hẻm 45 Lạc Long Quân",
        "description": "Cống thoát nước bị nghẹt, nước tràn ra đường mỗi khi mưa.",
    }
    response = client.post(BASE + "requests.json", data, headers={"X-Api-Key": api_world.raw_key})
    assert response.status_code == 200, response.content
    assert Petition.objects.count() == 1
