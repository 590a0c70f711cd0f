"""Feeds public answers (answered petitions whose submitter agreed to publication) into the site search.

Only what the public answered list shows goes in: title, content, the answer as the Front accepted and edited it
(``answer_public_text``). Never personal data, never
the tracking code (the submitter's key). See docs/architecture.md, "Search".
"""

from urllib.parse import urlencode

from django.urls import reverse

from mattran.search.indexing import model_index_register
from mattran.search.models import SearchKind
from mattran.search.text import search_key

from .models import Petition


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


model_index_register(
    name="petitions.public_answers",
    model=Petition,
    public=lambda: Petition.objects.publicly_listed().select_related("body", "topic", "organisation"),
    entry=_entry,
)
