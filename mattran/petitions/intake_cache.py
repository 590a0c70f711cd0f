"""What the public form needs on every request but changes a few times a year: the active topics, the wards a
citizen can choose (grouped by province), the topics' contact rules and ``PetitionSettings``; built once and kept
in process memory, so the form's GET and POST read no table for them (issue 13 item 3).

Invalidation: any save or delete of a topic, an organisation, a topic intake rule or the petition settings
replaces the *generation* (a random token in Django's cache, so a ``cache.clear()`` cannot bring an old one back),
now and again on commit (a request that rebuilt between the two saw the old rows). Each process checks the
generation on every request (one cache read). With the local-memory cache (no ``REDIS_URL``) another process does
not see the new generation: its copy is rebuilt after ``INTAKE_CACHE_SECONDS`` at the latest, like the portal's
page cache. The date is part of the key too (organisations have validity dates).
"""

import contextlib
import secrets
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

GENERATION_KEY = "petitions:intake:generation"
INTAKE_CACHE_SECONDS = 300
_built: dict[tuple, tuple[float, object]] = {}  # key → (built at, value)


@dataclass
class IntakeChoices:
    topics: dict = field(default_factory=dict)  # pk → active Topic
    wards: dict = field(default_factory=dict)  # pk → Organisation a citizen can choose
    contact_rules: dict = field(default_factory=dict)  # topic pk → TopicIntakeRule requiring a contact
    topic_choices: list = field(default_factory=list)  # (pk, label), in the page's language
    ward_choices: list = field(default_factory=list)  # grouped by province (``<optgroup>``)


def generation() -> str:
    """The current generation; "" when the cache fails (then nothing is reused across requests)."""
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
            value = cache.get(GENERATION_KEY)
        return value or ""
    except Exception:
        return ""


def _bump() -> None:
    with contextlib.suppress(Exception):  # a cache down must not fail the admin's save
        cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def invalidate(**kwargs) -> None:
    _bump()
    transaction.on_commit(_bump)


def _fresh(key: tuple, build):
    """``build()``'s value under ``key`` (which holds the generation), rebuilt after INTAKE_CACHE_SECONDS."""
    if not key[1]:  # no generation (cache down): nothing can be invalidated, so nothing is kept
        return build()
    entry = _built.get(key)
    if entry is None or time.monotonic() - entry[0] > INTAKE_CACHE_SECONDS:
        if len(_built) > 64:  # old generations and days
            _built.clear()
        entry = _built[key] = (time.monotonic(), build())
    return entry[1]


def cached(key: tuple, build):
    """Process-memory copy of ``build()`` for a ``key`` that starts with a scope and the generation."""
    return _fresh(key, build)


def intake_choices() -> IntakeChoices:
    """The form's choices and lookups for today, in the current language."""
    key = ("choices", generation(), timezone.localdate(), translation.get_language() or "vi")
    return _fresh(key, _choices_build)


def _choices_build() -> IntakeChoices:
    from mattran.organisations.models import Topic

    from .forms import PetitionPublicForm, ward_choices_grouped, ward_choices_queryset
    from .models import TopicIntakeRule

    form_fields = PetitionPublicForm.base_fields
    topics = list(Topic.objects.filter(is_active=True))
    wards = list(ward_choices_queryset())
    return IntakeChoices(
        topics={t.pk: t for t in topics},
        wards={w.pk: w for w in wards},
        contact_rules={r.topic_id: r for r in TopicIntakeRule.objects.filter(contact_required=True)},
        topic_choices=[("", form_fields["topic"].empty_label)] + [(t.pk, str(t)) for t in topics],
        ward_choices=ward_choices_grouped(wards, form_fields["organisation"].empty_label),
    )


def petition_settings():
    """``PetitionSettings.load()`` without its query on every request (the public form's limits)."""
    from .models import PetitionSettings

    return _fresh(("settings", generation()), PetitionSettings.load)


def connect_signals() -> None:
    """Called from ``PetitionsConfig.ready``."""
    from mattran.organisations.models import Organisation, Topic

    from .models import PetitionSettings, TopicIntakeRule

    for model in (Topic, Organisation, TopicIntakeRule, PetitionSettings):
        label = model._meta.label_lower
        post_save.connect(invalidate, sender=model, dispatch_uid=f"petitions.intake_cache.{label}.saved")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"petitions.intake_cache.{label}.deleted")
