import datetime

from django.core import mail
from django.core.management import call_command

from mattran.criticism import services
from mattran.criticism.models import DraftStatus

D = datetime.date


def test_the_drafting_body_is_emailed_its_reply_link_on_consolidation(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft, _a, _r = world.consolidated()
    message = next(m for m in mail.outbox if world.body_a.email in m.to)
    assert draft.title in message.subject and "/phan-bien/co-quan/" in message.body


def test_an_invited_expert_with_an_address_gets_the_link(world, django_capture_on_commit_callbacks):
    draft = world.draft()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(draft=draft, name="TS. Lê Thị Hoa", email="hoa@example.vn", actor=world.officer_a)
        services.invitation_create(draft=draft, name="Không có thư", actor=world.officer_a)
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]
    assert "/phan-bien/chuyen-gia/" in mail.outbox[0].body and "TS. Lê Thị Hoa" in mail.outbox[0].body


def test_the_daily_pass_closes_periods_past_their_closing_date(world):
    past = world.open_draft(opens_on=D(2026, 1, 1), closes_on=D(2026, 1, 31))
    future = world.open_draft(opens_on=D(2026, 1, 1), closes_on=D(2099, 1, 31), title="Còn hạn")
    closed = services.drafts_close_expired(today=D(2026, 2, 1))
    assert [d.pk for d in closed] == [past.pk]
    future.refresh_from_db()
    assert future.status == DraftStatus.OPEN
    past.refresh_from_db()
    assert past.status == DraftStatus.REVIEWING
    assert past.events.filter(kind="period_closed", actor_label__startswith="hệ thống").exists()


def test_the_daily_command_runs(world):
    world.open_draft(opens_on=D(2026, 1, 1), closes_on=D(2026, 1, 31))
    call_command("criticism_daily", verbosity=0)
