import datetime

import pytest
from django.core import signing

from mattran.core.signed_links import SignedLinkError, signed_token_make, signed_token_read

DAY = datetime.timedelta(days=1)


def test_a_token_gives_back_its_dict():
    token = signed_token_make(salt="a", data={"r": 1, "n": "x"})
    assert signed_token_read(token, salt="a", max_age=DAY) == {"r": 1, "n": "x"}


def test_a_token_signed_for_another_purpose_is_refused():
    token = signed_token_make(salt="a", data={"r": 1})
    with pytest.raises(SignedLinkError) as exc:
        signed_token_read(token, salt="b", max_age=DAY)
    assert not exc.value.expired


@pytest.mark.parametrize("token", ["", "rubbish", "a:b:c"])
def test_malformed_tokens_are_refused(token):
    with pytest.raises(SignedLinkError):
        signed_token_read(token, salt="a", max_age=DAY)


def test_a_tampered_token_is_refused():
    token = signed_token_make(salt="a", data={"r": 1})
    with pytest.raises(SignedLinkError):
        signed_token_read("x" + token[1:], salt="a", max_age=DAY)


def test_an_old_token_is_refused_as_expired():
    token = signed_token_make(salt="a", data={"r": 1})
    with pytest.raises(SignedLinkError) as exc:
        signed_token_read(token, salt="a", max_age=datetime.timedelta(seconds=-1))
    assert exc.value.expired


def test_a_signed_value_that_is_not_a_dict_is_refused():
    token = signing.TimestampSigner(salt="a").sign_object([1, 2])
    with pytest.raises(SignedLinkError):
        signed_token_read(token, salt="a", max_age=DAY)
