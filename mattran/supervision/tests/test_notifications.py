from django.core import mail

from mattran.supervision import services
from mattran.supervision.links import recommendation_token_read


def test_issuing_emails_the_body_and_its_liaisons_a_working_signed_link(world, django_capture_on_commit_callbacks):
    world.body_a.email = "ubnd.a@example.vn"
    world.body_a.save()
    world.liaison_a.email = "dau.moi@example.vn"
    world.liaison_a.save()
    recommendation = world.recommendation()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_issue(recommendation=recommendation, actor=world.officer_a)
    [message] = mail.outbox
    assert set(message.to) == {"ubnd.a@example.vn", "dau.moi@example.vn"}
    assert recommendation.reference in message.subject
    assert "Kính gửi" in message.body and "Bố trí lịch thu gom rác" in message.body
    token = next(line for line in message.body.splitlines() if "/giam-sat/co-quan/" in line).rstrip("/").split("/")[-1]
    assert recommendation_token_read(token)[0] == recommendation


def test_nothing_is_sent_when_the_issue_is_refused(world, django_capture_on_commit_callbacks):
    recommendation = world.issued()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            services.recommendation_issue(recommendation=recommendation, actor=world.officer_a)
        except Exception:
            pass
    assert mail.outbox == []


def test_resending_emails_a_new_link(world, django_capture_on_commit_callbacks):
    world.body_a.email = "ubnd.a@example.vn"
    world.body_a.save()
    recommendation = world.issued()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_link_resend(recommendation=recommendation, actor=world.officer_a)
    assert len(mail.outbox) == 1 and "ubnd.a@example.vn" in mail.outbox[0].to
