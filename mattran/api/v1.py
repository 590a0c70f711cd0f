"""The typed, read-only JSON API at /api/v1/ (django-ninja): topics, organisations and their monthly figures,
the public answered petitions, and a petition's public status by reference. OpenAPI at /api/v1/openapi.json,
browsable docs at /api/v1/docs.

Same privacy rules as the web: only consented, non-confidential answered petitions are listed; petitions are named
by their public reference, never by the submitter's secret tracking code; the status by reference is the public
status only; confidential petitions are never served; no submitter data anywhere.
"""

import datetime
import re
from typing import Annotated

from django.conf import settings
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.throttling import BaseThrottle
from pydantic import BeforeValidator

from mattran.core import ratelimit
from mattran.organisations.models import Organisation, OrganisationKind
from mattran.organisations.selectors import organisation_list_active
from mattran.petitions.selectors import petition_public_events, petition_stats_monthly

from . import selectors
from .schemas import (
    ErrorOut,
    MonthStatsOut,
    OrganisationOut,
    PetitionPublicOut,
    PetitionStatusOut,
    TopicOut,
    ValidationErrorOut,
)


class AddressRateThrottle(BaseThrottle):
    """API_V1_READS_PER_MINUTE per client address, on the project's one limiter (mattran.core.ratelimit) like
    Open311; the address is our proxy's header (CLIENT_IP_HEADER), so a client's X-Forwarded-For buys nothing."""

    def allow_request(self, request):
        limit = settings.API_V1_READS_PER_MINUTE
        return not ratelimit.client_exceeded(request, "api_v1.read", limit=limit, window=60)

    def wait(self):
        return 60


api = NinjaAPI(
    title="Mặt trận — API",
    version="1",
    description=(
        "API chỉ đọc của nền tảng Mặt trận: lĩnh vực, tổ chức, kiến nghị đã trả lời được công khai và tra cứu "
        "trạng thái theo mã. Không bao giờ trả về thông tin cá nhân của người gửi. "
        "Gửi kiến nghị qua Open311 GeoReport v2 tại /open311/v2/."
    ),
    urls_namespace="api_v1",
    throttle=[AddressRateThrottle()],
)

# Every operation may answer these: invalid parameters (422) and too many requests from one address (429).
COMMON = {422: ValidationErrorOut, 429: ErrorOut}
NOT_FOUND = {404: ErrorOut, **COMMON}


class Pagination(LimitOffsetPagination):
    """At most 100 items a page, and bounded offsets (a huge number would overflow the database's LIMIT)."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000)

    def __init__(self, **kwargs):
        super().__init__(max_limit=100, **kwargs)


class NotFoundError(Exception):
    pass


@api.exception_handler(NotFoundError)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Không tìm thấy."}, status=404)


# --- topics and organisations ---------------------------------------------------------------------------------


@api.get("/topics", response={200: list[TopicOut], **COMMON}, tags=["Lĩnh vực"], summary="Các lĩnh vực đang dùng")
def topics_list(request):
    return selectors.service_list()


def _iso_date(value):
    """Only YYYY-MM-DD, as the schema documents (pydantic alone would also take a number of seconds)."""
    if isinstance(value, datetime.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("Ngày phải có dạng YYYY-MM-DD.")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


class OrganisationFilter(Schema):
    kind: OrganisationKind | None = None
    active_on: IsoDate | None = None
    parent: str | None = None


@api.get("/organisations", response={200: list[OrganisationOut], **COMMON}, tags=["Tổ chức"], summary="Các tổ chức đang hoạt động")
@paginate(Pagination)
def organisations_list(request, filters: Query[OrganisationFilter]):
    """Organisations active on ``active_on`` (default today), optionally of one kind or directly under a parent."""
    qs = organisation_list_active(on=filters.active_on).select_related("parent").order_by("path")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent:
        qs = qs.filter(parent__slug=filters.parent.replace("\x00", ""))
    return qs


def _organisation(slug: str) -> Organisation:
    organisation = selectors.jurisdiction_get(slug=slug)
    if organisation is None:
        raise NotFoundError("Không tìm thấy tổ chức.")
    return organisation


@api.get(
    "/organisations/{slug}", response={200: OrganisationOut, **NOT_FOUND}, tags=["Tổ chức"], summary="Một tổ chức"
)
def organisation_detail(request, slug: str):
    return _organisation(slug)


class MonthQuery(Schema):
    year: int | None = None
    month: int | None = None


@api.get(
    "/organisations/{slug}/stats",
    response={200: MonthStatsOut, 400: ErrorOut, **NOT_FOUND},
    tags=["Tổ chức"],
    summary="Số liệu kiến nghị một tháng (tổ chức và các đơn vị trực thuộc)",
)
def organisation_stats(request, slug: str, query: Query[MonthQuery]):
    organisation = _organisation(slug)
    today = timezone.localdate()
    year, month = query.year or today.year, query.month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= today.year + 1):
        return Status(400, {"detail": "Tháng hoặc năm không hợp lệ."})
    stats = petition_stats_monthly(organisation=organisation, year=year, month=month, today=today)
    return MonthStatsOut(organisation=organisation.slug, **stats)


# --- petitions --------------------------------------------------------------------------------------------------


class PetitionFilter(Schema):
    topic: str | None = None
    organisation: str | None = None
    q: str | None = None


@api.get(
    "/petitions",
    response={200: list[PetitionPublicOut], **COMMON},
    tags=["Kiến nghị"],
    summary="Kiến nghị đã trả lời được công khai",
)
@paginate(Pagination)
def petitions_list(request, filters: Query[PetitionFilter]):
    """Answered petitions whose submitter agreed to publication; newest answers first. An unknown topic or
    organisation gives an empty list."""
    topic = organisation = None
    if filters.topic:
        topic = selectors.topic_get(code=filters.topic)
        if topic is None:
            return []
    if filters.organisation:
        organisation = selectors.jurisdiction_get(slug=filters.organisation)
        if organisation is None:
            return []
    qs = selectors.petition_list_public_answered_v1(topic=topic, jurisdiction=organisation, query=(filters.q or "")[:200])
    return qs


@api.get(
    "/petitions/{reference}",
    response={200: PetitionPublicOut, **NOT_FOUND},
    tags=["Kiến nghị"],
    summary="Một kiến nghị đã trả lời được công khai",
)
def petition_detail(request, reference: str):
    petition = selectors.petition_get_public(reference=reference)
    if petition is None or not selectors.petition_is_publicly_listed(petition=petition):
        raise NotFoundError("Không tìm thấy kiến nghị công khai với số tham chiếu này.")
    return petition


@api.get(
    "/petitions/{reference}/status",
    response={200: PetitionStatusOut, **NOT_FOUND},
    tags=["Kiến nghị"],
    summary="Trạng thái công khai của một kiến nghị theo số tham chiếu",
)
def petition_status(request, reference: str):
    """The public status: status, topic, organisation, the body, the due date and the timeline's steps; the
    title, the answer and staff-written texts only when the submitter agreed to publication. Confidential
    petitions are not served."""
    petition = selectors.petition_get_public(reference=reference)
    if petition is None:
        raise NotFoundError("Không tìm thấy kiến nghị với số tham chiếu này.")
    petition.public_timeline = petition_public_events(petition=petition)
    return petition


def not_found_view(request, rest: str = ""):
    """Any other path under /api/v1/ answers in the API's JSON, not the site's HTML 404 page."""
    return api.create_response(request, {"detail": "Không có tài nguyên ở địa chỉ này."}, status=404)
