import datetime

from django.utils import timezone

from .models import Body, Organisation, RoutingRule, Topic


def organisation_list_active(*, on: datetime.date | None = None):
    return Organisation.objects.active_on(on or timezone.localdate())


def organisation_get_by_slug(*, slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def organisation_list_subtree(*, organisation: Organisation, on: datetime.date | None = None):
    qs = Organisation.objects.descendants_of(organisation)
    return qs.active_on(on) if on else qs


def organisation_list_ancestors(*, organisation: Organisation):
    """From the root down to ``organisation`` itself."""
    by_id = {o.pk: o for o in Organisation.objects.ancestors_of(organisation)}
    return [by_id[i] for i in organisation.path_ids() if i in by_id]


def organisation_list_successors(*, organisation: Organisation):
    return Organisation.objects.filter(succeeds__predecessor=organisation).order_by("name")


def body_list_active(*, on: datetime.date | None = None):
    return Body.objects.active_on(on or timezone.localdate())


def topic_list_active():
    return Topic.objects.filter(is_active=True)


def routing_rule_find(*, organisation: Organisation, topic: Topic | None, on: datetime.date | None = None):
    """The body that items of ``topic`` received by ``organisation`` go to.

    Looks for a rule for the topic, then the organisation's default rule, then the same at each ancestor
    (nearest first); only bodies active on ``on`` count. Returns ``None`` when no rule applies.
    """
    day = on or timezone.localdate()
    chain = list(reversed(organisation_list_ancestors(organisation=organisation)))
    rules = (
        RoutingRule.objects.filter(organisation__in=chain)
        .filter(body__in=Body.objects.active_on(day))
        .select_related("body")
    )
    by_key = {(r.organisation_id, r.topic_id): r for r in rules}
    topic_id = topic.pk if topic else None
    for org in chain:
        for key in ((org.pk, topic_id), (org.pk, None)):
            if key in by_key:
                return by_key[key].body
    return None
