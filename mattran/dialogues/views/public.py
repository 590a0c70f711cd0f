"""Public pages: /doi-thoai/ (upcoming and past meetings, per committee), /doi-thoai/<slug>/ (the meeting, its
counts, the public answers, the form for questions in advance while it is upcoming) and /doi-thoai/lich.ics (the
schedule as iCalendar). No speaker's or questioner's name, address or contact ever appears here."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from mattran.core import ratelimit
from mattran.core.forms import add_validation_errors
from mattran.core.http import client_ip
from mattran.organisations.models import Organisation

from .. import selectors, services
from ..forms import QuestionForm
from ..ics import calendar
from ..models import CouncilSession, Meeting, MeetingStatus

WEB_ACTOR = "người dân (cổng thông tin)"
HOUR = 60 * 60


def _committee(request):
    slug = request.GET.get("uy-ban", "")
    if not slug:
        return None, 200
    organisation = Organisation.objects.filter(slug=slug).first()
    return (organisation, 200) if organisation else (None, 400)


def meeting_list_view(request):
    organisation, status = _committee(request)
    committees = Organisation.objects.filter(meetings__isnull=False).distinct().order_by("path")
    return render(request, "dialogues/meeting_list.html", {
        "upcoming": selectors.meeting_list_public(organisation=organisation, upcoming=True),
        "past": selectors.meeting_list_public(organisation=organisation, upcoming=False)[:30],
        "committee": organisation, "committees": committees,
    }, status=status)


def _meeting_or_404(slug) -> Meeting:
    meeting = selectors.meeting_get_public(slug=slug)
    if meeting is None:
        raise Http404(_("Không tìm thấy hội nghị."))
    return meeting


def _accepting(meeting: Meeting) -> bool:
    return meeting.status == MeetingStatus.PLANNED and meeting.starts_at > timezone.now()


def _error_page(request, *, title, message, status):
    return render(request, "dialogues/error.html", {"title": title, "message": message}, status=status)


@never_cache
def meeting_detail_view(request, slug: str):
    meeting = _meeting_or_404(slug)
    form, status = None, 200
    if request.method == "POST":
        if request.POST.get("website"):
            return _error_page(request, title=_("Không gửi được"), message=_("Yêu cầu không hợp lệ."), status=400)
        if not _accepting(meeting):
            return _error_page(request, title=_("Không gửi được"),
                               message=_("Hội nghị này không còn nhận câu hỏi gửi trước."), status=403)
        form = QuestionForm(request.POST)
        if form.is_valid():
            limit = getattr(settings, "DIALOGUES_QUESTIONS_PER_IP_PER_HOUR", 10)
            if ratelimit.exceeded("dialogues.question_ip", client_ip(request), limit=limit, window=HOUR):
                return _error_page(request, title=_("Gửi quá nhiều lần"),
                                   message=_("Địa chỉ mạng này đã gửi quá nhiều câu hỏi trong một giờ. Xin thử lại sau."),
                                   status=429)
            try:
                opinion = services.question_submit(meeting=meeting, actor=WEB_ACTOR, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Cảm ơn ông/bà. Câu hỏi đã được gửi đến người chủ trì hội nghị; mã tra "
                                            "cứu: %(code)s") % {"code": opinion.petition.tracking_code})
                return HttpResponseRedirect(request.path + "#gui-cau-hoi")
        status = 400
    elif _accepting(meeting):
        form = QuestionForm()
    return render(request, "dialogues/meeting_detail.html", {
        "meeting": meeting,
        "counts": selectors.opinion_counts(meeting=meeting),
        "answers": selectors.public_answers(meeting=meeting),
        "commitments": meeting.commitments.select_related("recommendation").order_by("id"),
        "photos": meeting.photos.select_related("image"),
        "articles": selectors.articles_of(meeting=meeting),
        # Voters hear at this round what was answered to the petitions of the round before.
        "report_back": selectors.report_back_for(session=meeting.session) if meeting.session_id else None,
        "form": form,
    }, status=status)


def calendar_view(request):
    organisation, status = _committee(request)
    if status != 200:
        return HttpResponse(_("Không có ủy ban này."), status=400, content_type="text/plain; charset=utf-8")
    meetings = selectors.meeting_list_public(organisation=organisation).select_related("organisation")[:200]
    content = calendar(meetings, url_for=lambda m: request.build_absolute_uri(reverse("dialogues:detail", args=[m.slug])),
                       host=request.get_host().split(":")[0] or "mattran", name=_("Lịch đối thoại, tiếp xúc cử tri"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-doi-thoai.ics"'
    return response


def session_detail_view(request, pk: int):
    """The voters' petitions consolidated before a session and the answers received ("kết quả trả lời kiến nghị
    cử tri"): only the groups an officer confirmed, in the officer's wording, with their counts and areas."""
    session = CouncilSession.objects.filter(pk=pk).first()
    if session is None:
        raise Http404(_("Không tìm thấy kỳ họp."))
    rows = [row for row in selectors.group_rows(session=session) if row.group.confirmed]
    return render(request, "dialogues/session_detail.html", {
        "session": session, "rows": rows, "meetings": session.meetings.exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at"), "report_back": selectors.report_back_for(session=session),
    })
