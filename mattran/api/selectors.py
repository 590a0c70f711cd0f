"""Reads of the API. Petitions are read through ``mattran.petitions.selectors``; on top of them this module
applies the API's privacy rule: a confidential petition never appears in any response, whatever the endpoint.
"""

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet

from mattran.organisations.models import Organisation, Topic
from mattran.organisations.selectors import organisation_get_by_slug, topic_list_active
from mattran.petitions.models import STATUS_GROUPS, Petition, PetitionStatus, StatusGroup
from mattran.petitions.selectors import (
    petition_get_by_reference,
    petition_list_public,
    petition_list_public_answered,
)

from .models import ApiKey, Open311Request, api_key_hash

# Open311 has two statuses; the petition's status groups map onto them. "Answered" counts as closed: the
# competent body has resolved it, even while the Front is still telling the submitter.
OPEN311_OPEN_GROUPS = (StatusGroup.NEW, StatusGroup.WITH_BODY)
OPEN311_CLOSED_GROUPS = (StatusGroup.ANSWERED, StatusGroup.DONE)

# Fields a list of public petitions loads: nothing about the submitter is ever read from the database here.
PUBLIC_PETITION_FIELDS = (
    "reference",
    "title",
    "content",
    "kind",
    "status",
    "status_group",
    "status_changed_at",
    "created_at",
    "updated_at",
    "due_date",
    "answer_public_text",
    "answered_at",
    "answered_on",
    "address",
    "latitude",
    "longitude",
    "publish_consent",
    "confidential",
    "merged_into",
    "topic__code",
    "topic__name",
    "topic__name_en",
    "organisation__slug",
    "organisation__name",
    "organisation__name_en",
    "organisation__path",
    "body__name",
    "body__name_en",
)


def api_key_get_active(*, raw_key: str) -> ApiKey | None:
    if not raw_key:
        return None
    return (
        ApiKey.objects.select_related("organisation")
        .filter(key_hash=api_key_hash(raw_key.strip()), is_active=True)
        .first()
    )


def _unsafe(value: str) -> bool:
    """NUL cannot be stored in a PostgreSQL string: such input names nothing (and must not become a 500)."""
    return "\x00" in (value or "")


def jurisdiction_get(*, slug: str) -> Organisation | None:
    if _unsafe(slug):
        return None
    try:
        return organisation_get_by_slug(slug=slug)
    except Organisation.DoesNotExist:
        return None


def service_list() -> QuerySet:
    """Open311 services are the active topics (lĩnh vực)."""
    return topic_list_active()


def service_get(*, code: str) -> Topic | None:
    if _unsafe(code):
        return None
    return topic_list_active().filter(code=code).first()


def petition_get_public(*, reference: str) -> Petition | None:
    """The petition with this public reference; ``None`` for a confidential one (never served by the API).
    A secret tracking code finds nothing: the API names petitions by reference only, and since references are
    sequential, what is served for one is only its public status (``petition_is_published`` gates the rest)."""
    if _unsafe(reference):
        return None
    petition = petition_get_by_reference(reference=reference)
    if petition is None or petition.confidential:
        return None
    return petition


def open311_request_get_by_token(*, token: str) -> Open311Request | None:
    if _unsafe(token):
        return None
    record = (
        Open311Request.objects.select_related("petition")
        .only("token", "petition__reference", "petition__confidential")
        .filter(token=token)
        .first()
    )
    if record is None or record.petition.confidential:
        return None
    return record


# Statuses in which staff have reviewed a petition and kept it in the workflow: before acceptance the text is
# unreviewed, and rejected or redirected items (abuse, complaints, denunciations) are never listed.
OPEN311_LISTED_STATUSES = [
    PetitionStatus.ACCEPTED,
    PetitionStatus.FORWARDED,
    PetitionStatus.IN_PROGRESS,
    PetitionStatus.RETURNED,
    PetitionStatus.ANSWERED,
    PetitionStatus.ANSWER_ACCEPTED,
    PetitionStatus.INFORMED,
    PetitionStatus.CLOSED,
    PetitionStatus.REOPENED,
]


def open311_petition_list(
    *,
    jurisdiction: Organisation | None = None,
    topics: Iterable[Topic] = (),
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    open311_statuses: Iterable[str] = (),
) -> QuerySet:
    """What an Open311 ``GET requests`` lists: petitions whose submitter agreed to publication, never
    confidential, once staff have accepted them (open ones too, so ``status=open`` means something); only public
    columns are loaded (``petitions.selectors.petition_list_public``)."""
    statuses = OPEN311_LISTED_STATUSES
    wanted = set(open311_statuses)
    if wanted and wanted != {"open", "closed"}:
        groups = OPEN311_OPEN_GROUPS if "open" in wanted else OPEN311_CLOSED_GROUPS
        statuses = [s for s in statuses if STATUS_GROUPS[s] in groups]
    qs = petition_list_public(organisation=jurisdiction, statuses=statuses, start=start, end=end).filter(
        publish_consent=True, confidential=False
    )
    topics = list(topics)
    if topics:
        qs = qs.filter(topic__in=topics)
    return qs


def petition_list_public_answered_v1(
    *, jurisdiction: Organisation | None = None, topic: Topic | None = None, query: str = ""
) -> QuerySet:
    """The web's public answered list (submitter's consent, never confidential), only public columns loaded."""
    return petition_list_public_answered(
        query=(query or "").replace("\x00", ""), topic=topic, organisation=jurisdiction
    ).only(*PUBLIC_PETITION_FIELDS).exclude(confidential=True)


def open311_status(petition: Petition) -> str:
    return "open" if petition.status_group in OPEN311_OPEN_GROUPS else "closed"


def petition_is_published(petition: Petition) -> bool:
    """Whether the submitter agreed to publish the content (and the answer): only then may the API show the
    text of a petition found by its (enumerable) reference."""
    return petition.publish_consent and not petition.confidential


def petition_is_publicly_listed(*, petition: Petition) -> bool:
    return Petition.objects.publicly_listed().filter(pk=petition.pk).exists()


def topic_get(*, code: str) -> Topic | None:
    """Any topic by code, active or not (old petitions keep their topic)."""
    if _unsafe(code):
        return None
    return Topic.objects.filter(code=code).first()
