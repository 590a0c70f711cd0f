"""Every write to petitions: intake and one service per workflow step (DESIGN.md §3.2).

Each service is keyword-only, takes ``actor`` (a staff ``User``, or a text label for citizens, liaison links and
API clients), validates, runs in one transaction, appends a timeline entry and writes an audit row. The submitter
is told of every change to their petition after the transaction commits (``notifications``).

State machine::

    submitted → accepted | rejected | redirected
    accepted  → forwarded            (also from returned via accept, and from reopened)
    forwarded → in_progress | returned
    in_progress → answered | returned
    answered → answer_accepted | in_progress (sent back)        (the Front's review: ``review.py``)
    answer_accepted → informed → closed | reopened → forwarded
"""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from mattran.core.services import audit_record
from mattran.organisations.models import Body, Organisation, Topic
from mattran.organisations.selectors import routing_rule_find

from .attachments import attachment_clean, max_attachments
from .deadlines import add_working_days
from .models import (
    STATUS_GROUPS,
    EventKind,
    Petition,
    PetitionAttachment,
    PetitionChannel,
    PetitionEvent,
    PetitionKind,
    PetitionSettings,
    PetitionStatus,
    liaison_nonce_new,
    reference_allocate,
    tracking_code_new,
)
from .selectors import deadline_working_days, topic_contact_rule

S = PetitionStatus

# Which statuses each transition may start from: the whole state machine in one table.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "accept": (S.SUBMITTED, S.RETURNED),
    "reject": (S.SUBMITTED,),
    "redirect": (S.SUBMITTED, S.ACCEPTED),
    "forward": (S.ACCEPTED, S.REOPENED),
    "acknowledge": (S.FORWARDED,),
    "return": (S.FORWARDED, S.IN_PROGRESS),
    "answer": (S.IN_PROGRESS,),
    "answer_accept": (S.ANSWERED,),
    "answer_send_back": (S.ANSWERED,),
    "inform": (S.ANSWER_ACCEPTED,),
    "close": (S.INFORMED,),
    "reopen": (S.INFORMED, S.CLOSED),
    "merge": (S.SUBMITTED, S.ACCEPTED, S.RETURNED),
    "rate": (S.INFORMED, S.CLOSED),
}

ACTION_LABELS = {
    "accept": gettext_lazy("tiếp nhận"),
    "reject": gettext_lazy("không tiếp nhận"),
    "redirect": gettext_lazy("hướng dẫn theo thủ tục khác"),
    "forward": gettext_lazy("chuyển cơ quan"),
    "acknowledge": gettext_lazy("xác nhận đã nhận"),
    "return": gettext_lazy("trả lại"),
    "answer": gettext_lazy("trả lời"),
    "answer_accept": gettext_lazy("chấp nhận trả lời"),
    "answer_send_back": gettext_lazy("đề nghị cơ quan trả lời bổ sung"),
    "inform": gettext_lazy("thông tin lại"),
    "close": pgettext_lazy("thao tác", "kết thúc"),
    "reopen": gettext_lazy("mở lại"),
    "merge": gettext_lazy("gộp"),
    "rate": gettext_lazy("đánh giá"),
}


def transition_allowed(petition: Petition, action: str) -> bool:
    return petition.status in TRANSITIONS[action]


def allowed_actions(petition: Petition) -> list[str]:
    return [action for action, sources in TRANSITIONS.items() if petition.status in sources]


def _require(petition: Petition, action: str) -> None:
    if not transition_allowed(petition, action):
        raise ValidationError(
            _("Không thể %(action)s khi kiến nghị đang ở trạng thái “%(status)s”.")
            % {"action": str(ACTION_LABELS[action]), "status": petition.get_status_display()},
            code="illegal_transition",
        )


def _actor_label(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return str(actor)[:255]
    return str(actor or "system")[:255]


def _actor_user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _lock(petition: Petition) -> Petition:
    """Re-read the row under a lock so two officers cannot apply conflicting transitions at once."""
    return Petition.objects.select_for_update().get(pk=petition.pk)


def _event(
    petition: Petition,
    *,
    kind: str,
    actor,
    from_status: str = "",
    public_text: str = "",
    internal_note: str = "",
    is_public: bool = True,
    body: Body | None = None,
) -> PetitionEvent:
    event = PetitionEvent.objects.create(
        petition=petition,
        kind=kind,
        from_status=from_status,
        to_status=petition.status if from_status else "",
        is_public=is_public,
        public_text=public_text,
        internal_note=internal_note,
        body=body,
        actor=_actor_user(actor),
        actor_label=_actor_label(actor),
    )
    if is_public:
        from .notifications import notify_submitter_on_commit

        notify_submitter_on_commit(event)
    return event


def _set_status(petition: Petition, status: str) -> str:
    old = petition.status
    petition.status = status
    petition.status_group = STATUS_GROUPS[status]
    petition.status_changed_at = timezone.now()
    return old


def _save(petition: Petition, *fields: str) -> None:
    petition.save(update_fields=["status", "status_group", "status_changed_at", "updated_at", *fields])


def _required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message}, code="required")
    return value


# --- intake -------------------------------------------------------------------------------------------------


def confidential_officers_for(organisation: Organisation):
    """Who may see a confidential petition by default (``confidential.confidential_readers_for``)."""
    from .confidential import confidential_readers_for

    return confidential_readers_for(organisation=organisation).users


def _confidential_readers_set(petition: Petition, *, extra: Iterable = (), actor) -> None:
    """Name the default readers (plus ``extra``) on a confidential petition; when only the fallback role (or
    nobody) could be named, the superusers are alerted and the fallback is audited."""
    from .confidential import confidential_readers_for, notify_confidential_fallback_on_commit

    readers = confidential_readers_for(organisation=petition.organisation)
    named = {*readers.users, *extra}
    if _actor_user(actor):
        named.add(actor)
    petition.allowed_officers.set(named)
    if readers.fallback:
        audit_record(
            actor=actor,
            action="petition.confidential_fallback",
            target=petition,
            changes={"readers": sorted(u.get_username() for u in named), "role": readers.role},
        )
        notify_confidential_fallback_on_commit(petition, readers=len(named))


@transaction.atomic
def petition_submit(
    *,
    channel: str,
    kind: str,
    topic: Topic,
    title: str,
    content: str,
    organisation: Organisation,
    address: str = "",
    submitter_name: str = "",
    submitter_phone: str = "",
    submitter_email: str = "",
    submitter_address: str = "",
    show_name_publicly: bool = False,
    publish_consent: bool = False,
    confidential: bool = False,
    language: str = "vi",
    attachments: Sequence = (),
    keep_location: bool = False,
    idempotency_key: str | None = None,
    external_reference: str = "",
    latitude=None,
    longitude=None,
    submitted_at: datetime.datetime | None = None,
    actor,
) -> Petition:
    """Create a petition from any channel (web form, staff intake, XLSX import, Open311 POST).

    ``idempotency_key``: a one-time token from the form (or the API client); submitting twice with the same key
    returns the first petition (with ``petition.was_duplicate = True``) and creates nothing.
    ``actor``: the staff user for staff intake, else a label such as ``"công dân (web)"`` or ``"open311:<client>"``.
    Raises ValidationError (per field) on bad input; nothing is written then.
    """
    if idempotency_key:
        existing = Petition.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            existing.was_duplicate = True
            return existing
    errors = {}
    if channel not in PetitionChannel.values:
        errors["channel"] = _("Kênh tiếp nhận không hợp lệ.")
    if kind not in PetitionKind.values:
        errors["kind"] = _("Loại ý kiến không hợp lệ.")
    if not topic or not topic.is_active:
        errors["topic"] = _("Hãy chọn một lĩnh vực đang dùng.")
    if len(attachments) > max_attachments():
        errors["attachments"] = _("Chỉ được đính kèm tối đa %(n)s tệp.") % {"n": max_attachments()}
    if channel == PetitionChannel.EXTERNAL and not (external_reference or "").strip():
        errors["external_reference"] = _("Hãy ghi số tham chiếu của hệ thống đã chuyển đến.")
    if organisation is not None and not organisation.is_active_on(timezone.localdate()):
        errors["organisation"] = _("Tổ chức này không còn hoạt động; hãy chọn đơn vị kế thừa.")
    # The topic's intake rule binds every channel (web form, staff intake, XLSX import, Open311).
    contact_rule = topic_contact_rule(topic=topic) if isinstance(topic, Topic) else None
    if contact_rule is not None and not ((submitter_phone or "").strip() or (submitter_email or "").strip()):
        errors["submitter_phone"] = contact_rule.note or _(
            "Lĩnh vực này cần số điện thoại hoặc thư điện tử để cơ quan liên hệ lại."
        )
    if errors:
        raise ValidationError(errors)
    cleaned_files = [attachment_clean(f, keep_location=keep_location) for f in attachments]

    petition = Petition(
        tracking_code=tracking_code_new(),
        idempotency_key=idempotency_key or None,
        channel=channel,
        kind=kind,
        topic=topic,
        title=(title or "").strip(),
        content=(content or "").strip(),
        organisation=organisation,
        address=(address or "").strip(),
        submitter_name=(submitter_name or "").strip(),
        submitter_phone=(submitter_phone or "").strip(),
        submitter_email=(submitter_email or "").strip(),
        submitter_address=(submitter_address or "").strip(),
        show_name_publicly=show_name_publicly,
        publish_consent=publish_consent and not confidential,
        confidential=confidential,
        language=language if language in ("vi", "en") else "vi",
        external_reference=(external_reference or "").strip(),
        latitude=latitude,
        longitude=longitude,
        received_by=_actor_user(actor),
        status=S.SUBMITTED,
        status_group=STATUS_GROUPS[S.SUBMITTED],
    )
    petition.full_clean(exclude=["reference", "tracking_code", "idempotency_key", "answer_document"])
    # Allocated last, just before the save: the year's sequence row stays locked until this transaction ends.
    year = timezone.localtime(submitted_at).year if submitted_at is not None else None
    petition.reference = reference_allocate(year=year)[0]
    try:
        with transaction.atomic():
            petition.save()
    except IntegrityError:
        # The same one-time key arrived twice at once: the other request won; hand back its petition.
        if idempotency_key:
            existing = Petition.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                existing.was_duplicate = True
                return existing
        petition.tracking_code = tracking_code_new()
        petition.save()
    if submitted_at is not None:
        # Received on an earlier day (a meeting, the post, a spreadsheet): the first due date counts from it.
        received_on = timezone.localtime(submitted_at).date()
        received_on = received_on if received_on < timezone.localdate() else None
        Petition.objects.filter(pk=petition.pk).update(
            created_at=submitted_at, status_changed_at=submitted_at, received_on=received_on
        )
        petition.created_at = petition.status_changed_at = submitted_at
        petition.received_on = received_on
    for clean in cleaned_files:
        PetitionAttachment.objects.create(
            petition=petition,
            file=clean.content,
            original_name=clean.original_name,
            content_type=clean.content_type,
            size=clean.size,
            location_kept=clean.location_kept,
        )
    if confidential:
        _confidential_readers_set(petition, actor=actor)
    event = _event(petition, kind=EventKind.SUBMITTED, actor=actor)
    if submitted_at is not None:
        PetitionEvent.objects.filter(pk=event.pk).update(created_at=submitted_at)
    audit_record(
        actor=actor,
        action="petition.submit",
        target=petition,
        changes={"channel": channel, "kind": kind, "organisation": organisation, "attachments": len(cleaned_files)},
    )
    petition.was_duplicate = False
    return petition


# --- transitions ----------------------------------------------------------------------------------------------


@transaction.atomic
def petition_accept(*, petition: Petition, note: str = "", actor) -> Petition:
    """Take the petition in (also after a body returned it as not theirs, to route it again)."""
    petition = _lock(petition)
    _require(petition, "accept")
    old = _set_status(petition, S.ACCEPTED)
    _save(petition)
    _event(petition, kind=EventKind.ACCEPTED, actor=actor, from_status=old, internal_note=note)
    audit_record(actor=actor, action="petition.accept", target=petition, changes={"status": [old, petition.status]})
    return petition


@transaction.atomic
def petition_reject(*, petition: Petition, reason: str, actor) -> Petition:
    """Not taken in (e.g. no content, insulting, already answered); the reason is shown to the citizen."""
    reason = _required_text(reason, "reason", _("Hãy ghi lý do không tiếp nhận để thông báo cho người gửi."))
    petition = _lock(petition)
    _require(petition, "reject")
    old = _set_status(petition, S.REJECTED)
    _save(petition)
    _event(petition, kind=EventKind.REJECTED, actor=actor, from_status=old, public_text=reason)
    audit_record(
        actor=actor, action="petition.reject", target=petition, changes={"status": [old, S.REJECTED], "reason": reason}
    )
    return petition


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
    petition = _lock(petition)
    _require(petition, "redirect")
    explanation = (explanation or "").strip() or redirect_default_explanation(petition)
    old = _set_status(petition, S.REDIRECTED)
    _save(petition)
    _event(petition, kind=EventKind.REDIRECTED, actor=actor, from_status=old, public_text=explanation)
    audit_record(
        actor=actor,
        action="petition.redirect",
        target=petition,
        changes={"status": [old, S.REDIRECTED], "explanation": explanation},
    )
    return petition


def due_date_compute(
    *, topic: Topic, body: Body, several_bodies: bool, start: datetime.date | None = None
) -> datetime.date:
    """The due date from the deadline rules (data) counted in Vietnamese working days from ``start``."""
    days = deadline_working_days(topic=topic, body=body, several_bodies=several_bodies)
    return add_working_days(start or timezone.localdate(), days)


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
    petition = _lock(petition)
    _require(petition, "forward")
    today = timezone.localdate()
    if body is None:
        body = routing_rule_find(organisation=petition.organisation, topic=petition.topic, on=today)
        if body is None:
            raise ValidationError(
                {"body": _("Chưa có quy tắc chuyển cho lĩnh vực này; hãy chọn cơ quan có thẩm quyền.")},
                code="no_routing_rule",
            )
    if not body.is_active_on(today):
        raise ValidationError({"body": _("Cơ quan này không còn hoạt động.")}, code="body_inactive")
    cooperating = [b for b in cooperating_bodies if b.pk != body.pk]
    if due_date is None:
        # The first forwarding of a petition received on an earlier day counts from the day it was received.
        first = petition.received_on is not None and not petition.events.filter(kind=EventKind.FORWARDED).exists()
        start = petition.received_on if first else today
        due_date = due_date_compute(topic=petition.topic, body=body, several_bodies=bool(cooperating), start=start)
    elif due_date < today:
        raise ValidationError({"due_date": _("Hạn trả lời không thể ở quá khứ.")}, code="due_in_past")
    old_body, old_due = petition.body, petition.due_date
    old = _set_status(petition, S.FORWARDED)
    petition.body, petition.due_date, petition.escalation_level = body, due_date, 0
    petition.liaison_nonce = liaison_nonce_new()  # links of earlier forwardings stop working
    _save(petition, "body", "due_date", "escalation_level", "liaison_nonce")
    petition.cooperating_bodies.set(cooperating)
    event = _event(petition, kind=EventKind.FORWARDED, actor=actor, from_status=old, internal_note=note, body=body)
    audit_record(
        actor=actor,
        action="petition.forward",
        target=petition,
        changes={
            "status": [old, S.FORWARDED],
            "body": [old_body, body],
            "due_date": [old_due, due_date],
            "cooperating_bodies": cooperating,
        },
    )
    from .notifications import notify_body_on_commit

    notify_body_on_commit(event)
    return petition


@transaction.atomic
def petition_acknowledge(*, petition: Petition, note: str = "", actor) -> Petition:
    """The body confirms it has the petition and is handling it."""
    petition = _lock(petition)
    _require(petition, "acknowledge")
    old = _set_status(petition, S.IN_PROGRESS)
    _save(petition)
    _event(petition, kind=EventKind.ACKNOWLEDGED, actor=actor, from_status=old, internal_note=note, body=petition.body)
    audit_record(actor=actor, action="petition.acknowledge", target=petition, changes={"status": [old, S.IN_PROGRESS]})
    return petition


@transaction.atomic
def petition_return(*, petition: Petition, reason: str, actor) -> Petition:
    """The body says it is not competent; the Front routes the petition again."""
    reason = _required_text(reason, "reason", _("Hãy ghi lý do trả lại (ví dụ: không thuộc thẩm quyền)."))
    petition = _lock(petition)
    _require(petition, "return")
    body = petition.body
    old = _set_status(petition, S.RETURNED)
    _save(petition)
    _event(petition, kind=EventKind.RETURNED, actor=actor, from_status=old, internal_note=reason, body=body)
    audit_record(
        actor=actor, action="petition.return", target=petition, changes={"status": [old, S.RETURNED], "reason": reason}
    )
    return petition


@transaction.atomic
def petition_close(*, petition: Petition, note: str = "", actor) -> Petition:
    petition = _lock(petition)
    _require(petition, "close")
    old = _set_status(petition, S.CLOSED)
    _save(petition)
    _event(petition, kind=EventKind.CLOSED, actor=actor, from_status=old, internal_note=note)
    audit_record(actor=actor, action="petition.close", target=petition, changes={"status": [old, S.CLOSED]})
    return petition


@transaction.atomic
def petition_reopen(*, petition: Petition, reason: str, actor) -> Petition:
    """The submitter is not satisfied with the answer: a new round (``reopen_count``) that is forwarded again."""
    reason = _required_text(reason, "reason", _("Hãy cho biết vì sao chưa đồng ý với trả lời."))
    petition = _lock(petition)
    _require(petition, "reopen")
    old = _set_status(petition, S.REOPENED)
    petition.reopen_count += 1
    # A new answer round: its answer may be rated again (the earlier rating stays in the timeline and audit).
    petition.rating, petition.rating_comment, petition.rated_at = None, "", None
    _save(petition, "reopen_count", "rating", "rating_comment", "rated_at")
    event = _event(petition, kind=EventKind.REOPENED, actor=actor, from_status=old, public_text=reason)
    audit_record(
        actor=actor,
        action="petition.reopen",
        target=petition,
        changes={"status": [old, S.REOPENED], "round": petition.reopen_count, "reason": reason},
    )
    from .notifications import notify_officers_of_reopen_on_commit

    notify_officers_of_reopen_on_commit(event)  # a new round for the Front to route
    return petition


@transaction.atomic
def petition_merge(*, petition: Petition, into: Petition, actor) -> Petition:
    """``petition`` duplicates ``into``: it stops here and its submitter is told of ``into``'s answer."""
    if petition.pk == into.pk:
        raise ValidationError(_("Không thể gộp một kiến nghị vào chính nó."), code="merge_self")
    petition = _lock(petition)
    into = _lock(into)
    _require(petition, "merge")
    if into.status == S.MERGED or (into.status_group == "done" and into.status != S.CLOSED):
        raise ValidationError(
            _("Không thể gộp vào kiến nghị đang ở trạng thái “%(status)s”.") % {"status": into.get_status_display()},
            code="merge_target",
        )
    if into.confidential != petition.confidential:
        raise ValidationError(_("Không thể gộp kiến nghị mật với kiến nghị thường."), code="merge_confidential")
    old = _set_status(petition, S.MERGED)
    petition.merged_into = into
    _save(petition, "merged_into")
    _event(
        petition,
        kind=EventKind.MERGED,
        actor=actor,
        from_status=old,
        public_text=_("Nội dung trùng với kiến nghị đang được theo dõi; ông/bà sẽ nhận được trả lời của kiến nghị đó."),
    )
    _event(
        into,
        kind=EventKind.DUPLICATE_ADDED,
        actor=actor,
        is_public=False,
        internal_note=petition.reference,  # never the duplicate's secret key: liaisons read these notes
    )
    audit_record(actor=actor, action="petition.merge", target=petition, changes={"merged_into": into})
    return petition


@transaction.atomic
def petition_rate(*, petition: Petition, rating: int, comment: str = "", actor) -> Petition:
    """The submitter's satisfaction with the answer (1–5 and a comment), given on the tracking page."""
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


@transaction.atomic
def petition_confidential_set(
    *, petition: Petition, confidential: bool, officers: Iterable = (), actor
) -> Petition:
    """Mark a petition as about the conduct of officials (or not) and name the officers who may see it."""
    petition = _lock(petition)
    officers = list(officers)
    petition.confidential = confidential
    if confidential:
        petition.publish_consent = False
        _confidential_readers_set(petition, extra=officers, actor=actor)
    else:
        petition.allowed_officers.clear()
    petition.save(update_fields=["confidential", "publish_consent", "updated_at"])
    PetitionEvent.objects.create(
        petition=petition,
        kind=EventKind.CONFIDENTIAL,
        is_public=False,
        actor=_actor_user(actor),
        actor_label=_actor_label(actor),
    )
    audit_record(
        actor=actor,
        action="petition.confidential_set",
        target=petition,
        changes={"confidential": confidential, "officers": officers},
    )
    return petition


@transaction.atomic
def petition_confidential_readers_refresh(*, petition: Petition, actor) -> Petition:
    """Name the current default readers on a confidential petition that nobody can read (e.g. after the
    committee got a leader): ``manage.py petitions_check_confidential --fix``."""
    petition = _lock(petition)
    if not petition.confidential:
        raise ValidationError(_("Kiến nghị này không ở chế độ mật."), code="not_confidential")
    before = sorted(u.get_username() for u in petition.allowed_officers.all())
    _confidential_readers_set(petition, extra=petition.allowed_officers.filter(is_active=True), actor=actor)
    audit_record(
        actor=actor,
        action="petition.confidential_readers_refresh",
        target=petition,
        changes={"readers": [before, sorted(u.get_username() for u in petition.allowed_officers.all())]},
    )
    return petition


@transaction.atomic
def petition_personal_data_view(*, petition: Petition, actor, reason: str = "") -> None:
    """Every staff read of a petition's personal data leaves an audit row (called from POST views only, so a
    link or an image tag cannot write to the audit log)."""
    audit_record(actor=actor, action="petition.view_personal_data", target=petition, changes={"reason": reason})


@transaction.atomic
def petition_liaison_link_resend(*, petition: Petition, actor) -> PetitionEvent:
    """Email the body a fresh signed link (e.g. when the first one expired) for the current forwarding."""
    petition = _lock(petition)
    if petition.status not in (S.FORWARDED, S.IN_PROGRESS):
        raise ValidationError(
            _("Chỉ gửi lại đường dẫn khi kiến nghị đang chờ cơ quan trả lời."), code="illegal_transition"
        )
    forward = petition.events.filter(kind=EventKind.FORWARDED).order_by("-created_at", "-id").first()
    petition.liaison_nonce = liaison_nonce_new()  # the links sent before stop working
    petition.save(update_fields=["liaison_nonce", "updated_at"])
    PetitionEvent.objects.create(
        petition=petition,
        kind=EventKind.REMINDED,
        is_public=False,
        internal_note=_("Gửi lại đường dẫn trả lời cho cơ quan."),
        body=petition.body,
        actor=_actor_user(actor),
        actor_label=_actor_label(actor),
    )
    audit_record(actor=actor, action="petition.liaison_link_resend", target=petition, changes={"body": petition.body})
    from .notifications import notify_body_on_commit

    notify_body_on_commit(forward)
    return forward


# --- deadlines: reminders and escalation ---------------------------------------------------------------------


@transaction.atomic
def petition_remind(*, petition: Petition, level: int, actor="petitions_daily") -> PetitionEvent:
    """Record a reminder (level 1: the body's liaison before the due date; 2: the officer on the due date;
    3: the committee one level up after the grace period). The email goes out after commit."""
    petition = _lock(petition)
    kind = EventKind.REMINDED if level == 1 else EventKind.ESCALATED
    petition.escalation_level = level
    petition.save(update_fields=["escalation_level", "updated_at"])
    event = PetitionEvent.objects.create(
        petition=petition,
        kind=kind,
        is_public=False,
        internal_note=str(level),
        body=petition.body,
        actor_label=_actor_label(actor),
    )
    audit_record(actor=actor, action="petition.remind", target=petition, changes={"level": level})
    from .notifications import notify_deadline_on_commit

    notify_deadline_on_commit(event, level=level)
    return event


def petition_settings() -> PetitionSettings:
    return PetitionSettings.load()


def petitions_daily_run(*, today: datetime.date | None = None, actor="petitions_daily") -> dict[str, int]:
    """The daily deadline pass: remind, escalate; each petition at most once per level and round."""
    from .deadlines import working_days_between
    from .selectors import petition_list_deadline_candidates

    today = today or timezone.localdate()
    config = petition_settings()
    counts = {"reminded": 0, "escalated_officer": 0, "escalated_up": 0}
    for petition in petition_list_deadline_candidates():
        days_left = working_days_between(today, petition.due_date)
        if petition.due_date < today:
            late = working_days_between(petition.due_date, today)
            if late >= config.escalation_grace_working_days and petition.escalation_level < 3:
                petition_remind(petition=petition, level=3, actor=actor)
                counts["escalated_up"] += 1
                continue
        if petition.due_date <= today and petition.escalation_level < 2:
            petition_remind(petition=petition, level=2, actor=actor)
            counts["escalated_officer"] += 1
        elif 0 < days_left <= config.remind_before_working_days and petition.escalation_level < 1:
            petition_remind(petition=petition, level=1, actor=actor)
            counts["reminded"] += 1
    return counts


# --- bulk intake ---------------------------------------------------------------------------------------------


@transaction.atomic
def petition_import_xlsx(*, file, organisation: Organisation, actor) -> list[Petition]:
    """Import every row of the XLSX template, or none: any bad row raises ValidationError listing each row's
    problems ("Dòng 4: thiếu “Tiêu đề”…") and the whole import is rolled back."""
    from .imports import import_rows_parse

    rows, errors = import_rows_parse(file, default_organisation=organisation)
    created = []
    for row in rows:
        number = row.pop("row")
        try:
            with transaction.atomic():
                created.append(petition_submit(**row, actor=actor))
        except ValidationError as exc:
            messages = "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()
            ) if hasattr(exc, "error_dict") else " ".join(exc.messages)
            errors.append(_("Dòng %(n)s: %(problems)s.") % {"n": number, "problems": messages})
    if errors:
        raise ValidationError(errors, code="import_rows")
    audit_record(
        actor=actor, action="petition.import_xlsx", target=organisation, changes={"rows": len(created)}
    )
    return created


# The answer and the Front's review of it live in review.py; they are part of this module's interface.
from .review import answer_accept, answer_send_back, petition_answer, petition_inform  # noqa: E402

# Daily triage (notes, chasing the body, assignment) lives in triage.py; also part of this module's interface.
from .triage import petition_assign, petition_chase, petition_note_add  # noqa: E402

__all__ = [
    "answer_accept", "answer_send_back", "petition_answer", "petition_inform",
    "petition_assign", "petition_chase", "petition_note_add",
]
