"""Opinions raised in the room and questions sent in advance: each becomes a petition (mattran.petitions) with
the meeting's channel. Answered on the spot → closed with that answer (informed at the meeting); the rest are
forwarded in the normal flow. The speaker's name and contact go to the petition only, never to an audit row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from mattran.core.services import audit_record
from mattran.petitions import services as petitions
from mattran.petitions.models import PetitionKind, PetitionStatus
from mattran.petitions.services import petition_answer_on_the_spot

from ..models import Meeting, Opinion, OpinionSource
from ._common import clean_text, locked, step_require

MAX_CONTENT = 5000


def _title(content: str) -> str:
    first = " ".join(content.split())
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"


def _next_number(meeting: Meeting) -> int:
    return (meeting.opinions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def opinion_record(*, meeting: Meeting, content: str, actor, speaker_name: str = "", neighbourhood: str = "",
                   spot_answer: str = "", spot_answered_by: str = "", client_key: str = "", topic=None, answered_at=None) -> Opinion:
    """Record one opinion as it is raised. ``client_key`` is the recording screen's one-time key for the entry:
    sending it again (a retry after a dropped connection) returns the opinion already saved."""
    meeting = locked(meeting)
    step_require(meeting, "record")
    client_key = clean_text(client_key)[:64]
    if client_key:
        existing = meeting.opinions.filter(client_key=client_key).first()
        if existing is not None:
            existing.was_duplicate = True
            return existing
    content = clean_text(content)
    errors = {}
    if not content:
        errors["content"] = _("Hãy nhập nội dung ý kiến.")
    elif len(content) > MAX_CONTENT:
        errors["content"] = _("Nội dung quá dài (tối đa %(n)s ký tự).") % {"n": MAX_CONTENT}
    speaker_name, neighbourhood = clean_text(speaker_name)[:150], clean_text(neighbourhood)[:150]
    spot_answer = clean_text(spot_answer)
    if spot_answer and meeting.leader_body is None:
        errors["spot_answer"] = _("Hãy ghi cơ quan của người chủ trì trước khi ghi trả lời tại hội nghị.")
    if errors:
        raise ValidationError(errors)
    petition = petitions.petition_submit(
        channel=meeting.channel, kind=PetitionKind.PETITION, topic=topic or meeting.topic, title=_title(content),
        content=content, organisation=meeting.organisation, submitter_name=speaker_name,
        submitter_address=neighbourhood, actor=actor,
    )
    petition = petitions.petition_accept(petition=petition, actor=actor, note=str(meeting))
    opinion = Opinion(meeting=meeting, petition=petition, number=_next_number(meeting), speaker_name=speaker_name,
                      neighbourhood=neighbourhood, content=content, client_key=client_key)
    if spot_answer:
        opinion.petition = petition_answer_on_the_spot(petition=petition, answer=spot_answer, answered_by=spot_answered_by,
                                    body=meeting.leader_body, answered_at=answered_at, actor=actor)
        opinion.spot_answer, opinion.spot_answered_by = spot_answer, clean_text(spot_answered_by)[:255]
    opinion.save()
    audit_record(actor=actor, action="opinion.record", target=opinion,
                 changes={"meeting": meeting, "petition": petition.reference, "on_the_spot": bool(spot_answer)})
    opinion.was_duplicate = False
    return opinion


@transaction.atomic
def opinion_forward(*, opinion: Opinion, actor, body=None, due_date=None) -> Opinion:
    """Send an opinion not answered on the spot to the competent body (the routing rules or ``body``)."""
    step_require(opinion.meeting, "forward")
    petition = opinion.petition
    if petition.status == PetitionStatus.SUBMITTED:  # a question sent in advance
        petition = petitions.petition_accept(petition=petition, actor=actor, note=str(opinion.meeting))
    opinion.petition = petitions.petition_forward(petition=petition, body=body, due_date=due_date, actor=actor)
    audit_record(actor=actor, action="opinion.forward", target=opinion, changes={"petition": petition.reference})
    return opinion


@transaction.atomic
def opinions_forward_open(*, meeting: Meeting, actor, body=None, due_date=None) -> list[Opinion]:
    """Forward, in one step after the meeting, every opinion raised in the room that was not answered on the spot
    and is still waiting to be sent on (to ``body``, or the leader's body). Questions sent in advance go through
    the officers' normal intake."""
    waiting = meeting.opinions.select_related("petition").filter(
        source=OpinionSource.ROOM, petition__status=PetitionStatus.ACCEPTED).order_by("number")
    body = body or meeting.leader_body
    return [opinion_forward(opinion=o, body=body, due_date=due_date, actor=actor) for o in waiting]


@transaction.atomic
def question_submit(*, meeting: Meeting, content: str, name: str = "", phone: str = "", email: str = "",
                    neighbourhood: str = "", actor) -> Opinion:
    """A citizen's question sent from the public meeting page before the meeting: a petition with the meeting's
    channel, waiting for the officer's intake, and listed for the hosts."""
    meeting = locked(meeting)
    step_require(meeting, "question")
    content = clean_text(content)
    if not content:
        raise ValidationError({"content": _("Hãy nhập câu hỏi, ý kiến của ông/bà.")})
    if len(content) > MAX_CONTENT:
        raise ValidationError({"content": _("Nội dung quá dài (tối đa %(n)s ký tự).") % {"n": MAX_CONTENT}})
    petition = petitions.petition_submit(
        channel=meeting.channel, kind=PetitionKind.PETITION, topic=meeting.topic, title=_title(content),
        content=content, organisation=meeting.organisation, submitter_name=clean_text(name)[:150],
        submitter_phone=clean_text(phone)[:30], submitter_email=clean_text(email), actor=actor,
        submitter_address=clean_text(neighbourhood)[:255],
    )
    opinion = Opinion.objects.create(
        meeting=meeting, petition=petition, source=OpinionSource.ADVANCE, number=_next_number(meeting),
        speaker_name=clean_text(name)[:150], neighbourhood=clean_text(neighbourhood)[:150], content=content,
    )
    audit_record(actor=actor, action="opinion.question_submit", target=opinion,
                 changes={"meeting": meeting, "petition": petition.reference})
    return opinion


@transaction.atomic
def question_answer_on_the_spot(*, opinion: Opinion, answer: str, actor, answered_by: str = "",
                                answered_at=None) -> Opinion:
    """A question sent in advance, answered by the hosts in the room: taken in (if the officer has not yet) and
    closed with that answer, informed at the meeting, like an opinion answered on the spot. The questioner may
    be absent; the answer is public on the meeting page, so it must not carry their details."""
    meeting = locked(opinion.meeting)
    step_require(meeting, "record")
    opinion = Opinion.objects.select_for_update().select_related("petition").get(pk=opinion.pk)
    if opinion.source != OpinionSource.ADVANCE:
        raise ValidationError(_("Chỉ câu hỏi gửi trước mới được trả lời ở đây."), code="not_a_question")
    if opinion.spot_answer:
        raise ValidationError(_("Câu hỏi này đã được trả lời tại hội nghị."), code="already_answered")
    if meeting.leader_body is None:
        raise ValidationError({"answer": _("Hãy ghi cơ quan của người chủ trì trước khi ghi trả lời tại hội nghị.")})
    answer = clean_text(answer)
    if not answer:
        raise ValidationError({"answer": _("Hãy nhập nội dung trả lời tại hội nghị.")})
    petition = opinion.petition
    if petition.status == PetitionStatus.SUBMITTED:
        petition = petitions.petition_accept(petition=petition, actor=actor, note=str(meeting))
    opinion.petition = petition_answer_on_the_spot(petition=petition, answer=answer, answered_by=answered_by,
                                                   body=meeting.leader_body, answered_at=answered_at, actor=actor)
    opinion.spot_answer, opinion.spot_answered_by = answer, clean_text(answered_by)[:255]
    opinion.save(update_fields=["petition", "spot_answer", "spot_answered_by"])
    audit_record(actor=actor, action="opinion.question_answer", target=opinion,
                 changes={"meeting": meeting, "petition": petition.reference})
    return opinion
