"""Providers: how other apps feed the index without this app importing them.

An app that has searchable public content adds ``search_indexes.py`` (imported at start-up by
``SearchConfig.ready``). That module calls :func:`provider_register` with a function yielding one dict per
public item (the keyword arguments of ``services.search_entry_upsert``), used by ``search_rebuild``, and
connects its own signals to ``search_entry_upsert``/``search_entry_delete`` so the index follows edits.
See docs/architecture.md, "Search".
"""

from collections.abc import Callable, Iterable
from typing import Any

EntriesFunction = Callable[[], Iterable[dict[str, Any]]]

_providers: dict[str, EntriesFunction] = {}


def provider_register(name: str, entries: EntriesFunction) -> None:
    """Register (or replace) the provider ``name`` (e.g. ``"news.articles"``)."""
    _providers[name] = entries


def provider_unregister(name: str) -> None:
    _providers.pop(name, None)


def provider_list() -> dict[str, EntriesFunction]:
    return dict(_providers)
