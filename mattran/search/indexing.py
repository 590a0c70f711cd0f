"""One call that makes a model's public rows searchable: the provider for ``search_rebuild`` plus the signals that
keep the index in step with each save and delete (see docs/architecture.md, "Search").

Content apps call :func:`model_index_register` from their ``search_indexes.py``; this module imports none of them.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .registry import provider_register
from .services import search_entry_delete, search_entry_upsert
from .text import search_key


def model_index_register(
    *,
    name: str,
    model: type[models.Model],
    public: Callable[[], models.QuerySet],
    entry: Callable[[Any], dict[str, Any]],
) -> None:
    """Index ``entry(obj)`` for every row of ``public()`` (a queryset of what the public may see); a row that
    leaves that queryset (unpublished, made private, deleted) leaves the index on its next save or delete."""

    def entries():
        for obj in public():
            yield entry(obj)

    def saved(sender, instance, **kwargs):
        listed = public().filter(pk=instance.pk).first()
        if listed is not None:
            search_entry_upsert(**entry(listed))
        else:
            search_entry_delete(key=search_key(instance))

    def removed(sender, instance, **kwargs):
        search_entry_delete(key=search_key(instance))

    provider_register(name, entries)
    # weak=False: the receivers are closures that nothing else holds on to.
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"search.{name}.saved")
    post_delete.connect(removed, sender=model, weak=False, dispatch_uid=f"search.{name}.deleted")


def day_moment(day: datetime.date | None) -> datetime.datetime | None:
    """A date as the index's aware datetime (the start of that day in the site's time zone)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) if day else None
