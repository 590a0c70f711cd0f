"""Staff intake and the XLSX import (``views/intake.py``)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from mattran.petitions.models import Petition

pytestmark = pytest.mark.django_db


def test_staff_intake_records_channel_and_officer(client, world):
    client.force_login(world.officer_a)
    response = client.post(
        reverse("petitions_admin:intake"),
        {
            "channel": "phone", "kind": "phan_anh", "topic": world.topic.pk, "title": "Gọi điện báo ngập",
            "content": "Ngập sau mưa", "organisation": world.ward_a.pk, "form_token": "stafftokenstafftoken",
        },
    )
    assert response.status_code == 200
    petition = Petition.objects.get()
    assert petition.channel == "phone" and petition.received_by == world.officer_a
    # The receipt to hand to the submitter: the one staff screen with the secret key, and only this once.
    assert petition.tracking_code in response.content.decode() and petition.reference in response.content.decode()
    detail = client.get(reverse("petitions_admin:detail", args=[petition.pk])).content.decode()
    assert petition.reference in detail and petition.tracking_code not in detail


def test_import_template_downloads_and_bad_sheet_lists_rows(client, world):
    client.force_login(world.officer_a)
    template = client.get(reverse("petitions_admin:import_template"))
    book = load_workbook(io.BytesIO(template.content))
    assert book.active.cell(row=1, column=1).value == "Kênh tiếp nhận"
    out = io.BytesIO()
    sheet = book.active
    sheet.cell(row=2, column=4, value="")
    book.save(out)
    response = client.post(
        reverse("petitions_admin:import"),
        {"organisation": world.ward_a.pk, "file": SimpleUploadedFile("x.xlsx", out.getvalue())},
    )
    assert response.status_code == 400
    assert "Dòng 2" in response.content.decode()
    assert not Petition.objects.exists()
