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


def test_status_channel_and_event_labels_follow_the_language_and_keep_unknown_values(world):
    from django.utils import translation

    from mattran.petitions.models import EventKind, PetitionChannel, PetitionStatus

    petition = world.submit()
    event = petition.events.get(kind=EventKind.SUBMITTED)
    assert petition.get_status_display() == str(PetitionStatus.SUBMITTED.label)
    assert petition.get_channel_display() == str(PetitionChannel.WEB.label)
    with translation.override("en"):
        assert petition.get_status_display() == str(PetitionStatus.SUBMITTED.label)
        assert petition.get_status_display() != "Đã gửi, chờ tiếp nhận"
        assert event.get_kind_display() == str(EventKind.SUBMITTED.label)
    petition.status = "no-such-status"
    assert petition.get_status_display() == "no-such-status"
