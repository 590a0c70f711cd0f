"""Public pages: submit, receipt, tracking (rate / ask to reopen), answered list, monthly statistics, and the
liaison officer's signed answer link. No page here shows a submitter's personal data."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mattran.core import ratelimit
from mattran.core.forms import add_validation_errors as _add_errors
from mattran.core.http import client_ip
from mattran.core.pagination import BoundedPaginator
from mattran.core.parsing import parse_month, text_param
from mattran.news import pagecache
from mattran.news.selectors import portal_get_for_organisation
from mattran.organisations.models import Body, Organisation, OrganisationKind, Topic

from .. import intake_cache, selectors, services, throttle, workflow
from ..forms import (
    AnswerForm,
    PetitionPublicForm,
    RateForm,
    ReasonForm,
    ReopenForm,
    TrackForm,
    ward_choices_queryset,
)
from ..links import LiaisonLinkError, liaison_token_read
from ..models import PetitionChannel, PetitionStatus

WEB_ACTOR = "công dân (cổng thông tin)"
HOUR = 60 * 60
DAY = 24 * HOUR
ANSWERED_LIST_LIMIT = 2000  # answers the public list pages through (100 pages of 20)


def _error_page(request, *, title: str, message: str, status: int):
    return render(request, "petitions/error.html", {"title": title, "message": message}, status=status)


# Stand-ins in the cached blank form page for what each request gets fresh (letters only: HTML escaping keeps them).
_CSRF_SLOT = "mattranCsrfSlot"
_TOKEN_SLOT = "mattranFormTokenSlot"


@never_cache
def petition_submit_view(request):
    config = intake_cache.petition_settings()
    ip = client_ip(request)
    needs_challenge = ratelimit.count("petitions.submit_ip", ip) >= config.challenge_after_submissions
    if request.method != "POST" and not needs_challenge:
        cached = _blank_form_page(request)
        if cached is not None:
            return cached
    # A fresh question on every page, also after a failed submit (the one just answered is used up).
    challenge = throttle.challenge_new() if needs_challenge else None
    context = _ward_context(request)
    if request.method == "POST":
        form = PetitionPublicForm(request.POST, request.FILES, challenge=challenge)
        if request.POST.get("website"):
            # A bot filled the hidden honeypot field: store nothing.
            return _error_page(request, title=_("Không gửi được"), message=_("Yêu cầu không hợp lệ."), status=400)
        if ratelimit.count("petitions.challenge_failure", ip) >= settings.PETITIONS_CHALLENGE_FAILURES_PER_HOUR:
            return _error_page(
                request,
                title=_("Gửi quá nhiều lần"),
                message=_("Địa chỉ mạng này đã trả lời sai câu hỏi kiểm tra quá nhiều lần. Xin thử lại sau một giờ."),
                status=429,
            )
        valid = form.is_valid()
        # A double click resends the same form: it gets the first one's receipt, even though its question is now
        # used up and the form therefore invalid, and without counting against the limits. Only a form token seen
        # before (a cache mark) costs the look-up; a resend the mark missed is still caught by petition_submit.
        form_token = form.cleaned_data.get("form_token")
        if form_token and not ratelimit.first_use("petitions.form_token", form_token, window=DAY):
            existing = selectors.petition_get_by_idempotency_key(key="web:" + form_token)
            if existing is not None:
                return HttpResponseRedirect(reverse("petitions:receipt", args=[existing.tracking_code]))
        if not valid:
            if form.challenge_failed:
                ratelimit.hit("petitions.challenge_failure", ip, window=HOUR)
        else:
            data = form.cleaned_data
            if ratelimit.exceeded("petitions.submit_ip", ip, limit=config.submissions_per_ip_per_hour, window=HOUR):
                return _error_page(
                    request,
                    title=_("Gửi quá nhiều lần"),
                    message=_("Địa chỉ mạng này đã gửi quá nhiều ý kiến trong một giờ. Xin thử lại sau."),
                    status=429,
                )
            else:
                contact = throttle.contact_key(phone=data["submitter_phone"], email=data["submitter_email"])
                limit = config.submissions_per_contact_per_day
                if contact and ratelimit.exceeded("petitions.submit_contact", contact, limit=limit, window=DAY):
                    return _error_page(
                        request,
                        title=_("Gửi quá nhiều lần"),
                        message=_("Số điện thoại hoặc thư điện tử này đã gửi quá nhiều ý kiến trong ngày. Xin thử lại ngày mai."),
                        status=429,
                    )
                try:
                    petition = services.petition_submit(
                        channel=PetitionChannel.WEB,
                        kind=data["kind"],
                        topic=data["topic"],
                        title=data["title"],
                        content=data["content"],
                        organisation=data["organisation"],
                        address=data["address"],
                        submitter_name=data["submitter_name"],
                        submitter_phone=data["submitter_phone"],
                        submitter_email=data["submitter_email"],
                        submitter_address=data["submitter_address"],
                        show_name_publicly=data["show_name_publicly"],
                        publish_consent=data["publish_consent"],
                        confidential=data["about_officials"],
                        language=translation.get_language() or "vi",
                        attachments=data["attachments"],
                        keep_location=data["keep_location"],
                        idempotency_key="web:" + data["form_token"],
                        actor=WEB_ACTOR,
                    )
                except ValidationError as exc:
                    _add_errors(form, exc)
                else:
                    return HttpResponseRedirect(reverse("petitions:receipt", args=[petition.tracking_code]))
        status = 400
    else:
        ward = context.get("ward")
        form = PetitionPublicForm(challenge=challenge, initial={"organisation": ward.pk} if ward else None)
        status = 200
    return render(request, "petitions/petition_form.html", {"form": form, **context}, status=status)


def _blank_form_page(request):
    """The blank form (no question, no errors) from the intake cache, with this request's CSRF token and a new
    one-time form token put in; None when this request must be rendered (a signed-in user, pending messages,
    other query parameters). Rendering it is most of the form's cost, and it is the same for every citizen of a
    host, language and ward (``?don-vi=``) until a topic, organisation, setting or portal page changes."""
    if set(request.GET) - {"don-vi"} or request.user.is_authenticated or len(messages.get_messages(request)):
        return None
    key = (
        "form_page", intake_cache.generation(), timezone.localdate(), translation.get_language(),
        pagecache.generation(), request.get_host(), request.get_full_path(),
    )

    def build() -> str:
        context = _ward_context(request)
        ward = context.get("ward")
        initial = {"form_token": _TOKEN_SLOT} | ({"organisation": ward.pk} if ward else {})
        form = PetitionPublicForm(initial=initial)
        return render_to_string(
            "petitions/petition_form.html", {"form": form, **context, "csrf_token": _CSRF_SLOT}, request=request
        )

    html = intake_cache.cached(key, build)
    html = html.replace(_CSRF_SLOT, get_token(request)).replace(_TOKEN_SLOT, secrets.token_urlsafe(24))
    return HttpResponse(html)


def _ward_context(request) -> dict:
    """Opened from a ward's portal (``?don-vi=<slug>``): that portal's branding, and the ward preselected when it
    is one a citizen can choose. An unknown slug is ignored (the city form)."""
    slug = text_param(request.GET, "don-vi")
    organisation = Organisation.objects.filter(slug=slug).first() if slug else None
    if organisation is None:
        return {}
    context = {"ward": ward_choices_queryset().filter(pk=organisation.pk).first(), "ward_slug": organisation.slug}
    return context | _portal_context(organisation)


def _portal_context(organisation) -> dict:
    """The committee's own portal as the page's branding (header, footer), when it has a live one."""
    portal = portal_get_for_organisation(organisation=organisation) if organisation is not None else None
    return {"news_portal": portal} if portal is not None and portal.live else {}


@never_cache
def petition_receipt_view(request, code: str):
    petition = selectors.petition_get_by_code(code=code)
    if petition is None:
        raise Http404(_("Không tìm thấy kiến nghị."))
    return render(request, "petitions/petition_receipt.html",
                  {"petition": petition, **_portal_context(petition.organisation)})


@never_cache
def petition_track_view(request):
    petition = None
    form = TrackForm(request.GET or None)
    status = 200
    if form.is_bound and form.is_valid():
        limit = settings.PETITIONS_TRACK_LOOKUPS_PER_MINUTE
        if ratelimit.client_exceeded(request, "petitions.track", limit=limit, window=60):
            return _error_page(request, title=_("Tra cứu quá nhiều lần"), message=_("Xin thử lại sau một phút."), status=429)
        petition = selectors.petition_get_for_tracking(code=form.cleaned_data["ma"])
        if petition is None:
            # A public reference shows the public status only: no content, no rating or reopening.
            public = selectors.petition_get_by_reference(reference=form.cleaned_data["ma"])
            if public is not None and not public.confidential:
                return render(request, "petitions/petition_public_status.html",
                              {"form": form, "petition": public, **_portal_context(public.organisation)})
            form.add_error("ma", _("Không tìm thấy kiến nghị với mã này. Hãy kiểm tra lại (mã tra cứu có dạng "
                                   "KN-XXXXX-XXXXX, số tham chiếu có dạng KN-2026-000123)."))
            status = 404
    context = {"form": form, "petition": petition}
    if petition is not None:
        context |= _tracking_context(petition) | _portal_context(petition.organisation)
    return render(request, "petitions/petition_track.html", context, status=status)


def _tracking_context(petition):
    shown = petition.merged_into if petition.merged_into_id else petition
    # The answer only once the Front accepted it, as the Front edited it: like every page here, the tracking page
    # shows no personal data (the body's words may name the submitter, or a neighbour).
    answer = shown.public_answer
    return {
        "events": selectors.petition_public_events(petition=petition),
        "shown": shown,
        "answer": answer,
        "under_review": shown.status == PetitionStatus.ANSWERED,
        "can_rate": workflow.transition_allowed(petition, "rate") and petition.rating is None,
        "can_reopen": workflow.transition_allowed(petition, "reopen"),
        "rate_form": RateForm(),
        "reopen_form": ReopenForm(),
    }


class _KeyRequired(Exception):
    pass


def _petition_or_404(code):
    """Rating and reopening need the submitter's secret key: a public reference is refused."""
    petition = selectors.petition_get_by_code(code=code)
    if petition is None:
        if selectors.petition_get_by_reference(reference=code) is not None:
            raise _KeyRequired
        raise Http404(_("Không tìm thấy kiến nghị."))
    return petition


def _key_required_page(request):
    return _error_page(
        request,
        title=_("Cần mã tra cứu bí mật"),
        message=_("Số tham chiếu chỉ để tra cứu trạng thái. Để đánh giá hoặc đề nghị xem xét lại, hãy dùng mã tra "
                  "cứu bí mật trong biên nhận hoặc thư điện tử gửi ông/bà (dạng KN-XXXXX-XXXXX)."),
        status=403,
    )


def _track_url(petition):
    return reverse("petitions:track") + "?ma=" + petition.tracking_code


@require_POST
def petition_rate_view(request, code: str):
    try:
        petition = _petition_or_404(code)
    except _KeyRequired:
        return _key_required_page(request)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.petition_rate(
                petition=petition,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                actor="người gửi (trang tra cứu)",
            )
        except ValidationError as exc:
            return _error_page(request, title=_("Không đánh giá được"), message=" ".join(exc.messages), status=409)
        return HttpResponseRedirect(_track_url(petition) + "#danh-gia")
    context = {"form": TrackForm(initial={"ma": petition.tracking_code}), "petition": petition}
    context |= _tracking_context(petition) | {"rate_form": form}
    return render(request, "petitions/petition_track.html", context, status=400)


@require_POST
def petition_reopen_view(request, code: str):
    try:
        petition = _petition_or_404(code)
    except _KeyRequired:
        return _key_required_page(request)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.petition_reopen(petition=petition, reason=form.cleaned_data["reason"], actor="người gửi (trang tra cứu)")
        except ValidationError as exc:
            return _error_page(request, title=_("Không mở lại được"), message=" ".join(exc.messages), status=409)
        return HttpResponseRedirect(_track_url(petition))
    context = {"form": TrackForm(initial={"ma": petition.tracking_code}), "petition": petition}
    context |= _tracking_context(petition) | {"reopen_form": form}
    return render(request, "petitions/petition_track.html", context, status=400)


def petition_answered_list_view(request):
    # NUL-free before the ORM: PostgreSQL refuses NUL in any string parameter.
    topic = Topic.objects.filter(code=text_param(request.GET, "linh-vuc")).first()
    organisation = Organisation.objects.filter(slug=text_param(request.GET, "to-chuc")).first()
    query = text_param(request.GET, "q")
    qs = selectors.petition_list_public_answered(query=query, topic=topic, organisation=organisation)
    # Newest answers first; the count stops at ANSWERED_LIST_LIMIT, older ones are found by topic, ward or words.
    page = BoundedPaginator(qs, 20, limit=ANSWERED_LIST_LIMIT).get_page(request.GET.get("trang"))
    return render(
        request,
        "petitions/petition_answered_list.html",
        {
            "page": page,
            "query": query,
            "topic": topic,
            "organisation": organisation,
            "topics": Topic.objects.filter(is_active=True),
            "organisations": _stat_organisations(),
        },
    )


def _stat_organisations():
    return Organisation.objects.active_on(timezone.localdate()).filter(
        kind__in=[
            OrganisationKind.CENTRAL_COMMITTEE,
            OrganisationKind.PROVINCE_COMMITTEE,
            OrganisationKind.COMMUNE_COMMITTEE,
        ]
    )


def petition_stats_view(request):
    organisations = _stat_organisations()
    slug = text_param(request.GET, "to-chuc")
    organisation = organisations.filter(slug=slug).first() or organisations.order_by("path").first()
    today = timezone.localdate()
    # 1900–2100 only: the twelve months before year 1 or after 9999 cannot be dates.
    parsed = parse_month(request.GET.get("thang"))
    status = 200
    if parsed is None and request.GET.get("thang"):
        messages.error(request, _("Tháng không hợp lệ (ví dụ: 2026-07, từ năm 1900 đến năm 2100); đang hiện các tháng gần nhất."))
        status = 400
    year, month = parsed or (today.year, today.month)
    months = (
        selectors.petition_stats_months(organisation=organisation, year=year, month=month, today=today)
        if organisation is not None
        else []
    )
    return render(
        request,
        "petitions/petition_stats.html",
        {"organisation": organisation, "organisations": organisations, "months": months},
        status=status,
    )


# --- the liaison officer's signed link --------------------------------------------------------------------------


@never_cache
def liaison_view(request, token: str):
    try:
        petition, body_id = liaison_token_read(token)
    except LiaisonLinkError as exc:
        message = (
            _("Đường dẫn đã hết hạn. Xin liên hệ Ủy ban MTTQ đã chuyển kiến nghị để nhận đường dẫn mới.")
            if exc.expired
            else _("Đường dẫn không hợp lệ, đã được thay bằng đường dẫn mới, hoặc kiến nghị đã được chuyển cho "
                   "cơ quan khác.")
        )
        return _error_page(request, title=pgettext("ý kiến của Nhân dân", "Không mở được kiến nghị"), message=message, status=403)
    body = Body.objects.get(pk=body_id)
    actor = _("Cán bộ đầu mối %(body)s (đường dẫn được ký)") % {"body": body.name}
    # Sent back by the Front: the body sees why, and amends its earlier answer.
    send_back = selectors.petition_send_back_pending(petition=petition)
    answer_form = AnswerForm(initial={"text": petition.answer_text} if send_back else None)
    return_form = ReasonForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "acknowledge":
                services.petition_acknowledge(petition=petition, actor=actor)
                return HttpResponseRedirect(request.path)
            if action == "answer":
                answer_form = AnswerForm(request.POST, request.FILES)
                if answer_form.is_valid():
                    if workflow.transition_allowed(petition, "acknowledge"):
                        # Answering straight from the email: the receipt is acknowledged on the way.
                        petition = services.petition_acknowledge(petition=petition, actor=actor)
                    services.petition_answer(
                        petition=petition,
                        text=answer_form.cleaned_data["text"],
                        document=answer_form.cleaned_data["document"],
                        actor=actor,
                    )
                    return HttpResponseRedirect(request.path)
            elif action == "return":
                return_form = ReasonForm(request.POST)
                if return_form.is_valid():
                    services.petition_return(petition=petition, reason=return_form.cleaned_data["reason"], actor=actor)
                    return HttpResponseRedirect(request.path)
            else:
                return _error_page(request, title=_("Thao tác không hợp lệ"), message=_("Thao tác không hợp lệ."), status=400)
        except ValidationError as exc:
            target = answer_form if action == "answer" else return_form
            _add_errors(target, exc)
        status = 400
        petition.refresh_from_db()
    return render(
        request,
        "petitions/liaison_petition.html",
        {
            "petition": petition,
            "body": body,
            "answer_form": answer_form,
            "return_form": return_form,
            "can_acknowledge": workflow.transition_allowed(petition, "acknowledge"),
            "can_answer": workflow.transition_allowed(petition, "answer")
            or workflow.transition_allowed(petition, "acknowledge"),
            "can_return": workflow.transition_allowed(petition, "return"),
            "events": selectors.petition_public_events(petition=petition),
            "send_back": send_back,
            "done": petition.status not in (PetitionStatus.FORWARDED, PetitionStatus.IN_PROGRESS),
        },
        status=status,
    )
