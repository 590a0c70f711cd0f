import datetime
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mattran.core.testing import SEED_ARTICLE
from mattran.documents.models import DocumentKind
from mattran.documents.references import find_references

SEED = SEED_ARTICLE


@pytest.fixture
def seed_text():
    if not SEED.exists():
        pytest.skip(f"seed article not available at {SEED}")
    return SEED.read_text(encoding="utf-8")


def test_seed_article_cites_four_documents_one_without_suffix(seed_text):
    found = find_references(seed_text)
    assert {(r.kind, r.bare) for r in found} == {
        (DocumentKind.DECISION, "935"),
        (DocumentKind.DECISION, "936"),
        (DocumentKind.DECISION, "994"),
        (DocumentKind.REGULATION, "1374"),
    }
    title = [r for r in found if r.bare == "935"][0]
    assert title.text == "Quyết định 935" and title.suffix == "" and not title.has_suffix
    assert [r.number for r in found if r.bare == "935"] == ["935", "935-QĐ/TU"]
    by_number = {r.number: r for r in found}
    assert by_number["994-QĐ/TU"].date == datetime.date(2017, 5, 25)
    assert by_number["994-QĐ/TU"].text == "Quyết định 994-QĐ/TU ngày 25/5/2017"
    assert by_number["936-QĐ/TU"].date == datetime.date(2017, 4, 28)
    assert by_number["1374-QĐ/TU"].date == datetime.date(2017, 12, 1)
    assert by_number["1374-QĐ/TU"].kind == DocumentKind.REGULATION


def test_seed_article_generic_mentions_are_not_references(seed_text):
    # "các Quyết định của Ban Thường vụ Thành ủy", "các quy định, quyết định" name no document.
    assert all(r.bare in {"935", "936", "994", "1374"} for r in find_references(seed_text))
    assert len(find_references(seed_text)) == 8  # four in the title, four in the lead


@pytest.mark.parametrize(
    ("text", "kind", "number", "suffix", "date", "mention"),
    [
        ("theo Quyết định 935-QĐ/TU.", DocumentKind.DECISION, "935-QĐ/TU", "QĐ/TU", None, "Quyết định 935-QĐ/TU"),
        ("Quyết định số 994-QĐ/TU ngày 25/5/2017", DocumentKind.DECISION, "994-QĐ/TU", "QĐ/TU",
         datetime.date(2017, 5, 25), "Quyết định số 994-QĐ/TU ngày 25/5/2017"),
        ("Quy định 1374-QĐ/TU", DocumentKind.REGULATION, "1374-QĐ/TU", "QĐ/TU", None, "Quy định 1374-QĐ/TU"),
        ("Nghị quyết liên tịch 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", DocumentKind.JOINT_RESOLUTION,
         "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", "NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", None,
         "Nghị quyết liên tịch 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN"),
        ("Quyết định 935, Quyết định 936-QĐ/TU", DocumentKind.DECISION, "935", "", None, "Quyết định 935"),
        ("quyết định 994-qđ/tu", DocumentKind.DECISION, "994-qđ/tu", "qđ/tu", None, "quyết định 994-qđ/tu"),
        ("QUYẾT ĐỊNH SỐ 994-QĐ/TU", DocumentKind.DECISION, "994-QĐ/TU", "QĐ/TU", None, "QUYẾT ĐỊNH SỐ 994-QĐ/TU"),
        ("Quyết định 994-QD/TU", DocumentKind.DECISION, "994-QD/TU", "QD/TU", None, "Quyết định 994-QD/TU"),
        ("Quyết định 994 - QĐ/TU", DocumentKind.DECISION, "994-QĐ/TU", "QĐ/TU", None, "Quyết định 994 - QĐ/TU"),
        ("Quyết định số: 12/QĐ-MTTQ-BTT", DocumentKind.DECISION, "12/QĐ-MTTQ-BTT", "QĐ-MTTQ-BTT", None,
         "Quyết định số: 12/QĐ-MTTQ-BTT"),
        ("Công văn số 123/UBND-VX ngày 3 tháng 4 năm 2020 của", DocumentKind.OFFICIAL_LETTER, "123/UBND-VX",
         "UBND-VX", datetime.date(2020, 4, 3), "Công văn số 123/UBND-VX ngày 3 tháng 4 năm 2020"),
        ("Nghị định 100/2019/NĐ-CP", DocumentKind.DECREE, "100/2019/NĐ-CP", "NĐ-CP", None,
         "Nghị định 100/2019/NĐ-CP"),
        ("Thông tư 01/2020/TT-BNV,", DocumentKind.CIRCULAR, "01/2020/TT-BNV", "TT-BNV", None,
         "Thông tư 01/2020/TT-BNV"),
        ("Thông tư liên tịch số 04/2015/TTLT-BTP", DocumentKind.JOINT_CIRCULAR, "04/2015/TTLT-BTP", "TTLT-BTP",
         None, "Thông tư liên tịch số 04/2015/TTLT-BTP"),
        ("Chỉ thị 05-CT/TW ngày 15/5/2016", DocumentKind.DIRECTIVE, "05-CT/TW", "CT/TW",
         datetime.date(2016, 5, 15), "Chỉ thị 05-CT/TW ngày 15/5/2016"),
        ("Kết luận số 01-KL/TW", DocumentKind.CONCLUSION, "01-KL/TW", "KL/TW", None, "Kết luận số 01-KL/TW"),
        ("Hướng dẫn 05/HD-MTTQ-BTT ngày 12/08/2025", DocumentKind.GUIDANCE, "05/HD-MTTQ-BTT", "HD-MTTQ-BTT",
         datetime.date(2025, 8, 12), "Hướng dẫn 05/HD-MTTQ-BTT ngày 12/08/2025"),
        ("Kế hoạch số 12/KH-MTTQ, ngày 3/9/2025", DocumentKind.PLAN, "12/KH-MTTQ", "KH-MTTQ",
         datetime.date(2025, 9, 3), "Kế hoạch số 12/KH-MTTQ, ngày 3/9/2025"),
        ("Báo cáo 27/BC-MTTQ", DocumentKind.REPORT, "27/BC-MTTQ", "BC-MTTQ", None, "Báo cáo 27/BC-MTTQ"),
        ("Luật số 75/2015/QH13", DocumentKind.LAW, "75/2015/QH13", "QH13", None, "Luật số 75/2015/QH13"),
        ("Nghị quyết 18-NQ/TW", DocumentKind.RESOLUTION, "18-NQ/TW", "NQ/TW", None, "Nghị quyết 18-NQ/TW"),
        ("Quy chế 217-QĐ/TW", DocumentKind.STATUTE, "217-QĐ/TW", "QĐ/TW", None, "Quy chế 217-QĐ/TW"),
        ("Thông báo số 45-TB/TU ngày 1.10.2019", DocumentKind.NOTICE, "45-TB/TU", "TB/TU",
         datetime.date(2019, 10, 1), "Thông báo số 45-TB/TU ngày 1.10.2019"),
        ("(Quyết định 935/2017)", DocumentKind.DECISION, "935/2017", "", None, "Quyết định 935/2017"),
        ("Quyết định\u00a0994-QĐ/TU", DocumentKind.DECISION, "994-QĐ/TU", "QĐ/TU", None, "Quyết định\u00a0994-QĐ/TU"),
        ("Quyết  định   994-QĐ/TU", DocumentKind.DECISION, "994-QĐ/TU", "QĐ/TU", None, "Quyết  định   994-QĐ/TU"),
        ("Quyết định 994-QĐ/TU ngày 31/2/2017", DocumentKind.DECISION, "994-QĐ/TU", "QĐ/TU", None,
         "Quyết định 994-QĐ/TU"),
    ],
)
def test_recognises_varied_forms(text, kind, number, suffix, date, mention):
    found = find_references(text)[0]
    assert (found.kind, found.number, found.suffix, found.date, found.text) == (kind, number, suffix, date, mention)
    assert unicodedata.normalize("NFC", text)[found.start : found.end] == mention


def test_nfd_input_gives_the_same_reference_as_nfc():
    nfc = "Quyết định số 994-QĐ/TU ngày 25/5/2017"
    (from_nfd,) = find_references(unicodedata.normalize("NFD", nfc))
    (from_nfc,) = find_references(nfc)
    assert from_nfd == from_nfc
    assert from_nfd.normalised == "994-qd/tu"


def test_year_inside_the_number_is_kept():
    (found,) = find_references("Nghị quyết liên tịch 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN")
    assert found.year == 2017 and found.bare == "403"


def test_list_of_mentions_keeps_order_and_spans():
    text = "Quyết định 935, Quyết định 936-QĐ/TU ngày 28/4/2017 và Quy định 1374-QĐ/TU"
    found = find_references(text)
    assert [r.number for r in found] == ["935", "936-QĐ/TU", "1374-QĐ/TU"]
    assert [text[r.start : r.end] for r in found] == [r.text for r in found]


@pytest.mark.parametrize(
    "text",
    [
        "các Quyết định của Ban Thường vụ Thành ủy",
        "thực hiện các quy định, quyết định",
        "Quyết định 31/2/2017",  # a date, not a number
        "Nghị quyết Đại hội XIII",
        "bảo vệ quyết định 12abc",
        "phanQuyết định 935",  # inside a word
        "Báo cáo 6 tháng đầu năm 2025",  # quantities, not documents
        "xây dựng Kế hoạch 5 năm",
        "Quyết định 935 lần",
        "",
    ],
)
def test_prose_without_a_document_number_gives_nothing(text):
    assert find_references(text) == []


def test_spaced_dash_followed_by_prose_is_not_a_suffix():
    (found,) = find_references("Quyết định 935 - nhằm cụ thể hóa")
    assert found.number == "935" and found.suffix == ""


TOKENS = ["Quyết định", "quy định", "Nghị quyết liên tịch", " ", "\u00a0", "số", "số:", "935", "403", "5", "2017",
          "-QĐ/TU", "/2017", "/NQLT-UBTVQH14", " - ", "QĐ", "ngày", "tháng", "năm", "25/5/2017", "31/2/2017", ",", ".",
          "x", "\n"]


@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join), st.sampled_from(["NFC", "NFD"]))
def test_spans_always_point_at_the_mention_in_any_text(text, form):
    nfc = unicodedata.normalize("NFC", text)
    for reference in find_references(unicodedata.normalize(form, text)):
        assert nfc[reference.start : reference.end] == reference.text
        assert int(re.match(r"\d+", reference.number).group()) == int(reference.bare)
