import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from mattran.core.text import fold, vi_slugify


def test_slug_folds_d_and_strips_tones():
    assert vi_slugify("Đoàn đại biểu Mặt trận Tổ quốc") == "doan-dai-bieu-mat-tran-to-quoc"


def test_slug_handles_two_mark_vowels_and_punctuation():
    assert vi_slugify("Hội nghị “Phát huy vai trò” – Quyết định 994-QĐ/TU") == (
        "hoi-nghi-phat-huy-vai-tro-quyet-dinh-994-qd-tu"
    )


def test_slug_is_cut_on_a_word_boundary():
    slug = vi_slugify("Ủy ban " * 40, max_length=30)
    assert len(slug) <= 30 and not slug.endswith("-")


def test_fold_gives_same_text_for_nfc_and_nfd_input():
    text = "Đào Thanh Long giám sát đầu tư"
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


def test_fold_example_from_the_seed_article():
    assert fold("Đào Thanh Long") == "dao thanh long"


def test_fold_two_mark_vowels():
    assert fold("Tổ quốc, người dân, Hồ Chí Minh") == "to quoc, nguoi dan, ho chi minh"


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese_letters(text):
    folded = fold(text)
    assert fold(folded) == folded


@given(st.text())
def test_slug_contains_only_ascii_slug_characters(text):
    slug = vi_slugify(text)
    assert all(ch in "abcdefghijklmnopqrstuvwxyz0123456789-" for ch in slug)
