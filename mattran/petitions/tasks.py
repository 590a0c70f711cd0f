"""Background tasks of the petition workflow (django-tasks): the daily deadline pass and digests."""

from django_tasks import task

from .notifications import daily_digests
from .services import petitions_daily_run


@task()
def petitions_daily() -> dict:
    """Reminders and escalations, then the officers' and liaisons' digests. Run once a day."""
    counts = petitions_daily_run()
    counts["digests"] = daily_digests.call()
    return counts
