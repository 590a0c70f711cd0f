"""Programmes and supervision activities: planning, notice, self-report, working sessions, findings."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.files import pdf_sniff
from mattran.core.sequences import reference_allocate
from mattran.core.services import audit_record
from mattran.core.workflow import status_transition_apply
from mattran.organisations.models import Body, Organisation, Topic

from ..models import (
    ActivityDocument,
    ActivityEvent,
    ActivityEventKind,
    ActivityStatus,
    Programme,
    SupervisionActivity,
    SupervisionForm,
    SupervisionSettings,
    TopicSource,
    WorkingSession,
)

A = ActivityStatus
E = ActivityEventKind

ACTIVITY_TRANSITIONS = {
    "start": (A.PLANNED,),
    "finish": (A.UNDER_WAY,),
    "cancel": (A.PLANNED, A.UNDER_WAY),
}


MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def pdf_require(file) -> None:
    """Supervision files are kept as PDF only (decisions, minutes, evidence), at most 20 MB."""
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("Tệp quá lớn (tối đa 20 MB).")})
    if not pdf_sniff(file, complete=True):
        raise ValidationError({"file": _("Chỉ nhận tệp PDF.")})


def actor_label(actor) -> str:
    """The name a timeline shows for who did a step: the user's name, or the label given (e.g. a signed link)."""
    if getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return str(actor or "hệ thống")


def _locked(activity: SupervisionActivity) -> SupervisionActivity:
    """The activity as it is now, locked until the transaction ends: checks never run on a stale copy."""
    return SupervisionActivity.objects.select_for_update().get(pk=activity.pk)


def _event(activity, *, kind, actor, note="", from_status="", to_status=""):
    ActivityEvent.objects.create(
        activity=activity,
        kind=kind,
        note=note,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label(actor),
    )


@transaction.atomic
def programme_create(
    *,
    organisation: Organisation,
    year: int,
    title: str,
    actor,
    agreed_on: datetime.date | None = None,
    agreed_with: str = "",
    notes: str = "",
) -> Programme:
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Năm của chương trình phải từ 2000 đến 2100.")})
    if Programme.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError({"year": _("Ủy ban này đã có chương trình giám sát năm %(year)s.") % {"year": year}})
    title = (title or "").strip() or _("Chương trình giám sát năm %(year)s") % {"year": year}
    programme = Programme.objects.create(
        organisation=organisation, year=year, title=title, agreed_on=agreed_on, agreed_with=agreed_with, notes=notes
    )
    audit_record(actor=actor, action="programme.create", target=programme, changes={"year": [None, year]})
    return programme


@transaction.atomic
def programme_agree(*, programme: Programme, agreed_on: datetime.date, agreed_with: str, actor) -> Programme:
    """Record the date the programme was agreed with the party committee and the government."""
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": _("Ngày thống nhất không thể ở tương lai.")})
    old = {"agreed_on": programme.agreed_on, "agreed_with": programme.agreed_with}
    programme.agreed_on, programme.agreed_with = agreed_on, (agreed_with or "").strip()
    programme.save(update_fields=["agreed_on", "agreed_with", "updated_at"])
    audit_record(
        actor=actor,
        action="programme.agree",
        target=programme,
        changes={k: [old[k], getattr(programme, k)] for k in old},
    )
    return programme


@transaction.atomic
def activity_create(
    *,
    organisation: Organisation,
    form: str,
    title: str,
    actor,
    programme: Programme | None = None,
    topic: Topic | None = None,
    topic_source: str = TopicSource.PROGRAMME,
    topic_evidence: str = "",
    subjects: list[Body] = (),
    subject_office_holders: str = "",
    delegation_head: str = "",
    delegation_members: str = "",
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
) -> SupervisionActivity:
    """Plan a supervision (in a programme or on its own), e.g. pre-filled from a topic-picker candidate."""
    errors = {}
    if form not in SupervisionForm.values:
        errors["form"] = _("Hãy chọn hình thức giám sát.")
    if topic_source not in TopicSource.values:
        errors["topic_source"] = _("Hãy chọn nguồn của nội dung giám sát.")
    if not (title or "").strip():
        errors["title"] = _("Hãy nhập nội dung giám sát.")
    if programme is not None and programme.organisation_id != organisation.pk:
        errors["programme"] = _("Chương trình phải là của chính ủy ban chủ trì.")
    if planned_start and planned_end and planned_end < planned_start:
        errors["planned_end"] = _("Ngày kết thúc dự kiến không thể trước ngày bắt đầu.")
    if errors:
        raise ValidationError(errors)
    [reference] = reference_allocate(prefix="GS", digits=4, year=(planned_start or timezone.localdate()).year)
    activity = SupervisionActivity.objects.create(
        organisation=organisation,
        programme=programme,
        reference=reference,
        form=form,
        title=title.strip(),
        topic=topic,
        topic_source=topic_source,
        topic_evidence=(topic_evidence or "").strip(),
        subject_office_holders=(subject_office_holders or "").strip(),
        delegation_head=(delegation_head or "").strip(),
        delegation_members=(delegation_members or "").strip(),
        planned_start=planned_start,
        planned_end=planned_end,
    )
    if subjects:
        activity.subjects.set(subjects)
    _event(activity, kind=E.CREATED, actor=actor, to_status=A.PLANNED)
    audit_record(actor=actor, action="activity.create", target=activity, changes={"form": [None, form]})
    return activity


def notice_period_warning(activity: SupervisionActivity, sent_on: datetime.date) -> str:
    """A warning when the notice reaches the subject less than the minimum period (data) before the start."""
    if not activity.planned_start:
        return ""
    minimum = SupervisionSettings.load().notice_min_days
    days = (activity.planned_start - sent_on).days
    if days >= minimum:
        return ""
    return _(
        "Thông báo gửi trước ngày giám sát %(days)s ngày, ít hơn thời hạn tối thiểu %(minimum)s ngày."
    ) % {"days": days, "minimum": minimum}


@transaction.atomic
def activity_notice_send(*, activity: SupervisionActivity, sent_on: datetime.date, actor) -> str:
    """Record the notice sent to the subject; returns the short-notice warning (empty when the period is met)."""
    activity = _locked(activity)
    if activity.status != A.PLANNED:
        raise ValidationError(_("Chỉ gửi thông báo trước khi bắt đầu giám sát."))
    warning = notice_period_warning(activity, sent_on)
    activity.notice_sent_on = sent_on
    activity.save(update_fields=["notice_sent_on", "updated_at"])
    _event(activity, kind=E.NOTICE_SENT, actor=actor, note=warning)
    audit_record(actor=actor, action="activity.notice_send", target=activity, changes={"notice_sent_on": [None, sent_on]})
    return warning


@transaction.atomic
def activity_self_report_receive(*, activity: SupervisionActivity, received_on: datetime.date, actor):
    activity = _locked(activity)
    if activity.status not in (A.PLANNED, A.UNDER_WAY):
        raise ValidationError(_("Cuộc giám sát đã kết thúc."))
    activity.self_report_received_on = received_on
    activity.save(update_fields=["self_report_received_on", "updated_at"])
    _event(activity, kind=E.SELF_REPORT, actor=actor)
    audit_record(
        actor=actor, action="activity.self_report", target=activity, changes={"received_on": [None, received_on]}
    )
    return activity


def _activity_transition(activity, *, action, to, kind, actor, note="", **fields):
    current, old = status_transition_apply(
        activity, allowed=ACTIVITY_TRANSITIONS[action], to=to,
        refusal=_("Không thể thực hiện bước này khi cuộc giám sát đang ở tình trạng “%(status)s”."), **fields,
    )
    _event(current, kind=kind, actor=actor, note=note, from_status=old, to_status=to)
    audit_record(actor=actor, action=f"activity.{action}", target=current, changes={"status": [old, to]})
    return current


@transaction.atomic
def activity_start(*, activity: SupervisionActivity, actor, started_on: datetime.date | None = None):
    return _activity_transition(
        activity, action="start", to=A.UNDER_WAY, kind=E.STARTED, actor=actor,
        started_on=started_on or timezone.localdate(),
    )


@transaction.atomic
def activity_finish(
    *, activity: SupervisionActivity, findings_summary: str, actor, finished_on: datetime.date | None = None
):
    """End the supervision with its findings (the summary is what the public accountability page shows)."""
    findings_summary = (findings_summary or "").strip()
    if not findings_summary:
        raise ValidationError({"findings_summary": _("Hãy nhập tóm tắt kết quả giám sát.")})
    return _activity_transition(
        activity, action="finish", to=A.DONE, kind=E.FINISHED, actor=actor,
        findings_summary=findings_summary, finished_on=finished_on or timezone.localdate(),
    )


@transaction.atomic
def activity_cancel(*, activity: SupervisionActivity, reason: str, actor):
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Hãy ghi lý do không thực hiện.")})
    return _activity_transition(activity, action="cancel", to=A.NOT_DONE, kind=E.CANCELLED, actor=actor, note=reason)


@transaction.atomic
def activity_publish(*, activity: SupervisionActivity, actor):
    """Put the supervision's findings and recommendations on the public accountability page."""
    activity = _locked(activity)
    if activity.status != A.DONE:
        raise ValidationError(_("Chỉ công khai cuộc giám sát đã có báo cáo kết quả."))
    if activity.is_published:
        return activity
    activity.is_published = True
    activity.save(update_fields=["is_published", "updated_at"])
    _event(activity, kind=E.PUBLISHED, actor=actor)
    audit_record(actor=actor, action="activity.publish", target=activity, changes={"is_published": [False, True]})
    return activity


@transaction.atomic
def activity_session_add(
    *,
    activity: SupervisionActivity,
    held_on: datetime.date,
    actor,
    place: str = "",
    body: Body | None = None,
    participants: str = "",
    minutes: str = "",
) -> WorkingSession:
    activity = _locked(activity)
    if activity.status not in (A.PLANNED, A.UNDER_WAY):
        raise ValidationError(_("Cuộc giám sát đã kết thúc."))
    session = WorkingSession.objects.create(
        activity=activity, held_on=held_on, place=place, body=body, participants=participants, minutes=minutes
    )
    _event(activity, kind=E.SESSION, actor=actor, note=held_on.strftime("%d/%m/%Y"))
    audit_record(actor=actor, action="activity.session_add", target=activity, changes={"held_on": [None, held_on]})
    return session


@transaction.atomic
def activity_document_add(*, activity: SupervisionActivity, kind: str, title: str, file, actor) -> ActivityDocument:
    """Attach a PDF (decision, plan, notice, self-report, minutes, findings) to the supervision."""
    activity = _locked(activity)
    pdf_require(file)
    document = ActivityDocument.objects.create(
        activity=activity,
        kind=kind,
        title=(title or "").strip() or file.name,
        file=file,
        size=file.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _event(activity, kind=E.DOCUMENT, actor=actor, note=document.get_kind_display())
    audit_record(actor=actor, action="activity.document_add", target=activity, changes={"kind": [None, kind]})
    return document
