"""Background work of the reports app (django-tasks; ``manage.py db_worker`` runs it)."""

from django_tasks import task

from .services import report_file_generate


@task()
def report_file_generate_task(report_id: int) -> str:
    return report_file_generate(report_id=report_id).status


@task()
def daily_figures_refresh_task() -> int:
    """Refresh the precomputed petition figures (today and the days changed petitions touch), then recompute the
    dashboards viewed in the last day so officers find them in the cache."""
    from .dashboard import dashboards_warm
    from .figures import daily_figures_refresh_recent

    days = daily_figures_refresh_recent().days
    dashboards_warm()
    return days
