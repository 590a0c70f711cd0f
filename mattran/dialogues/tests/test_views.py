"""The officers' screens under /quan-tri/doi-thoai/: ward isolation, the recording screen (JSON for the script,
a plain post without it), the steps through their forms, refusals as 400."""

import datetime

from django.urls import reverse

from mattran.dialogues import services
from mattran.dialogues.models import Meeting, MeetingStatus, Opinion
from mattran.petitions.models import PetitionStatus

D = datetime.date
JSON = {"HTTP_ACCEPT": "application/json"}


def test_the_list_shows_only_the_officers_own_meetings(client, world):
    mine = world.conference(title="Hội nghị của phường A")
    theirs = world.conference(organisation=world.ward_b, title="Hội nghị của phường B")
    client.force_login(world.officer_a)
    page = client.get(reverse("dialogues_admin:meetings")).text
    assert mine.title in page and theirs.title not in page


def test_an_officer_of_ward_a_can_neither_read_nor_change_ward_bs_meeting_or_its_opinions(client, world):
    meeting = world.conference(organisation=world.ward_b)
    world.record(meeting)
    client.force_login(world.officer_a)
    assert client.get(reverse("dialogues_admin:meeting", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("dialogues_admin:record", args=[meeting.pk])).status_code == 404
    response = client.post(reverse("dialogues_admin:record", args=[meeting.pk]), {"content": "x"}, **JSON)
    assert response.status_code == 404
    assert client.post(reverse("dialogues_admin:meeting_action", args=[meeting.pk, "hold"])).status_code == 404
    assert client.post(reverse("dialogues_admin:meeting_action", args=[meeting.pk, "forward"])).status_code == 404
    assert meeting.opinions.count() == 1
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED


def test_the_recording_screen_saves_an_opinion_and_answers_json_for_the_script(client, world):
    meeting = world.conference()
    client.force_login(world.officer_a)
    url = reverse("dialogues_admin:record", args=[meeting.pk])
    assert 'src="/static/dialogues/record.js"' in client.get(url).text or "record.js" in client.get(url).text
    response = client.post(url, {"content": "Đề nghị lắp đèn hẻm 7.", "neighbourhood": "Khu phố 1",
                                 "client_key": "abc"}, **JSON)
    assert response.status_code == 201
    body = response.json()
    assert body["number"] == 1 and body["counts"]["total"] == 1
    assert "Đề nghị lắp đèn hẻm 7." in body["row"]
    again = client.post(url, {"content": "Đề nghị lắp đèn hẻm 7.", "client_key": "abc"}, **JSON)
    assert again.status_code == 200 and again.json()["duplicate"]
    assert meeting.opinions.count() == 1


def test_an_empty_opinion_gets_its_error_as_json_and_nothing_is_saved(client, world):
    meeting = world.conference()
    client.force_login(world.officer_a)
    response = client.post(reverse("dialogues_admin:record", args=[meeting.pk]), {"content": ""}, **JSON)
    assert response.status_code == 400 and "content" in response.json()["errors"]
    assert not Opinion.objects.exists()


def test_without_the_script_the_form_posts_and_the_screen_comes_back(client, world):
    meeting = world.conference()
    client.force_login(world.officer_a)
    url = reverse("dialogues_admin:record", args=[meeting.pk])
    response = client.post(url, {"content": "Ý kiến", "spot_answer": "Trả lời tại chỗ"})
    assert response.status_code == 302 and response["Location"] == url
    opinion = meeting.opinions.get()
    assert opinion.petition.status == PetitionStatus.INFORMED


def test_forwarding_from_the_meeting_page_sends_the_open_opinions(client, world):
    meeting = world.conference()
    world.record(meeting)
    world.record(meeting, content="Ý kiến thứ hai")
    client.force_login(world.officer_a)
    response = client.post(reverse("dialogues_admin:meeting_action", args=[meeting.pk, "forward"]),
                           {"forward-body": world.body_a.pk})
    assert response.status_code == 302
    assert set(meeting.opinions.values_list("petition__status", flat=True)) == {PetitionStatus.FORWARDED}
    page = client.get(reverse("dialogues_admin:meeting", args=[meeting.pk])).text
    assert 'data-count="forwarded">2<' in page


def test_a_step_from_the_wrong_status_is_a_400_with_the_message(client, world):
    meeting = world.conference()
    client.force_login(world.officer_a)
    response = client.post(reverse("dialogues_admin:meeting_action", args=[meeting.pk, "close"]), {})
    assert response.status_code == 400
    assert "Sắp diễn ra" in response.text


def test_planning_a_meeting_through_the_form(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("dialogues_admin:meeting_create"), {
        "organisation": world.ward_a.pk, "kind": "dialogue", "title": "Đối thoại về trật tự đô thị",
        "starts_at": "2026-11-30T08:00", "place": "Nhà văn hóa", "topic": world.topic.pk,
    })
    assert response.status_code == 302
    assert Meeting.objects.get().title == "Đối thoại về trật tự đô thị"
    bad = client.post(reverse("dialogues_admin:meeting_create"), {"organisation": world.ward_b.pk})
    assert bad.status_code == 400


def test_a_commitment_from_the_meeting_page_becomes_a_recommendation(client, world):
    meeting = world.conference()
    client.force_login(world.officer_a)
    response = client.post(reverse("dialogues_admin:meeting_action", args=[meeting.pk, "commit"]), {
        "commit-leader": "Lê Thị Hoa — Chủ tịch UBND phường", "commit-text": "Sửa đường hẻm 12",
        "commit-due_date": "2027-01-31"})
    assert response.status_code == 302
    assert meeting.commitments.get().recommendation.addressee == world.body_a


def test_editing_a_meeting_keeps_its_committee_and_kind(client, world):
    meeting = world.conference()
    client.force_login(world.officer_a)
    url = reverse("dialogues_admin:meeting_edit", args=[meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"organisation": world.ward_b.pk, "kind": "voter_contact", "title": meeting.title,
                                 "starts_at": "2026-11-20T14:00", "place": "Nhà văn hóa khu phố 2",
                                 "topic": world.topic.pk, "leader_body": world.body_a.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.organisation, meeting.kind) == ("Nhà văn hóa khu phố 2", world.ward_a, "dialogue")
    assert meeting.starts_at.hour == 7  # 14:00 in Ho Chi Minh City is 07:00 UTC


def test_a_photo_is_added_to_a_held_meeting_and_shown_on_the_public_page(client, world):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file


    meeting = services.meeting_hold(meeting=world.conference(), actor=world.officer_a)
    image = get_image_model().objects.create(title="Quang cảnh hội nghị", file=get_test_image_file())
    client.force_login(world.officer_a)
    detail = client.get(reverse("dialogues_admin:meeting", args=[meeting.pk]))
    assert detail.status_code == 200 and 'data-action="photo"' in detail.text
    response = client.post(reverse("dialogues_admin:meeting_action", args=[meeting.pk, "photo"]),
                           {"photo-image": image.pk, "photo-caption": "Quang cảnh hội nghị"})
    assert response.status_code == 302
    assert meeting.photos.get().caption == "Quang cảnh hội nghị"
    assert "Quang cảnh hội nghị" in client.get(reverse("dialogues:detail", args=[meeting.slug])).text


def test_a_news_article_about_the_meeting_links_both_ways(client, world):
    from mattran.news.tests.factories import make_article, make_category, make_portal

    meeting = world.conference()
    category = make_category(portal=make_portal(organisation=world.ward_a))
    article = make_article(category=category, title="Phường tổ chức hội nghị đối thoại với Nhân dân")
    client.force_login(world.officer_a)
    response = client.post(reverse("dialogues_admin:meeting_action", args=[meeting.pk, "article"]),
                           {"article-article": article.pk})
    assert response.status_code == 302
    assert "Phường tổ chức hội nghị đối thoại với Nhân dân" in client.get(
        reverse("dialogues:detail", args=[meeting.slug])).text
    assert reverse("dialogues:detail", args=[meeting.slug]) in client.get(article.url).text
    services.meeting_article_link(meeting=meeting, article=article, actor=world.officer_a)  # twice: one link
    assert meeting.article_links.count() == 1


def test_the_hosts_list_shows_questions_in_advance_without_contact_details_and_records_an_answer(client, world):
    meeting = world.conference()
    question = services.question_submit(meeting=meeting, content="Bao giờ sửa cống khu phố 3?", name="Trần Hà",
                                        phone="0903000111", email="ha@example.vn", neighbourhood="Khu phố 3",
                                        actor="người dân (cổng thông tin)")
    client.force_login(world.officer_a)
    url = reverse("dialogues_admin:questions", args=[meeting.pk])
    page = client.get(url).text
    assert "Bao giờ sửa cống khu phố 3?" in page and "Khu phố 3" in page
    assert "0903000111" not in page and "ha@example.vn" not in page
    answer_url = reverse("dialogues_admin:question_answer", args=[meeting.pk, question.pk])
    refused = client.post(answer_url, {f"q{question.pk}-answer": ""})
    assert refused.status_code == 400
    response = client.post(answer_url, {f"q{question.pk}-answer": "Tháng 1 năm 2027 sẽ sửa xong.",
                                        f"q{question.pk}-answered_by": "Chủ tịch UBND phường"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.spot_answer == "Tháng 1 năm 2027 sẽ sửa xong."
    assert question.petition.status == PetitionStatus.INFORMED
    assert "Tháng 1 năm 2027 sẽ sửa xong." in client.get(url).text


def test_an_officer_of_another_ward_cannot_answer_a_question_of_ward_a(client, world):
    meeting = world.conference()
    question = services.question_submit(meeting=meeting, content="Câu hỏi", actor="người dân")
    client.force_login(world.officer_b)
    answer_url = reverse("dialogues_admin:question_answer", args=[meeting.pk, question.pk])
    assert client.post(answer_url, {f"q{question.pk}-answer": "Trả lời"}).status_code == 404
    question.refresh_from_db()
    assert question.spot_answer == ""
