"""The fuzz layer over the HTML forms: hypothesis posts generated values (valid ones, odd ones, NUL characters,
extreme dates, oversized numbers, junk files) to every public form and every officer action form, and sends
generated filters to the public lists and the officers' queue.

Asserted for every request: no 5xx (the test client re-raises a server error, so it fails with its traceback),
and when the request did not succeed, nothing was written (Petition, PetitionEvent, AuditEvent rows counted
before and after). Success: a public form redirects; an officer form says so with a success message.
The targets are found by URL name and form class, not by literal paths or codes. Budget: ``FUZZ_EXAMPLES``.
"""

import io
import re

import pytest
from django import forms
from django.contrib.messages import SUCCESS, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from mattran.accounts.permissions import organisation_list_for
from mattran.core.models import AuditEvent
from mattran.core.tests.fuzz import fuzz_settings
from mattran.petitions import services
from mattran.petitions.forms import PetitionPublicForm, PetitionStaffForm
from mattran.petitions.imports import import_template_xlsx
from mattran.petitions.links import liaison_token_make
from mattran.petitions.models import Petition, PetitionEvent, PetitionSettings
from mattran.petitions.views.backoffice import ACTION_FORMS, BULK_ACTIONS

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

OMIT = object()
ODD_TEXT = [
    "", " ", "\x00", "a\x00b", "²", "١٢٣", "-1", "0", "1.5", "99999999999999999999999", "9223372036854775808",
    "0001-01-01", "9999-12-31", "10000-01-01", "2026-13-45", "1-1", "9999-12", "31/12/9999", "0000-00-00T00:00",
    "<script>alert(1)</script>", "' OR 1=1--", "%00", "\r\nSet-Cookie: x=1", "‮", "KN-", "x" * 300,
]
odd = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=40))
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_HEAD = b"\x89PNG\r\n\x1a\n"


def _written():
    return Petition.objects.count(), PetitionEvent.objects.count(), AuditEvent.objects.count()


def _files():
    return st.builds(
        lambda name, content, kind: SimpleUploadedFile(name, content, content_type=kind),
        st.sampled_from(["a.pdf", "anh.png", "x.jpg", "a" * 300 + ".pdf", "không-dấu.webp", "..pdf"]),
        st.one_of(st.just(PDF), st.just(PNG_HEAD), st.binary(max_size=200), st.just(b"")),
        st.sampled_from(["application/pdf", "image/png", "image/jpeg", "text/html", "application/octet-stream"]),
    )


def _value_for(field: forms.Field, valid: dict, name: str):
    """Values for one form field: something the field should take, something odd, or nothing."""
    if name in valid:
        good = valid[name]
    elif isinstance(field, forms.FileField):
        good = _files()
    elif isinstance(field, forms.ModelMultipleChoiceField):
        good = st.lists(st.sampled_from([str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]] or ["1"]),
                        max_size=3)
    elif isinstance(field, forms.ModelChoiceField):
        good = st.sampled_from([str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]] or ["1"])
    elif isinstance(field, forms.DateTimeField):
        good = st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M"))
    elif isinstance(field, forms.DateField):
        good = st.dates().map(lambda d: d.isoformat())  # year 1 to 9999
    elif isinstance(field, forms.BooleanField):
        good = st.sampled_from(["on", "true", "1", ""])
    elif isinstance(field, forms.ChoiceField):
        good = st.sampled_from([str(key) for key, _label in field.choices] or [""])
    else:
        good = st.text(min_size=1, max_size=200)
    return st.one_of(st.just(OMIT), good, odd)


def _form_data(form: forms.Form, valid: dict | None = None):
    """A dict strategy over the form's fields, under their HTML names (prefix included)."""
    valid = valid or {}
    return st.fixed_dictionaries(
        {form.add_prefix(name): _value_for(field, valid, name) for name, field in form.fields.items()}
    ).map(lambda data: {key: value for key, value in data.items() if value is not OMIT})


def _check(response, before, *, succeeded: bool):
    assert response.status_code < 500
    if not succeeded:
        assert _written() == before, f"{response.status_code} {response.request['PATH_INFO']} wrote rows"


def _public(response, before):
    _check(response, before, succeeded=response.status_code in (301, 302))


def _officer(response, before):
    succeeded = any(m.level == SUCCESS for m in get_messages(response.wsgi_request))
    _check(response, before, succeeded=succeeded)


@pytest.fixture
def fuzz_world(world):
    """The petitions test world with no rate limit or challenge in the way (the fuzzer is one fast client),
    and petitions in the states the forms act on."""
    config = PetitionSettings.load()
    for name in ("submissions_per_ip_per_hour", "submissions_per_contact_per_day", "challenge_after_submissions"):
        if hasattr(config, name):
            setattr(config, name, 30000)
    config.save()
    world.petitions = [world.submit(), world.forwarded(), world.answered(), world.informed()]
    accepted = world.submit()
    services.petition_accept(petition=accepted, actor=world.officer_a)
    world.petitions.append(accepted)
    # read before any example: a successful reopening takes the forms off the page
    world.tracking_actions = _tracking_forms(Client(), world.petitions[3])
    assert len(world.tracking_actions) == 2, "an informed petition's tracking page offers rating and reopening"
    return world


# --- public forms -----------------------------------------------------------------------------------------------


@fuzz_settings()
@given(data=st.data())
def test_public_petition_form_fuzzed_never_errs_or_half_writes(data, fuzz_world):
    client = Client()
    form = PetitionPublicForm()
    values = data.draw(_form_data(form, {
        "form_token": st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=16, max_size=64),
        "website": st.just(""),
        "title": st.text(min_size=1, max_size=200),
        "content": st.text(min_size=1, max_size=500),
        "attachments": st.lists(_files(), max_size=2),
    }))
    before = _written()
    _public(client.post(reverse("petitions:submit"), values), before)


def _tracking_forms(client, petition):
    """The rate and reopen forms' addresses, as the tracking page shows them."""
    page = client.get(reverse("petitions:track"), {"ma": petition.tracking_code}).content.decode()
    return re.findall(r'<form[^>]*method="post"[^>]*action="([^"]+)"', page) + re.findall(
        r'<form[^>]*action="([^"]+)"[^>]*method="post"', page
    )


@fuzz_settings()
@given(data=st.data())
def test_public_tracking_rate_and_reopen_fuzzed_never_err_or_half_write(data, fuzz_world):
    client = Client()
    actions = fuzz_world.tracking_actions
    lookup = data.draw(st.one_of(st.sampled_from([p.tracking_code for p in fuzz_world.petitions]), odd))
    before = _written()
    _check(client.get(reverse("petitions:track"), {"ma": lookup}), before, succeeded=False)
    url = data.draw(st.one_of(st.sampled_from(actions), st.builds(
        lambda code, name: reverse(name, args=[code]),
        st.text(alphabet="KN-ABCDEFGHJKMNPQRSTUVWXYZ23456789", min_size=1, max_size=20),
        st.sampled_from(["petitions:rate", "petitions:reopen"]),
    )))
    values = data.draw(st.fixed_dictionaries({
        "rating": st.one_of(st.just(OMIT), st.sampled_from(["1", "3", "5"]), odd),
        "comment": st.one_of(st.just(OMIT), st.text(max_size=100), odd),
        "reason": st.one_of(st.just(OMIT), st.text(min_size=1, max_size=100), odd),
    }).map(lambda d: {k: v for k, v in d.items() if v is not OMIT}))
    before = _written()
    _public(client.post(url, values), before)


PUBLIC_FILTERS = {
    "search:results": ["q", "loai", "chuyen-muc", "to-chuc", "tu-ngay", "den-ngay", "page"],
    "documents:list": ["so", "q", "loai", "co_quan", "to_chuc", "linh_vuc", "hieu_luc", "nam", "tu_ngay",
                       "den_ngay", "trang"],
    "petitions:answered": ["q", "linh-vuc", "to-chuc", "trang"],
    "petitions:stats": ["thang", "to-chuc"],
    "petitions:track": ["ma"],
}


@fuzz_settings()
@given(data=st.data())
def test_public_lists_with_fuzzed_filters_never_err(data, fuzz_world):
    name = data.draw(st.sampled_from(sorted(PUBLIC_FILTERS)))
    params = data.draw(st.dictionaries(st.sampled_from(PUBLIC_FILTERS[name]), odd, max_size=4))
    language = data.draw(st.sampled_from(["", "/en"]))
    before = _written()
    _check(Client().get(language + reverse(name), params), before, succeeded=False)


@fuzz_settings()
@given(data=st.data())
def test_liaison_link_form_fuzzed_never_errs_or_half_writes(data, fuzz_world):
    petition = fuzz_world.forwarded()
    event = petition.events.filter(kind="forwarded").latest("created_at")
    token = data.draw(st.one_of(st.just(liaison_token_make(event=event)), odd.filter(lambda t: "/" not in t and t)))
    values = data.draw(st.fixed_dictionaries({
        "action": st.one_of(st.sampled_from(["acknowledge", "answer", "return"]), odd),
        "text": st.one_of(st.just(OMIT), st.text(min_size=1, max_size=200), odd),
        "reason": st.one_of(st.just(OMIT), st.text(min_size=1, max_size=200), odd),
        "document": st.one_of(st.just(OMIT), _files()),
    }).map(lambda d: {k: v for k, v in d.items() if v is not OMIT}))
    before = _written()
    _public(Client().post(reverse("petitions:liaison", args=[token]), values), before)


# --- officer forms ----------------------------------------------------------------------------------------------


def _officer_client(world):
    client = Client()
    client.force_login(world.officer_a)
    return client


@fuzz_settings()
@given(data=st.data())
def test_officer_action_forms_fuzzed_never_err_or_half_write(data, fuzz_world):
    client = _officer_client(fuzz_world)
    petition = data.draw(st.sampled_from(fuzz_world.petitions))
    action = data.draw(st.sampled_from(sorted(ACTION_FORMS)))
    form = ACTION_FORMS[action](prefix=action)
    codes = st.sampled_from([p.tracking_code for p in fuzz_world.petitions])
    values = data.draw(_form_data(form, {"into_code": codes}))
    before = _written()
    _officer(client.post(reverse("petitions_admin:action", args=[petition.pk, action]), values), before)


@fuzz_settings()
@given(data=st.data())
def test_officer_intake_form_fuzzed_never_errs_or_half_writes(data, fuzz_world):
    client = _officer_client(fuzz_world)
    form = PetitionStaffForm(organisations=organisation_list_for(user=fuzz_world.officer_a))
    values = data.draw(_form_data(form, {
        "organisation": st.sampled_from([str(fuzz_world.ward_a.pk), str(fuzz_world.ward_b.pk)]),
        "topic": st.just(str(fuzz_world.topic.pk)),
        "form_token": st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=16, max_size=64),
        "attachments": st.lists(_files(), max_size=2),
    }))
    before = _written()
    _officer(client.post(reverse("petitions_admin:intake"), values), before)


@fuzz_settings()
@given(data=st.data())
def test_officer_bulk_form_fuzzed_never_errs_or_half_writes(data, fuzz_world):
    client = _officer_client(fuzz_world)
    ids = st.sampled_from([str(p.pk) for p in fuzz_world.petitions])
    values = {
        "action": data.draw(st.one_of(st.sampled_from(BULK_ACTIONS), odd)),
        "ids": data.draw(st.lists(st.one_of(ids, odd), max_size=4)),
        "query": data.draw(st.one_of(st.just(""), odd)),
    }
    before = _written()
    _officer(client.post(reverse("petitions_admin:bulk"), values), before)


def _xlsx_with(rows):
    book = load_workbook(io.BytesIO(import_template_xlsx()))
    sheet = book.active
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# openpyxl cannot write control characters, so a sheet never holds them
_storable = ILLEGAL_CHARACTERS_RE.sub
cell = st.one_of(st.none(), st.text(max_size=30).map(lambda s: _storable("", s)), st.integers(-10**20, 10**20),
                 st.floats(allow_nan=True), st.dates(), st.sampled_from(ODD_TEXT).map(lambda s: _storable("", s)))


@fuzz_settings()
@given(data=st.data())
def test_officer_import_form_fuzzed_never_errs_or_half_writes(data, fuzz_world):
    client = _officer_client(fuzz_world)
    content = data.draw(st.one_of(
        st.binary(max_size=300),
        st.lists(st.lists(cell, min_size=0, max_size=16), min_size=0, max_size=3).map(_xlsx_with),
    ))
    values = {
        "file": SimpleUploadedFile("kien-nghi.xlsx", content),
        "organisation": data.draw(st.one_of(st.just(str(fuzz_world.ward_a.pk)), odd)),
    }
    before = _written()
    _officer(client.post(reverse("petitions_admin:import"), values), before)


@fuzz_settings()
@given(data=st.data())
def test_officer_queue_with_fuzzed_filters_never_errs(data, fuzz_world):
    names = ["status", "channel", "topic", "body", "due", "organisation", "from", "to", "q", "p", "within", "mine",
             "attention", "sort"]
    params = data.draw(st.dictionaries(st.sampled_from(names), odd, max_size=5))
    before = _written()
    _check(_officer_client(fuzz_world).get(reverse("petitions_admin:queue"), params), before, succeeded=False)


@fuzz_settings()
@given(data=st.data())
def test_officer_triage_forms_fuzzed_never_err_or_half_write(data, fuzz_world):
    """Notes, chasing the body and assignment on the petition page (views/triage.py)."""
    from mattran.petitions.forms import AssignForm, ChaseForm, NoteAddForm

    client = _officer_client(fuzz_world)
    petition = data.draw(st.sampled_from(fuzz_world.petitions))
    name, form = data.draw(st.sampled_from([
        ("note", NoteAddForm(prefix="note")), ("chase", ChaseForm(prefix="chase")), ("assign", AssignForm(prefix="assign")),
    ]))
    values = data.draw(_form_data(form, {
        "assignee": st.sampled_from(["", str(fuzz_world.officer_a.pk), str(fuzz_world.officer_b.pk), "x"]),
    }))
    before = _written()
    _officer(client.post(reverse(f"petitions_admin:{name}", args=[petition.pk]), values), before)
