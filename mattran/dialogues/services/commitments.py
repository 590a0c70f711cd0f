"""A leader's commitment at a meeting becomes a supervision recommendation (mattran.supervision) addressed to
the leader's body, with the due date as its response date: it is then tracked like any recommendation, on the
accountability page and by the daily escalation pass. The recommendations of one meeting hang under one
supervision activity ("through the people's opinions"), created with the first commitment."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.services import audit_record
from mattran.supervision import services as supervision
from mattran.supervision.models import SupervisionForm, TopicSource

from ..models import Commitment, Meeting, MeetingEventKind
from ._common import clean_text, event_add, locked, step_require


def _follow_up(meeting: Meeting, actor):
    if meeting.follow_up_id:
        return meeting.follow_up
    activity = supervision.activity_create(
        organisation=meeting.organisation, form=SupervisionForm.PETITIONS, topic=meeting.topic,
        title=_("Theo dõi thực hiện cam kết tại %(meeting)s") % {"meeting": meeting.title},
        topic_source=TopicSource.PETITIONS, topic_evidence=meeting.title,
        subjects=[meeting.leader_body] if meeting.leader_body else [],
        planned_start=timezone.localdate(meeting.starts_at), actor=actor,
    )
    meeting.follow_up = activity
    meeting.save(update_fields=["follow_up", "updated_at"])
    return activity


@transaction.atomic
def commitment_record(*, meeting: Meeting, leader: str, text: str, due_date, actor, addressee=None) -> Commitment:
    """Record what the leader committed to, issued at once as a recommendation to the leader's body."""
    meeting = locked(meeting)
    step_require(meeting, "commit")
    leader, text = clean_text(leader)[:255], clean_text(text)
    addressee = addressee or meeting.leader_body
    errors = {}
    if not leader:
        errors["leader"] = _("Hãy ghi người cam kết (họ tên, chức vụ).")
    if not text:
        errors["text"] = _("Hãy nhập nội dung cam kết.")
    if addressee is None:
        errors["addressee"] = _("Hãy chọn cơ quan của người cam kết.")
    held_on = timezone.localdate(meeting.starts_at)
    if due_date is None:
        errors["due_date"] = _("Hãy nhập hạn thực hiện.")
    elif due_date < held_on:
        errors["due_date"] = _("Hạn thực hiện không thể trước ngày hội nghị.")
    if errors:
        raise ValidationError(errors)
    activity = _follow_up(meeting, actor)
    recommendation = supervision.recommendation_draft(
        activity=activity, addressee=addressee, actor=actor,
        text=_("%(leader)s cam kết tại %(meeting)s: %(text)s") % {"leader": leader, "meeting": meeting.title,
                                                                  "text": text},
    )
    issued_on = min(held_on, timezone.localdate())
    recommendation = supervision.recommendation_issue(recommendation=recommendation, issued_on=issued_on,
                                                      response_due=due_date, actor=actor)
    commitment = Commitment.objects.create(meeting=meeting, leader=leader, text=text, due_date=due_date,
                                           recommendation=recommendation)
    event_add(meeting, kind=MeetingEventKind.COMMITMENT, actor=actor, note=f"{leader}: {text}")
    audit_record(actor=actor, action="commitment.record", target=commitment,
                 changes={"meeting": meeting, "recommendation": recommendation.reference, "due_date": due_date})
    return commitment
