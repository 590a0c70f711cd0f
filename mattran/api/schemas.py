"""Response shapes of the JSON API (/api/v1/). Each lists its fields explicitly: a field is public only
because it is written here, so no submitter field, attachment or internal note can slip into a response."""

import datetime
from typing import Any

from ninja import Schema

from .selectors import open311_status, petition_is_published


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


class TopicOut(Schema):
    code: str
    name: str
    name_en: str
    description: str


class OrganisationOut(Schema):
    """A committee's public card: its office address, phone and email are public contacts, not personal data."""

    slug: str
    name: str
    name_en: str
    short_name: str
    kind: str
    kind_label: str
    parent: str | None
    admin_unit_code: str
    address: str
    phone: str
    email: str
    website: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.slug if obj.parent_id else None


class MonthStatsOut(Schema):
    organisation: str
    year: int
    month: int
    received: int
    answered_on_time: int
    answered_late: int
    open_overdue: int
    on_time_percent: float | None


class NamedRef(Schema):
    code: str
    name: str


def _topic_ref(petition) -> NamedRef:
    return NamedRef(code=petition.topic.code, name=petition.topic.name)


def _organisation_ref(petition) -> NamedRef:
    return NamedRef(code=petition.organisation.slug, name=petition.organisation.name)


class _PetitionResolvers(Schema):
    """The resolvers both petition shapes share (no fields: each shape lists its own, in its own order)."""

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_topic(obj) -> NamedRef:
        return _topic_ref(obj)

    @staticmethod
    def resolve_organisation(obj) -> NamedRef:
        return _organisation_ref(obj)


class PetitionPublicOut(_PetitionResolvers):
    """An answered petition whose submitter agreed to publication (the web's public list). Named by its public
    reference: the secret tracking code never leaves the system through the API."""

    reference: str
    title: str
    content: str
    kind: str
    kind_label: str
    topic: NamedRef
    organisation: NamedRef
    body: str | None
    status: str
    status_label: str
    created_at: datetime.datetime
    due_date: datetime.date | None
    answer: str
    answered_on: datetime.date | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body.name if obj.body_id else None

    @staticmethod
    def resolve_answer(obj) -> str:
        return obj.public_answer


class TimelineEventOut(Schema):
    at: datetime.datetime
    kind: str
    label: str
    text: str
    body: str | None

    @staticmethod
    def resolve_at(obj) -> datetime.datetime:
        return obj.created_at

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_text(obj) -> str:
        return obj.public_text

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body.name if obj.body_id else None


# Timeline entries whose text is written by staff (never the citizen's own words). The body's answer is public
# only as the Front accepted and edited it ("answer_accepted"), never the raw "answered" step.
STAFF_TEXT_KINDS = ("answer_accepted", "answer_sent_back", "rejected", "redirected")


class PetitionStatusOut(_PetitionResolvers):
    """The public status of a petition named by its reference (what anyone may know: references are
    sequential). The title, the answer and staff-written timeline texts only when the submitter agreed to
    publication; never the content, the submitter, a rating or a reopen reason. For a petition merged into
    another, the body, due date and answer are those of the petition it was merged into."""

    reference: str
    title: str
    status: str
    status_label: str
    status_group: str
    open311_status: str
    topic: NamedRef
    organisation: NamedRef
    body: str | None
    due_date: datetime.date | None
    overdue: bool
    merged_into: str | None
    answer: str
    answered_at: datetime.datetime | None
    timeline: list[TimelineEventOut]

    @staticmethod
    def _shown(obj):
        return obj.merged_into if obj.merged_into_id else obj

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title if petition_is_published(obj) else ""

    @staticmethod
    def resolve_open311_status(obj) -> str:
        return open311_status(obj)

    @staticmethod
    def resolve_body(obj) -> str | None:
        shown = PetitionStatusOut._shown(obj)
        return shown.body.name if shown.body_id else None

    @staticmethod
    def resolve_due_date(obj) -> datetime.date | None:
        return PetitionStatusOut._shown(obj).due_date

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return PetitionStatusOut._shown(obj).is_overdue

    @staticmethod
    def resolve_merged_into(obj) -> str | None:
        return obj.merged_into.reference if obj.merged_into_id else None

    @staticmethod
    def resolve_answer(obj) -> str:
        shown = PetitionStatusOut._shown(obj)
        return shown.public_answer if petition_is_published(obj) and petition_is_published(shown) else ""

    @staticmethod
    def resolve_answered_at(obj) -> datetime.datetime | None:
        return PetitionStatusOut._shown(obj).answered_at

    @staticmethod
    def resolve_timeline(obj) -> list:
        published = petition_is_published(obj)
        events = list(obj.public_timeline)
        for event in events:
            if not (published and event.kind in STAFF_TEXT_KINDS):
                event.public_text = ""  # in memory only: what this response may say
        return events
