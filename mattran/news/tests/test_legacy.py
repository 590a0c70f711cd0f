import datetime
import zoneinfo

import pytest
from django.core.management import CommandError, call_command

from mattran.core.models import AuditEvent
from mattran.core.testing import SEED_ARTICLE
from mattran.news import counters
from mattran.news.legacy import LegacyFormatError, is_caption, parse_legacy_page
from mattran.news.models import ArticlePage, CategoryPage
from mattran.news.tests.factories import make_portal
from mattran.organisations.tests.factories import OrganisationFactory

SEED = SEED_ARTICLE
needs_seed = pytest.mark.skipif(
    not SEED.exists(), reason=f"the seed page is not at {SEED} (the shared folder ../shared/seed/ is absent)"
)
SEED_TITLE_START = "Hội nghị chuyên đề “Phát huy vai trò của hệ thống Mặt trận"
CAPTIONS = [
    "Quang cảnh hội nghị",
    "Ông Đào Thanh Long - Ủy viên thường vụ quận ủy, Chủ tịch UB.MTTQ Việt Nam quận 11 phát biểu khai mạc hội nghị",
]

GOOD_PAGE = """SỐ LƯỢT TRUY CẬP

1
2
Hoạt động 05 Tháng Mười Hai 2019 9:05:00 SA

Tiêu đề bài cũ

Ngày 4/12, Ủy ban đã tổ chức trao quà cho hộ nghèo.
Quang cảnh buổi trao quà
Các đại biểu đã trao 100 phần quà.

Số lượt người xem: 15

TIN MỚI HƠN

TIN ĐÃ ĐƯA
Một bài cũ hơn (01/12/2019)
"""


def _seed_text():
    return SEED.read_text(encoding="utf-8")


@needs_seed
def test_seed_page_parses_into_every_element():
    page = parse_legacy_page(_seed_text(), source=str(SEED))
    assert page.title.startswith(SEED_TITLE_START) and page.title.endswith("Ban Thường vụ Thành ủy”")
    assert page.category == "Tin tức sự kiện"
    assert page.published_at == datetime.datetime(2018, 8, 3, 16, 20, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
    assert page.lead.startswith("Ngày 2/8, Ban Thường trực UB.MTTQVN quận")
    assert len(page.paragraphs) == 6  # seven paragraphs in all: the lead and six in the body
    assert page.captions == CAPTIONS
    assert [b.kind for b in page.blocks] == ["paragraph", "caption", "paragraph", "caption"] + ["paragraph"] * 4
    assert page.view_count == 2784
    assert page.visit_count == 37_335_479


def test_caption_rule_tells_short_unfinished_lines_from_sentences():
    assert is_caption("Quang cảnh hội nghị")
    assert not is_caption("Đến tham dự hội nghị có ông A.")
    assert not is_caption("Ngày 2/8, Ban Thường trực đã tổ chức hội nghị “Phát huy vai trò”")
    assert not is_caption("x" * 301)


@pytest.mark.parametrize(
    ("broken", "line", "fragment"),
    [
        (GOOD_PAGE.replace("05 Tháng Mười Hai 2019 9:05:00 SA", "05/12/2019"), 5, "category and date"),
        (GOOD_PAGE.replace("Tháng Mười Hai", "Tháng Mười Ba"), 5, "bad date"),
        (GOOD_PAGE.replace("Số lượt người xem: 15", ""), 15, "views line missing"),
        (GOOD_PAGE.replace("SỐ LƯỢT TRUY CẬP\n\n1\n2\n", "SỐ LƯỢT TRUY CẬP\n"), 1, "counter digits missing"),
        (GOOD_PAGE.replace("TIN MỚI HƠN", "Một dòng lạ"), 15, "unexpected line"),
    ],
)
def test_malformed_page_error_names_the_line(broken, line, fragment):
    with pytest.raises(LegacyFormatError) as error:
        parse_legacy_page(broken, source="cu.txt")
    assert error.value.line == line and fragment in error.value.message
    assert str(error.value).startswith(f"cu.txt:{line}: ")


@pytest.fixture
def district(db):
    organisation = OrganisationFactory(name="Ủy ban MTTQ Việt Nam Quận 11", slug="quan-11")
    make_portal(organisation=organisation)
    return organisation


def _import(*paths, organisation="quan-11"):
    call_command("import_legacy_article", *map(str, paths), organisation=organisation, stdout=open("/dev/null", "w"))  # noqa: SIM115


@needs_seed
def test_import_of_the_seed_page_keeps_its_content_and_counts(client, district):
    _import(SEED)
    article = ArticlePage.objects.get()
    assert article.title.startswith(SEED_TITLE_START)
    assert article.published_at.astimezone(zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%d %H:%M") == "2018-08-03 16:20"
    assert article.get_parent().title == "Tin tức sự kiện" and isinstance(article.get_parent().specific, CategoryPage)
    assert len([b for b in article.body if b.block_type == "paragraph"]) == 6 and article.lead
    assert [b.value["caption"] for b in article.body if b.block_type == "image"] == CAPTIONS
    assert counters.article_view_count(article_id=article.pk) == 2784
    assert counters.site_visit_count(portal_id=article.portal.pk) == 37_335_479
    assert AuditEvent.objects.filter(action="news.article_import_legacy").count() == 1

    html = client.get(article.url).content.decode()
    for text in ["03 Tháng Tám 2018 4:20:00 CH", 'Số lượt người xem: <span data-counter="views">2784</span>',
                 "TIN MỚI HƠN", "TIN ĐÃ ĐƯA", "Quang cảnh hội nghị", SEED_TITLE_START]:
        assert text in html


@needs_seed
def test_reimport_updates_instead_of_duplicating_and_keeps_views_since(district):
    _import(SEED)
    article = ArticlePage.objects.get()
    counters.article_view_record(article_id=article.pk)
    _import(SEED)
    assert ArticlePage.objects.count() == 1 and CategoryPage.objects.count() == 1
    assert counters.article_view_count(article_id=article.pk) == 2785


def test_import_raises_the_visit_counter_but_never_lowers_it(district, tmp_path):
    portal = district.portals.get()
    counters.counter_raise_to(page_id=portal.pk, kind="visits", minimum=50)
    path = tmp_path / "cu.txt"
    path.write_text(GOOD_PAGE, encoding="utf-8")
    _import(path)
    assert counters.site_visit_count(portal_id=portal.pk) == 50
    assert ArticlePage.objects.get().get_parent().title == "Hoạt động"


def test_a_malformed_file_imports_nothing(district, tmp_path):
    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(GOOD_PAGE, encoding="utf-8")
    bad.write_text(GOOD_PAGE.replace("Số lượt người xem: 15", ""), encoding="utf-8")
    with pytest.raises(CommandError, match=r"b\.txt:15: "):
        _import(good, bad)
    assert not ArticlePage.objects.exists() and not CategoryPage.objects.exists()


def test_import_into_an_unknown_organisation_is_refused(db, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD_PAGE, encoding="utf-8")
    with pytest.raises(CommandError, match="khong-co"):
        _import(path, organisation="khong-co")
