import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from mattran.accounts.models import Role
from mattran.accounts.services import membership_grant
from mattran.accounts.tests.factories import UserFactory
from mattran.core.models import AuditEvent
from mattran.petitions.tests.factories import PetitionFactory
from mattran.reports.models import ReportFile, ReportFileStatus

from .world import ReorganisedCity, local

pytestmark = pytest.mark.django_db


def _officer(organisation):
    user = UserFactory()
    membership_grant(actor="test", user=user, organisation=organisation, role=Role.OFFICER)
    return user


@pytest.fixture
def world():
    w = ReorganisedCity()
    for org, n in ((w.ward_a, 3), (w.ward_b, 2)):
        for _ in range(n):
            p = PetitionFactory(organisation=org, topic=w.topics[0])
            p.__class__.objects.filter(pk=p.pk).update(created_at=local(2026, 1, 10, 9))
    return w


Q = "?ky=month&nam=2026&so=1"


def test_ward_officer_sees_the_ward_and_the_city_officer_the_roll_up(client, world):
    client.force_login(_officer(world.ward_a))
    page = client.get("/quan-tri/bao-cao/" + Q)
    assert page.status_code == 200
    assert page.context["organisation"] == world.ward_a
    assert page.context["data"]["current"]["received"] == 3
    client.force_login(_officer(world.city))
    page = client.get("/quan-tri/bao-cao/" + Q)
    assert page.context["organisation"] == world.city
    assert page.context["data"]["current"]["received"] == 5
    assert b"<svg" in page.content and b"<title" in page.content


def test_a_ward_officer_asking_for_another_ward_or_the_city_gets_a_404(client, world):
    client.force_login(_officer(world.ward_a))
    assert client.get(f"/quan-tri/bao-cao/{Q}&to_chuc={world.ward_b.slug}").status_code == 404
    assert client.get(f"/quan-tri/bao-cao/xlsx/dia-ban/{Q}&to_chuc={world.city.slug}").status_code == 404
    assert client.post("/quan-tri/bao-cao/bao-cao-docx/", {"to_chuc": world.ward_b.slug}).status_code == 404
    assert not ReportFile.objects.exists()


def test_bad_filter_is_a_400_with_a_message(client, world):
    client.force_login(_officer(world.city))
    assert client.get("/quan-tri/bao-cao/?ky=month&nam=99999").status_code == 400
    assert client.get("/quan-tri/bao-cao/?ky=range&tu=2026-02-01&den=2026-01-01").status_code == 400
    assert client.get("/quan-tri/bao-cao/xlsx/khong-co/" + Q).status_code == 404


def test_people_without_a_membership_are_refused(client, world):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/quan-tri/bao-cao/").status_code in (302, 403)


def test_xlsx_has_vietnamese_headers_a_frozen_header_and_number_formats(client, world):
    client.force_login(_officer(world.city))
    response = client.get("/quan-tri/bao-cao/xlsx/dia-ban/" + Q)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Tổ chức tiếp nhận"
    assert sheet.freeze_panes == "A3"
    assert sheet["B3"].number_format == "#,##0"
    assert {sheet["A3"].value: sheet["B3"].value, sheet["A4"].value: sheet["B4"].value} == {
        world.ward_a.name: 3,
        world.ward_b.name: 2,
    }
    everything = load_workbook(io.BytesIO(client.get("/quan-tri/bao-cao/xlsx/tat-ca/" + Q).content))
    assert len(everything.sheetnames) >= 10


def test_docx_report_is_made_in_the_background_kept_and_downloaded(
    client, world, django_capture_on_commit_callbacks
):
    officer = _officer(world.city)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/quan-tri/bao-cao/bao-cao-docx/",
            {"ky": "month", "nam": "2026", "so": "1", "so_ky_hieu": "12", "nguoi_ky": "Nguyễn Văn A"},
        )
    report = ReportFile.objects.get()
    assert response.status_code == 302
    assert report.status == ReportFileStatus.DONE
    assert AuditEvent.objects.filter(action="report.request").exists()
    assert AuditEvent.objects.filter(action="report.generate").exists()
    status = client.get(f"/quan-tri/bao-cao/bao-cao-docx/{report.pk}/")
    assert b"docx-download" in status.content
    download = client.get(f"/quan-tri/bao-cao/bao-cao-docx/{report.pk}/tai-ve/")
    assert download.status_code == 200
    document = Document(io.BytesIO(b"".join(download.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert "Số: 12/BC-MTTQ-BTT" in cells
    assert "BÁO CÁO" in text and "tháng 1/2026" in text
    assert "tiếp nhận 5 ý kiến" in text
    assert "Nơi nhận:" in cells and "TM. BAN THƯỜNG TRỰC" in cells and "Nguyễn Văn A" in cells
    # another ward's officer cannot reach the file
    client.force_login(_officer(world.ward_b))
    assert client.get(f"/quan-tri/bao-cao/bao-cao-docx/{report.pk}/tai-ve/").status_code == 404


def test_admin_home_shows_the_dashboard_panel_first(client, world, settings):
    client.force_login(_officer(world.ward_a))
    home = client.get("/quan-tri/")
    assert home.status_code == 200
    assert b'data-testid="reports-home-panel"' in home.content


def test_period_labels_are_vietnamese():
    from mattran.reports.periods import period_half, period_quarter

    assert period_quarter(year=2026, quarter=3).label() == "quý 3 năm 2026"
    assert period_half(year=2026, half=1).label() == "6 tháng đầu năm 2026"
    assert period_quarter(year=2026, quarter=1).previous().start == datetime.date(2025, 10, 1)


def test_public_statistics_page_shows_charts_and_figures_without_confidential_items(client, world):
    secret = PetitionFactory(
        organisation=world.ward_a, topic=world.topics[0], confidential=True, submitter_name="Trần Bí Mật"
    )
    secret.__class__.objects.filter(pk=secret.pk).update(created_at=local(2026, 1, 12, 9))
    page = client.get(
        "/kien-nghi/thong-ke/", {"to-chuc": world.city.slug, "ky": "month", "nam": "2026", "so": "1"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="public-figures"' in html and "<svg" in html
    assert "Trần Bí Mật" not in html and secret.reference not in html
    rows = {label: now for label, now, *_ in page.context["key_rows"]}
    assert rows["Tiếp nhận"] == 5  # the confidential sixth is not counted publicly
    assert "style=" not in html.split('data-testid="public-figures"')[1]


def test_public_statistics_page_survives_a_bad_period(client, world):
    page = client.get(
        "/kien-nghi/thong-ke/", {"to-chuc": world.city.slug, "ky": "quarter", "so": "9", "nam": "x"}
    )
    assert page.status_code == 200
    assert 'role="alert"' in page.content.decode()
