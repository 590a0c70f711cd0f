import datetime

import pytest

from mattran.organisations.models import BodyKind
from mattran.organisations.selectors import routing_rule_find
from mattran.organisations.tests.factories import (
    BodyFactory,
    OrganisationFactory,
    RoutingRuleFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_topic_rule_wins_over_the_default_rule():
    ward = OrganisationFactory()
    land, other = TopicFactory(name="Đất đai"), TopicFactory(name="Y tế")
    default = RoutingRuleFactory(organisation=ward, topic=None).body
    land_body = RoutingRuleFactory(organisation=ward, topic=land).body
    assert routing_rule_find(organisation=ward, topic=land) == land_body
    assert routing_rule_find(organisation=ward, topic=other) == default


def test_ward_without_a_rule_inherits_its_parents_rule():
    city = OrganisationFactory()
    ward = OrganisationFactory(parent=city)
    topic = TopicFactory()
    city_body = RoutingRuleFactory(organisation=city, topic=None).body
    assert routing_rule_find(organisation=ward, topic=topic) == city_body


def test_a_body_no_longer_active_is_skipped():
    city = OrganisationFactory()
    ward = OrganisationFactory(parent=city)
    closed = BodyFactory(kind=BodyKind.PEOPLES_COMMITTEE, valid_to=datetime.date(2025, 6, 30))
    RoutingRuleFactory(organisation=ward, topic=None, body=closed)
    city_body = RoutingRuleFactory(organisation=city, topic=None).body
    assert routing_rule_find(organisation=ward, topic=None, on=datetime.date(2025, 7, 1)) == city_body
    assert routing_rule_find(organisation=ward, topic=None, on=datetime.date(2025, 6, 1)) == closed


def test_no_rule_gives_none():
    assert routing_rule_find(organisation=OrganisationFactory(), topic=None) is None
