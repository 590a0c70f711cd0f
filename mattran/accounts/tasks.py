"""Background tasks of accounts (django-tasks): the daily pass that ends the rights of expired memberships."""

from django_tasks import task

from .services import accounts_daily_run


@task()
def accounts_daily() -> dict:
    """Bring every staff user's Wagtail groups and admin access in step with their active memberships."""
    return accounts_daily_run()
