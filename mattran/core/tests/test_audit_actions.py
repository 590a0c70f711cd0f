"""The audit log in the admin names each action in words (translated), not by its code."""

import ast
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation
from wagtail.users.models import UserProfile

from mattran.accounts.tests.factories import UserFactory
from mattran.core.audit_actions import ACTION_LABELS, audit_action_choices, audit_action_label
from mattran.core.models import AuditEvent
from mattran.core.services import audit_record
from mattran.criticism.services import COMMENT_TRANSITIONS, DRAFT_TRANSITIONS
from mattran.petitions.workflow import TRANSITIONS as PETITION_TRANSITIONS
from mattran.supervision.services.activities import ACTIVITY_TRANSITIONS
from mattran.supervision.services.recommendations import TRANSITIONS as RECOMMENDATION_TRANSITIONS

MATTRAN = Path(__file__).resolve().parents[2]
# Services that build the code from a step name: the steps they can be given.
DYNAMIC_PREFIXES = {
    "recommendation.": RECOMMENDATION_TRANSITIONS,
    "activity.": ACTIVITY_TRANSITIONS,
    "draft.": DRAFT_TRANSITIONS,
    "comment.": COMMENT_TRANSITIONS,
    "petition.": PETITION_TRANSITIONS,
}


def _codes_written_by_the_services() -> set[str]:
    codes = set()
    for path in MATTRAN.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            if not isinstance(node, ast.Call) or getattr(func, "id", getattr(func, "attr", None)) != "audit_record":
                continue
            action = next((kw.value for kw in node.keywords if kw.arg == "action"), None)
            if isinstance(action, ast.Constant):
                codes.add(action.value)
            elif isinstance(action, ast.JoinedStr) and isinstance(action.values[0], ast.Constant):
                prefix = action.values[0].value
                assert prefix in DYNAMIC_PREFIXES, f"{path}: add the steps of {prefix}… to DYNAMIC_PREFIXES"
                codes |= {prefix + step for step in DYNAMIC_PREFIXES[prefix]}
            elif action is not None and not isinstance(action, ast.Name):
                pytest.fail(f"{path}:{node.lineno}: an audit action this test cannot read: {ast.unparse(action)}")
    return codes


def test_every_action_code_the_services_write_has_a_label():
    codes = _codes_written_by_the_services()
    assert len(codes) > 50  # the scan found the services
    assert sorted(codes - set(ACTION_LABELS)) == []


def test_labels_name_no_action_the_services_no_longer_write():
    assert sorted(set(ACTION_LABELS) - _codes_written_by_the_services()) == []


def test_each_label_is_vietnamese_with_an_english_translation():
    for code, label in ACTION_LABELS.items():
        with translation.override("vi"):
            vietnamese = str(label)
        with translation.override("en"):
            english = str(label)
        assert vietnamese != english and "." not in english, code


def test_a_code_without_a_label_is_shown_as_itself():
    assert audit_action_label("something.new") == "something.new"


def test_filter_choices_are_every_action_in_words():
    with translation.override("en"):
        choices = dict(audit_action_choices())
    assert choices.keys() == ACTION_LABELS.keys()
    assert choices["petition.inform"] == "Sender informed of the answer"


def _admin(language: str):
    user = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def audit_rows(db):
    with transaction.atomic():
        audit_record(actor="petitions_daily", action="petition.inform")
        audit_record(actor="petitions_daily", action="document.publish")


@pytest.mark.parametrize(
    "language, label",
    [("vi", "Thông tin lại cho người gửi kiến nghị"), ("en", "Sender informed of the answer")],
)
def test_audit_log_lists_each_action_in_words_in_the_officers_language(client, audit_rows, language, label):
    client.force_login(_admin(language))
    html = client.get("/quan-tri/audit_events/").content.decode()
    assert label in html
    assert "petition.inform" not in html.replace('value="petition.inform"', "")  # only as the filter's value


def test_audit_log_filters_by_an_action_chosen_by_its_words(client, audit_rows):
    client.force_login(_admin("vi"))
    html = client.get("/quan-tri/audit_events/", {"action": "document.publish"}).content.decode()
    rows = html.split('class="listing', 1)[1].split("</tbody>", 1)[0]
    assert "Công bố văn bản" in rows and "Thông tin lại cho người gửi kiến nghị" not in rows
    assert "---------" not in html


def test_audit_entry_page_shows_the_action_in_words(client, audit_rows):
    client.force_login(_admin("en"))
    event = AuditEvent.objects.get(action="petition.inform")
    html = client.get(f"/quan-tri/audit_events/inspect/{event.pk}/").content.decode()
    assert "Sender informed of the answer" in html and "bound method" not in html
