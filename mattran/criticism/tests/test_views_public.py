"""/phan-bien/: the public list, a draft's page with paragraphs, counts and outcomes, the comment form, the
comparison of versions. No commenter's name or contact, no pending or rejected comment, ever."""

import datetime

from django.test import override_settings
from django.urls import reverse

from mattran.criticism import services
from mattran.criticism.models import Comment, DraftStatus, ReplyKind

D = datetime.date
WIDE = {"opens_on": D(2026, 1, 1), "closes_on": D(2099, 12, 31)}  # the form posts "today"; the period covers it


def _post(client, draft, **data):
    fields = {"paragraph": 2, "text": "Đề nghị thu gom rác đến 21 giờ.", "author_name": "Trần Thị Mai",
              "author_contact": "0912345678"}
    fields.update(data)
    return client.post(reverse("criticism:detail", args=[draft.slug]), fields)


def test_preparing_drafts_are_not_public(client, world):
    draft = world.draft()
    assert client.get(reverse("criticism:detail", args=[draft.slug])).status_code == 404
    assert draft.title not in client.get(reverse("criticism:list")).text


def test_list_shows_open_and_finished_drafts_with_a_filter(client, world):
    open_draft = world.open_draft(title="Dự thảo đang lấy ý kiến", **WIDE)
    done, _a, _r = world.consolidated()
    response = client.get(reverse("criticism:list"))
    assert response.status_code == 200 and open_draft.title in response.text and done.title in response.text
    response = client.get(reverse("criticism:list"), {"tinh-trang": "dang-lay-y-kien"})
    assert open_draft.title in response.text and f'data-testid="draft-{done.slug}"' not in response.text
    assert client.get(reverse("criticism:list"), {"tinh-trang": "x"}).status_code == 400


def test_a_public_comment_is_stored_pending_and_not_shown_until_accepted(client, world):
    draft = world.open_draft(**WIDE)
    response = _post(client, draft)
    assert response.status_code == 302 and response["Location"].endswith("#doan-2")
    comment = Comment.objects.get()
    assert comment.paragraph.number == 2 and comment.author_contact == "0912345678"
    page = client.get(reverse("criticism:detail", args=[draft.slug])).text
    assert comment.text not in page and "Trần Thị Mai" not in page
    services.comment_accept(comment=comment, actor=world.officer_a)
    page = client.get(reverse("criticism:detail", args=[draft.slug])).text
    assert comment.text in page and "Trần Thị Mai" not in page and "0912345678" not in page
    assert 'data-testid="count-2">1 ý kiến' in page


def test_the_honeypot_stores_nothing(client, world):
    draft = world.open_draft(**WIDE)
    assert _post(client, draft, website="http://spam.example").status_code == 400
    assert not Comment.objects.exists()


def test_bad_input_is_a_400_with_the_message_and_nothing_stored(client, world):
    draft = world.open_draft(**WIDE)
    response = _post(client, draft, text="", paragraph="99")
    assert response.status_code == 400 and "Biểu mẫu còn lỗi" in response.text
    assert _post(client, draft, paragraph="²").status_code == 400
    assert not Comment.objects.exists()


def test_posting_when_public_comments_are_closed_is_refused(client, world):
    draft = world.open_draft(public=False, **WIDE)
    response = _post(client, draft)
    assert response.status_code == 403 and "không nhận ý kiến của Nhân dân" in response.text
    assert "gop-y-title" not in client.get(reverse("criticism:detail", args=[draft.slug])).text


def test_posting_after_the_closing_date_gives_the_translated_refusal(client, world):
    draft = world.open_draft(opens_on=D(2026, 1, 1), closes_on=D(2026, 1, 2))
    response = _post(client, draft)
    assert response.status_code == 400 and "Đã hết hạn nhận ý kiến" in response.text
    assert not Comment.objects.exists()


@override_settings(CRITICISM_COMMENTS_PER_IP_PER_HOUR=2)
def test_public_comments_are_rate_limited_per_address(client, world):
    draft = world.open_draft(**WIDE)
    assert _post(client, draft).status_code == 302
    assert _post(client, draft).status_code == 302
    response = _post(client, draft)
    assert response.status_code == 429 and "quá nhiều ý kiến" in response.text
    assert Comment.objects.count() == 2


def test_a_paragraph_link_preselects_it_in_the_form(client, world):
    draft = world.open_draft(**WIDE)
    response = client.get(reverse("criticism:detail", args=[draft.slug]), {"doan": "3"})
    assert '<option value="3" selected>' in response.text
    assert client.get(reverse("criticism:detail", args=[draft.slug]), {"doan": "x"}).status_code == 200


def test_the_page_shows_each_reply_and_the_outcome_counts(client, world):
    draft, accepted, rejected = world.consolidated()
    services.draft_reply_record(comment=accepted, kind=ReplyKind.NOT_ADOPTED, text="Kinh phí không cho phép.",
                                actor=world.officer_a)
    page = client.get(reverse("criticism:detail", args=[draft.slug])).text
    assert "Kinh phí không cho phép." in page and "Không tiếp thu" in page
    assert 'data-testid="outcome-not_adopted">1<' in page and 'data-testid="outcome-unanswered">0<' in page
    assert rejected.text not in page
    assert draft.status == DraftStatus.CONSOLIDATED


def test_the_comparison_of_two_versions_marks_insertions_and_deletions(client, world):
    draft, _a, _r = world.consolidated()
    services.draft_version_add(
        draft=draft, actor=world.officer_a, note="Tiếp thu ý kiến về giờ thu gom",
        text=draft.commented_version.text.replace("17 giờ đến 19 giờ", "17 giờ đến 21 giờ"),
    )
    page = client.get(reverse("criticism:detail", args=[draft.slug])).text
    assert 'data-testid="diff-link"' in page
    response = client.get(reverse("criticism:diff", args=[draft.slug]))
    assert response.status_code == 200
    assert "<del>19</del><ins>21</ins>" in response.text and "Tiếp thu ý kiến về giờ thu gom" in response.text
    assert client.get(reverse("criticism:diff", args=[draft.slug]), {"tu": "1", "den": "1"}).status_code == 400
    assert client.get(reverse("criticism:diff", args=[draft.slug]), {"tu": "7", "den": "x"}).status_code == 400


def test_a_draft_with_one_version_has_no_comparison(client, world):
    draft = world.open_draft(**WIDE)
    assert client.get(reverse("criticism:diff", args=[draft.slug])).status_code == 404


def test_the_english_page_exists(client, world):
    draft = world.open_draft(**WIDE)
    response = client.get("/en" + reverse("criticism:detail", args=[draft.slug]))
    assert response.status_code == 200 and 'lang="en"' in response.text


def test_public_drafts_are_in_the_sitemap_and_preparing_ones_are_not(client, world):
    shown = world.open_draft(**WIDE)
    hidden = world.draft(title="Chưa lấy ý kiến")
    text = client.get("/sitemap.xml").content.decode()
    assert f"/phan-bien/{shown.slug}/" in text and f"/phan-bien/{hidden.slug}/" not in text

def test_a_failed_comment_gets_the_focusable_error_summary_linking_each_field(client, world):
    draft = world.open_draft(**WIDE)
    response = _post(client, draft, text="")
    assert response.status_code == 400
    assert 'data-error-summary' in response.text and 'tabindex="-1"' in response.text
    assert 'href="#id_text"' in response.text and "js/error-summary" in response.text
