"""The officers' criticism screens in the admin (/quan-tri/phan-bien/): drafts of the committees in their reach,
each draft's versions, comment period, invitations, moderation, the consolidated DOCX and the replies. Thin:
parse with a form, authorise through the organisation subtree (another ward's draft is a 404), call one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mattran.accounts.permissions import body_list_for, officer_require, organisation_list_for
from mattran.core.files import private_file_response
from mattran.core.forms import add_validation_errors, form_service_run

from .. import selectors, services
from ..forms import (
    ConsolidateForm,
    DraftForm,
    InvitationForm,
    NoteForm,
    PeriodForm,
    PublicSetForm,
    ReplyForm,
    VersionForm,
)
from ..links import invitation_url, reply_url
from ..models import CommentStatus

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _draft_for(request, pk):
    return get_object_or_404(selectors.draft_list_for(user=request.user), pk=pk)


def draft_list_view(request):
    officer_require(user=request.user)
    drafts = selectors.draft_list_for(user=request.user).order_by("-created_at", "-id")
    return render(request, "criticism/admin/draft_list.html", {"drafts": drafts})


def draft_create_view(request):
    officer_require(user=request.user)
    form = DraftForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisation_list_for(user=request.user),
        bodies=body_list_for(user=request.user),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                draft = services.draft_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Đã nhận dự thảo “%(title)s”.") % {"title": draft.title})
                return HttpResponseRedirect(reverse("criticism_admin:draft", args=[draft.pk]))
        status = 400
    return render(request, "criticism/admin/draft_form.html", {"form": form}, status=status)


# action: (label, form class, step of services.STEPS)
DRAFT_ACTIONS = {
    "version": (gettext_lazy("Thêm phiên bản mới"), VersionForm, "version_add"),
    "open": (gettext_lazy("Bắt đầu lấy ý kiến"), PeriodForm, "open"),
    "public": (gettext_lazy("Ý kiến của Nhân dân"), PublicSetForm, "public_set"),
    "invite": (gettext_lazy("Mời chuyên gia góp ý"), InvitationForm, "invite"),
    "close_period": (gettext_lazy("Kết thúc lấy ý kiến"), NoteForm, "close_period"),
    "consolidate": (gettext_lazy("Tổng hợp, lập văn bản phản biện (DOCX)"), ConsolidateForm, "consolidate"),
    "resend": (gettext_lazy("Tạo đường dẫn trả lời mới cho cơ quan soạn thảo"), NoteForm, "reply"),
    "close": (gettext_lazy("Kết thúc phản biện"), NoteForm, "close"),
}


def _action_forms(draft, bound):
    result = []
    for action, (label, form_class, step) in DRAFT_ACTIONS.items():
        if not services.draft_can(draft, step):
            continue
        kwargs = {}
        if action == "public":  # the one button does the opposite of the current setting
            kwargs["initial"] = {"open": "0" if draft.public_comments_open else "1"}
            label = _("Ngừng nhận ý kiến của Nhân dân") if draft.public_comments_open else _("Mở nhận ý kiến của Nhân dân")
        result.append((action, label, (bound or {}).get(action) or form_class(prefix=action, **kwargs)))
    return result


def draft_detail_view(request, pk: int, bound=None, status: int = 200):
    draft = _draft_for(request, pk)
    bound = bound or {}
    can_moderate = services.draft_can(draft, "moderate")
    can_reply = services.draft_can(draft, "reply")
    comments = list(selectors.comment_list_for_moderation(draft=draft))
    points = [
        (c, bound.get(f"reply-{c.pk}") or _reply_form(c)) for c in comments if c.status == CommentStatus.ACCEPTED
    ] if can_reply else []
    return render(request, "criticism/admin/draft_detail.html", {
        "draft": draft,
        "versions": draft.versions.order_by("number"),
        "action_forms": _action_forms(draft, bound),
        "comments": comments,
        "can_moderate": can_moderate,
        "points": points,
        "pending": sum(1 for c in comments if c.status == CommentStatus.PENDING),
        "invitations": [(i, None if i.revoked else invitation_url(invitation=i)) for i in draft.invitations.all()],
        "reply_link": reply_url(draft=draft) if can_reply and draft.reply_nonce else "",
        "events": draft.events.order_by("created_at", "id"),
    }, status=status)


def _reply_form(comment, data=None):
    reply = getattr(comment, "reply", None)
    initial = {"kind": reply.kind, "text": reply.text} if reply else None
    return ReplyForm(data, prefix=f"reply-{comment.pk}", initial=initial)


@require_POST
def draft_action_view(request, pk: int, action: str):
    draft = _draft_for(request, pk)
    if action not in DRAFT_ACTIONS:
        raise Http404
    form = DRAFT_ACTIONS[action][1](request.POST, request.FILES, prefix=action)
    saved, refusal = form_service_run(form, lambda data: _run(action, draft, data, request.user))
    if saved:
        messages.success(request, _("Đã lưu."))
        return HttpResponseRedirect(reverse("criticism_admin:draft", args=[draft.pk]))
    if refusal is not None:
        messages.error(request, " ".join(refusal.messages))
    return draft_detail_view(request, pk, bound={action: form}, status=400)


def _run(action, draft, data, user):
    if action == "version":
        return services.draft_version_add(draft=draft, actor=user, **data)
    if action == "open":
        return services.draft_comment_period_open(draft=draft, actor=user, **data)
    if action == "public":
        return services.draft_public_comments_set(draft=draft, open=data["open"], actor=user)
    if action == "invite":
        return services.invitation_create(draft=draft, actor=user, **data)
    if action == "close_period":
        return services.draft_comment_period_close(draft=draft, actor=user)
    if action == "consolidate":
        return services.draft_consolidate(draft=draft, actor=user, **data)
    if action == "resend":
        return services.draft_reply_link_resend(draft=draft, actor=user)
    return services.draft_close(draft=draft, note=data["note"], actor=user)


@require_POST
def comment_action_view(request, pk: int, comment_pk: int, action: str):
    draft = _draft_for(request, pk)
    comment = get_object_or_404(draft.comments.select_related("paragraph"), pk=comment_pk)
    if action == "contact":
        services.comment_contact_read(comment=comment, actor=request.user)
        return render(request, "criticism/admin/comment_contact.html", {"draft": draft, "comment": comment})
    if action not in ("accept", "reject", "reply"):
        raise Http404
    if action == "reply":
        form = _reply_form(comment, request.POST)
        if form.is_valid():
            try:
                services.draft_reply_record(comment=comment, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Đã ghi nhận trả lời."))
                return HttpResponseRedirect(reverse("criticism_admin:draft", args=[draft.pk]) + f"#y-kien-{comment.pk}")
        return draft_detail_view(request, pk, bound={f"reply-{comment.pk}": form}, status=400)
    service = services.comment_accept if action == "accept" else services.comment_reject
    try:
        service(comment=comment, note=request.POST.get("note", "")[:2000], actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return draft_detail_view(request, pk, status=400)
    messages.success(request, _("Đã lưu."))
    return HttpResponseRedirect(reverse("criticism_admin:draft", args=[draft.pk]) + "#y-kien")


@require_POST
def invitation_revoke_view(request, pk: int, invitation_pk: int):
    draft = _draft_for(request, pk)
    invitation = get_object_or_404(draft.invitations, pk=invitation_pk)
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(request, _("Đã thu hồi lời mời."))
    return HttpResponseRedirect(reverse("criticism_admin:draft", args=[draft.pk]))


def consolidated_view(request, pk: int):
    draft = _draft_for(request, pk)
    if not draft.consolidated_file:
        raise Http404
    return private_file_response(draft.consolidated_file, filename=f"van-ban-phan-bien-{draft.slug}.docx",
                                 content_type=DOCX)


def version_file_view(request, pk: int, version_pk: int):
    draft = _draft_for(request, pk)
    version = get_object_or_404(draft.versions.exclude(file=""), pk=version_pk)
    extension = version.file.name.rsplit(".", 1)[-1]
    content_type = "application/pdf" if extension == "pdf" else DOCX
    return private_file_response(version.file, filename=f"du-thao-{draft.slug}-v{version.number}.{extension}",
                                 content_type=content_type)
