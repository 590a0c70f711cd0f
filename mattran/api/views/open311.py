"""Open311 GeoReport v2 endpoints (``/open311/v2/``).

Plain Django views rather than django-ninja routes: the spec's paths end in a format suffix (``.json``/``.xml``),
POSTs are form-encoded with ``attribute[code]`` keys, and every error must be the spec's array
(``[{"code": 400, "description": "…"}]``, or ``<errors>`` in XML) — not ninja's ``{"detail": …}``.
Every error, including unknown paths and wrong methods, goes through ``Open311Error``.
"""

import datetime
import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from mattran.core import ratelimit
from mattran.petitions.models import PetitionSettings
from mattran.petitions.selectors import petition_public_events

from .. import open311, selectors, services
from ..forms import Open311RequestForm
from ..open311 import Open311Error, render, render_error
from ..open311_openapi import open311_openapi_document

MAX_WINDOW = datetime.timedelta(days=90)
MAX_RESULTS = 1000
MAX_IDS = 100
HOUR = 60 * 60


def open311_view(*methods: str):
    """Check the format suffix and the method, and answer any ``Open311Error`` as the spec's error array."""

    def decorator(view):
        @csrf_exempt  # clients authenticate with api_key, never with a session cookie
        @functools.wraps(view)
        def wrapper(request, *args, fmt: str = "json", **kwargs):
            fmt = (fmt or "json").lower()
            try:
                if fmt not in open311.FORMATS:
                    raise Open311Error(
                        400, _("Định dạng “%(fmt)s” không được hỗ trợ; hãy dùng .json hoặc .xml.") % {"fmt": fmt}
                    )
                if request.method not in methods:
                    raise Open311Error(405, _("Phương thức %(method)s không được hỗ trợ ở địa chỉ này.") % {
                        "method": request.method
                    })
                limit = settings.OPEN311_READS_PER_MINUTE
                if request.method == "GET" and ratelimit.client_exceeded(request, "open311.read", limit=limit, window=60):
                    raise Open311Error(429, _("Quá nhiều yêu cầu; xin thử lại sau một phút."))
                response = view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                response = render_error(error, fmt=fmt)
            if response.status_code == 405:
                response["Allow"] = ", ".join(methods)
            return response

        return wrapper

    return decorator


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _jurisdiction(request, *, required: bool = False):
    """The organisation named by ``jurisdiction_id`` (its slug); else the configured default; else none."""
    slug = (request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or "").strip()
    if slug:
        organisation = selectors.jurisdiction_get(slug=slug)
        if organisation is None:
            raise Open311Error(404, _("Không tìm thấy jurisdiction_id “%(id)s”.") % {"id": slug})
        return organisation
    default = settings.OPEN311_DEFAULT_JURISDICTION
    if default:
        organisation = selectors.jurisdiction_get(slug=default)
        if organisation is not None:
            return organisation
    if required:
        raise Open311Error(400, _("Thiếu jurisdiction_id."))
    return None


def _in_jurisdiction(petition, jurisdiction) -> bool:
    return jurisdiction is None or petition.organisation.path.startswith(jurisdiction.path)


def _latest_public_text(petition) -> str:
    """The latest public text written by staff (a rejection or redirection reason): never the citizen's own
    words, such as a reopen reason or a rating."""
    event = (
        petition_public_events(petition=petition)
        .filter(kind__in=("rejected", "redirected"))
        .exclude(public_text="")
        .order_by("-created_at", "-id")
        .first()
    )
    return event.public_text if event is not None else ""


def _represent(request, petition, *, detailed: bool, config=None) -> dict:
    return open311.request_representation(
        petition,
        base_url=_base_url(request),
        latest_public_text=_latest_public_text(petition) if detailed else "",
        config=config,
    )


# --- discovery and services ------------------------------------------------------------------------------------


@open311_view("GET")
def discovery_view(request, fmt: str):
    return render(
        open311.discovery(base_url=request.build_absolute_uri(reverse("open311:root"))),
        fmt=fmt,
        root="discovery",
    )


@open311_view("GET")
def services_view(request, fmt: str):
    _jurisdiction(request)
    return render(
        [open311.service_representation(topic) for topic in selectors.service_list()], fmt=fmt, root="services"
    )


@open311_view("GET")
def service_definition_view(request, code: str, fmt: str):
    _jurisdiction(request)
    topic = selectors.service_get(code=code)
    if topic is None:
        raise Open311Error(404, _("Không tìm thấy service_code “%(code)s”.") % {"code": code})
    return render(open311.service_definition(topic), fmt=fmt, root="service_definition")


# --- requests -------------------------------------------------------------------------------------------------


@open311_view("GET", "POST")
def requests_view(request, fmt: str):
    if request.method == "POST":
        response = _request_create(request, fmt=fmt)
        response["Cache-Control"] = "no-store"
        return response
    return _request_list(request, fmt=fmt)


def _comma_list(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _request_list(request, *, fmt: str):
    jurisdiction = _jurisdiction(request)
    ids = _comma_list(request.GET.get("service_request_id", ""))
    if ids:
        # The spec: service_request_id overrides every other argument.
        if len(ids) > MAX_IDS:
            raise Open311Error(400, _("Tối đa %(n)s service_request_id mỗi lần.") % {"n": MAX_IDS})
        found = []
        for reference in dict.fromkeys(ids):
            petition = selectors.petition_get_public(reference=reference)
            if petition is not None and _in_jurisdiction(petition, jurisdiction):
                found.append(_represent(request, petition, detailed=True))
        return render(found, fmt=fmt, root="service_requests")

    topics = []
    for code in _comma_list(request.GET.get("service_code", "")):
        topic = selectors.service_get(code=code)
        if topic is None:
            raise Open311Error(400, _("Không tìm thấy service_code “%(code)s”.") % {"code": code})
        topics.append(topic)
    statuses = _comma_list(request.GET.get("status", "").lower())
    wrong = [s for s in statuses if s not in ("open", "closed")]
    if wrong:
        raise Open311Error(400, _("status chỉ nhận open hoặc closed (nhận được “%(value)s”).") % {"value": wrong[0]})
    start = open311.parse_w3(request.GET.get("start_date", ""), name="start_date")
    end = open311.parse_w3(request.GET.get("end_date", ""), name="end_date")
    if start and end:
        if end < start:
            raise Open311Error(400, _("end_date phải sau start_date."))
        if end - start > MAX_WINDOW:
            raise Open311Error(400, _("Khoảng start_date–end_date không được quá 90 ngày."))
    elif start:
        end = start + MAX_WINDOW
    elif end:
        start = end - MAX_WINDOW
    else:
        end = timezone.now()
        start = end - MAX_WINDOW
    petitions = selectors.open311_petition_list(
        jurisdiction=jurisdiction, topics=topics, start=start, end=end, open311_statuses=statuses
    )[:MAX_RESULTS]
    config = PetitionSettings.load()  # once for the whole list
    return render(
        [_represent(request, petition, detailed=False, config=config) for petition in petitions],
        fmt=fmt,
        root="service_requests",
    )


def _api_key(request):
    # A key in the URL ends up in proxy and access logs: refused outright (never looked up, never logged).
    if "api_key" in request.GET:
        raise Open311Error(
            400,
            _(
                "Không gửi api_key trong địa chỉ (query string) vì địa chỉ được ghi vào nhật ký máy chủ: gửi trong "
                "thân yêu cầu hoặc tiêu đề X-Api-Key, và đề nghị cấp khóa mới thay khóa đã lộ."
            ),
        )
    raw = (request.POST.get("api_key") or request.headers.get("X-Api-Key") or "").strip()
    if not raw:
        raise Open311Error(403, _("Thiếu api_key: gửi kiến nghị cần khóa API do Ủy ban MTTQ cấp."))
    api_key = selectors.api_key_get_active(raw_key=raw)
    if api_key is None:
        raise Open311Error(403, _("api_key không hợp lệ hoặc đã ngừng dùng."))
    return api_key


def _request_create(request, *, fmt: str):
    api_key = _api_key(request)
    if ratelimit.exceeded("open311.post", api_key.key_hash, limit=api_key.posts_per_hour, window=HOUR):
        raise Open311Error(
            429, _("Khóa API này đã gửi quá %(n)s kiến nghị trong một giờ; xin thử lại sau.") % {
                "n": api_key.posts_per_hour
            }
        )
    form = Open311RequestForm(request.POST)
    code = (request.POST.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, _("Thiếu service_code."))
    topic = selectors.service_get(code=code)
    if topic is None:
        raise Open311Error(404, _("Không tìm thấy service_code “%(code)s”.") % {"code": code})
    slug = (request.POST.get("jurisdiction_id") or "").strip()
    organisation = api_key.organisation
    if slug:
        organisation = selectors.jurisdiction_get(slug=slug)
        if organisation is None:
            raise Open311Error(404, _("Không tìm thấy jurisdiction_id “%(id)s”.") % {"id": slug})
    if not form.is_valid():
        raise Open311Error(400, *form.error_descriptions())
    data = form.cleaned_data  # the topic's contact rule is the service's (petition_submit)
    try:
        petition, record = services.open311_request_create(
            api_key=api_key,
            organisation=organisation,
            topic=topic,
            kind=data["kind"],
            title=form.title_value,
            description=data["description"],
            address=form.address,
            latitude=data["lat"],
            longitude=data["long"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            publish_consent=data["publish_consent"],
            media_url=data["media_url"],
            device_id=data["device_id"],
            account_id=data["account_id"],
            idempotency_key=(request.headers.get("Idempotency-Key") or "").strip()[:64],
            actor=services.open311_actor(api_key),
        )
    except ValidationError as exc:
        status = 403 if getattr(exc, "code", None) == "api_key_inactive" or "jurisdiction_id" in getattr(
            exc, "error_dict", {}
        ) else 400
        raise Open311Error(status, *_validation_messages(exc)) from None
    return render(
        [
            {
                "service_request_id": petition.reference,
                "token": record.token,
                "service_notice": open311.service_notice_for_submitter(petition, base_url=_base_url(request)),
                "account_id": data["account_id"] or None,
            }
        ],
        fmt=fmt,
        root="service_requests",
    )


def _validation_messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {message}" for field, messages in exc.message_dict.items() for message in messages]
    return list(exc.messages)


@open311_view("GET")
def request_view(request, request_id: str, fmt: str):
    jurisdiction = _jurisdiction(request)
    petition = selectors.petition_get_public(reference=request_id)
    if petition is None or not _in_jurisdiction(petition, jurisdiction):
        raise Open311Error(404, _("Không tìm thấy service_request_id này."))
    return render([_represent(request, petition, detailed=True)], fmt=fmt, root="service_requests")


@open311_view("GET")
def token_view(request, token: str, fmt: str):
    _jurisdiction(request)
    record = selectors.open311_request_get_by_token(token=token)
    if record is None:
        raise Open311Error(404, _("Không tìm thấy token này."))
    return render(
        [{"service_request_id": record.petition.reference, "token": record.token}],
        fmt=fmt,
        root="service_requests",
    )


@require_safe
def openapi_view(request):
    """The OpenAPI 3 description of these endpoints (GeoReport v2 has none of its own)."""
    response = JsonResponse(open311_openapi_document(), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    return response


@open311_view("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
def not_found_view(request, fmt: str = "json", **kwargs):
    raise Open311Error(404, _("Không có tài nguyên Open311 ở địa chỉ này."))
