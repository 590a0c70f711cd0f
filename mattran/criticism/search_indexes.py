"""Feeds the drafts open to (or past) public comment into the site search (see docs/architecture.md, "Search").

A draft is indexed with the text of its newest version when its status next changes (opening the comment period
saves the draft), so a version added later is searchable from the draft's next step."""

from django.urls import reverse
from django.utils import translation

from mattran.search.indexing import day_moment, model_index_register
from mattran.search.models import SearchKind
from mattran.search.text import search_key

from .models import Draft


def _entry(draft: Draft) -> dict:
    version = draft.latest_version()
    with translation.override("vi"):
        url = reverse("criticism:detail", args=[draft.slug])
    return {
        "kind": SearchKind.DRAFT,
        "key": search_key(draft),
        "title": draft.title,
        "body": f"{draft.summary}\n{draft.drafting_body.name}\n{version.text if version else ''}",
        "url": url,
        "organisation": draft.organisation,
        "category": str(draft.get_status_display()),
        "published_at": day_moment(draft.comments_open_on) or draft.created_at,
        "language": "vi",
    }


model_index_register(
    name="criticism.drafts",
    model=Draft,
    public=lambda: Draft.objects.public().select_related("organisation", "drafting_body"),
    entry=_entry,
)
