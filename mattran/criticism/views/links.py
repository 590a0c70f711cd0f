"""Pages reached through a signed link, without an account: the invited expert's comment page
(/phan-bien/chuyen-gia/<token>/) and the drafting body's reply page (/phan-bien/co-quan/<token>/). Each calls the
same services as the officer's screens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from mattran.core.files import private_file_response
from mattran.core.forms import add_validation_errors
from mattran.core.parsing import parse_id

from .. import selectors, services
from ..forms import CommentForm, ReplyForm
from ..links import CriticismLinkError, invitation_token_read, reply_token_read
from ..models import AuthorKind, DraftStatus


def _link_error(request, exc: CriticismLinkError):
    message = (
        _("Đường dẫn đã hết hạn. Xin liên hệ Ủy ban MTTQ để nhận đường dẫn mới.")
        if exc.expired
        else _("Đường dẫn không hợp lệ, đã bị thu hồi hoặc đã được thay bằng đường dẫn mới.")
    )
    return render(request, "criticism/error.html", {"title": _("Không mở được đường dẫn"), "message": message},
                  status=403)


@never_cache
def expert_view(request, token: str):
    try:
        invitation = invitation_token_read(token)
    except CriticismLinkError as exc:
        return _link_error(request, exc)
    draft = invitation.draft
    rows = selectors.paragraph_rows_public(draft=draft) if draft.commented_version_id else []
    open_now = draft.status == DraftStatus.OPEN
    form, status = None, 200
    if open_now:
        form = CommentForm(request.POST or None, paragraphs=[r.paragraph for r in rows], expert=True)
    if request.method == "POST":
        if form is None:
            return render(request, "criticism/error.html", {
                "title": _("Không gửi được"), "message": _("Dự thảo này hiện không nhận ý kiến."),
            }, status=403)
        if form.is_valid():
            data = form.cleaned_data
            paragraph = next(r.paragraph for r in rows if r.paragraph.number == data["paragraph"])
            try:
                services.comment_submit(
                    draft=draft, paragraph=paragraph, text=data["text"], author_kind=AuthorKind.EXPERT,
                    invitation=invitation,
                    actor=_("Chuyên gia %(name)s (đường dẫn được ký)") % {"name": invitation.name},
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Đã gửi ý kiến. Cảm ơn ông/bà."))
                return HttpResponseRedirect(request.path)
        status = 400
    return render(request, "criticism/expert.html", {
        "invitation": invitation, "draft": draft, "rows": rows, "form": form,
        "own_comments": invitation.comments.select_related("paragraph").order_by("submitted_at", "id"),
    }, status=status)


@never_cache
def body_reply_view(request, token: str):
    try:
        draft = reply_token_read(token)
    except CriticismLinkError as exc:
        return _link_error(request, exc)
    points = list(selectors.points_for_reply(draft=draft))
    can_reply = services.draft_can(draft, "reply")
    bound, status = {}, 200
    if request.method == "POST":
        point = next((p for p in points if p.pk == parse_id(request.POST.get("point"))), None)
        if point is None or not can_reply:
            return render(request, "criticism/error.html", {
                "title": _("Không gửi được"), "message": _("Thao tác không hợp lệ."),
            }, status=400)
        form = ReplyForm(request.POST, prefix=f"p{point.pk}")
        if form.is_valid():
            try:
                services.draft_reply_record(
                    comment=point, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"],
                    actor=_("Cán bộ %(body)s (đường dẫn được ký)") % {"body": draft.drafting_body.name},
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Đã ghi nhận trả lời."))
                return HttpResponseRedirect(request.path + f"#y-kien-{point.pk}")
        bound, status = {point.pk: form}, 400
    return render(request, "criticism/body_reply.html", {
        "draft": draft,
        "token": token,
        "points": [(p, bound.get(p.pk) or _reply_form(p)) for p in points] if can_reply else [(p, None) for p in points],
    }, status=status)


def _reply_form(point):
    reply = getattr(point, "reply", None)
    initial = {"kind": reply.kind, "text": reply.text} if reply else None
    return ReplyForm(prefix=f"p{point.pk}", initial=initial)


def body_document_view(request, token: str):
    """The consolidated criticism document, for the drafting body through its link."""
    try:
        draft = reply_token_read(token)
    except CriticismLinkError as exc:
        return _link_error(request, exc)
    if not draft.consolidated_file:
        raise Http404
    return private_file_response(draft.consolidated_file, filename=f"van-ban-phan-bien-{draft.slug}.docx",
                                 content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
