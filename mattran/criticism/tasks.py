"""Background tasks of the criticism app (django-tasks)."""

from django_tasks import task

from .services import drafts_close_expired


@task()
def criticism_daily() -> dict:
    """End the comment period of drafts past their closing date. Run once a day."""
    return {"closed": len(drafts_close_expired())}
