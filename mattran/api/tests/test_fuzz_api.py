"""The fuzz layer over Open311: schemathesis generates valid and invalid requests (NUL characters and extreme
dates included) for every operation of Open311 GeoReport v2 as ``/open311/v2/openapi.json`` describes it, with
and without a valid API key. Asserted: no 5xx, every response as documented, and nothing written by a request
that did not succeed. (``/api/v1/`` is fuzzed against its generated document in ``test_openapi.py``.)"""

import pytest
import schemathesis
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from config.wsgi import application
from mattran.api.models import Open311Request
from mattran.core.models import AuditEvent
from mattran.core.tests.fuzz import fuzz_settings
from mattran.petitions.models import Petition, PetitionEvent

from .test_openapi import keep_connection, published_world  # noqa: F401 — the fixtures, shared

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

open311 = schemathesis.openapi.from_wsgi("/open311/v2/openapi.json", application)
# Open311 reads its arguments leniently on purpose (GeoReport clients differ): an empty argument is an absent one
# and dates need neither seconds nor an offset, so a request outside the document may succeed. And some rules
# cannot be said in a schema (dates 1900–2100, a 90-day window, codes that exist), so a request inside it may be
# a 400. Either way it must never be a 5xx, must answer as documented, and must not write anything.
LENIENT = [negative_data_rejection, positive_data_acceptance]


def _written():
    return (
        Petition.objects.count(),
        PetitionEvent.objects.count(),
        AuditEvent.objects.count(),
        Open311Request.objects.count(),
    )


@pytest.fixture
def fuzz_world(published_world, settings):  # noqa: F811
    """Limits out of the way: the fuzzer sends far more requests a minute than a client may."""
    settings.OPEN311_READS_PER_MINUTE = settings.API_V1_READS_PER_MINUTE = 10**6
    published_world.api_key.posts_per_hour = 10**6
    published_world.api_key.save(update_fields=["posts_per_hour"])
    return published_world


def _call(case, **kwargs):
    before = _written()
    response = case.call_and_validate(**kwargs)
    assert response.status_code < 500
    if case.method.upper() == "GET" or response.status_code != 200:
        assert _written() == before, f"{case.method} {case.formatted_path} {response.status_code} wrote rows"
    return response


@open311.parametrize()
@fuzz_settings()
def test_open311_fuzzed_without_a_key_never_errs_or_writes(case, fuzz_world):
    _call(case, excluded_checks=LENIENT)


@open311.parametrize()
@fuzz_settings()
def test_open311_fuzzed_with_a_valid_key_never_errs_or_half_writes(case, fuzz_world):
    """With the key, a generated service_code or jurisdiction_id is replaced by a real one, so the form checks
    and the intake service itself are reached with the generated content."""
    if isinstance(case.query, dict):
        case.query.pop("api_key", None)
    if isinstance(case.body, dict):
        case.body.pop("api_key", None)
        if "service_code" in case.body:
            case.body["service_code"] = fuzz_world.topic.code
        if "jurisdiction_id" in case.body:
            case.body["jurisdiction_id"] = fuzz_world.ward_a.slug
    _call(case, headers={"X-Api-Key": fuzz_world.raw_key}, excluded_checks=LENIENT)
