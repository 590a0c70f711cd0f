from django.core.management import call_command

from mattran.criticism.models import CommentStatus, Draft, DraftStatus, Reply


def test_demo_has_a_criticised_draft_with_two_versions_and_an_open_one_and_loads_once(db):
    call_command("load_demo", verbosity=0)
    done = Draft.objects.get(status=DraftStatus.CLOSED)
    assert done.versions.count() == 2 and done.consolidated_file
    statuses = set(done.comments.values_list("status", flat=True))
    assert statuses == {CommentStatus.ACCEPTED, CommentStatus.REJECTED}
    assert Reply.objects.filter(comment__draft=done).count() == done.comments.filter(status="accepted").count()
    assert Draft.objects.filter(status=DraftStatus.OPEN, public_comments_open=True).exists()
    count = Draft.objects.count()
    call_command("load_demo", verbosity=0)
    assert Draft.objects.count() == count
