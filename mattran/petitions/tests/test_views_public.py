"""Public pages (``views/public.py``): the form and its challenge and limits, tracking, rating and reopening, the
answered list, statistics, the liaison's signed link, English pages."""

import datetime
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from mattran.core.tests.caches import caches_setting
from mattran.petitions import services, throttle
from mattran.petitions.links import liaison_token_make
from mattran.petitions.models import Petition, PetitionSettings, PetitionStatus

pytestmark = pytest.mark.django_db

PERSONAL = ("Trần Văn Hải", "0912345678", "hai.tran@example.vn")


def _form_data(world, **overrides):
    data = {
        "kind": "kien_nghi",
        "topic": world.topic.pk,
        "title": "Cây xanh gãy đổ chắn lối đi",
        "content": "Cây xanh trước nhà số 8 gãy sau cơn mưa, chắn nửa lối đi.",
        "organisation": world.ward_a.pk,
        "address": "Trước nhà số 8",
        "submitter_name": "Trần Văn Hải",
        "submitter_phone": "0912345678",
        "submitter_email": "hai.tran@example.vn",
        "form_token": "tokentokentoken-0001",
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_page_renders_with_one_time_token(client, world):
    response = client.get(reverse("petitions:submit"))
    assert response.status_code == 200
    assert b'name="form_token"' in response.content
    assert "Phường, xã nơi xảy ra" in response.content.decode()


def test_form_submission_redirects_to_receipt_with_code(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("petitions:submit"), _form_data(world))
    petition = Petition.objects.get()
    assert response.status_code == 302 and petition.tracking_code in response["Location"]
    receipt = client.get(response["Location"])
    assert petition.tracking_code in receipt.content.decode()
    assert len(mail.outbox) == 1


def test_double_submission_creates_one_petition(client, world):
    first = client.post(reverse("petitions:submit"), _form_data(world))
    second = client.post(reverse("petitions:submit"), _form_data(world))
    assert Petition.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_honeypot_filled_stores_nothing(client, world):
    response = client.post(reverse("petitions:submit"), _form_data(world, website="http://spam"))
    assert response.status_code == 400
    assert not Petition.objects.exists()


def test_invalid_form_is_a_400_with_messages(client, world):
    response = client.post(reverse("petitions:submit"), _form_data(world, title="", topic=""))
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not Petition.objects.exists()


def test_bad_attachment_is_a_400_not_a_500(client, world):
    data = _form_data(world, attachments=[SimpleUploadedFile("a.jpg", b"not an image")])
    response = client.post(reverse("petitions:submit"), data)
    assert response.status_code == 400
    assert not Petition.objects.exists()


def test_challenge_is_required_after_repeated_submissions(client, world):
    config = PetitionSettings.load()
    config.challenge_after_submissions = 1
    config.save()
    client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0002"))
    page = client.get(reverse("petitions:submit"))
    question = page.context["form"].challenge.question
    assert question in page.content.decode() and 'name="challenge_token"' in page.content.decode()
    response = client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0003"))
    assert response.status_code == 400
    assert Petition.objects.count() == 1


def _always_challenge():
    config = PetitionSettings.load()
    config.challenge_after_submissions = 0
    config.save()


def _answered(challenge, **extra):
    return {"challenge_token": challenge.token, "challenge_answer": sorted(challenge.answers)[0], **extra}


def test_right_answer_to_the_challenge_submits(client, world):
    _always_challenge()
    challenge = throttle.challenge_new(issued_at=time.time() - 60)
    response = client.post(reverse("petitions:submit"), _form_data(world, **_answered(challenge)))
    assert response.status_code == 302 and Petition.objects.count() == 1


def test_wrong_answer_uses_up_the_token_even_for_the_right_answer_next(client, world):
    _always_challenge()
    challenge = throttle.challenge_new(issued_at=time.time() - 60)
    wrong = _form_data(world, form_token="tokentokentoken-0020", challenge_token=challenge.token, challenge_answer="99")
    assert client.post(reverse("petitions:submit"), wrong).status_code == 400
    retry = _form_data(world, form_token="tokentokentoken-0021", **_answered(challenge))
    response = client.post(reverse("petitions:submit"), retry)
    assert response.status_code == 400
    assert "đã được trả lời một lần" in response.content.decode()
    assert not Petition.objects.exists()


def test_failed_submit_shows_a_fresh_real_question_and_keeps_the_citizens_text(client, world):
    _always_challenge()
    challenge = throttle.challenge_new(issued_at=time.time() - 60)
    data = _form_data(world, title="Ống nước vỡ trước chợ", challenge_token=challenge.token, challenge_answer="99")
    response = client.post(reverse("petitions:submit"), data)
    body = response.content.decode()
    shown = response.context["form"].challenge
    assert response.status_code == 400
    assert f'<label for="id_challenge_answer">{shown.question}' in body  # a real question, not "x"
    assert f'value="{shown.token}"' in body and shown.token != challenge.token
    assert 'value="Ống nước vỡ trước chợ"' in body and "Cây xanh trước nhà số 8" in body
    assert 'value="99"' not in body


def test_field_error_with_a_right_answer_still_shows_a_new_question(client, world):
    _always_challenge()
    challenge = throttle.challenge_new(issued_at=time.time() - 60)
    response = client.post(reverse("petitions:submit"), _form_data(world, title="", **_answered(challenge)))
    shown = response.context["form"].challenge
    assert response.status_code == 400 and shown.token != challenge.token
    assert shown.question in response.content.decode()


def test_double_click_on_a_challenged_form_gets_the_same_receipt(client, world):
    _always_challenge()
    challenge = throttle.challenge_new(issued_at=time.time() - 60)
    data = _form_data(world, **_answered(challenge))
    first = client.post(reverse("petitions:submit"), data)
    second = client.post(reverse("petitions:submit"), data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Petition.objects.count() == 1


def test_repeated_wrong_answers_from_one_address_answer_429(client, world, settings):
    settings.PETITIONS_CHALLENGE_FAILURES_PER_HOUR = 2
    _always_challenge()
    for n in range(2):
        challenge = throttle.challenge_new(issued_at=time.time() - 60)
        data = _form_data(world, form_token=f"tokentokentoken-003{n}", challenge_token=challenge.token, challenge_answer="99")
        assert client.post(reverse("petitions:submit"), data).status_code == 400
    challenge = throttle.challenge_new(issued_at=time.time() - 60)
    response = client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0039", **_answered(challenge)))
    assert response.status_code == 429 and not Petition.objects.exists()
    other = _form_data(world, form_token="tokentokentoken-0040", **_answered(throttle.challenge_new(issued_at=time.time() - 60)))
    assert client.post(reverse("petitions:submit"), other, REMOTE_ADDR="192.0.2.50").status_code == 302


def test_rate_limit_per_ip_answers_429(client, world):
    config = PetitionSettings.load()
    config.submissions_per_ip_per_hour = 1
    config.challenge_after_submissions = 100
    config.save()
    client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0004"))
    response = client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0005"))
    assert response.status_code == 429
    assert Petition.objects.count() == 1


def test_rate_limit_per_contact_answers_429(client, world):
    config = PetitionSettings.load()
    config.submissions_per_contact_per_day = 1
    config.save()
    client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0006"))
    response = client.post(
        reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0007"), REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429


def test_tracking_accepts_code_in_any_form_and_hides_personal_data(client, world):
    petition = world.informed()
    typed = petition.tracking_code.lower().replace("-", " ")
    response = client.get(reverse("petitions:track"), {"ma": typed})
    body = response.content.decode()
    assert response.status_code == 200
    assert petition.get_status_display() in body
    assert "Đã thu gom rác" in body
    assert world.body_a.name in body
    for value in PERSONAL:
        assert value not in body


def test_tracking_unknown_code_is_404_with_message(client, world):
    response = client.get(reverse("petitions:track"), {"ma": "KN-22222-22222"})
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_tracking_shows_only_public_timeline_entries(client, world):
    petition = world.forwarded()
    services.petition_return(petition=petition, reason="Ghi chú nội bộ bí mật", actor=world.liaison_a)
    response = client.get(reverse("petitions:track"), {"ma": petition.tracking_code})
    assert "Ghi chú nội bộ bí mật" not in response.content.decode()


def test_citizen_rates_and_reopens_on_tracking_page(client, world):
    petition = world.informed()
    response = client.post(reverse("petitions:rate", args=[petition.tracking_code]), {"rating": "2", "comment": "Chưa ổn"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.rating == 2
    client.post(reverse("petitions:reopen", args=[petition.tracking_code]), {"reason": "Rác vẫn còn"})
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REOPENED and petition.reopen_count == 1
    assert petition.rating is None  # a new round, to be rated after its answer


def test_an_invalid_rating_is_refused_with_a_400(client, world):
    # a second valid rating is refused with 409: test_views_keys.test_rating_twice_by_post_is_refused_…
    petition = world.informed()
    response = client.post(reverse("petitions:rate", args=[petition.tracking_code]), {"rating": "9"})
    assert response.status_code == 400
    petition.refresh_from_db()
    assert petition.rating is None


def test_answered_list_shows_only_consenting_and_no_personal_data(client, world):
    public = world.informed(publish_consent=True, title="Rác ở chợ đã được dọn")
    world.informed(publish_consent=False, title="Không công khai")
    world.informed(publish_consent=True, confidential=True, title="Mật")
    body = client.get(reverse("petitions:answered")).content.decode()
    assert public.title in body and "Không công khai" not in body and "Mật" not in body
    for value in PERSONAL:
        assert value not in body
    folded = client.get(reverse("petitions:answered"), {"q": "rac o cho"}).content.decode()
    assert public.title in folded


def test_answered_list_search_matches_whole_words_through_the_site_index(client, world):
    world.informed(publish_consent=True, title="Sửa đèn tổ dân phố 5")
    world.informed(publish_consent=True, title="Dọn vệ sinh toàn khu phố")
    page = client.get(reverse("petitions:answered"), {"q": "to"}).content.decode()
    assert "Sửa đèn tổ dân phố 5" in page and "Dọn vệ sinh toàn khu phố" not in page


def test_stats_page_counts_on_time_and_overdue(client, world):
    world.informed()
    late = world.forwarded()
    Petition.objects.filter(pk=late.pk).update(due_date=datetime.date.today() - datetime.timedelta(days=1))
    response = client.get(reverse("petitions:stats"), {"to-chuc": world.city.slug})
    assert response.status_code == 200
    first_row = response.context["months"][0]
    assert first_row["received"] == 2 and first_row["answered_on_time"] == 1 and first_row["open_overdue"] == 1
    assert first_row["on_time_percent"] == 50.0


def test_english_pages_live_under_en(client, world):
    assert client.get("/en/kien-nghi/tra-cuu/").status_code == 200


def _forward_event(petition):
    return petition.events.filter(kind="forwarded").latest("created_at")


def test_liaison_link_acknowledges_and_answers_into_timeline(client, world):
    petition = world.forwarded()
    url = reverse("petitions:liaison", args=[liaison_token_make(event=_forward_event(petition))])
    page = client.get(url)
    assert page.status_code == 200
    for value in PERSONAL:
        assert value not in page.content.decode()
    client.post(url, {"action": "answer", "text": "Phường đã cử tổ công tác xử lý."})
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED
    assert list(petition.events.values_list("kind", flat=True))[-2:] == ["acknowledged", "answered"]
    assert "đường dẫn" in petition.events.last().actor_label


def test_liaison_link_tampered_or_stale_is_refused(client, world):
    petition = world.forwarded()
    token = liaison_token_make(event=_forward_event(petition))
    assert client.get(reverse("petitions:liaison", args=[token + "x"])).status_code == 403
    services.petition_return(petition=petition, reason="Sai thẩm quyền", actor=world.officer_a)
    services.petition_accept(petition=petition, actor=world.officer_a)
    services.petition_forward(petition=petition, body=world.body_b, actor=world.officer_a)
    assert client.get(reverse("petitions:liaison", args=[token])).status_code == 403


def test_liaison_link_expires(client, world):
    petition = world.forwarded()
    config = PetitionSettings.load()
    signed_at = time.time() - (config.liaison_link_days * 86400 + 60)  # a minute past the link's lifetime
    with mock.patch("django.core.signing.time.time", return_value=signed_at):
        token = liaison_token_make(event=_forward_event(petition))
    response = client.get(reverse("petitions:liaison", args=[token]))
    assert response.status_code == 403 and "hết hạn" in response.content.decode()


def test_english_form_and_tracking_pages_are_in_english(client, world):
    form = client.get("/en/kien-nghi/gui/").content.decode()
    assert "Send a petition" in form and "Ward or commune where it happens" in form
    petition = world.informed()
    page = client.get("/en/kien-nghi/tra-cuu/", {"ma": petition.tracking_code}).content.decode()
    assert "Sender informed of the answer" in page and "Timeline" in page


def test_submitter_who_wrote_in_english_gets_english_email(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        petition = world.submit(language="en")
    assert mail.outbox[-1].subject == f"Petition {petition.reference}: news"
    assert "Keep the tracking code" in mail.outbox[-1].body


def test_forged_proxy_header_does_not_escape_the_ip_limit(client, world):
    config = PetitionSettings.load()
    config.submissions_per_ip_per_hour = 1
    config.challenge_after_submissions = 100
    config.save()
    client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0010"))
    response = client.post(
        reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0011"), HTTP_X_REAL_IP="10.9.9.9"
    )
    assert response.status_code == 429


def test_submission_limit_keys_on_x_real_ip_behind_the_proxy(client, world, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    config = PetitionSettings.load()
    config.submissions_per_ip_per_hour = 1
    config.challenge_after_submissions = 100
    config.save()
    url = reverse("petitions:submit")
    # Every request comes from the proxy (127.0.0.1); two citizens behind it get separate buckets.
    first = client.post(url, _form_data(world, form_token="tokentokentoken-0050"), HTTP_X_REAL_IP="203.0.113.1")
    again = client.post(url, _form_data(world, form_token="tokentokentoken-0051"), HTTP_X_REAL_IP="203.0.113.1")
    other = client.post(
        url, _form_data(world, form_token="tokentokentoken-0052", submitter_phone="0987654321"), HTTP_X_REAL_IP="203.0.113.2"
    )
    assert (first.status_code, again.status_code, other.status_code) == (302, 429, 302)


def test_challenge_is_asked_per_citizen_behind_the_proxy_not_for_everyone(client, world, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    config = PetitionSettings.load()
    config.challenge_after_submissions = 1
    config.save()
    client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0060"), HTTP_X_REAL_IP="203.0.113.1")
    assert client.get(reverse("petitions:submit"), HTTP_X_REAL_IP="203.0.113.1").context["form"].challenge is not None
    assert client.get(reverse("petitions:submit"), HTTP_X_REAL_IP="203.0.113.9").context["form"].challenge is None


def test_tracking_lookup_limit_keys_on_x_real_ip_behind_the_proxy(client, world, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.PETITIONS_TRACK_LOOKUPS_PER_MINUTE = 1
    url = reverse("petitions:track")
    assert client.get(url, {"ma": "KN-AAAAA-AAAAA"}, HTTP_X_REAL_IP="203.0.113.1").status_code == 404
    assert client.get(url, {"ma": "KN-AAAAA-AAAAA"}, HTTP_X_REAL_IP="203.0.113.1").status_code == 429
    assert client.get(url, {"ma": "KN-AAAAA-AAAAA"}, HTTP_X_REAL_IP="203.0.113.2").status_code == 404


def test_submission_works_when_the_cache_is_down(client, world, django_capture_on_commit_callbacks):
    with override_settings(CACHES=caches_setting("BrokenCache")):
        response = client.post(reverse("petitions:submit"), _form_data(world, form_token="tokentokentoken-0070"))
    assert response.status_code == 302 and Petition.objects.count() == 1
