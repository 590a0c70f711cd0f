"""Background tasks of the portal (django-tasks; the worker is ``manage.py db_worker``)."""

from django_tasks import task

from . import counters


@task()
def counters_flush_task() -> int:
    """Write the Redis counter totals to the database (enqueued by counting, at most once per interval)."""
    return counters.counters_flush()
