"""Every catalogue the project ships (mattran/locale, the apps' own locale directories, mattran/locale_admin) is
complete, compiled from its current source, and agrees with the others where they share a string."""

from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.utils import translation

from mattran.core.translations import placeholders

MATTRAN = Path(__file__).resolve().parents[2]
ROOT = MATTRAN.parent
CATALOGUES = sorted(MATTRAN.glob("**/locale*/*/LC_MESSAGES/*.po"))
IDS = [str(path.relative_to(ROOT)) for path in CATALOGUES]


def _live(catalogue: polib.POFile):
    return [entry for entry in catalogue if not entry.obsolete]


def _messages(entries) -> dict:
    """msgctxt/msgid(/plural) → translation, as gettext looks them up; the header (empty msgid) left out."""
    messages = {}
    for entry in entries:
        if not entry.msgid:
            continue
        if entry.msgid_plural:
            value = tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
        else:
            value = entry.msgstr
        messages[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = value
    return messages


def test_the_project_ships_catalogues_for_its_own_strings_an_app_and_the_admin():
    assert {"mattran/locale/en/LC_MESSAGES/django.po", "mattran/petitions/locale/en/LC_MESSAGES/django.po",
            "mattran/locale_admin/vi/LC_MESSAGES/django.po"} <= set(IDS)


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_catalogue_has_no_untranslated_entries(path):
    untranslated = [entry.msgid for entry in polib.pofile(str(path)).untranslated_entries()]
    assert untranslated == [], f"{len(untranslated)} untranslated; run bin/make_translations: {untranslated[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_catalogue_has_no_fuzzy_entries(path):
    fuzzy = [entry.msgid for entry in polib.pofile(str(path)).fuzzy_entries()]
    assert fuzzy == [], f"{len(fuzzy)} fuzzy: check each translation and drop the flag: {fuzzy[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_compiled_catalogue_holds_exactly_the_translations_of_its_source(path):
    """The .mo Django loads is the .po compiled as it is now: nothing missing, changed or left over."""
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path.name} missing: run compilemessages"
    source = _messages(entry for entry in _live(polib.pofile(str(path)))
                       if entry.translated() and "fuzzy" not in entry.flags)
    compiled = _messages(polib.mofile(str(mo_path)))
    stale = sorted({key[1] for key in source.keys() ^ compiled.keys()}
                   | {key[1] for key in source.keys() & compiled.keys() if source[key] != compiled[key]})
    assert stale == [], f"{mo_path.name} is older than its .po; recompile (bin/make_translations): {stale[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_translations_keep_the_placeholders_and_markup_of_their_source(path):
    broken = []
    for entry in _live(polib.pofile(str(path))):
        if entry.msgid_plural:  # the last form is the plural one (the only one where nplurals=1)
            source, text = entry.msgid_plural, entry.msgstr_plural[max(entry.msgstr_plural)]
        else:
            source, text = entry.msgid, entry.msgstr
        if text and placeholders(text) != placeholders(source):
            broken.append(entry.msgid)
    assert broken == []


def test_a_string_held_by_two_catalogues_of_one_language_has_one_translation():
    """mattran/locale wins over an app's catalogue at run time, so a differing app translation would never show:
    a word used in two senses needs a context (pgettext) instead."""
    seen = defaultdict(dict)
    for path in CATALOGUES:
        language = path.parent.parent.name
        for key, value in _messages(_live(polib.pofile(str(path)))).items():
            seen[(language, path.stem, key)][str(path.relative_to(ROOT))] = value
    disagreements = {key[2][1]: found for key, found in seen.items() if len(set(found.values())) > 1}
    assert disagreements == {}


def test_english_shows_the_app_catalogue_and_tells_the_two_senses_of_a_shared_word_apart():
    with translation.override("en"):
        assert translation.gettext("Danh sách công việc") == "Work queue"  # petitions catalogue only
        assert translation.pgettext("diễn biến", "Gửi kiến nghị") == "Petition sent"
        assert translation.gettext("Gửi kiến nghị") == "Send the recommendation"
        assert translation.pgettext("trình đơn", "Lĩnh vực") == "Topics"
        assert translation.gettext("Lĩnh vực") == "Topic"
    with translation.override("vi"):
        assert translation.pgettext("diễn biến", "Gửi kiến nghị") == "Gửi kiến nghị"
