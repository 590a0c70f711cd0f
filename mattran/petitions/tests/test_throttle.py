import time

import pytest
from django.core import signing
from django.test import override_settings

from mattran.core.tests.caches import caches_setting
from mattran.petitions import throttle
from mattran.petitions.throttle import ChallengeResult, challenge_check, challenge_new

PAST = time.time() - 60  # a form shown a minute ago: past the minimum fill time


def _answer(challenge):
    return sorted(challenge.answers)[0]


def test_answers_are_compared_without_case_diacritics_or_leading_words():
    assert throttle.normalise("  Thứ Tư. ") == "tu"
    assert throttle.normalise("quả Xoài") == "xoai"
    assert throttle.normalise("Mười lăm") == "muoi lam"
    assert throttle.normalise("Đỏ") == "do"


@pytest.mark.parametrize("kind", throttle.KINDS, ids=lambda k: k.__name__)
def test_every_kind_of_question_is_plain_text_and_accepts_its_answers(kind, monkeypatch):
    monkeypatch.setattr(throttle, "KINDS", [kind])
    for i in range(6):
        challenge = challenge_new(issued_at=PAST)
        assert challenge.question.endswith("?") and "<" not in challenge.question
        answers = sorted(challenge.answers)
        assert challenge_check(challenge.token, answers[i % len(answers)]) is ChallengeResult.OK


def test_questions_vary_in_kind_and_wording():
    questions = {challenge_new().question for _ in range(60)}
    assert len(questions) > 30
    assert not all("cộng" in q for q in questions)


def test_right_answer_passes_once():
    challenge = challenge_new(issued_at=PAST)
    assert challenge_check(challenge.token, _answer(challenge)) is ChallengeResult.OK
    assert challenge_check(challenge.token, _answer(challenge)) is ChallengeResult.USED


def test_number_answers_are_accepted_in_digits_or_words():
    challenge = challenge_new(issued_at=PAST)
    while not any(a.isdigit() for a in challenge.answers):
        challenge = challenge_new(issued_at=PAST)
    words = [a for a in challenge.answers if not a.isdigit()]
    assert words and challenge_check(challenge.token, words[0].upper()) is ChallengeResult.OK


def test_wrong_answer_uses_up_the_token():
    challenge = challenge_new(issued_at=PAST)
    assert challenge_check(challenge.token, "không biết") is ChallengeResult.WRONG
    # The right answer on the same token is refused: one guess per question, no brute force.
    assert challenge_check(challenge.token, _answer(challenge)) is ChallengeResult.USED


def test_token_does_not_carry_the_answer():
    challenge = challenge_new(issued_at=PAST)
    payload = signing.loads(challenge.token, salt=throttle.CHALLENGE_SALT)
    text = str(payload)
    assert not any(answer in text.split("'") for answer in challenge.answers)
    assert set(payload) == {"n", "t", "h"}


def test_answer_sooner_than_the_minimum_fill_time_is_refused_and_uses_up_the_token(settings):
    settings.PETITIONS_CHALLENGE_MIN_SECONDS = 3600
    challenge = challenge_new()
    assert challenge_check(challenge.token, _answer(challenge)) is ChallengeResult.TOO_FAST
    settings.PETITIONS_CHALLENGE_MIN_SECONDS = 0
    assert challenge_check(challenge.token, _answer(challenge)) is ChallengeResult.USED


def test_tampered_or_missing_token_is_invalid():
    challenge = challenge_new(issued_at=PAST)
    assert challenge_check(challenge.token[:-2] + "xx", _answer(challenge)) is ChallengeResult.INVALID
    assert challenge_check("", "7") is ChallengeResult.INVALID


def test_expired_token_is_invalid():
    challenge = challenge_new(issued_at=PAST)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(throttle, "CHALLENGE_MAX_AGE", -1)
        assert challenge_check(challenge.token, _answer(challenge)) is ChallengeResult.INVALID


def test_challenge_still_works_when_the_cache_is_down():
    challenge = challenge_new(issued_at=PAST)
    with override_settings(CACHES=caches_setting("BrokenCache")):
        assert challenge_check(challenge.token, _answer(challenge)) is ChallengeResult.OK
