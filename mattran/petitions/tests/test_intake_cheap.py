"""The public form made cheap (issue 13 item 3): its choices and blank page come from the intake cache and change
when a topic or ward does; the work that can wait is a task row written in the submission's own transaction, so a
worker that is down loses nothing and a rolled-back submission leaves nothing to do."""

import re

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mattran.organisations.tests.factories import OrganisationFactory, TopicFactory
from mattran.petitions.models import Petition, PetitionSettings, TopicIntakeRule
from mattran.search.models import SearchEntry

from .test_views_public import _form_data

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _token(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def test_each_blank_form_page_gets_its_own_form_token_and_csrf_token(world):
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    a, b = first.get(reverse("petitions:submit")), second.get(reverse("petitions:submit"))
    assert _token(a) != _token(b)
    assert "mattran" not in re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', a.content.decode())[0]
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', a.content.decode()).group(1)
    response = first.post(reverse("petitions:submit"), _form_data(world, form_token=_token(a),
                                                                   csrfmiddlewaretoken=csrf))
    assert response.status_code == 302


def test_a_new_topic_shows_on_the_form_and_a_deactivated_one_is_refused(client, world):
    client.get(reverse("petitions:submit"))  # the cache is built
    topic = TopicFactory(name="Cấp nước sinh hoạt")
    assert "Cấp nước sinh hoạt" in client.get(reverse("petitions:submit")).content.decode()
    topic.is_active = False
    topic.save()
    assert "Cấp nước sinh hoạt" not in client.get(reverse("petitions:submit")).content.decode()
    response = client.post(reverse("petitions:submit"), _form_data(world, topic=topic.pk))
    assert response.status_code == 400 and Petition.objects.count() == 0


def test_a_new_ward_shows_on_the_form(client, world):
    client.get(reverse("petitions:submit"))
    OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường Mới", short_name="Phường Mới", parent=world.city)
    assert "Phường Mới" in client.get(reverse("petitions:submit")).content.decode()


def test_a_contact_rule_added_after_the_cache_was_built_binds_the_next_submission(client, world):
    client.get(reverse("petitions:submit"))
    TopicIntakeRule.objects.create(topic=world.topic, contact_required=True)
    response = client.post(reverse("petitions:submit"), _form_data(world, submitter_phone="", submitter_email=""))
    assert response.status_code == 400 and Petition.objects.count() == 0


def test_a_lower_challenge_threshold_saved_in_the_admin_applies_at_once(client, world):
    client.get(reverse("petitions:submit"))
    config = PetitionSettings.load()
    config.challenge_after_submissions = 0
    config.save()
    assert 'name="challenge_answer"' in client.get(reverse("petitions:submit")).content.decode()


def test_a_submission_without_email_enqueues_no_task(client, world, settings):
    settings.TASKS = DATABASE_TASKS
    response = client.post(reverse("petitions:submit"), _form_data(world, submitter_email=""))
    assert response.status_code == 302
    assert DBTaskResult.objects.count() == 0


def test_the_receipt_task_row_is_written_in_the_submission_transaction_and_runs_when_a_worker_comes(world, settings):
    settings.TASKS = DATABASE_TASKS
    with transaction.atomic():
        petition = world.submit()
        # Before the commit, inside the same transaction: acknowledged together, or not at all.
        assert DBTaskResult.objects.filter(task_path__endswith="submitter_event_email").count() == 1
    assert len(mail.outbox) == 0  # no worker running: nothing sent yet, nothing lost
    # The worker comes back (what db_worker does with each ready row; db_worker itself opens its own SQLite
    # transaction, which a test inside one cannot).
    for row in DBTaskResult.objects.ready():
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    assert [m.to for m in mail.outbox] == [[petition.submitter_email]]
    assert petition.tracking_code in mail.outbox[0].body


def test_a_rolled_back_submission_enqueues_nothing(world, settings):
    settings.TASKS = DATABASE_TASKS
    with pytest.raises(RuntimeError), transaction.atomic():
        world.submit()
        raise RuntimeError("the request failed after the submission")
    assert Petition.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_a_repeated_idempotency_key_returns_the_first_petition_and_gives_no_reference_away(world):
    first = world.submit(idempotency_key="web:same-key-0001")
    again = world.submit(idempotency_key="web:same-key-0001", title="Khác")
    third = world.submit()
    assert again.pk == first.pk and again.was_duplicate and not first.was_duplicate
    assert Petition.objects.count() == 2
    assert int(third.reference[-6:]) == int(first.reference[-6:]) + 1


def test_a_new_submission_touches_no_search_entry(world):
    world.submit()
    assert SearchEntry.objects.count() == 0
