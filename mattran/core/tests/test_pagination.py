import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mattran.core.pagination import BoundedPaginator

pytestmark = pytest.mark.django_db


def test_the_bounded_count_stops_at_the_limit_and_says_there_are_more():
    Group.objects.bulk_create(Group(name=f"g{i}") for i in range(5))
    paginator = BoundedPaginator(Group.objects.filter(name__startswith="g").order_by("name"), 2, limit=3)
    assert paginator.count == 3 and paginator.truncated
    assert paginator.num_pages == 2
    exact = BoundedPaginator(Group.objects.filter(name__startswith="g").order_by("name"), 2, limit=5)
    assert exact.count == 5 and not exact.truncated


def test_the_bounded_count_does_not_sort_the_rows_it_counts():
    Group.objects.bulk_create(Group(name=f"g{i}") for i in range(3))
    with CaptureQueriesContext(connection) as queries:
        assert BoundedPaginator(Group.objects.filter(name__startswith="g").order_by("-name"), 2, limit=10).count == 3
    assert "ORDER BY" not in queries.captured_queries[-1]["sql"]
