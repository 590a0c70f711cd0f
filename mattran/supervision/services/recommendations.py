"""Recommendations after supervision: one service per step of the state machine in docs/domain.md.

drafted → issued → acknowledged → responded → in_implementation → implemented;
responded → not_accepted → escalated | closed; issued/acknowledged past the response due date → escalated.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.sequences import reference_allocate
from mattran.core.services import audit_record
from mattran.core.workflow import status_transition_apply
from mattran.organisations.models import Body, Organisation

from ..models import (
    AWAITING_RESPONSE,
    Milestone,
    Recommendation,
    RecommendationEvent,
    RecommendationEventKind,
    RecommendationStatus,
    ResponseKind,
    SupervisionActivity,
    SupervisionSettings,
    liaison_nonce_new,
)
from ..notifications import notify_addressee_on_commit
from .activities import actor_label as _label

S = RecommendationStatus
K = RecommendationEventKind

# Which statuses each step may start from: the one place the state machine's arrows are written.
TRANSITIONS = {
    "issue": (S.DRAFTED,),
    "acknowledge": (S.ISSUED,),
    "respond": (S.ISSUED, S.ACKNOWLEDGED, S.ESCALATED),
    "milestone": (S.RESPONDED, S.IN_IMPLEMENTATION),
    "implemented": (S.RESPONDED, S.IN_IMPLEMENTATION),
    "not_accepted": (S.RESPONDED,),
    "escalate": (S.ISSUED, S.ACKNOWLEDGED, S.NOT_ACCEPTED),
    "close": (S.NOT_ACCEPTED, S.ESCALATED, S.IMPLEMENTED),
}


def recommendation_can(recommendation: Recommendation, action: str) -> bool:
    return recommendation.status in TRANSITIONS[action]


def _locked(recommendation: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update().get(pk=recommendation.pk)


def _transition(
    recommendation: Recommendation,
    *,
    action: str,
    to: str,
    kind: str,
    actor,
    note: str = "",
    is_public: bool = True,
    **fields,
) -> Recommendation:
    """Lock, check the arrow, write the new status and fields, add the timeline entry and the audit row."""
    current, old = status_transition_apply(
        recommendation, allowed=TRANSITIONS[action], to=to,
        refusal=_("Không thể thực hiện bước này khi kiến nghị đang ở tình trạng “%(status)s”."), **fields,
    )
    RecommendationEvent.objects.create(
        recommendation=current,
        kind=kind,
        from_status=old,
        to_status=to,
        note=note,
        is_public=is_public,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor),
    )
    audit_record(
        actor=actor,
        action=f"recommendation.{action}",
        target=current,
        # The link nonce is a secret of the body's link: never copied into the audit log.
        changes={"status": [old, to], **{k: [None, v] for k, v in fields.items() if k != "liaison_nonce"}},
    )
    return current


@transaction.atomic
def recommendation_draft(
    *,
    activity: SupervisionActivity,
    addressee: Body,
    text: str,
    legal_basis: str = "",
    parent: Recommendation | None = None,
    actor,
) -> Recommendation:
    """Write a recommendation of a supervision, optionally as a part (child) of another one."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Hãy nhập nội dung kiến nghị.")})
    if parent is not None and parent.activity_id != activity.pk:
        raise ValidationError({"parent": _("Kiến nghị cha phải thuộc cùng cuộc giám sát.")})
    if parent is not None and parent.parent_id is not None:
        raise ValidationError({"parent": _("Chỉ chia kiến nghị thành một cấp (kiến nghị con không có con).")})
    [reference] = reference_allocate(prefix="KNGS", digits=4)
    recommendation = Recommendation.objects.create(
        activity=activity,
        organisation=activity.organisation,
        parent=parent,
        reference=reference,
        addressee=addressee,
        text=text,
        legal_basis=(legal_basis or "").strip(),
    )
    RecommendationEvent.objects.create(
        recommendation=recommendation, kind=K.DRAFTED, to_status=S.DRAFTED, is_public=False, actor_label=_label(actor),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, action="recommendation.draft", target=recommendation, changes={"text": [None, text]})
    return recommendation


@transaction.atomic
def recommendation_issue(
    *, recommendation: Recommendation, actor, issued_on: datetime.date | None = None, response_due=None
) -> Recommendation:
    """Send the recommendation to its addressee; the written response is due after the limit in the settings
    (data, default 20 days) unless a due date is given. The body gets an email with a new signed link."""
    issued_on = issued_on or timezone.localdate()
    limit = SupervisionSettings.load().response_limit_days
    response_due = response_due or issued_on + datetime.timedelta(days=limit)
    if response_due < issued_on:
        raise ValidationError({"response_due": _("Hạn trả lời không thể trước ngày gửi kiến nghị.")})
    issued = _transition(
        recommendation,
        action="issue",
        to=S.ISSUED,
        kind=K.ISSUED,
        actor=actor,
        note=_("Hạn trả lời bằng văn bản: %(due)s") % {"due": response_due.strftime("%d/%m/%Y")},
        issued_on=issued_on,
        response_due=response_due,
        liaison_nonce=liaison_nonce_new(),  # links of any earlier issue stop working
    )
    notify_addressee_on_commit(issued)
    return issued


@transaction.atomic
def recommendation_acknowledge(*, recommendation: Recommendation, actor) -> Recommendation:
    return _transition(recommendation, action="acknowledge", to=S.ACKNOWLEDGED, kind=K.ACKNOWLEDGED, actor=actor)


@transaction.atomic
def recommendation_respond(
    *,
    recommendation: Recommendation,
    response_kind: str,
    text: str,
    actor,
    responded_on: datetime.date | None = None,
    implementation_due: datetime.date | None = None,
) -> Recommendation:
    """The body's written response: accepted, partly accepted, or not accepted with its reason."""
    if response_kind not in ResponseKind.values:
        raise ValidationError({"response_kind": _("Hãy chọn ý kiến của cơ quan.")})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Hãy nhập nội dung văn bản trả lời.")})
    responded_on = responded_on or timezone.localdate()
    if responded_on > timezone.localdate():
        raise ValidationError({"responded_on": _("Ngày trả lời không thể ở tương lai.")})
    return _transition(
        recommendation,
        action="respond",
        to=S.RESPONDED,
        kind=K.RESPONDED,
        actor=actor,
        note=ResponseKind(response_kind).label,
        response_kind=response_kind,
        response_text=text,
        responded_on=responded_on,
        implementation_due=implementation_due,
    )


@transaction.atomic
def recommendation_milestone_report(
    *,
    recommendation: Recommendation,
    reached_on: datetime.date,
    description: str,
    progress: int,
    actor,
    evidence=None,
) -> Milestone:
    """A dated step of implementation with the progress it reaches; the first one starts implementation."""
    current = _locked(recommendation)
    if current.status not in TRANSITIONS["milestone"]:
        raise ValidationError(
            _("Chỉ báo cáo tiến độ sau khi cơ quan đã trả lời và chưa thực hiện xong."), code="illegal_transition"
        )
    if current.response_kind == ResponseKind.NOT_ACCEPTED:
        raise ValidationError(_("Cơ quan không tiếp thu kiến nghị này nên không có tiến độ thực hiện."))
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Hãy nhập nội dung đã thực hiện.")})
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Tiến độ là một số từ 0 đến 100.")})
    if progress < current.progress:
        raise ValidationError(
            {"progress": _("Tiến độ không thể thấp hơn lần báo cáo trước (%(last)s%%).") % {"last": current.progress}}
        )
    if reached_on > timezone.localdate():
        raise ValidationError({"reached_on": _("Ngày của mốc thực hiện không thể ở tương lai.")})
    milestone = Milestone.objects.create(
        recommendation=current,
        reached_on=reached_on,
        description=description,
        progress=progress,
        evidence=evidence or "",
        reported_by_label=_label(actor),
    )
    to = S.IN_IMPLEMENTATION
    kind = K.IMPLEMENTATION_STARTED if current.status == S.RESPONDED else K.MILESTONE
    _transition(
        current,
        action="milestone",
        to=to,
        kind=kind,
        actor=actor,
        note=f"{progress}% · {description}",
        progress=progress,
    )
    return milestone


@transaction.atomic
def recommendation_mark_implemented(
    *, recommendation: Recommendation, actor, implemented_on: datetime.date | None = None
) -> Recommendation:
    """The Front confirms the recommendation has been carried out."""
    if recommendation.response_kind == ResponseKind.NOT_ACCEPTED:
        raise ValidationError(_("Cơ quan không tiếp thu kiến nghị này: hãy ghi nhận không tiếp thu."))
    return _transition(
        recommendation,
        action="implemented",
        to=S.IMPLEMENTED,
        kind=K.IMPLEMENTED,
        actor=actor,
        implemented_on=implemented_on or timezone.localdate(),
        progress=100,
    )


@transaction.atomic
def recommendation_record_not_accepted(*, recommendation: Recommendation, actor, note: str = "") -> Recommendation:
    """The Front records that the body does not accept (or does not carry out) the recommendation."""
    return _transition(
        recommendation, action="not_accepted", to=S.NOT_ACCEPTED, kind=K.NOT_ACCEPTED, actor=actor, note=note
    )


def escalation_target(organisation: Organisation) -> Organisation | None:
    """The committee one level up: the nearest active ancestor."""
    parent = organisation.parent
    today = timezone.localdate()
    while parent is not None and not parent.is_active_on(today):
        parent = parent.parent
    return parent


@transaction.atomic
def recommendation_escalate(
    *, recommendation: Recommendation, actor, note: str = "", escalated_on: datetime.date | None = None
) -> Recommendation:
    """Report the recommendation to the committee one level up (no written answer in time, or not accepted)."""
    target = escalation_target(recommendation.organisation)
    if target is None:
        raise ValidationError(_("Ủy ban này không có ủy ban cấp trên để báo cáo."))
    return _transition(
        recommendation,
        action="escalate",
        to=S.ESCALATED,
        kind=K.ESCALATED,
        actor=actor,
        note=note or _("Báo cáo %(target)s") % {"target": target.name},
        escalated_to=target,
        escalated_on=escalated_on or timezone.localdate(),
    )


@transaction.atomic
def recommendation_close(*, recommendation: Recommendation, actor, note: str = "") -> Recommendation:
    return _transition(recommendation, action="close", to=S.CLOSED, kind=K.CLOSED, actor=actor, note=note)


def recommendations_escalate_overdue(*, today: datetime.date | None = None) -> list[Recommendation]:
    """The daily task: every recommendation still without a written response after its due date is escalated
    (each in its own transaction, so one failure does not stop the rest)."""
    today = today or timezone.localdate()
    escalated = []
    for recommendation in Recommendation.objects.overdue(today).filter(status__in=AWAITING_RESPONSE):
        try:
            escalated.append(
                recommendation_escalate(
                    recommendation=recommendation,
                    actor="hệ thống (nhắc hạn hằng ngày)",
                    note=_("Quá hạn trả lời bằng văn bản (hạn %(due)s).")
                    % {"due": recommendation.response_due.strftime("%d/%m/%Y")},
                    escalated_on=today,
                )
            )
        except ValidationError:
            continue  # no committee above: stays overdue and listed on the dashboard
    return escalated
