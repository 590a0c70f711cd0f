"""Feeds public answers (answered petitions whose submitter agreed to publication) into the site search.

Only what the public answered list shows goes in: title, content, the answer as the Front accepted and edited it
(``answer_public_text``). Never personal data, never
the tracking code (the submitter's key). See docs/architecture.md, "Search".
"""

from urllib.parse import urlencode

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from mattran.search.models import SearchKind
from mattran.search.registry import provider_register
from mattran.search.services import search_entry_delete, search_entry_upsert
from mattran.search.text import search_key

from .models import ANSWER_PUBLISHED_STATUSES, Petition


def _entry(petition: Petition) -> dict:
    url = reverse("petitions:answered") + "?" + urlencode({"q": petition.title[:80]}) + f"#kn-{petition.pk}"
    body_name = petition.body.name if petition.body_id else ""
    return {
        "kind": SearchKind.PETITION_ANSWER,
        "key": search_key(petition),
        "title": petition.title,
        "body": f"{petition.content}\n{body_name}: {petition.public_answer}",
        "url": url,
        "organisation": petition.organisation,
        "category": petition.topic.name if petition.topic_id else "",
        "published_at": petition.answered_at,
        "language": "vi",
    }


def _public():
    return Petition.objects.publicly_listed().select_related("body", "topic", "organisation")


def _could_be_listed(petition: Petition) -> bool:
    """``publicly_listed()`` judged on the instance in memory, without a query."""
    return (
        petition.publish_consent
        and not petition.confidential
        and petition.status in ANSWER_PUBLISHED_STATUSES
        and bool(petition.answer_public_text)
    )


def _saved(sender, instance, created, **kwargs):
    # As mattran.search.indexing.model_index_register, less two queries on most saves: a petition that cannot be
    # listed is not read again, and a new one (submitted, never public) has no entry to remove. The public form's
    # POST then touches no search table.
    if not _could_be_listed(instance):
        if not created:
            search_entry_delete(key=search_key(instance))
        return
    listed = _public().filter(pk=instance.pk).first()
    if listed is not None:
        search_entry_upsert(**_entry(listed))
    else:
        search_entry_delete(key=search_key(instance))


def _removed(sender, instance, **kwargs):
    search_entry_delete(key=search_key(instance))


provider_register("petitions.public_answers", lambda: (_entry(p) for p in _public()))
post_save.connect(_saved, sender=Petition, dispatch_uid="search.petitions.public_answers.saved")
post_delete.connect(_removed, sender=Petition, dispatch_uid="search.petitions.public_answers.deleted")
