"""Review finding 12: odd input on the petition pages is a 4xx (or the page's defaults), never a 500, and
nothing is half-written. Each test here was a 500 before the shared parsers in mattran.core."""

import datetime

import pytest
from django.urls import reverse

from mattran.core.models import AuditEvent
from mattran.petitions.models import Petition, PetitionEvent, PetitionStatus

pytestmark = pytest.mark.django_db


def _counts():
    return Petition.objects.count(), PetitionEvent.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize("month", ["1-1", "9999-12", "0-1", "2026-13", "-1-1", "1-2-3", "10000-1", "²-1", "1899-12"])
def test_stats_page_with_a_month_out_of_range_is_a_400_showing_the_current_months(client, world, month):
    response = client.get(reverse("petitions:stats"), {"thang": month})
    assert response.status_code == 400
    assert "Tháng không hợp lệ" in response.content.decode()
    today = datetime.date.today()
    assert (response.context["months"][0]["year"], response.context["months"][0]["month"]) == (today.year, today.month)


def test_stats_page_accepts_the_first_month_of_1900(client, world):
    response = client.get(reverse("petitions:stats"), {"thang": "1900-01"})
    assert response.status_code == 200
    assert response.context["months"][-1]["year"] == 1899


@pytest.mark.parametrize("param", ["to-chuc", "linh-vuc", "q"])
def test_answered_list_ignores_nul_in_its_filters(client, world, param):
    response = client.get(reverse("petitions:answered"), {param: "a\x00b"})
    assert response.status_code == 200


def test_stats_page_ignores_nul_in_the_organisation(client, world):
    assert client.get(reverse("petitions:stats"), {"to-chuc": "\x00"}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"to": "9999-12-31"},
        {"from": "0001-01-01"},
        {"topic": "²"},
        {"body": "²"},
        {"organisation": "²"},
        {"organisation": "99999999999999999999999"},
        {"topic": "99999999999999999999999"},
        {"status": "\x00"},
    ],
)
def test_queue_with_a_malformed_filter_is_a_400_that_names_it_and_leaves_it_out(client, world, query):
    world.submit()
    client.force_login(world.officer_a)
    response = client.get(reverse("petitions_admin:queue"), query)
    assert response.status_code == 400
    assert "Đã bỏ qua bộ lọc không hợp lệ: " + next(iter(query)) in response.content.decode()
    assert response.context["total"] == 1


@pytest.mark.parametrize("query", [{"p": "99999999999"}, {"q": "\x00"}, {"q": "a\x00b"}])
def test_queue_with_a_far_page_or_nul_in_the_search_is_shown(client, world, query):
    world.submit()
    client.force_login(world.officer_a)
    assert client.get(reverse("petitions_admin:queue"), query).status_code == 200


@pytest.mark.parametrize("ids", [["²"], ["99999999999999999999999"], ["-1"], [""]])
def test_bulk_action_with_malformed_ids_changes_nothing(client, world, ids):
    petition = world.submit()
    client.force_login(world.officer_a)
    before = _counts()
    response = client.post(reverse("petitions_admin:bulk"), {"action": "accept", "ids": [petition.pk, *ids]})
    assert response.status_code == 400
    assert "Danh sách kiến nghị đã chọn không hợp lệ" in response.content.decode()
    assert _counts() == before
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.SUBMITTED


def test_bulk_action_redirect_cannot_carry_a_raw_newline(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("petitions_admin:bulk"), {"action": "x", "query": "a=1\r\nSet-Cookie: x=1"})
    assert response.status_code == 302
    assert "\n" not in response["Location"]


def test_merge_with_an_unknown_code_is_a_form_error(client, world):
    petition = world.submit()
    client.force_login(world.officer_a)
    before = _counts()
    response = client.post(
        reverse("petitions_admin:action", args=[petition.pk, "merge"]), {"merge-into_code": "KN-AAAAA-AAAAA"}
    )
    assert response.status_code == 400
    assert "Không tìm thấy kiến nghị gốc với số tham chiếu này." in response.content.decode()
    assert _counts() == before


def test_forward_with_a_past_due_date_is_a_form_error(client, world):
    petition = world.submit()
    client.force_login(world.officer_a)
    client.post(reverse("petitions_admin:action", args=[petition.pk, "accept"]), {})
    before = _counts()
    response = client.post(
        reverse("petitions_admin:action", args=[petition.pk, "forward"]),
        {"forward-body": world.body_a.pk, "forward-due_date": "2020-01-01"},
    )
    assert response.status_code == 400
    assert "Hạn trả lời không thể ở quá khứ." in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize("due", ["9999-12-31", "0001-01-01"])
def test_forward_with_a_due_date_beyond_2100_is_a_form_error(client, world, due):
    petition = world.submit()
    client.force_login(world.officer_a)
    client.post(reverse("petitions_admin:action", args=[petition.pk, "accept"]), {})
    before = _counts()
    response = client.post(
        reverse("petitions_admin:action", args=[petition.pk, "forward"]), {"forward-due_date": due}
    )
    assert response.status_code == 400
    assert "Ngày phải nằm trong khoảng từ năm 1900 đến năm 2100." in response.content.decode()
    assert _counts() == before


def test_staff_intake_from_another_system_without_its_reference_is_a_form_error(client, world):
    client.force_login(world.officer_a)
    response = client.post(
        reverse("petitions_admin:intake"),
        {
            "channel": "external", "kind": "phan_anh", "topic": world.topic.pk, "title": "Chuyển từ 1022",
            "content": "Ngập sau mưa", "organisation": world.ward_a.pk, "form_token": "stafftokenstafftoken",
        },
    )
    assert response.status_code == 400
    assert Petition.objects.count() == 0 and AuditEvent.objects.filter(action__startswith="petition").count() == 0
    assert response.context["form"].errors
