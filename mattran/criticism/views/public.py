"""Public pages: /phan-bien/ (drafts open for comment and those already criticised), /phan-bien/<slug>/ (each
paragraph, its accepted comments and the drafting body's reply point by point, the comment form while public
comments are open) and /phan-bien/<slug>/so-sanh/ (the difference between two versions). No commenter's name or
contact ever appears here; pending and rejected comments are never shown."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache

from mattran.core import ratelimit
from mattran.core.forms import add_validation_errors
from mattran.core.http import client_ip
from mattran.core.parsing import parse_id

from .. import selectors, services
from ..forms import CommentForm
from ..models import AuthorKind, DraftStatus, ReplyKind

WEB_ACTOR = "người dân (cổng thông tin)"
HOUR = 60 * 60


def draft_list_view(request):
    state = request.GET.get("tinh-trang", "")
    if state and state not in selectors.PUBLIC_FILTERS:
        state, status = "", 400
    else:
        status = 200
    page = Paginator(selectors.draft_list_public(state=state), 10).get_page(request.GET.get("trang"))
    return render(request, "criticism/draft_list.html", {"page": page, "state": state}, status=status)


def _error_page(request, *, title, message, status):
    return render(request, "criticism/error.html", {"title": title, "message": message}, status=status)


def _draft_or_404(slug):
    draft = selectors.draft_get_public(slug=slug)
    if draft is None:
        raise Http404(_("Không tìm thấy dự thảo."))
    return draft


def detail_context(draft, form=None):
    rows = selectors.paragraph_rows_public(draft=draft)
    versions = list(draft.versions.order_by("number"))
    accepting = draft.status == DraftStatus.OPEN and draft.public_comments_open
    paragraphs = [row.paragraph for row in rows]
    if accepting and form is None:
        form = CommentForm(paragraphs=paragraphs)
    return {
        "draft": draft,
        "rows": rows,
        "outcomes": selectors.outcome_counts(rows=rows),
        "reply_kinds": ReplyKind,
        "versions": versions,
        "shown_version": selectors.shown_version(draft),
        "accepting": accepting,
        "form": form if accepting else None,
        "events": draft.events.filter(is_public=True).order_by("created_at", "id"),
    }


@never_cache
def draft_detail_view(request, slug: str):
    draft = _draft_or_404(slug)
    form, status = None, 200
    if request.method == "POST":
        if request.POST.get("website"):
            return _error_page(request, title=_("Không gửi được"), message=_("Yêu cầu không hợp lệ."), status=400)
        if not (draft.status == DraftStatus.OPEN and draft.public_comments_open):
            return _error_page(request, title=_("Không gửi được"),
                               message=_("Dự thảo này hiện không nhận ý kiến của Nhân dân."), status=403)
        rows = selectors.paragraph_rows_public(draft=draft)
        form = CommentForm(request.POST, paragraphs=[r.paragraph for r in rows])
        if form.is_valid():
            limit = getattr(settings, "CRITICISM_COMMENTS_PER_IP_PER_HOUR", 10)
            if ratelimit.exceeded("criticism.comment_ip", client_ip(request), limit=limit, window=HOUR):
                return _error_page(request, title=_("Gửi quá nhiều lần"),
                                   message=pgettext("góp ý dự thảo",
                                                    "Địa chỉ mạng này đã gửi quá nhiều ý kiến trong một giờ. Xin thử lại sau."),
                                   status=429)
            data = form.cleaned_data
            paragraph = next(r.paragraph for r in rows if r.paragraph.number == data["paragraph"])
            try:
                services.comment_submit(
                    draft=draft, paragraph=paragraph, text=data["text"], author_kind=AuthorKind.PUBLIC,
                    author_name=data["author_name"], author_contact=data["author_contact"], actor=WEB_ACTOR,
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Cảm ơn ông/bà đã góp ý. Ý kiến sẽ được đăng sau khi cán bộ Mặt trận duyệt."))
                return HttpResponseRedirect(request.path + f"#doan-{paragraph.number}")
        status = 400
    elif (number := parse_id(request.GET.get("doan"))) is not None:
        rows = selectors.paragraph_rows_public(draft=draft)
        if any(r.paragraph.number == number for r in rows) and draft.public_comments_open:
            form = CommentForm(paragraphs=[r.paragraph for r in rows], initial={"paragraph": number})
    return render(request, "criticism/draft_detail.html", detail_context(draft, form), status=status)


def draft_diff_view(request, slug: str):
    draft = _draft_or_404(slug)
    versions = list(draft.versions.order_by("number"))
    if len(versions) < 2:
        raise Http404(_("Dự thảo chỉ có một phiên bản."))
    old_number = parse_id(request.GET.get("tu")) or versions[-2].number
    new_number = parse_id(request.GET.get("den")) or versions[-1].number
    pair = selectors.version_pair(draft=draft, old_number=old_number, new_number=new_number)
    if pair is None:
        return _error_page(request, title=_("Không so sánh được"),
                           message=_("Hãy chọn hai phiên bản khác nhau của dự thảo."), status=400)
    old, new = pair
    return render(request, "criticism/draft_diff.html", {
        "draft": draft, "old": old, "new": new, "versions": versions,
        "rows": selectors.versions_diff(old=old, new=new),
    })
