"""An opinion answered on the spot at a meeting (issue 11): accepted → informed in one service, with the same
timeline steps as the normal flow and the inform method "at the meeting"."""

import pytest
from django.core.exceptions import ValidationError

from mattran.core.models import AuditEvent
from mattran.petitions import services
from mattran.petitions.models import EventKind, InformMethod, PetitionChannel, PetitionStatus
from mattran.petitions.services import petition_answer_on_the_spot

pytestmark = pytest.mark.django_db


def test_an_accepted_petition_answered_on_the_spot_is_informed_at_the_meeting(world):
    petition = world.submit(channel=PetitionChannel.DIALOGUE)
    petition = services.petition_accept(petition=petition, actor=world.officer_a)
    petition = petition_answer_on_the_spot(petition=petition, answer="Phường sẽ thu gom trong ngày mai.",
                                           answered_by="Chủ tịch UBND phường", body=world.body_a,
                                           actor=world.officer_a)
    assert petition.status == PetitionStatus.INFORMED
    assert (petition.inform_method, petition.body, petition.informed_by) == (
        InformMethod.MEETING, world.body_a, "Chủ tịch UBND phường")
    assert petition.answer_public_text == "Phường sẽ thu gom trong ngày mai."
    kinds = list(petition.events.order_by("id").values_list("kind", flat=True))
    assert kinds[-3:] == [EventKind.ANSWERED, EventKind.ANSWER_ACCEPTED, EventKind.INFORMED]
    assert AuditEvent.objects.filter(action="petition.answer_on_the_spot", target_id=str(petition.pk)).count() == 1


def test_a_petition_not_yet_accepted_cannot_be_answered_on_the_spot(world):
    petition = world.submit()
    with pytest.raises(ValidationError, match="Đã gửi, chờ tiếp nhận"):
        petition_answer_on_the_spot(petition=petition, answer="Trả lời", actor=world.officer_a)


def test_an_answer_carrying_the_submitters_phone_is_refused(world):
    petition = services.petition_accept(petition=world.submit(), actor=world.officer_a)
    with pytest.raises(ValidationError) as exc:
        petition_answer_on_the_spot(petition=petition, answer="Gọi lại 0912345678", actor=world.officer_a)
    assert "answer" in exc.value.message_dict
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ACCEPTED
