"""Reports in a browser (issue 12): the dashboard as a ward officer (the ward's figures) and as the city officer
(the roll-up over the wards), the XLSX of every table and the DOCX periodic report made in the background."""

import io
import os
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.e2e.conftest import admin_login
from tests.e2e.test_petitions import PASSWORD, _groups_open_the_admin

# The committed screenshot is refreshed only on request (MATTRAN_SCREENSHOTS=1): a test run must not rewrite
# tracked files of the checkout.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
REFRESH_SCREENSHOTS = os.environ.get("MATTRAN_SCREENSHOTS") == "1"


@pytest.fixture
def reports_world(demo_site):
    from mattran.accounts.models import Role
    from mattran.accounts.services import membership_grant, user_create
    from mattran.organisations.models import Organisation, Topic
    from mattran.petitions import services as petitions

    city = Organisation.objects.get(slug="tp-ho-chi-minh")
    ward = Organisation.objects.get(slug="phuong-minh-phung")
    other = Organisation.objects.get(slug="phuong-binh-thoi")
    topic = Topic.objects.get(name="Môi trường")
    ward_officer = user_create(
        actor="e2e", username="e2e.bc.phuong", password=PASSWORD, email="bc1@example.vn"
    )
    city_officer = user_create(
        actor="e2e", username="e2e.bc.thanhpho", password=PASSWORD, email="bc2@example.vn"
    )
    membership_grant(actor="e2e", user=ward_officer, organisation=ward, role=Role.OFFICER)
    membership_grant(actor="e2e", user=city_officer, organisation=city, role=Role.OFFICER)
    _groups_open_the_admin()
    for n, org in enumerate([ward] * 3 + [other] * 2):
        petitions.petition_submit(
            channel="in_person",
            kind="phan_anh",
            topic=topic,
            organisation=org,
            actor=city_officer,
            title=f"Rác thải hẻm {n}",
            content="Rác thải tồn đọng nhiều ngày.",
            idempotency_key=f"e2e-bc:{n}",
        )
    return {"city": city, "ward": ward, "ward_officer": ward_officer, "city_officer": city_officer}


def _received(page) -> int:
    row = page.locator('[data-testid="table-so-lieu-chinh"] tbody tr').first
    return int(row.locator("td").first.inner_text())


def test_dashboard_for_ward_and_city_with_xlsx_and_docx(browser, live_server, reports_world):
    from django.utils import timezone

    from mattran.petitions.models import Petition
    from mattran.reports.periods import local_midnight

    base = live_server.url
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="vi-VN"
    )
    page = context.new_page()
    admin_login(page, base, "e2e.bc.phuong", PASSWORD)
    assert page.locator('[data-testid="reports-home-panel"]').is_visible()
    page.goto(base + "/quan-tri/bao-cao/")
    assert reports_world["ward"].name in page.locator('[data-testid="report-heading"]').inner_text()
    ward_received = _received(page)
    today = timezone.localdate()
    start = local_midnight(today.replace(day=1))
    expected_ward = (
        Petition.objects.filter(
            organisation__path__startswith=reports_world["ward"].path, created_at__gte=start
        )
        .exclude(status="merged")
        .count()
    )
    assert ward_received == expected_ward
    context.close()

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="vi-VN"
    )
    page = context.new_page()
    admin_login(page, base, "e2e.bc.thanhpho", PASSWORD)
    page.goto(base + "/quan-tri/bao-cao/")
    assert reports_world["city"].name in page.locator('[data-testid="report-heading"]').inner_text()
    assert _received(page) >= ward_received + 2
    if REFRESH_SCREENSHOTS:
        page.screenshot(path=str(SCREENSHOTS / "reports-dashboard-city.png"), full_page=True)

    with page.expect_download() as info:
        page.click('[data-testid="xlsx-all"]')
    workbook = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert "Số liệu chính" in workbook.sheetnames
    assert workbook["Số liệu chính"]["A2"].value == "Chỉ tiêu"

    page.fill("#so-ky-hieu", "07")
    page.fill("#nguoi-ky", "Nguyễn Văn Báo")
    page.click('[data-testid="docx-request"]')
    page.wait_for_selector('[data-testid="docx-download"]', timeout=20000)
    with page.expect_download() as info:
        page.click('[data-testid="docx-download"]')
    document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert "Số: 07/BC-MTTQ-BTT" in cells
    assert "BÁO CÁO" in text and "Kết quả tiếp nhận" in text
    assert f"tiếp nhận {_received_in_docx(text)} ý kiến" in text
    assert "TM. BAN THƯỜNG TRỰC" in cells and "Nguyễn Văn Báo" in cells and "Nơi nhận:" in cells
    context.close()


def _received_in_docx(text: str) -> int:
    import re

    return int(re.search(r"tiếp nhận (\d+) ý kiến", text).group(1))


def test_public_statistics_page_has_charts_and_no_serious_accessibility_violation(
    page, live_server, reports_world
):
    from tests.e2e.conftest import axe_serious_violations

    page.goto(live_server.url + "/kien-nghi/thong-ke/?to-chuc=tp-ho-chi-minh")
    figures = page.locator('[data-testid="public-figures"]')
    assert figures.is_visible()
    assert figures.locator("svg[role=img]").count() >= 3
    assert figures.locator("table").count() >= 5
    assert axe_serious_violations(page) == []
