"""Background tasks of supervision (django-tasks)."""

from django_tasks import task

from .services import recommendations_escalate_overdue


@task()
def supervision_daily() -> dict:
    """Escalate every recommendation still without a written response after its due date. Run once a day."""
    return {"escalated": len(recommendations_escalate_overdue())}
