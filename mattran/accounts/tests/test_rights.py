"""Page, image and document rights per organisation, through the real admin URLs (review findings 2 and 5).

On the old code every editor was in one global group with rights on the city portal, so a ward editor could
open every page of every portal; each test below fails there."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupPagePermission

from mattran.accounts.models import Membership, Role
from mattran.accounts.services import accounts_daily_run, membership_grant, organisation_collection_get
from mattran.accounts.tests.factories import UserFactory
from mattran.core.models import AuditEvent
from mattran.news.tests.factories import make_article, make_category, make_portal
from mattran.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


class Portal:
    def __init__(self, organisation, portal):
        self.organisation, self.portal = organisation, portal
        self.category = make_category(portal=portal)
        self.article = make_article(category=self.category)
        collection = organisation_collection_get(organisation=organisation)
        self.image = get_image_model().objects.create(
            title=f"Ảnh {organisation.name}", file=get_test_image_file(), collection=collection
        )
        self.document = get_document_model().objects.create(
            title=f"Tài liệu {organisation.name}", file=ContentFile(b"%PDF-1.4", name="tai-lieu.pdf"),
            collection=collection,
        )

    @property
    def pages(self):
        return [self.portal, self.category, self.article]


@pytest.fixture
def tree():
    city_org = OrganisationFactory(name="Ủy ban MTTQ Thành phố")
    city = Portal(city_org, make_portal(organisation=city_org))
    wards = {}
    for key in ("a", "b"):
        org = OrganisationFactory(name=f"Ủy ban MTTQ phường {key.upper()}", parent=city_org)
        wards[key] = Portal(org, make_portal(organisation=org, parent=city.portal))
    return city, wards["a"], wards["b"]


def _editor(organisation, **fields):
    user = UserFactory()
    membership_grant(actor=None, user=user, organisation=organisation, role=Role.EDITOR, **fields)
    return user


def _page_views(page):
    return [
        f"/quan-tri/pages/{page.pk}/edit/",
        f"/quan-tri/pages/{page.pk}/unpublish/",
        f"/quan-tri/pages/{page.pk}/delete/",
        f"/quan-tri/pages/{page.pk}/move/",
        f"/quan-tri/pages/{page.pk}/privacy/",
    ]


def test_ward_editor_cannot_open_any_page_view_of_another_ward_or_the_city(client, tree):
    city, ward_a, ward_b = tree
    client.force_login(_editor(ward_a.organisation))
    assert client.get(f"/quan-tri/pages/{ward_a.article.pk}/edit/").status_code == 200  # the editor has rights
    for page in [*city.pages, *ward_b.pages]:
        for url in _page_views(page):
            assert client.get(url).status_code in (302, 403), url
            assert client.post(url, {"action-publish": "1"}).status_code in (302, 403), url
        page.refresh_from_db()
        assert page.live and page.get_latest_revision().user is None  # nothing was written


def test_ward_editor_cannot_publish_another_wards_page_by_posting_the_editor_or_bulk_action(client, tree):
    city, ward_a, ward_b = tree
    client.force_login(_editor(ward_a.organisation))
    article = ward_b.article
    response = client.post(
        f"/quan-tri/pages/{article.pk}/edit/", {"title": "Đã sửa", "slug": article.slug, "action-publish": "1"}
    )
    assert response.status_code in (302, 403)
    bulk = f"/quan-tri/bulk/wagtailcore/page/unpublish/?id={article.pk}&id={city.article.pk}"
    client.post(bulk, {"include_descendants": ""})
    for page in (article, city.article):
        page.refresh_from_db()
        assert page.title != "Đã sửa" and page.live


def test_ward_editor_edits_and_deletes_own_ward_pages(client, tree):
    _, ward_a, _ = tree
    client.force_login(_editor(ward_a.organisation))
    for page in ward_a.pages:
        assert client.get(f"/quan-tri/pages/{page.pk}/edit/").status_code == 200
    assert client.get(f"/quan-tri/pages/{ward_a.article.pk}/unpublish/").status_code == 200
    assert client.post(f"/quan-tri/pages/{ward_a.article.pk}/delete/").status_code == 302
    assert not type(ward_a.article).objects.filter(pk=ward_a.article.pk).exists()


def test_ward_editor_sees_publish_action_only_on_own_pages(client, tree):
    _, ward_a, ward_b = tree
    client.force_login(_editor(ward_a.organisation))
    assert "action-publish" in client.get(f"/quan-tri/pages/{ward_a.article.pk}/edit/").content.decode()
    explorer = client.get(f"/quan-tri/pages/{ward_b.portal.get_parent().pk}/").content.decode()
    assert f"/quan-tri/pages/{ward_b.portal.pk}/edit/" not in explorer


def test_city_editor_edits_ward_pages(client, tree):
    city, ward_a, ward_b = tree
    client.force_login(_editor(city.organisation))
    for page in [*city.pages, *ward_a.pages, *ward_b.pages]:
        assert client.get(f"/quan-tri/pages/{page.pk}/edit/").status_code == 200, page
    assert client.get(f"/quan-tri/images/{ward_b.image.pk}/").status_code == 200


def test_ward_editor_cannot_replace_images_or_documents_of_another_ward_or_the_city(client, tree):
    city, ward_a, ward_b = tree
    client.force_login(_editor(ward_a.organisation))
    assert client.get(f"/quan-tri/images/{ward_a.image.pk}/").status_code == 200
    for other in (city, ward_b):
        assert client.get(f"/quan-tri/images/{other.image.pk}/").status_code in (302, 403)
        client.post(f"/quan-tri/images/{other.image.pk}/", {"title": "Thay", "file": get_test_image_file()})
        assert client.get(f"/quan-tri/documents/edit/{other.document.pk}/").status_code in (302, 403)
        client.post(f"/quan-tri/documents/edit/{other.document.pk}/", {"title": "Thay"})
        other.image.refresh_from_db()
        other.document.refresh_from_db()
        assert other.image.title != "Thay" and other.document.title != "Thay"
    assert client.get(f"/quan-tri/images/{ward_a.image.pk}/").status_code == 200
    assert client.get(f"/quan-tri/documents/edit/{ward_a.document.pk}/").status_code == 200


def test_expired_membership_loses_page_rights_and_admin_access_after_the_daily_pass(client, tree):
    _, ward_a, _ = tree
    editor = _editor(ward_a.organisation, valid_to=timezone.localdate())
    client.force_login(editor)
    assert client.get(f"/quan-tri/pages/{ward_a.article.pk}/edit/").status_code == 200
    accounts_daily_run(day=timezone.localdate() + datetime.timedelta(days=1))
    editor.refresh_from_db()
    assert not editor.is_staff and not editor.groups.exists()
    assert client.get(f"/quan-tri/pages/{ward_a.article.pk}/edit/").status_code in (302, 403)
    assert AuditEvent.objects.filter(action="user.rights_sync", target_id=str(editor.pk)).exists()


def test_ending_a_membership_in_the_admin_removes_page_rights_at_once_with_an_audit_row(client, tree):
    _, ward_a, _ = tree
    editor = _editor(ward_a.organisation)
    membership = Membership.objects.get(user=editor)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        f"/quan-tri/memberships/edit/{membership.pk}/",
        {"organisation": ward_a.organisation.pk, "role": Role.EDITOR, "valid_to": "2020-01-01", "valid_from": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AuditEvent.objects.filter(action="membership.update", target_id=str(membership.pk)).exists()
    client.force_login(editor)
    assert client.get(f"/quan-tri/pages/{ward_a.article.pk}/edit/").status_code in (302, 403)


def test_membership_created_in_the_admin_gets_the_organisations_group(client, tree):
    _, ward_a, ward_b = tree
    person = UserFactory()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        "/quan-tri/memberships/new/", {"user": person.pk, "organisation": ward_a.organisation.pk, "role": Role.EDITOR}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="membership.grant").exists()
    client.force_login(person)
    assert client.get(f"/quan-tri/pages/{ward_a.article.pk}/edit/").status_code == 200
    assert client.get(f"/quan-tri/pages/{ward_b.article.pk}/edit/").status_code in (302, 403)


def test_membership_deleted_in_the_admin_removes_rights_and_staff_flag(client, tree):
    _, ward_a, _ = tree
    editor = _editor(ward_a.organisation)
    membership = Membership.objects.get(user=editor)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.post(f"/quan-tri/memberships/delete/{membership.pk}/").status_code == 302
    editor.refresh_from_db()
    assert not editor.is_staff and not editor.groups.exists()
    assert AuditEvent.objects.filter(action="membership.revoke").exists()


def test_wagtails_default_editors_and_moderators_groups_are_gone():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not GroupPagePermission.objects.filter(page__depth=1).exists()


def test_ward_editor_cannot_create_a_portal_or_change_its_portals_organisation(client, tree):
    _, ward_a, ward_b = tree
    client.force_login(_editor(ward_a.organisation))
    response = client.get(f"/quan-tri/pages/add/news/homepage/{ward_a.portal.pk}/")
    assert response.status_code == 302
    edit = client.get(f"/quan-tri/pages/{ward_a.portal.pk}/edit/").content.decode()
    assert 'name="organisation"' not in edit


def test_moving_a_portal_to_another_organisation_in_the_editor_moves_its_rights_at_once(client, tree):
    from wagtail.test.utils.form_data import nested_form_data

    city, ward_a, ward_b = tree
    editor_b = _editor(ward_b.organisation)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    portal = ward_b.portal
    response = client.post(
        f"/quan-tri/pages/{portal.pk}/edit/",
        nested_form_data({"title": portal.title, "slug": portal.slug, "organisation": ward_a.organisation.pk,
                          "intro": "", "action-publish": "action-publish"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.force_login(editor_b)
    assert client.get(f"/quan-tri/pages/{portal.pk}/edit/").status_code in (302, 403)
    client.force_login(_editor(ward_a.organisation))
    assert client.get(f"/quan-tri/pages/{portal.pk}/edit/").status_code == 200
