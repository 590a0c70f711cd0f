"""Consolidating the voters' petitions before a session of an elected body: the opinions of all its voter-contact
sessions held before it, grouped (``grouping``), confirmed or split by the officer, and the answer received for
each group recorded and reported back at the next round."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core.services import audit_record

from ..grouping import cluster
from ..models import (
    CouncilSession,
    ElectedBody,
    MeetingKind,
    MeetingStatus,
    Opinion,
    OpinionGroup,
    SessionTiming,
)
from ._common import clean_text


@transaction.atomic
def council_session_create(*, organisation, elected_body: str, name: str, starts_on, actor) -> CouncilSession:
    name = clean_text(name)
    errors = {}
    if elected_body not in ElectedBody.values:
        errors["elected_body"] = _("Hãy chọn cơ quan dân cử.")
    if not name:
        errors["name"] = _("Hãy nhập tên kỳ họp.")
    if starts_on is None:
        errors["starts_on"] = _("Hãy nhập ngày khai mạc.")
    if errors:
        raise ValidationError(errors)
    session = CouncilSession.objects.create(organisation=organisation, elected_body=elected_body, name=name,
                                            starts_on=starts_on)
    audit_record(actor=actor, action="council_session.create", target=session, changes={"name": name})
    return session


def session_opinions(session: CouncilSession):
    """The opinions raised at the voter-contact sessions held before ``session``."""
    return Opinion.objects.filter(
        meeting__session=session, meeting__kind=MeetingKind.VOTER_CONTACT, meeting__session_timing=SessionTiming.BEFORE,
    ).exclude(meeting__status=MeetingStatus.CANCELLED).select_related("meeting", "meeting__organisation")


@transaction.atomic
def consolidation_run(*, session: CouncilSession, actor) -> list[OpinionGroup]:
    """Group the session's opinions again; groups the officer confirmed are kept as they are."""
    session = CouncilSession.objects.select_for_update().get(pk=session.pk)
    session.groups.filter(confirmed=False).delete()  # their opinions fall back to ungrouped (SET_NULL)
    loose = list(session_opinions(session).filter(group__isnull=True).order_by("meeting__starts_at", "number"))
    start = session.groups.count()
    made = []
    for position, indexes in enumerate(cluster([o.content for o in loose]), start=start + 1):
        members = [loose[i] for i in indexes]
        group = OpinionGroup.objects.create(session=session, title=members[0].content, position=position)
        Opinion.objects.filter(pk__in=[m.pk for m in members]).update(group=group)
        made.append(group)
    audit_record(actor=actor, action="consolidation.run", target=session,
                 changes={"opinions": len(loose), "groups": len(made)})
    return made


@transaction.atomic
def group_split(*, group: OpinionGroup, opinions, actor) -> OpinionGroup:
    """Take the chosen opinions out of ``group`` into a new group of their own."""
    group = OpinionGroup.objects.select_for_update().get(pk=group.pk)
    chosen = list(group.opinions.filter(pk__in=[o.pk for o in opinions]).order_by("meeting__starts_at", "number"))
    if not chosen:
        raise ValidationError({"opinions": _("Hãy chọn ít nhất một ý kiến để tách.")})
    if len(chosen) == group.opinions.count():
        raise ValidationError({"opinions": _("Không thể tách tất cả ý kiến ra khỏi nhóm.")})
    position = (group.session.groups.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    new = OpinionGroup.objects.create(session=group.session, title=chosen[0].content, position=position)
    Opinion.objects.filter(pk__in=[o.pk for o in chosen]).update(group=new)
    audit_record(actor=actor, action="opinion_group.split", target=group,
                 changes={"moved": [o.pk for o in chosen], "new_group": new.pk})
    return new


@transaction.atomic
def group_confirm(*, group: OpinionGroup, title: str, actor) -> OpinionGroup:
    """The officer's wording of the consolidated petition; a confirmed group is kept when regrouping."""
    title = clean_text(title)
    if not title:
        raise ValidationError({"title": _("Hãy nhập nội dung kiến nghị tổng hợp.")})
    group = OpinionGroup.objects.select_for_update().get(pk=group.pk)
    old = group.title
    group.title, group.confirmed = title, True
    group.save(update_fields=["title", "confirmed", "updated_at"])
    audit_record(actor=actor, action="opinion_group.confirm", target=group, changes={"title": [old, title]})
    return group


@transaction.atomic
def group_answer_record(*, group: OpinionGroup, text: str, answered_by: str, answered_on, actor) -> OpinionGroup:
    """The answer the elected body (or the competent agency) gave to a consolidated petition."""
    text, answered_by = clean_text(text), clean_text(answered_by)[:255]
    errors = {}
    if not text:
        errors["text"] = _("Hãy nhập nội dung trả lời.")
    if not answered_by:
        errors["answered_by"] = _("Hãy ghi cơ quan trả lời.")
    if answered_on is None:
        errors["answered_on"] = _("Hãy nhập ngày trả lời.")
    if errors:
        raise ValidationError(errors)
    group = OpinionGroup.objects.select_for_update().get(pk=group.pk)
    old = group.answer_text
    group.answer_text, group.answered_by, group.answered_on = text, answered_by, answered_on
    group.save(update_fields=["answer_text", "answered_by", "answered_on", "updated_at"])
    audit_record(actor=actor, action="opinion_group.answer_record", target=group,
                 changes={"text": [old, text], "answered_by": answered_by})
    return group
