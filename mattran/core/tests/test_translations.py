"""The staff admin in Vietnamese: coverage of the upstream catalogues, the shipped catalogue's integrity,
and the language the admin opens in for each user's preference."""

import gettext
import json

import pytest
from django.conf import settings as django_settings
from wagtail.users.models import UserProfile

from mattran.accounts.tests.factories import UserFactory
from mattran.core.translations import (
    ADMIN_LOCALE_DIR,
    COVERAGE_TARGET,
    admin_catalogue_path,
    placeholders,
    po_read,
    project_catalogue_header_fix,
    translation_coverage,
)


def test_admin_catalogues_are_translated_to_the_target():
    rows, total = translation_coverage(language="vi")
    assert total.percent >= COVERAGE_TARGET, total.missing[:20]
    # the screens editors live in are complete, not just the total
    by_label = {row.label: row for row in rows}
    assert by_label["wagtail.admin"].missing == ()
    assert by_label["wagtail.admin (JavaScript)"].missing == ()


def test_coverage_counts_only_what_django_would_show(settings):
    """Without the project's catalogue, upstream Vietnamese falls far short: the measure is not a constant."""
    settings.LOCALE_PATHS = [p for p in django_settings.LOCALE_PATHS if p != ADMIN_LOCALE_DIR]
    _rows, total = translation_coverage(language="vi")
    assert total.percent < COVERAGE_TARGET


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_committed_compiled_catalogue_matches_its_source(domain):
    source = admin_catalogue_path(domain)
    with source.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    for entry in po_read(source):
        assert compiled.get(entry.catalog_key) == entry.msgstr, entry.msgid


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_translations_keep_placeholders_and_markup(domain):
    for entry in po_read(admin_catalogue_path(domain)):
        source = entry.msgid_plural or entry.msgid
        assert placeholders(entry.msgstr) == placeholders(source), entry.msgid
        assert entry.msgstr.strip(), entry.msgid


def _shows(content: str, text: str) -> bool:
    """Whether a page shows this text: in its HTML, or in the JSON its scripts render (the sidebar menu)."""
    return text in content or json.dumps(text)[1:-1] in content


def _admin_user(language: str | None):
    user = UserFactory(is_superuser=True, is_staff=True)
    if language is not None:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", None], ids=["prefers-vietnamese", "site-default"])
def test_admin_opens_in_vietnamese(client, language):
    client.force_login(_admin_user(language))
    html = client.get("/quan-tri/").content.decode()
    assert 'lang="vi"' in html
    for text in ("Trang tổng quan", "Hình ảnh", "Tài liệu", "Cài đặt", "Quy trình duyệt"):
        assert _shows(html, text), text
    assert not _shows(html, "Dashboard") and not _shows(html, "Images")


@pytest.mark.django_db
def test_admin_opens_in_english_for_a_user_who_prefers_english(client):
    client.force_login(_admin_user("en"))
    html = client.get("/quan-tri/").content.decode()
    assert 'lang="en"' in html
    assert _shows(html, "Dashboard") and _shows(html, "Images")
    assert not _shows(html, "Trang tổng quan") and not _shows(html, "Hình ảnh")


@pytest.mark.django_db
def test_admin_javascript_strings_are_vietnamese(client):
    client.force_login(_admin_user("vi"))
    response = client.get("/quan-tri/jsi18n/")
    assert response.status_code == 200
    assert _shows(response.content.decode(), "Trình đơn chính")  # "Main menu"


@pytest.mark.django_db
def test_admin_sign_in_page_is_vietnamese(client):
    html = client.get("/quan-tri/login/").content.decode()
    assert "Đăng nhập" in html and "Quên mật khẩu?" in html
    assert "Sign in" not in html


TEMPLATE_HEADER = """# SOME DESCRIPTIVE TITLE.
# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\\n"
"POT-Creation-Date: 2026-12-03 03:38+0700\\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"Language: \\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: mattran/accounts/apps.py:7
msgid "Tài khoản"
msgstr "Accounts"
"""


def test_header_fix_gives_a_new_catalogue_the_project_header_and_leaves_the_rest(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(TEMPLATE_HEADER, encoding="utf-8")
    project_catalogue_header_fix(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# English for the project's own (Vietnamese) strings")
    assert "fuzzy" not in text and "SOME DESCRIPTIVE" not in text
    assert '"Language: en\\n"' in text and '"Last-Translator: Mặt trận project\\n"' in text
    assert text.endswith('#: mattran/accounts/apps.py:7\nmsgid "Tài khoản"\nmsgstr "Accounts"\n')


@pytest.mark.parametrize("catalogue", ["mattran/locale", "mattran/petitions/locale"])
def test_header_fix_leaves_a_committed_catalogue_byte_for_byte(tmp_path, catalogue):
    committed = django_settings.BASE_DIR / catalogue / "en" / "LC_MESSAGES" / "django.po"
    path = tmp_path / "django.po"
    path.write_bytes(committed.read_bytes())
    project_catalogue_header_fix(path)
    assert path.read_bytes() == committed.read_bytes()


def test_project_strings_have_an_english_catalogue():
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Bỏ qua, đến nội dung chính") == "Skip to main content"
    with translation.override("vi"):
        assert translation.gettext("Bỏ qua, đến nội dung chính") == "Bỏ qua, đến nội dung chính"
