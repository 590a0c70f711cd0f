import pytest

from mattran.petitions.codes import TRACKING_ALPHABET, tracking_code_new, tracking_code_normalise


def test_tracking_code_alphabet_has_no_look_alikes():
    assert not set("01OIL") & set(TRACKING_ALPHABET)


def test_tracking_codes_are_distinct_and_formatted():
    codes = {tracking_code_new() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == 14 and c[2] == "-" and c[8] == "-" for c in codes)


@pytest.mark.parametrize(
    "typed",
    ["kn-7qf4x-9pam2", "KN 7QF4X 9PAM2", " kn7qf4x9pam2 ", "7QF4X-9PAM2", "7qf4x 9pam2"],
)
def test_normalise_accepts_what_people_type(typed):
    assert tracking_code_normalise(typed) == "KN-7QF4X-9PAM2"


@pytest.mark.parametrize("typed", ["", "KN-0000-1111", "KN-7QF4X-9PAM", "abc", "KN-7QF4X-9PAM2-X"])
def test_normalise_rejects_malformed_codes(typed):
    assert tracking_code_normalise(typed) == ""
