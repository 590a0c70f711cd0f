"""Schemathesis over the generated OpenAPI document of /api/v1/: for generated inputs (valid and invalid) no
response is a server error and every response matches the documented status codes, media types and schemas."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from config.wsgi import application
from mattran.core.tests.fuzz import fuzz_settings

pytestmark = pytest.mark.fuzz  # the fuzz layer's /api/v1/ part; Open311 is in test_fuzz_api.py

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_connection():
    """Schemathesis calls the WSGI application directly, so Django's request signals would close the test's
    database connection (inside its transaction) after each call; the test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def published_world(api_world, keep_connection):
    """Real rows for the generated requests to find: two answered, published petitions and a submitted one."""
    api_world.published()
    api_world.published(organisation=api_world.ward_b)
    api_world.submit()
    return api_world


@schema.parametrize()
@fuzz_settings()
def test_api_v1_conforms_to_its_openapi_document(case, published_world):
    case.call_and_validate()
