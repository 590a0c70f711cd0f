"""The Front's and the body's workflow steps from intake to closing: each one ``_transition`` (lock, check the
arrow, status and fields, timeline entry, audit row) in one transaction. The answer and its review:
``review.py``."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.services import audit_record
from mattran.organisations.models import Body
from mattran.organisations.selectors import routing_rule_find

from ..models import (
    EventKind,
    Petition,
    PetitionEvent,
    PetitionKind,
    PetitionStatus,
    StatusGroup,
    liaison_nonce_new,
)
from ..notifications import notify_body_on_commit, notify_officers_of_reopen_on_commit
from ..selectors import due_date_compute
from ._common import _actor_label, _event, _lock, _require, _required_text, _transition

S = PetitionStatus


@transaction.atomic
def petition_accept(*, petition: Petition, note: str = "", actor) -> Petition:
    """Take the petition in (also after a body returned it as not theirs, to route it again)."""
    return _transition(petition, "accept", to=S.ACCEPTED, kind=EventKind.ACCEPTED, actor=actor, internal_note=note)[0]


@transaction.atomic
def petition_reject(*, petition: Petition, reason: str, actor) -> Petition:
    """Not taken in (e.g. no content, insulting, already answered); the reason is shown to the citizen."""
    reason = _required_text(reason, "reason", _("Hãy ghi lý do không tiếp nhận để thông báo cho người gửi."))
    return _transition(
        petition, "reject", to=S.REJECTED, kind=EventKind.REJECTED, actor=actor, public_text=reason,
        changes={"reason": reason},
    )[0]


def redirect_default_explanation(petition: Petition) -> str:
    if petition.kind == PetitionKind.DENUNCIATION:
        return _(
            "Nội dung của ông/bà là tố cáo, được giải quyết theo Luật Tố cáo. Đề nghị ông/bà gửi đơn tố cáo đến "
            "cơ quan, người có thẩm quyền giải quyết (thủ trưởng cơ quan quản lý người bị tố cáo) hoặc Ban Tiếp "
            "công dân để được hướng dẫn."
        )
    return _(
        "Nội dung của ông/bà là khiếu nại, được giải quyết theo Luật Khiếu nại. Đề nghị ông/bà gửi đơn khiếu nại "
        "đến người đã ra quyết định hành chính hoặc cơ quan có người có hành vi hành chính bị khiếu nại, hoặc Ban "
        "Tiếp công dân để được hướng dẫn."
    )


@transaction.atomic
def petition_redirect(*, petition: Petition, explanation: str = "", actor) -> Petition:
    """A complaint or denunciation goes to its statutory procedure; the explanation is shown to the citizen."""
    explanation = (explanation or "").strip() or redirect_default_explanation(petition)
    return _transition(
        petition, "redirect", to=S.REDIRECTED, kind=EventKind.REDIRECTED, actor=actor, public_text=explanation,
        changes={"explanation": explanation},
    )[0]


@transaction.atomic
def petition_forward(
    *,
    petition: Petition,
    body: Body | None = None,
    cooperating_bodies: Iterable[Body] = (),
    due_date: datetime.date | None = None,
    note: str = "",
    actor,
) -> Petition:
    """Send to the competent body: from the routing rules unless ``body`` is given; due date from the deadline
    rules unless ``due_date`` is given. The body's liaison gets an email with a signed answer link."""
    today = timezone.localdate()
    cooperating = list(cooperating_bodies)

    def prepare(current: Petition) -> dict:
        chosen = body or routing_rule_find(organisation=current.organisation, topic=current.topic, on=today)
        if chosen is None:
            raise ValidationError(
                {"body": _("Chưa có quy tắc chuyển cho lĩnh vực này; hãy chọn cơ quan có thẩm quyền.")},
                code="no_routing_rule",
            )
        if not chosen.is_active_on(today):
            raise ValidationError({"body": _("Cơ quan này không còn hoạt động.")}, code="body_inactive")
        cooperating[:] = [b for b in cooperating if b.pk != chosen.pk]  # in place: the audit row names this list
        due = due_date
        if due is None:
            # The first forwarding of a petition received on an earlier day counts from the day it was received.
            first = current.received_on is not None and not current.events.filter(kind=EventKind.FORWARDED).exists()
            start = current.received_on if first else today
            due = due_date_compute(topic=current.topic, body=chosen, several_bodies=bool(cooperating), start=start)
        elif due < today:
            raise ValidationError({"due_date": _("Hạn trả lời không thể ở quá khứ.")}, code="due_in_past")
        # A new nonce: the links of earlier forwardings stop working.
        return {"body": chosen, "due_date": due, "escalation_level": 0, "liaison_nonce": liaison_nonce_new()}

    petition, event = _transition(
        petition, "forward", to=S.FORWARDED, kind=EventKind.FORWARDED, actor=actor, prepare=prepare,
        audited=("body", "due_date"), changes={"cooperating_bodies": cooperating}, internal_note=note,
        with_body=True,
    )
    petition.cooperating_bodies.set(cooperating)
    notify_body_on_commit(event)
    return petition


@transaction.atomic
def petition_acknowledge(*, petition: Petition, note: str = "", actor) -> Petition:
    """The body confirms it has the petition and is handling it."""
    return _transition(
        petition, "acknowledge", to=S.IN_PROGRESS, kind=EventKind.ACKNOWLEDGED, actor=actor, internal_note=note,
        with_body=True,
    )[0]


@transaction.atomic
def petition_return(*, petition: Petition, reason: str, actor) -> Petition:
    """The body says it is not competent; the Front routes the petition again."""
    reason = _required_text(reason, "reason", _("Hãy ghi lý do trả lại (ví dụ: không thuộc thẩm quyền)."))
    return _transition(
        petition, "return", to=S.RETURNED, kind=EventKind.RETURNED, actor=actor, internal_note=reason,
        with_body=True, changes={"reason": reason},
    )[0]


@transaction.atomic
def petition_close(*, petition: Petition, note: str = "", actor) -> Petition:
    return _transition(petition, "close", to=S.CLOSED, kind=EventKind.CLOSED, actor=actor, internal_note=note)[0]


@transaction.atomic
def petition_reopen(*, petition: Petition, reason: str, actor) -> Petition:
    """The submitter is not satisfied with the answer: a new round (``reopen_count``) that is forwarded again."""
    reason = _required_text(reason, "reason", _("Hãy cho biết vì sao chưa đồng ý với trả lời."))
    petition, event = _transition(
        petition, "reopen", to=S.REOPENED, kind=EventKind.REOPENED, actor=actor, public_text=reason,
        prepare=lambda current: {"reopen_count": current.reopen_count + 1},
        audited=("reopen_count",), changes={"reason": reason},
        # A new answer round: its answer may be rated again (the earlier rating stays in the timeline and audit).
        rating=None, rating_comment="", rated_at=None,
    )
    notify_officers_of_reopen_on_commit(event)  # a new round for the Front to route
    return petition


@transaction.atomic
def petition_merge(*, petition: Petition, into: Petition, actor) -> Petition:
    """``petition`` duplicates ``into``: it stops here and its submitter is told of ``into``'s answer."""
    if petition.pk == into.pk:
        raise ValidationError(_("Không thể gộp một kiến nghị vào chính nó."), code="merge_self")

    def prepare(current: Petition) -> dict:
        target = _lock(into)
        if target.status == S.MERGED or (target.status_group == StatusGroup.DONE and target.status != S.CLOSED):
            raise ValidationError(
                _("Không thể gộp vào kiến nghị đang ở trạng thái “%(status)s”.")
                % {"status": target.get_status_display()},
                code="merge_target",
            )
        if target.confidential != current.confidential:
            raise ValidationError(_("Không thể gộp kiến nghị mật với kiến nghị thường."), code="merge_confidential")
        return {"merged_into": target}

    petition, _entry = _transition(
        petition, "merge", to=S.MERGED, kind=EventKind.MERGED, actor=actor, prepare=prepare,
        changes={"merged_into": into},
        public_text=_("Nội dung trùng với kiến nghị đang được theo dõi; ông/bà sẽ nhận được trả lời của kiến nghị đó."),
    )
    _event(
        petition.merged_into,
        kind=EventKind.DUPLICATE_ADDED,
        actor=actor,
        is_public=False,
        internal_note=petition.reference,  # never the duplicate's secret key: liaisons read these notes
    )
    return petition


@transaction.atomic
def petition_rate(*, petition: Petition, rating: int, comment: str = "", actor) -> Petition:
    """The submitter's satisfaction with the answer (1–5 and a comment), given on the tracking page; once per
    answer round. Not a status change."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Hãy chọn mức hài lòng từ 1 đến 5.")}, code="rating_range")
    petition = _lock(petition)
    _require(petition, "rate")
    if petition.rating is not None:
        raise ValidationError(
            _("Trả lời này đã được đánh giá; mỗi lần trả lời chỉ được đánh giá một lần."), code="already_rated"
        )
    petition.rating, petition.rating_comment, petition.rated_at = rating, (comment or "").strip(), timezone.now()
    petition.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    PetitionEvent.objects.create(
        petition=petition,
        kind=EventKind.RATED,
        is_public=True,
        public_text=_("Mức hài lòng: %(n)s/5") % {"n": rating},
        actor_label=_actor_label(actor),
    )
    audit_record(actor=actor, action="petition.rate", target=petition, changes={"rating": rating})
    return petition
