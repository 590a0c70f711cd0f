"""Open311 GeoReport v2 representation: how topics and petitions look to a GeoReport client, the spec's error
array, JSON and XML rendering, and the w3 date format.

Personal data stays out by construction: ``request_representation`` reads only public columns, and a petition's
description, place, coordinates and answer only when its submitter agreed to publication. ``service_request_id``
is the public reference; the submitter's secret tracking code appears only in the answer to the POST that
created the petition (``service_notice_for_submitter``), which goes to the submitter's own client.
"""

import datetime
import hashlib
import io
import json
import re

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from mattran.core.parsing import date_in_range
from mattran.organisations.models import Topic
from mattran.petitions.forms import PUBLIC_KINDS
from mattran.petitions.models import Petition, PetitionKind, PetitionSettings, PetitionStatus

from .selectors import open311_status

SPECIFICATION_URL = "http://wiki.open311.org/GeoReport_v2"
FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# XML element names of list items (the spec's "Spark convention" mapping between XML and JSON).
XML_ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F]")
DESCRIPTION_LIMIT = 4000  # the spec's limit on description
OPEN311_KINDS = [value for value, _label in PUBLIC_KINDS]
DEFAULT_KIND = PetitionKind.REPORT


class Open311Error(Exception):
    """One or more errors answered as the spec's array: ``[{"code": 400, "description": "…"}]``."""

    def __init__(self, status: int, *descriptions: str):
        super().__init__(status, descriptions)
        self.status = status
        self.descriptions = [str(d) for d in descriptions] or [str(_("Lỗi không xác định."))]


# --- rendering ------------------------------------------------------------------------------------------------


def render(data, *, fmt: str, root: str, status: int = 200) -> HttpResponse:
    """``data`` as JSON, or as XML with ``root`` as the root element; lists of dicts become repeated items."""
    if fmt == "xml":
        body = _xml(root, data)
    else:
        body = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    response = HttpResponse(body, content_type=FORMATS.get(fmt, FORMATS["json"]), status=status)
    response["Cache-Control"] = "no-store" if status >= 400 else "public, max-age=60"
    return response


def render_error(error: Open311Error, *, fmt: str) -> HttpResponse:
    errors = [{"code": error.status, "description": d} for d in error.descriptions]
    response = render(errors, fmt=fmt if fmt in FORMATS else "json", root="errors", status=error.status)
    response["Cache-Control"] = "no-store"
    return response


def _xml(root: str, data) -> bytes:
    stream = io.StringIO()
    xml = SimplerXMLGenerator(stream, "utf-8")
    xml.startDocument()
    _xml_value(xml, root, data)
    xml.endDocument()
    return stream.getvalue().encode()


def _xml_value(xml, name: str, value) -> None:
    if isinstance(value, list):
        xml.startElement(name, {})
        item = XML_ITEM_NAMES.get(name, "item")
        for element in value:
            _xml_value(xml, item, element)
        xml.endElement(name)
    elif isinstance(value, dict):
        xml.startElement(name, {})
        for key, inner in value.items():
            _xml_value(xml, key, inner)
        xml.endElement(name)
    elif value is None:
        xml.addQuickElement(name)
    elif isinstance(value, bool):
        xml.addQuickElement(name, "true" if value else "false")
    else:
        xml.addQuickElement(name, _CONTROL_CHARS.sub("", str(value)))


# --- dates --------------------------------------------------------------------------------------------------


def w3_datetime(value: datetime.datetime | None) -> str | None:
    """``2026-11-27T08:35:49+07:00``: ISO 8601 with the offset, as the spec requires."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def w3_end_of_day(day: datetime.date | None) -> str | None:
    if day is None:
        return None
    moment = datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=timezone.get_current_timezone())
    return moment.isoformat(timespec="seconds")


def parse_w3(value: str, *, name: str) -> datetime.datetime | None:
    """A w3/ISO 8601 date-time (a bare date means local midnight; no offset means local time)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value.replace(" ", "+"))
        if moment is None:
            day = parse_date(value)
            if day is None:
                raise ValueError(value)
            moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        raise Open311Error(
            400,
            _("%(name)s không đúng định dạng ngày giờ W3C (ví dụ 2026-01-31T00:00:00+07:00).") % {"name": name},
        ) from None
    if not date_in_range(moment):
        # Beyond 1900–2100 the 90-day window overflows and year 1 cannot be converted to UTC for the database.
        raise Open311Error(
            400, _("%(name)s phải nằm trong khoảng từ năm 1900 đến năm 2100.") % {"name": name}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


# --- discovery and services ------------------------------------------------------------------------------------


def services_changeset() -> str:
    """When the service list last changed: topics carry no timestamps, so a fingerprint of the list is kept in
    the cache with the moment it was first seen."""
    rows = list(Topic.objects.filter(is_active=True).values_list("code", "name", "name_en", "description"))
    fingerprint = hashlib.sha256(repr(rows).encode()).hexdigest()[:32]
    key = "api:open311:changeset:" + fingerprint
    cache.add(key, w3_datetime(timezone.now()), timeout=None)
    return cache.get(key) or w3_datetime(timezone.now())


def discovery(*, base_url: str) -> dict:
    changeset = services_changeset()
    return {
        "changeset": changeset,
        "contact": settings.OPEN311_CONTACT,
        "key_service": settings.OPEN311_KEY_SERVICE,
        "endpoints": [
            {
                "specification": SPECIFICATION_URL,
                "url": base_url,
                "changeset": changeset,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }


def service_representation(topic: Topic) -> dict:
    return {
        "service_code": topic.code,
        "service_name": topic.name,
        "description": topic.description or _("Ý kiến, kiến nghị, phản ánh thuộc lĩnh vực %(name)s.") % {"name": topic.name},
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(part for part in (topic.name, topic.name_en) if part),
        "group": _("Ý kiến, kiến nghị của Nhân dân"),
    }


def service_definition(topic: Topic) -> dict:
    """Three optional attributes every topic shares: what kind of item it is, a short title, and whether the
    submitter agrees to publish the content and the answer."""
    return {
        "service_code": topic.code,
        "attributes": [
            {
                "variable": True,
                "code": "kind",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": _("Mặc định: phản ánh."),
                "order": 1,
                "description": _("Loại ý kiến. Khiếu nại, tố cáo được hướng dẫn theo thủ tục riêng của pháp luật."),
                "values": [{"key": value, "name": str(label)} for value, label in PUBLIC_KINDS],
            },
            {
                "variable": True,
                "code": "title",
                "datatype": "string",
                "required": False,
                "datatype_description": _("Tối đa 200 ký tự; bỏ trống thì lấy câu đầu của nội dung."),
                "order": 2,
                "description": _("Tiêu đề ngắn của ý kiến."),
                "values": [],
            },
            {
                "variable": True,
                "code": "publish_consent",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": _("Mặc định: không."),
                "order": 3,
                "description": _(
                    "Người gửi đồng ý công khai nội dung và trả lời (không bao giờ công khai họ tên, liên lạc)."
                ),
                "values": [{"key": "true", "name": _("Đồng ý")}, {"key": "false", "name": _("Không đồng ý")}],
            },
        ],
    }


# --- requests -------------------------------------------------------------------------------------------------


def tracking_url(petition: Petition, *, base_url: str) -> str:
    """The public status page of the petition, by reference (it opens nothing)."""
    return base_url.rstrip("/") + reverse("petitions:track") + "?ma=" + petition.reference


def _timing(petition: Petition, config: PetitionSettings | None) -> str:
    if petition.due_date and petition.status_group in ("new", "with_body"):
        return _("Hạn trả lời: %(date)s.") % {"date": petition.due_date.strftime("%d/%m/%Y")}
    config = config or PetitionSettings.load()
    return _(
        "Ủy ban MTTQ tiếp nhận và chuyển cơ quan có thẩm quyền; cơ quan trả lời trong %(days)s ngày làm việc "
        "(%(several)s ngày khi nhiều cơ quan phối hợp)."
    ) % {"days": config.default_working_days, "several": config.several_bodies_working_days}


def service_notice_for_submitter(petition: Petition, *, base_url: str) -> str:
    """The answer to the POST only (it goes back to the submitter's own application): the secret tracking code
    with which the submitter sees the answer, rates it or asks for a review. Never in a GET."""
    return _(
        "%(timing)s Số tham chiếu %(reference)s. Mã tra cứu bí mật của người gửi (không chia sẻ): %(code)s — "
        "dùng tại %(url)s để xem trả lời, đánh giá hoặc đề nghị xem xét lại."
    ) % {
        "timing": _timing(petition, None),
        "reference": petition.reference,
        "code": petition.tracking_code,
        "url": base_url.rstrip("/") + reverse("petitions:track"),
    }


def service_notice(petition: Petition, *, base_url: str, config: PetitionSettings | None = None) -> str:
    """What happens next, in the citizen's terms: the time limit (data from the petition settings) and where to
    follow the petition's public status on the web. ``config``: the settings, when the caller already loaded them
    for a list."""
    return _("%(timing)s Theo dõi trạng thái với số tham chiếu %(code)s tại %(url)s") % {
        "timing": _timing(petition, config),
        "code": petition.reference,
        "url": tracking_url(petition, base_url=base_url),
    }


def status_notes(petition: Petition, *, latest_public_text: str = "") -> str:
    """Why the petition is where it is: the petition it was merged into (by reference), or — only when the
    submitter agreed to publication — the answer or the latest staff-written public text; otherwise the
    status's own label. References are enumerable, so nothing unconsented is said here."""
    if petition.status == PetitionStatus.MERGED and petition.merged_into_id:
        return _("Trùng nội dung, được gộp vào kiến nghị %(code)s.") % {"code": petition.merged_into.reference}
    if not (petition.publish_consent and not petition.confidential):
        return str(petition.get_status_display())
    if petition.public_answer:
        return petition.public_answer[:DESCRIPTION_LIMIT]
    if latest_public_text:
        return f"{petition.get_status_display()}: {latest_public_text}"[:DESCRIPTION_LIMIT]
    return str(petition.get_status_display())


def request_representation(
    petition: Petition, *, base_url: str, latest_public_text: str = "", config: PetitionSettings | None = None
) -> dict:
    """One petition as a GeoReport service request. The submitter (name, phone, email, contact address) and the
    attachments are never read here; the text and the place only with the submitter's consent."""
    public = petition.publish_consent and not petition.confidential
    if public:
        text = petition.content
        if petition.title and not text.startswith(petition.title):
            text = f"{petition.title}\n\n{text}"
    else:
        text = ""  # references are sequential: an unconsented petition's title is not public
    agency = petition.body.name if petition.body_id else petition.organisation.name
    return {
        "service_request_id": petition.reference,
        "status": open311_status(petition),
        "status_notes": status_notes(petition, latest_public_text=latest_public_text),
        "service_name": petition.topic.name,
        "service_code": petition.topic.code,
        "description": text[:DESCRIPTION_LIMIT],
        "agency_responsible": agency,
        "service_notice": service_notice(petition, base_url=base_url, config=config),
        "requested_datetime": w3_datetime(petition.created_at),
        "updated_datetime": w3_datetime(petition.status_changed_at),
        "expected_datetime": w3_end_of_day(petition.due_date),
        "address": (petition.address or None) if public else None,
        "address_id": None,
        "zipcode": None,
        "lat": float(petition.latitude) if public and petition.latitude is not None else None,
        "long": float(petition.longitude) if public and petition.longitude is not None else None,
        "media_url": None,
    }
