from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mattran.api.models import ApiKey, api_key_hash
from mattran.organisations.tests.factories import OrganisationFactory


def test_api_key_create_command_prints_the_raw_key_once(db):
    ward = OrganisationFactory()
    out = StringIO()
    call_command("api_key_create", "Ứng dụng thử", organisation=ward.slug, per_hour=5, stdout=out, stderr=StringIO())
    raw = out.getvalue().strip()
    assert ApiKey.objects.get(key_hash=api_key_hash(raw)).posts_per_hour == 5


def test_api_key_create_command_rejects_an_unknown_organisation(db):
    with pytest.raises(CommandError):
        call_command("api_key_create", "X", organisation="khong-co", stdout=StringIO(), stderr=StringIO())
