"""The Wagtail admin for API keys: the raw key is shown once, stored hashed, and keys stop through the service."""

import re

from django.contrib.auth.models import Permission

from mattran.accounts.models import Role
from mattran.accounts.tests.factories import MembershipFactory, UserFactory
from mattran.api.models import ApiKey, api_key_hash
from mattran.api.tests.factories import ApiKeyFactory
from mattran.core.models import AuditEvent


def test_superuser_creates_a_key_and_sees_it_once(client, api_world):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        "/quan-tri/api_keys/new/",
        {"name": "Ứng dụng Phường A", "organisation": api_world.ward_a.pk, "posts_per_hour": 30, "contact": ""},
    )
    assert response.status_code == 200
    raw = re.search(r'data-testid="raw-key"[^>]*>([^<]+)<', response.content.decode()).group(1)
    api_key = ApiKey.objects.get(name="Ứng dụng Phường A")
    assert api_key.key_hash == api_key_hash(raw)
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="api_key.create", target_id=str(api_key.pk)).exists()
    edit = client.get(f"/quan-tri/api_keys/edit/{api_key.pk}/")
    assert edit.status_code == 200 and raw not in edit.content.decode()


def test_deactivate_through_the_admin_uses_the_service(client, api_world):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(f"/quan-tri/api_keys/{api_world.api_key.pk}/ngung-dung/").status_code == 200
    response = client.post(f"/quan-tri/api_keys/{api_world.api_key.pk}/ngung-dung/")
    assert response.status_code == 302
    api_world.api_key.refresh_from_db()
    assert not api_world.api_key.is_active
    assert AuditEvent.objects.filter(action="api_key.deactivate").exists()


def test_ward_admin_sees_and_issues_keys_only_for_their_ward(client, api_world):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_apikey", "change_apikey", "view_apikey"]),
        Permission.objects.get(codename="access_admin"),
    )
    MembershipFactory(user=user, organisation=api_world.ward_a, role=Role.ADMIN)
    own = ApiKeyFactory(organisation=api_world.ward_a, name="Khóa phường A")
    other = ApiKeyFactory(organisation=api_world.ward_b, name="Khóa phường B")
    client.force_login(user)
    index = client.get("/quan-tri/api_keys/").content.decode()
    assert own.name in index and other.name not in index
    response = client.post(
        "/quan-tri/api_keys/new/", {"name": "Khóa thành phố", "organisation": api_world.city.pk, "posts_per_hour": 10}
    )
    assert response.status_code == 200 and not ApiKey.objects.filter(name="Khóa thành phố").exists()
    assert client.get(f"/quan-tri/api_keys/edit/{other.pk}/").status_code == 404
    assert client.post(f"/quan-tri/api_keys/{other.pk}/ngung-dung/").status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_open311_requests_are_listed_read_only_for_the_receiving_organisation(client, api_world):
    from mattran.api.services import open311_request_create

    def create(organisation, url):
        return open311_request_create(
            api_key=api_world.api_key, organisation=organisation, topic=api_world.topic, kind="phan_anh",
            title="Ổ gà", description="Ổ gà giữa đường.", media_url=url, actor="open311:test",
        )[1]

    own = create(api_world.ward_a, "https://anh.example.vn/a.jpg")
    other = create(api_world.ward_b, "https://anh.example.vn/b.jpg")
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_open311request"), Permission.objects.get(codename="access_admin")
    )
    MembershipFactory(user=user, organisation=api_world.ward_a, role=Role.OFFICER)
    client.force_login(user)
    index = client.get("/quan-tri/open311_requests/").content.decode()
    assert own.media_url in index and other.media_url not in index
    superuser = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get("/quan-tri/open311_requests/new/").status_code in (302, 403)
    assert client.get(f"/quan-tri/open311_requests/edit/{own.pk}/").status_code in (302, 403)


def test_open311_requests_list_shows_the_reference_never_a_title_or_key(client, api_world):
    """A confidential petition's title must not reach staff who are not named on it (review finding 20)."""
    from mattran.api.services import open311_request_create
    from mattran.petitions.services import petition_confidential_set

    petition, record = open311_request_create(
        api_key=api_world.api_key, organisation=api_world.ward_a, topic=api_world.topic, kind="phan_anh",
        title="Cán bộ phường nhận tiền bí mật", description="Phản ánh về cán bộ.", actor="open311:test",
    )
    petition_confidential_set(petition=petition, confidential=True, actor="test")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    index = client.get("/quan-tri/open311_requests/").content.decode()
    assert petition.reference in index
    assert "nhận tiền bí mật" not in index and petition.tracking_code not in index
    audit = client.get("/quan-tri/audit_events/")
    assert audit.status_code == 200 and petition.reference in audit.content.decode()
    assert "nhận tiền" not in audit.content.decode()
    found = client.get("/quan-tri/open311_requests/", {"q": petition.reference}).content.decode()
    assert record.token in found or petition.reference in found
