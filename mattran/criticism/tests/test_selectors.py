from mattran.criticism import selectors, services
from mattran.criticism.models import ReplyKind


def test_draft_list_for_is_the_officers_subtree(world):
    mine = world.draft()
    theirs = world.draft(organisation=world.ward_b, actor=world.officer_b)
    assert list(selectors.draft_list_for(user=world.officer_a)) == [mine]
    assert set(selectors.draft_list_for(user=world.officer_city)) == {mine, theirs}


def test_paragraph_rows_count_only_accepted_comments(world):
    draft = world.open_draft()
    for text in ("Một.", "Hai."):
        services.comment_accept(comment=world.comment(draft, 2, text=text), actor=world.officer_a)
    world.comment(draft, 2, text="Chờ duyệt.")
    services.comment_reject(comment=world.comment(draft, 1, text="Bị loại."), actor=world.officer_a)
    rows = selectors.paragraph_rows_public(draft=draft)
    assert [row.count for row in rows] == [0, 2, 0]
    assert [p.text for p in rows[1].points] == ["Một.", "Hai."]


def test_outcome_counts_per_reply_kind_and_unanswered(world):
    draft = world.open_draft()
    first = services.comment_accept(comment=world.comment(draft, 1, text="A."), actor=world.officer_a)
    services.comment_accept(comment=world.comment(draft, 2, text="B."), actor=world.officer_a)
    services.draft_comment_period_close(draft=draft, actor=world.officer_a)
    services.draft_consolidate(draft=draft, actor=world.officer_a)
    services.draft_reply_record(comment=first, kind=ReplyKind.ADOPTED, text="Đã sửa.", actor=world.officer_a)
    counts = selectors.outcome_counts(rows=selectors.paragraph_rows_public(draft=draft))
    assert counts == {"adopted": 1, "explained": 0, "not_adopted": 0, "unanswered": 1, "total": 2}


def test_public_list_filters_open_and_finished(world):
    world.draft(title="Chưa công khai")
    open_draft = world.open_draft(title="Đang lấy ý kiến")
    done, _a, _r = world.consolidated()
    assert set(selectors.draft_list_public()) == {open_draft, done}
    assert list(selectors.draft_list_public(state="dang-lay-y-kien")) == [open_draft]
    assert list(selectors.draft_list_public(state="da-ket-thuc-lay-y-kien")) == [done]


def test_comments_for_moderation_put_pending_first(world):
    draft = world.open_draft()
    accepted = services.comment_accept(comment=world.comment(draft, 1, text="A."), actor=world.officer_a)
    pending = world.comment(draft, 3, text="B.")
    assert list(selectors.comment_list_for_moderation(draft=draft)) == [pending, accepted]
