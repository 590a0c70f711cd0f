"""The officers' and liaisons' pages (``views/backoffice.py``): who sees what, the petition page and its
actions, the queue and bulk actions, a fresh liaison link, the admin menu."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from mattran.core.models import AuditEvent
from mattran.petitions import services
from mattran.petitions.models import Petition, PetitionStatus

pytestmark = pytest.mark.django_db


def test_officer_of_ward_a_cannot_see_ward_b_petitions(client, world):
    mine = world.submit()
    theirs = world.submit(organisation=world.ward_b, title="Kiến nghị phường B")
    client.force_login(world.officer_a)
    queue = client.get(reverse("petitions_admin:queue")).content.decode()
    assert mine.reference in queue and theirs.reference not in queue
    assert mine.tracking_code not in queue
    assert client.get(reverse("petitions_admin:detail", args=[theirs.pk])).status_code == 404


def test_liaison_sees_only_their_bodys_petitions(client, world):
    forwarded = world.forwarded()
    not_forwarded = world.submit()
    other = world.submit(organisation=world.ward_b)
    services.petition_accept(petition=other, actor=world.officer_b)
    services.petition_forward(petition=other, actor=world.officer_b)
    client.force_login(world.liaison_a)
    queue = client.get(reverse("petitions_admin:queue")).content.decode()
    assert forwarded.reference in queue and forwarded.tracking_code not in queue
    assert not_forwarded.reference not in queue and other.reference not in queue


def test_liaison_in_admin_cannot_read_personal_data_or_take_officer_steps_but_can_return(client, world):
    petition = world.forwarded()
    client.force_login(world.liaison_a)
    page = client.get(reverse("petitions_admin:detail", args=[petition.pk]), {"ca-nhan": "1"}).content.decode()
    assert "0912345678" not in page
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    for officer_step in ("accept", "forward"):
        response = client.post(reverse("petitions_admin:action", args=[petition.pk, officer_step]), {})
        assert response["Location"] == reverse("wagtailadmin_home")
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.FORWARDED
    # returning a petition that is not the body's to answer is the liaison's own step
    response = client.post(reverse("petitions_admin:action", args=[petition.pk, "return"]), {"return-reason": "x"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.RETURNED


def test_confidential_petition_visible_only_to_named_officers(client, world):
    from mattran.accounts.models import Role
    from mattran.petitions.tests.conftest import grant

    grant(world.city, Role.ADMIN)  # a leader exists, so the ward's officers are not the fallback readers
    petition = world.submit(confidential=True)
    client.force_login(world.officer_a)
    assert client.get(reverse("petitions_admin:detail", args=[petition.pk])).status_code == 404
    services.petition_confidential_set(petition=petition, confidential=True, officers=[world.officer_a], actor="test")
    assert client.get(reverse("petitions_admin:detail", args=[petition.pk])).status_code == 200


def test_viewing_personal_data_is_logged(client, world):
    petition = world.submit()
    client.force_login(world.officer_a)
    hidden = client.get(reverse("petitions_admin:detail", args=[petition.pk])).content.decode()
    assert "0912345678" not in hidden
    assert not AuditEvent.objects.filter(action="petition.view_personal_data").exists()
    shown = client.post(reverse("petitions_admin:personal_data", args=[petition.pk])).content.decode()
    assert "0912345678" in shown
    assert AuditEvent.objects.filter(action="petition.view_personal_data", actor=world.officer_a).count() == 1


def test_a_get_never_reveals_or_logs_personal_data(client, world):
    """Revealing personal data writes an audit row, so it takes a POST: a link or an <img> cannot do it."""
    petition = world.submit()
    client.force_login(world.officer_a)
    page = client.get(reverse("petitions_admin:detail", args=[petition.pk]), {"ca-nhan": "1"}).content.decode()
    assert "0912345678" not in page
    assert client.get(reverse("petitions_admin:personal_data", args=[petition.pk])).status_code == 405
    assert not AuditEvent.objects.filter(action="petition.view_personal_data").exists()


def test_detail_offers_only_allowed_actions_and_refuses_illegal_ones(client, world):
    petition = world.submit()
    client.force_login(world.officer_a)
    page = client.get(reverse("petitions_admin:detail", args=[petition.pk])).content.decode()
    assert 'data-action="accept"' in page and 'data-action="answer"' not in page
    response = client.post(reverse("petitions_admin:action", args=[petition.pk, "close"]), {})
    assert response.status_code == 400
    assert "Không thể kết thúc" in response.content.decode()


def test_officer_forwards_from_detail_page(client, world):
    petition = world.submit()
    client.force_login(world.officer_a)
    client.post(reverse("petitions_admin:action", args=[petition.pk, "accept"]), {})
    response = client.post(reverse("petitions_admin:action", args=[petition.pk, "forward"]), {"forward-body": ""})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.FORWARDED and petition.body == world.body_a


def test_queue_filters_and_counts(client, world):
    world.submit()
    forwarded = world.forwarded()
    Petition.objects.filter(pk=forwarded.pk).update(due_date=datetime.date.today() - datetime.timedelta(days=2))
    client.force_login(world.officer_a)
    response = client.get(reverse("petitions_admin:queue"), {"due": "overdue"})
    assert response.context["total"] == 1
    due = {f["value"]: f["count"] for f in response.context["facets"]["due"]}
    assert due["overdue"] == 1
    statuses = {f["value"]: f["count"] for f in client.get(reverse("petitions_admin:queue")).context["facets"]["status"]}
    assert statuses == {"submitted": 1, "forwarded": 1}


def test_bulk_action_is_all_or_nothing(client, world):
    new_one, new_two = world.submit(), world.submit()
    forwarded = world.forwarded()
    client.force_login(world.officer_a)
    client.post(reverse("petitions_admin:bulk"), {"action": "accept", "ids": [new_one.pk, forwarded.pk]})
    new_one.refresh_from_db()
    assert new_one.status == PetitionStatus.SUBMITTED
    client.post(reverse("petitions_admin:bulk"), {"action": "accept", "ids": [new_one.pk, new_two.pk]})
    assert set(Petition.objects.filter(pk__in=[new_one.pk, new_two.pk]).values_list("status", flat=True)) == {"accepted"}


def test_officer_resends_a_fresh_liaison_link(client, world, django_capture_on_commit_callbacks):
    world.body_a.email = "ubnd.a@example.vn"
    world.body_a.save()
    petition = world.forwarded()
    client.force_login(world.officer_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("petitions_admin:resend_link", args=[petition.pk]))
    assert response.status_code == 302
    link = next(m for m in mail.outbox if "/kien-nghi/co-quan/" in m.body)
    assert AuditEvent.objects.filter(action="petition.liaison_link_resend").count() == 1
    path = "/kien-nghi/co-quan/" + link.body.split("/kien-nghi/co-quan/", 1)[1].split()[0]
    assert client.get(path).status_code == 200


def test_admin_menu_offers_petitions_to_officers_and_liaisons(client, world):
    for user in (world.officer_a, world.liaison_a):
        client.force_login(user)
        # The sidebar is JSON in the page: look for the queue's address in it.
        assert reverse("petitions_admin:queue") in client.get(reverse("wagtailadmin_home")).content.decode()
