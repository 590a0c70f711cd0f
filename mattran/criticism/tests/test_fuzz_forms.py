"""The fuzz layer over the criticism forms: hypothesis posts generated values (odd text, NUL, extreme dates,
oversized numbers, junk files) to the public comment form, the expert's and the drafting body's link pages and
every officer action. Asserted: no 5xx (the test client re-raises a server error), and when a request did not
succeed nothing was written. Budget: ``FUZZ_EXAMPLES``."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from mattran.core.models import AuditEvent
from mattran.core.tests.fuzz import fuzz_settings
from mattran.criticism import services
from mattran.criticism.links import invitation_token_make, reply_token_make
from mattran.criticism.models import Comment, DraftVersion, Invitation, Reply
from mattran.criticism.views.backoffice import DRAFT_ACTIONS

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

D = datetime.date
ODD_TEXT = [
    "", " ", "\x00", "a\x00b", "²", "١٢٣", "-1", "0", "1", "2", "99999999999999999999999", "9223372036854775808",
    "0001-01-01", "9999-12-31", "10000-01-01", "2026-13-45", "2026-10-01", "<script>alert(1)</script>",
    "' OR 1=1--", "\r\nSet-Cookie: x=1", "‮", "x" * 6000, "adopted", "explained", "maybe", "on",
]
odd = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=40))
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _written():
    return (Comment.objects.count(), Reply.objects.count(), DraftVersion.objects.count(), Invitation.objects.count(),
            AuditEvent.objects.count())


def _fields(names):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, odd))


@fuzz_settings()
@given(data=_fields(["paragraph", "text", "author_name", "author_contact", "website"]))
def test_public_comment_form(world, data):
    cache.clear()
    draft = world.open_draft(opens_on=D(2026, 1, 1), closes_on=D(2099, 12, 31)) if not hasattr(world, "fz") else world.fz
    world.fz = draft
    before = _written()
    response = Client().post(reverse("criticism:detail", args=[draft.slug]), data)
    assert response.status_code < 500
    if response.status_code != 302:
        assert _written() == before


@fuzz_settings()
@given(data=_fields(["paragraph", "text"]))
def test_expert_link_form(world, data):
    if not hasattr(world, "fz"):
        draft = world.open_draft(opens_on=D(2026, 1, 1), closes_on=D(2099, 12, 31))
        world.fz = services.invitation_create(draft=draft, name="Chuyên gia", actor=world.officer_a)
    before = _written()
    response = Client().post(reverse("criticism:expert", args=[invitation_token_make(invitation=world.fz)]), data)
    assert response.status_code < 500
    if response.status_code != 302:
        assert _written() == before


@fuzz_settings()
@given(point=odd, kind=odd, text=odd)
def test_body_link_form(world, point, kind, text):
    if not hasattr(world, "fz"):
        world.fz = world.consolidated()
    draft, accepted, _rejected = world.fz
    before = _written()
    chosen = str(accepted.pk) if point == "1" else point
    response = Client().post(reverse("criticism:body_reply", args=[reply_token_make(draft=draft)]), {
        "point": chosen, f"p{accepted.pk}-kind": kind, f"p{accepted.pk}-text": text,
    })
    assert response.status_code < 500
    if response.status_code != 302:
        assert _written() == before


@fuzz_settings()
@given(
    action=st.sampled_from(sorted(DRAFT_ACTIONS)),
    data=st.dictionaries(st.sampled_from(["text", "note", "received_on", "opens_on", "closes_on",
                                          "public_comments_open", "open", "on", "number", "signer_name", "name",
                                          "position", "email"]), odd, max_size=6),
    upload=st.one_of(st.none(), st.sampled_from([PDF, b"", b"PK\x03\x04junk", b"\x00" * 50])),
)
def test_officer_action_forms(world, action, data, upload):
    from conftest import StaffClient  # the root conftest: a session that passed both login steps

    if not hasattr(world, "fz"):
        world.fz = world.open_draft()
    client = StaffClient()
    client.force_login(world.officer_a)
    payload = {f"{action}-{key}": value for key, value in data.items()}
    if upload is not None:
        payload[f"{action}-file"] = SimpleUploadedFile("tep.pdf", upload)
    before = _written()
    response = client.post(reverse("criticism_admin:draft_action", args=[world.fz.pk, action]), payload)
    assert response.status_code < 500
    if response.status_code == 302:  # success goes back to the draft (never to a login page)
        assert response["Location"] == reverse("criticism_admin:draft", args=[world.fz.pk])
    else:
        assert _written() == before
