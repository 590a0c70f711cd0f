import datetime
import time

import pytest
from django.core import signing

from mattran.supervision import services
from mattran.supervision.links import (
    SALT,
    RecommendationLinkError,
    recommendation_token_make,
    recommendation_token_read,
    recommendation_url,
)
from mattran.supervision.models import Recommendation, SupervisionSettings

D = datetime.date


def test_a_fresh_link_names_the_recommendation_and_its_body(world):
    recommendation = world.issued()
    found, body = recommendation_token_read(recommendation_token_make(recommendation=recommendation))
    assert found == recommendation and body == world.body_a


def test_the_url_lives_under_giam_sat_co_quan(world):
    assert "/giam-sat/co-quan/" in recommendation_url(recommendation=world.issued())


def test_a_draft_has_no_working_link(world):
    recommendation = world.recommendation()
    with pytest.raises(RecommendationLinkError):
        recommendation_token_read(recommendation_token_make(recommendation=recommendation))


def test_a_tampered_link_is_refused(world):
    token = recommendation_token_make(recommendation=world.issued())
    with pytest.raises(RecommendationLinkError) as exc:
        recommendation_token_read(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert not exc.value.expired


def test_a_link_forged_for_another_recommendation_without_the_key_is_refused(world):
    recommendation = world.issued()
    forged = signing.TimestampSigner(salt=SALT, key="not-the-secret").sign_object(
        {"r": recommendation.pk, "b": world.body_a.pk, "n": recommendation.liaison_nonce}, compress=True
    )
    with pytest.raises(RecommendationLinkError):
        recommendation_token_read(forged)


def test_a_link_older_than_the_setting_is_expired(world, monkeypatch):
    recommendation = world.issued()
    with monkeypatch.context() as m:  # made 31 days ago; the default lifetime is 30 days
        m.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(int(time.time()) - 31 * 86400))
        token = recommendation_token_make(recommendation=recommendation)
    with pytest.raises(RecommendationLinkError) as exc:
        recommendation_token_read(token)
    assert exc.value.expired


def test_link_expiry_defaults_to_thirty_days(db):
    assert SupervisionSettings.load().liaison_link_days == 30


def test_resending_the_link_revokes_the_one_sent_before(world):
    recommendation = world.issued()
    old = recommendation_token_make(recommendation=recommendation)
    services.recommendation_link_resend(recommendation=recommendation, actor=world.officer_a)
    with pytest.raises(RecommendationLinkError):
        recommendation_token_read(old)
    assert recommendation_token_read(recommendation_token_make(recommendation=recommendation))[0] == recommendation


def test_issuing_sets_a_new_nonce_and_keeps_it_out_of_the_audit_log(world):
    from mattran.core.models import AuditEvent

    recommendation = world.issued()
    nonce = Recommendation.objects.get(pk=recommendation.pk).liaison_nonce
    assert nonce
    audit = AuditEvent.objects.filter(action="recommendation.issue").get()
    assert nonce not in str(audit.changes)


def test_a_link_made_for_another_addressee_is_refused(world):
    recommendation = world.issued()
    token = recommendation_token_make(recommendation=recommendation)
    Recommendation.objects.filter(pk=recommendation.pk).update(addressee=world.body_b)
    with pytest.raises(RecommendationLinkError):
        recommendation_token_read(token)


def test_the_link_cannot_be_resent_once_implemented(world):
    recommendation = world.issued()
    services.recommendation_respond(recommendation=recommendation, response_kind="accepted", text="Đồng ý.", actor=world.officer_a)
    services.recommendation_mark_implemented(recommendation=recommendation, actor=world.officer_a)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.recommendation_link_resend(recommendation=recommendation, actor=world.officer_a)
