"""Background tasks of the portal (django-tasks; the worker is ``manage.py db_worker``).

The counter flush is defined beside what it flushes (``counters.counters_flush_task``), so counting enqueues it
without importing this module; the name stays importable here for callers and queued tasks that use this path.
"""

from .counters import counters_flush_task

__all__ = ["counters_flush_task"]
