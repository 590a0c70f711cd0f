"""Planning a meeting, holding it, its minutes, closing or cancelling it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core.files import pdf_sniff
from mattran.core.services import audit_record
from mattran.core.workflow import status_transition_apply

from ..models import (
    ElectedBody,
    Meeting,
    MeetingArticle,
    MeetingEventKind,
    MeetingKind,
    MeetingPhoto,
    SessionTiming,
)
from ._common import STEPS, S, clean_text, event_add, locked, refusal, step_require

E = MeetingEventKind
TEXT_FIELDS = ("title", "place", "subject", "agenda", "hosts", "invited_groups", "delegates")
MAX_MINUTES_BYTES = 20 * 1024 * 1024


def _validate(fields: dict) -> dict:
    errors = {}
    for name in TEXT_FIELDS:
        if name in fields:
            fields[name] = clean_text(fields[name])
    if fields.get("kind") not in MeetingKind.values:
        errors["kind"] = _("Hãy chọn loại hội nghị.")
    if not fields.get("title"):
        errors["title"] = _("Hãy nhập tên hội nghị.")
    if not fields.get("place"):
        errors["place"] = _("Hãy nhập địa điểm.")
    if not fields.get("starts_at"):
        errors["starts_at"] = _("Hãy nhập thời gian bắt đầu.")
    elif fields.get("ends_at") and fields["ends_at"] < fields["starts_at"]:
        errors["ends_at"] = _("Thời gian kết thúc không thể trước thời gian bắt đầu.")
    if fields.get("topic") is None:
        errors["topic"] = _("Hãy chọn lĩnh vực chính.")
    if fields.get("kind") == MeetingKind.VOTER_CONTACT:
        if fields.get("elected_body") not in ElectedBody.values:
            errors["elected_body"] = _("Hãy chọn cơ quan dân cử tiếp xúc cử tri.")
        if fields.get("session") is None:
            errors["session"] = _("Hãy chọn kỳ họp.")
        elif fields.get("elected_body") and fields["session"].elected_body != fields["elected_body"]:
            errors["session"] = _("Kỳ họp phải là của cơ quan dân cử đã chọn.")
        if fields.get("session_timing") not in SessionTiming.values:
            errors["session_timing"] = _("Hãy chọn trước hay sau kỳ họp.")
    else:
        fields.update(elected_body="", session=None, session_timing="", delegates=fields.get("delegates", ""))
    body = fields.get("leader_body")
    organisation = fields.get("organisation")
    if body is not None and organisation is not None and not organisation.path.startswith(body.area.path) \
            and not body.area.path.startswith(organisation.path):
        errors["leader_body"] = _("Cơ quan của người chủ trì phải thuộc địa bàn của ủy ban tổ chức.")
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def meeting_plan(*, organisation, kind: str, title: str, starts_at, place: str, topic, actor, **extra) -> Meeting:
    """Put a dialogue conference or a voter-contact session on the public schedule."""
    fields = _validate({"organisation": organisation, "kind": kind, "title": title, "starts_at": starts_at,
                        "place": place, "topic": topic, **extra})
    meeting = Meeting.objects.create(**fields)
    event_add(meeting, kind=E.PLANNED, actor=actor, to_status=S.PLANNED)
    audit_record(actor=actor, action="meeting.plan", target=meeting,
                 changes={"kind": kind, "starts_at": starts_at, "organisation": organisation})
    return meeting


EDITABLE = ("title", "starts_at", "ends_at", "place", "topic", "subject", "agenda", "hosts", "leader_body",
            "invited_groups", "elected_body", "delegates", "session", "session_timing")


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, **changes) -> Meeting:
    """Correct the details of a planned or held meeting (time, place, hosts, agenda…)."""
    meeting = locked(meeting)
    step_require(meeting, "update")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Không sửa được: %(f)s") % {"f": ", ".join(sorted(unknown))})
    current = {name: getattr(meeting, name) for name in EDITABLE}
    fields = _validate({"organisation": meeting.organisation, "kind": meeting.kind, **current, **changes})
    diff = {}
    for name in EDITABLE:
        if fields.get(name) != current[name]:
            diff[name] = [current[name], fields.get(name)]
            setattr(meeting, name, fields.get(name))
    if diff:
        meeting.save()
        event_add(meeting, kind=E.UPDATED, actor=actor, note=", ".join(sorted(diff)))
        audit_record(actor=actor, action="meeting.update", target=meeting, changes=diff)
    return meeting


@transaction.atomic
def meeting_hold(*, meeting: Meeting, actor, attendance: int | None = None, note: str = "") -> Meeting:
    """The meeting took place (with how many attended)."""
    if attendance is not None and attendance < 0:
        raise ValidationError({"attendance": _("Số người dự không hợp lệ.")})
    current, old = status_transition_apply(meeting, allowed=STEPS["hold"], to=S.HELD, refusal=refusal(),
                                           attendance=attendance)
    event_add(current, kind=E.HELD, actor=actor, from_status=old, to_status=S.HELD, note=clean_text(note))
    audit_record(actor=actor, action="meeting.hold", target=current,
                 changes={"status": [old, S.HELD], "attendance": attendance})
    return current


@transaction.atomic
def meeting_minutes_record(*, meeting: Meeting, text: str = "", file=None, attendance: int | None = None,
                           actor) -> Meeting:
    """The minutes (biên bản): text, and the signed PDF kept privately."""
    meeting = locked(meeting)
    step_require(meeting, "minutes")
    text = clean_text(text)
    if not text and file is None:
        raise ValidationError({"text": _("Hãy nhập nội dung biên bản hoặc đính kèm tệp.")})
    if file is not None:
        if file.size > MAX_MINUTES_BYTES or not pdf_sniff(file, complete=True):
            raise ValidationError({"file": _("Tệp biên bản phải là PDF, tối đa 20 MB.")})
        old_name = meeting.minutes_file.name
        meeting.minutes_file.save("bien-ban.pdf", file, save=False)
        if old_name:
            storage = meeting.minutes_file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    if text:
        meeting.minutes_text = text
    if attendance is not None:
        meeting.attendance = attendance
    meeting.save()
    event_add(meeting, kind=E.MINUTES, actor=actor)
    audit_record(actor=actor, action="meeting.minutes_record", target=meeting,
                 changes={"text": bool(text), "file": file is not None, "attendance": attendance})
    return meeting


@transaction.atomic
def meeting_close(*, meeting: Meeting, actor, note: str = "") -> Meeting:
    """End the follow-up of a held meeting (its petitions keep their own flow)."""
    current, old = status_transition_apply(meeting, allowed=STEPS["close"], to=S.CLOSED, refusal=refusal())
    event_add(current, kind=E.CLOSED, actor=actor, from_status=old, to_status=S.CLOSED, note=clean_text(note))
    audit_record(actor=actor, action="meeting.close", target=current, changes={"status": [old, S.CLOSED]})
    return current


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, actor) -> Meeting:
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do hủy để thông báo công khai.")})
    current, old = status_transition_apply(meeting, allowed=STEPS["cancel"], to=S.CANCELLED, refusal=refusal(),
                                           cancel_reason=reason)
    event_add(current, kind=E.CANCELLED, actor=actor, from_status=old, to_status=S.CANCELLED, note=reason)
    audit_record(actor=actor, action="meeting.cancel", target=current,
                 changes={"status": [old, S.CANCELLED], "reason": reason})
    return current


@transaction.atomic
def meeting_photo_add(*, meeting: Meeting, image, caption: str = "", actor) -> MeetingPhoto:
    """A photo of the meeting (a Wagtail image: public), with its caption, shown on the public page."""
    meeting = locked(meeting)
    if meeting.status == S.CANCELLED:
        raise ValidationError(refusal() % {"status": meeting.get_status_display()}, code="illegal_transition")
    if image is None:
        raise ValidationError({"image": _("Hãy chọn ảnh.")})
    position = meeting.photos.count() + 1
    photo = MeetingPhoto.objects.create(meeting=meeting, image=image, caption=clean_text(caption)[:255],
                                        position=position)
    audit_record(actor=actor, action="meeting.photo_add", target=meeting, changes={"image": image.pk})
    return photo


@transaction.atomic
def meeting_article_link(*, meeting: Meeting, article, actor) -> MeetingArticle:
    """Link a published news article about the meeting (chosen in the admin, never a typed URL)."""
    meeting = locked(meeting)
    if article is None or not article.live:
        raise ValidationError({"article": _("Hãy chọn một tin bài đã đăng.")})
    link, created = MeetingArticle.objects.get_or_create(meeting=meeting, article=article)
    if created:
        from mattran.news import pagecache

        pagecache.invalidate()  # the article page, perhaps cached, now links to the meeting
        audit_record(actor=actor, action="meeting.article_link", target=meeting, changes={"article": article.pk})
    return link
