"""Queries per request on the petitions' hot paths, with fixed upper bounds (issue 13): a change that adds queries
to the public form's POST or to the officers' queue fails here before it shows in the benchmark."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mattran.petitions.models import Petition

from .test_views_public import _form_data

pytestmark = pytest.mark.django_db

# The public form's POST after its page (the intake cache built; the settings, topics, wards and contact rules
# come from it): the transaction, the reference (UPDATE … RETURNING), the insert, its event, the audit row and the
# receipt's task row (the database backend, as in production, writes it in the transaction). A seen-before
# form token, a cache rebuild or the year's first reference adds a few.
FORM_POST_MAX = 8  # 7 on 2026-12-03 (was 24: settings, choices, topic and ward, duplicate look-ups, search)
# The queue page as a ward officer: session and user, memberships (asked once per request by the menu), the
# table's version and the cached facet counts, the topic and body labels, one page of rows; the admin's own
# menu and permission reads.
# The tracking lookup once the ward's portal is cached (news.selectors, per generation): the petition (with
# topic, ward and body, personal data deferred), its public timeline, the visit counter.
TRACK_MAX = 4  # 3 on 2026-12-04 (was 9 with the portals looked up on every request)
QUEUE_MAX = 34  # 31 on 2026-12-03, after the menu asks once per request whether the user is an officer (was 43)


def test_the_public_form_post_stays_within_its_query_budget(client, world, settings, django_assert_max_num_queries):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # production's task row
    # A citizen before this one: the year's reference row, the settings row and the content types exist, as on
    # any day but the first.
    client.get(reverse("petitions:submit"))
    client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0000"))
    client.get(reverse("petitions:submit"))
    with django_assert_max_num_queries(FORM_POST_MAX):
        response = client.post(reverse("petitions:submit"), _form_data(world))
    assert response.status_code == 302 and Petition.objects.count() == 2


def test_the_queue_page_stays_within_its_query_budget(client, world, django_assert_max_num_queries):
    for _i in range(3):
        world.submit()
    world.forwarded()
    client.force_login(world.officer_a)
    url = reverse("petitions_admin:queue")
    with django_assert_max_num_queries(QUEUE_MAX):
        response = client.get(url, {"status": "submitted"})
    assert response.status_code == 200 and response.context["total"] == 3


def test_the_queue_counts_come_from_the_cache_until_a_petition_changes(client, world):
    world.submit()
    client.force_login(world.officer_a)
    url = reverse("petitions_admin:queue")
    client.get(url)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert not any("GROUP BY" in q["sql"] for q in second.captured_queries)
    world.submit()
    with CaptureQueriesContext(connection) as after_change:
        response = client.get(url)
    assert any("GROUP BY" in q["sql"] for q in after_change.captured_queries)
    assert response.context["total"] == 2


def test_the_tracking_lookup_stays_within_its_query_budget(client, world, django_assert_max_num_queries):
    petition = world.informed()  # the Front's edited answer shown, the rating form offered
    client.get(reverse("petitions:track"), {"ma": world.submit().tracking_code})  # another citizen's, same ward
    with django_assert_max_num_queries(TRACK_MAX):
        response = client.get(reverse("petitions:track"), {"ma": petition.tracking_code})
    assert response.status_code == 200 and response.context["petition"] == petition
    assert response.context["answer"]  # the Front's edited answer, read without a deferred field's query
    html = response.content.decode()
    assert petition.submitter_phone not in html and petition.submitter_name not in html


def test_a_merged_petition_shows_the_original_on_the_tracking_page(client, world):
    from mattran.petitions import services

    original, duplicate = world.forwarded(), world.submit()
    services.petition_merge(petition=duplicate, into=original, actor=world.officer_a)
    response = client.get(reverse("petitions:track"), {"ma": duplicate.tracking_code})
    assert response.status_code == 200 and response.context["shown"] == original
    assert original.reference in response.content.decode()
