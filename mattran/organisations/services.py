"""Writes to the organisation tree. Staff edit organisations in the admin too; those edits are logged by
Wagtail's own log. These services serve the import commands, the demo loader and the other apps."""

import datetime

from django.db import transaction

from mattran.core.services import audit_record

from .models import Body, Organisation, RoutingRule, Succession, Topic


@transaction.atomic
def organisation_create(
    *, actor, name: str, kind: str, parent: Organisation | None = None, **fields
) -> Organisation:
    organisation = Organisation(name=name, kind=kind, parent=parent, **fields)
    organisation.full_clean(exclude=["slug"])
    organisation.save()
    audit_record(
        actor=actor, action="organisation.create", target=organisation, changes={"name": name, "kind": kind}
    )
    return organisation


@transaction.atomic
def organisation_archive(
    *,
    actor,
    organisation: Organisation,
    valid_to: datetime.date,
    successors: list[Organisation],
    note: str = "",
) -> Organisation:
    """Close an organisation on ``valid_to`` and link the units that take over from the next day."""
    organisation.valid_to = valid_to
    organisation.full_clean()
    organisation.save(update_fields=["valid_to", "updated_at"])
    effective = valid_to + datetime.timedelta(days=1)
    for successor in successors:
        Succession.objects.update_or_create(
            predecessor=organisation,
            successor=successor,
            defaults={"effective_date": effective, "note": note},
        )
    audit_record(
        actor=actor,
        action="organisation.archive",
        target=organisation,
        changes={"valid_to": valid_to, "successors": [s.pk for s in successors]},
    )
    return organisation


@transaction.atomic
def body_create(*, actor, name: str, kind: str, area: Organisation, **fields) -> Body:
    body = Body(name=name, kind=kind, area=area, **fields)
    body.full_clean(exclude=["slug"])
    body.save()
    audit_record(actor=actor, action="body.create", target=body, changes={"name": name, "kind": kind})
    return body


@transaction.atomic
def topic_create(*, actor, name: str, **fields) -> Topic:
    topic = Topic(name=name, **fields)
    topic.full_clean(exclude=["code"])
    topic.save()
    audit_record(actor=actor, action="topic.create", target=topic, changes={"name": name})
    return topic


@transaction.atomic
def routing_rule_set(
    *, actor, organisation: Organisation, topic: Topic | None, body: Body, note: str = ""
) -> RoutingRule:
    """Create or replace the rule for (organisation, topic)."""
    rule = RoutingRule.objects.filter(organisation=organisation, topic=topic).first()
    old_body = rule.body if rule else None
    if rule is None:
        rule = RoutingRule(organisation=organisation, topic=topic)
    rule.body, rule.note = body, note
    rule.save()
    audit_record(actor=actor, action="routing_rule.set", target=rule, changes={"body": [old_body, body]})
    return rule
