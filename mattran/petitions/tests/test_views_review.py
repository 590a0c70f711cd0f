"""The review step in the pages: the officer's accept / send back / inform forms (4xx on bad input), the tracking
page while the Front reviews, the public list, and the liaison's "waiting for us" list (issue 9, items 1 and 3)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from mattran.petitions import services
from mattran.petitions.links import liaison_token_make
from mattran.petitions.models import EventKind, Petition, PetitionStatus

pytestmark = pytest.mark.django_db

RAW_ANSWER = "Đã thu gom rác; đã gọi ông Trần Văn Hải (0912345678) để báo."
PUBLIC_TEXT = "Đã thu gom rác và bố trí lịch thu gom hằng ngày."


def _answered(world, **overrides):
    petition = world.forwarded(publish_consent=True, **overrides)
    services.petition_acknowledge(petition=petition, actor=world.liaison_a)
    return services.petition_answer(petition=petition, text=RAW_ANSWER, actor=world.liaison_a)


def _action(petition, action):
    return reverse("petitions_admin:action", args=[petition.pk, action])


def _detail(petition):
    return reverse("petitions_admin:detail", args=[petition.pk])


def test_officer_page_offers_accept_and_send_back_with_the_answer_to_edit(client, world):
    petition = _answered(world)
    client.force_login(world.officer_a)
    page = client.get(_detail(petition)).content.decode()
    assert 'data-action="answer_accept"' in page and 'data-action="answer_send_back"' in page
    assert 'data-action="inform"' not in page
    assert "Trả lời của cơ quan (chờ Mặt trận xem xét)" in page
    assert page.count("0912345678") == 3  # the answer shown, its copy in the public-text box, the timeline note


def test_accept_without_public_text_is_a_400_and_changes_nothing(client, world):
    petition = _answered(world)
    client.force_login(world.officer_a)
    response = client.post(_action(petition, "answer_accept"), {"answer_accept-public_text": ""})
    assert response.status_code == 400
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED


def test_accept_with_the_submitters_phone_is_a_400_naming_it(client, world):
    petition = _answered(world)
    client.force_login(world.officer_a)
    response = client.post(_action(petition, "answer_accept"), {"answer_accept-public_text": RAW_ANSWER})
    assert response.status_code == 400
    assert "Nội dung công khai còn số điện thoại, họ tên của người gửi" in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED


def test_send_back_with_a_bad_date_is_a_400(client, world):
    petition = _answered(world)
    client.force_login(world.officer_a)
    for bad in ("31/02/2026", "1800-01-01"):
        response = client.post(
            _action(petition, "answer_send_back"), {"answer_send_back-reason": "Thiếu.", "answer_send_back-due_date": bad}
        )
        assert response.status_code == 400
    response = client.post(_action(petition, "answer_send_back"), {"answer_send_back-reason": ""})
    assert response.status_code == 400
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED


def test_officer_accepts_then_informs_with_who_and_whom(client, world):
    petition = _answered(world)
    client.force_login(world.officer_a)
    response = client.post(_action(petition, "answer_accept"), {"answer_accept-public_text": PUBLIC_TEXT})
    assert response.status_code == 302
    page = client.get(_detail(petition)).content.decode()
    assert 'data-action="inform"' in page and 'name="inform-informed_by"' in page and 'name="inform-informed_to"' in page
    assert 'data-testid="public-answer"' in page
    response = client.post(_action(petition, "inform"), {
        "inform-method": "letter", "inform-informed_at": "2026-12-02T08:15", "inform-informed_by": "Cán bộ Lê Mai",
        "inform-informed_to": "",
    })
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.INFORMED and petition.inform_method == "letter"
    assert petition.informed_by == "Cán bộ Lê Mai" and petition.informed_to == ""
    assert "Cán bộ Lê Mai" in client.get(_detail(petition)).content.decode()


def test_inform_with_a_bad_method_is_a_400(client, world):
    petition = world.accepted()
    client.force_login(world.officer_a)
    response = client.post(_action(petition, "inform"), {"inform-method": "pigeon"})
    assert response.status_code == 400
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWER_ACCEPTED


def test_liaison_cannot_review_and_ward_b_cannot_see(client, world):
    petition = _answered(world)
    client.force_login(world.liaison_a)
    assert 'data-action="answer_accept"' not in client.get(_detail(petition)).content.decode()
    response = client.post(_action(petition, "answer_accept"), {"answer_accept-public_text": PUBLIC_TEXT})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    client.force_login(world.officer_b)
    response = client.post(_action(petition, "answer_accept"), {"answer_accept-public_text": PUBLIC_TEXT})
    assert response.status_code == 404
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED


def test_tracking_page_says_the_front_is_reviewing_then_shows_the_answer(client, world):
    petition = _answered(world)
    url = reverse("petitions:track")
    page = client.get(url, {"ma": petition.tracking_code}).content.decode()
    assert "Cơ quan đã trả lời; Mặt trận đang xem xét" in page
    assert 'data-testid="review"' in page and RAW_ANSWER not in page and 'data-testid="answer"' not in page
    services.answer_accept(petition=petition, public_text=PUBLIC_TEXT, actor=world.officer_a)
    page = client.get(url, {"ma": petition.tracking_code}).content.decode()
    assert 'data-testid="review"' not in page and PUBLIC_TEXT in page
    assert "0912345678" not in page  # the Front's edited text: no public page shows personal data


def test_a_merged_duplicate_sees_only_the_public_text(client, world):
    main = world.forwarded(publish_consent=True)
    duplicate = world.submit(submitter_email="ba.le@example.vn")
    services.petition_accept(petition=duplicate, actor=world.officer_a)
    services.petition_merge(petition=duplicate, into=main, actor=world.officer_a)
    services.petition_acknowledge(petition=main, actor=world.liaison_a)
    services.petition_answer(petition=main, text=RAW_ANSWER, actor=world.liaison_a)
    services.answer_accept(petition=main, public_text=PUBLIC_TEXT, actor=world.officer_a)
    page = client.get(reverse("petitions:track"), {"ma": duplicate.tracking_code}).content.decode()
    assert PUBLIC_TEXT in page and "0912345678" not in page and "Trần Văn Hải" not in page


def test_public_list_and_feed_hold_the_accepted_public_text_only(client, world):
    under_review = _answered(world, title="Đang xem xét trả lời")
    accepted = _answered(world, title="Đã chấp nhận trả lời")
    services.answer_accept(petition=accepted, public_text=PUBLIC_TEXT, actor=world.officer_a)
    for url in (reverse("petitions:answered"), reverse("petitions:answered_feed")):
        body = client.get(url).content.decode()
        assert accepted.title in body and PUBLIC_TEXT in body
        assert under_review.title not in body and "0912345678" not in body and "Trần Văn Hải" not in body


def test_liaison_link_after_a_send_back_shows_the_reasons_and_the_earlier_answer(client, world):
    petition = _answered(world)
    forward = petition.events.filter(kind=EventKind.FORWARDED).latest("created_at")
    old = reverse("petitions:liaison", args=[liaison_token_make(event=forward)])
    assert "không còn chờ" in client.get(old).content.decode()  # under review: nothing left for the body
    services.answer_send_back(petition=petition, reason="Chưa nêu lịch thu gom.", actor=world.officer_a)
    assert client.get(old).status_code == 403  # a new link went out with the reasons
    new = reverse("petitions:liaison", args=[liaison_token_make(event=forward)])
    page = client.get(new).content.decode()
    assert 'data-testid="send-back"' in page and "Chưa nêu lịch thu gom." in page
    assert "Đã thu gom rác; đã gọi" in page  # the earlier answer, to amend
    client.post(new, {"action": "answer", "text": "Lịch thu gom: 6 giờ sáng hằng ngày."})
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED and petition.answer_text.startswith("Lịch thu gom")


def test_liaison_list_defaults_to_waiting_for_us_nearest_due_first(client, world):
    later, sooner = world.forwarded(title="Hạn sau"), world.forwarded(title="Hạn trước")
    Petition.objects.filter(pk=later.pk).update(due_date=datetime.date(2026, 12, 20))
    Petition.objects.filter(pk=sooner.pk).update(due_date=datetime.date(2026, 12, 10))
    answered = _answered(world, title="Đã trả lời")
    client.force_login(world.liaison_a)
    response = client.get(reverse("petitions_admin:queue"))
    assert response.status_code == 200 and response.context["waiting"]
    assert [p.pk for p in response.context["page"]] == [sooner.pk, later.pk]
    page = response.content.decode()
    for hidden in ("petitions_admin:intake", "petitions_admin:import", "petitions_admin:bulk"):
        assert reverse(hidden) not in page
    assert 'name="organisation"' not in page and 'name="ids"' not in page
    assert f'{_detail(sooner)}#act-answer' in page
    everything = client.get(reverse("petitions_admin:queue"), {"xem": "tat-ca"})
    assert answered.pk in {p.pk for p in everything.context["page"]} and not everything.context["waiting"]


def test_officer_list_keeps_its_tools_and_newest_first(client, world):
    first, second = world.forwarded(), world.forwarded()
    client.force_login(world.officer_a)
    response = client.get(reverse("petitions_admin:queue"))
    assert not response.context["waiting"]
    assert [p.pk for p in response.context["page"]] == [second.pk, first.pk]
    page = response.content.decode()
    assert reverse("petitions_admin:intake") in page and reverse("petitions_admin:bulk") in page


def test_liaison_answers_in_the_admin_without_acknowledging_first(client, world):
    petition = world.forwarded()
    client.force_login(world.liaison_a)
    page = client.get(_detail(petition)).content.decode()
    assert 'data-action="answer"' in page
    response = client.post(_action(petition, "answer"), {"answer-text": "Đã thu gom."})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED
    assert list(petition.events.values_list("kind", flat=True))[-2:] == ["acknowledged", "answered"]


def test_informing_emails_the_submitter_the_answer_once(client, world, django_capture_on_commit_callbacks):
    petition = _answered(world)
    client.force_login(world.officer_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_action(petition, "answer_accept"), {"answer_accept-public_text": PUBLIC_TEXT})
        assert mail.outbox == []
        client.post(_action(petition, "inform"), {"inform-method": "email"})
    [message] = mail.outbox
    assert message.to == ["hai.tran@example.vn"] and PUBLIC_TEXT in message.body and "0912345678" not in message.body
