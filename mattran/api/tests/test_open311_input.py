"""Review finding 12: Open311 date extremes are the spec's 400 error array, never a 500."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        {"start_date": "9999-12-31T00:00:00+07:00"},
        {"end_date": "0001-01-01"},
        {"start_date": "0001-01-01"},
        {"end_date": "9999-12-31"},
        {"start_date": "1899-12-31", "end_date": "1900-01-02"},
    ],
)
def test_request_list_with_a_date_outside_1900_to_2100_is_a_400_error_array(client, api_world, query):
    response = client.get(reverse("open311:requests", kwargs={"fmt": "json"}), query)
    assert response.status_code == 400
    (error,) = response.json()
    assert error["code"] == 400 and "1900" in error["description"]


def test_request_list_accepts_dates_at_the_edge_of_the_range(client, api_world):
    response = client.get(
        reverse("open311:requests", kwargs={"fmt": "json"}), {"start_date": "2100-12-31T00:00:00+07:00"}
    )
    assert response.status_code == 200 and response.json() == []


def test_open311_openapi_document_is_served(client):
    response = client.get(reverse("open311:openapi"))
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.") and "/requests.{format}" in document["paths"]


@pytest.mark.parametrize("path", ["/open311/v2/services.%0Ajson", "/open311/v2/a%0Ab"])
def test_open311_path_with_a_newline_is_the_spec_404_array(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.json()[0]["code"] == 404
