import datetime

from django.urls import reverse

from mattran.supervision import services

D = datetime.date


def _published(world):
    activity = world.activity()
    services.activity_start(activity=activity, actor=world.officer_a, started_on=D(2026, 9, 1))
    services.activity_finish(
        activity=activity, findings_summary="Rác tồn đọng ở 12 hẻm.", finished_on=D(2026, 9, 30), actor=world.officer_a
    )
    issued = world.issued(activity=activity)
    draft = world.recommendation(activity=activity, text="Bản nháp chưa gửi — không công khai")
    services.activity_publish(activity=activity, actor=world.officer_a)
    return activity, issued, draft


def test_accountability_page_lists_published_supervisions_with_their_recommendations(client, world):
    activity, issued, draft = _published(world)
    hidden = world.activity(title="Giám sát chưa công khai")
    response = client.get(reverse("supervision:list"))
    assert response.status_code == 200
    assert activity.title in response.text and hidden.title not in response.text
    detail = client.get(reverse("supervision:detail", args=[activity.slug]))
    assert detail.status_code == 200
    assert issued.reference in detail.text
    assert draft.text not in detail.text
    assert world.officer_a.username not in detail.text


def test_unpublished_supervision_page_is_not_found(client, world):
    activity = world.activity()
    assert client.get(reverse("supervision:detail", args=[activity.slug])).status_code == 404


def test_accountability_filters_by_status_and_rejects_garbage_with_a_400(client, world):
    activity, issued, _draft = _published(world)
    assert activity.title in client.get(reverse("supervision:list"), {"tinh-trang": "issued"}).text
    assert activity.title not in client.get(reverse("supervision:list"), {"tinh-trang": "implemented"}).text
    assert client.get(reverse("supervision:list"), {"nam": "99999999999999999999"}).status_code == 400
    assert client.get(reverse("supervision:list"), {"to-chuc": "\x00"}).status_code == 400


def test_accountability_shares_and_feed(client, world):
    _published(world)
    response = client.get(reverse("supervision:list"))
    assert 'data-testid="issued">1<' in response.text
    feed = client.get(reverse("supervision:feed"))
    assert feed.status_code == 200 and "KNGS-" in feed.content.decode() and "Bản nháp" not in feed.content.decode()


def test_english_accountability_page_answers(client, world):
    _published(world)
    assert client.get("/en/giam-sat/").status_code == 200
