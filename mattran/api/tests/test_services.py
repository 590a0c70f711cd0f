import pytest
from django.core.exceptions import ValidationError

from mattran.api.models import ApiKey, api_key_hash
from mattran.api.selectors import api_key_get_active
from mattran.api.services import api_key_create, api_key_deactivate, open311_request_create
from mattran.core.models import AuditEvent
from mattran.petitions.models import PetitionChannel, PetitionKind


def test_api_key_create_stores_only_the_hash_and_records_audit(db):
    from mattran.organisations.tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    api_key, raw = api_key_create(name="Ứng dụng 1022", organisation=organisation, actor="test")
    stored = ApiKey.objects.get(pk=api_key.pk)
    assert raw.startswith("mt_") and len(raw) > 40
    assert stored.key_hash == api_key_hash(raw)
    assert raw not in {getattr(stored, f.attname) for f in ApiKey._meta.concrete_fields}
    assert stored.prefix == raw[:11]
    assert api_key_get_active(raw_key=raw) == stored
    assert AuditEvent.objects.filter(action="api_key.create", target_id=str(api_key.pk)).exists()


@pytest.mark.parametrize("fields", [{"name": "  "}, {"posts_per_hour": 0}])
def test_api_key_create_validates_and_writes_nothing(db, fields):
    from mattran.organisations.tests.factories import OrganisationFactory

    with pytest.raises(ValidationError):
        api_key_create(**({"name": "A", "organisation": OrganisationFactory(), "actor": "t"} | fields))
    assert not ApiKey.objects.exists()


def test_api_key_deactivate_stops_the_key_once(api_world):
    api_key_deactivate(api_key=api_world.api_key, actor="test")
    assert api_key_get_active(raw_key=api_world.raw_key) is None
    assert AuditEvent.objects.filter(action="api_key.deactivate").count() == 1
    with pytest.raises(ValidationError):
        api_key_deactivate(api_key=api_world.api_key, actor="test")


def test_open311_request_create_submits_a_petition_and_a_token(api_world):
    petition, record = open311_request_create(
        api_key=api_world.api_key,
        organisation=api_world.ward_b,
        topic=api_world.topic,
        kind=PetitionKind.REPORT,
        title="Cây đổ chắn đường",
        description="Cây đổ chắn ngang đường sau cơn mưa.",
        address="Đường số 3",
        first_name="Hoa",
        last_name="Trần",
        media_url="https://anh.example.vn/1.jpg",
        actor="open311:test",
    )
    assert petition.channel == PetitionChannel.OPEN311
    assert petition.organisation == api_world.ward_b
    assert petition.submitter_name == "Trần Hoa"
    assert record.petition == petition and record.api_key == api_world.api_key
    assert record.media_url == "https://anh.example.vn/1.jpg"
    assert len(record.token) >= 30
    api_world.api_key.refresh_from_db()
    assert api_world.api_key.last_used_at is not None


def test_open311_request_create_refuses_an_organisation_outside_the_key(api_world):
    key, _raw = api_key_create(name="Phường A", organisation=api_world.ward_a, actor="t")
    with pytest.raises(ValidationError) as exc:
        open311_request_create(
            api_key=key, organisation=api_world.ward_b, topic=api_world.topic, kind=PetitionKind.REPORT,
            title="T", description="D", actor="t",
        )
    assert "jurisdiction_id" in exc.value.message_dict
