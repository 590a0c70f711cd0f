"""The staff admin's Vietnamese: which upstream catalogues are in scope, how much of them is translated, and how
the project's own catalogue of upstream strings (``mattran/locale_admin``) is kept in step with them.

Wagtail's Vietnamese catalogues are nearly empty and Django's miss a few strings. The project ships the missing
Vietnamese in ``mattran/locale_admin/vi/LC_MESSAGES/{django,djangojs}.po``; that folder comes first in
``LOCALE_PATHS``, so its translations win over the apps' own. It is kept apart from ``mattran/locale`` (the
project's own strings, made by ``makemessages``) so that ``makemessages`` never marks the upstream strings obsolete.

The list of source strings is each package's English template (``locale/en/LC_MESSAGES/<domain>.po``), which
lists every msgid the package marks for translation.
"""

import gettext
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import django
import polib
import taggit
import wagtail

ADMIN_LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale_admin"
COVERAGE_TARGET = 95.0


@dataclass(frozen=True)
class Catalogue:
    """One upstream catalogue that editors and officers meet in the admin."""

    label: str
    package_dir: Path
    domain: str = "django"

    def template(self) -> Path:
        return self.package_dir / "locale" / "en" / "LC_MESSAGES" / f"{self.domain}.po"

    def upstream(self, language: str) -> Path:
        return self.package_dir / "locale" / language / "LC_MESSAGES" / f"{self.domain}.mo"


_WAGTAIL = Path(wagtail.__file__).resolve().parent
_DJANGO = Path(django.__file__).resolve().parent
_TAGGIT = Path(taggit.__file__).resolve().parent

# The scope: every installed Wagtail app with an admin face, django-taggit (tag fields on images and documents,
# no Vietnamese upstream), and the Django strings staff meet (form validation,
# dates and the calendar, sign-in and passwords, content types). Left out, because nothing in the project installs
# them: wagtail.locales, wagtail.contrib.simple_translation, styleguide, table_block, typed_table_block; and
# django.contrib.admin's JavaScript (the Django admin only redirects to Wagtail's).
SCOPE = [
    Catalogue("wagtail (core)", _WAGTAIL),
    Catalogue("wagtail.admin", _WAGTAIL / "admin"),
    Catalogue("wagtail.admin (JavaScript)", _WAGTAIL / "admin", "djangojs"),
    Catalogue("wagtail.images", _WAGTAIL / "images"),
    Catalogue("wagtail.documents", _WAGTAIL / "documents"),
    Catalogue("wagtail.snippets", _WAGTAIL / "snippets"),
    Catalogue("wagtail.users", _WAGTAIL / "users"),
    Catalogue("wagtail.search", _WAGTAIL / "search"),
    Catalogue("wagtail.sites", _WAGTAIL / "sites"),
    Catalogue("wagtail.embeds", _WAGTAIL / "embeds"),
    Catalogue("wagtail.contrib.forms", _WAGTAIL / "contrib" / "forms"),
    Catalogue("wagtail.contrib.redirects", _WAGTAIL / "contrib" / "redirects"),
    Catalogue("wagtail.contrib.settings", _WAGTAIL / "contrib" / "settings"),
    Catalogue("wagtail.contrib.search_promotions", _WAGTAIL / "contrib" / "search_promotions"),
    Catalogue("taggit (tags on images and documents)", _TAGGIT),
    Catalogue("django (forms, validation, dates)", _DJANGO / "conf"),
    Catalogue("django.contrib.auth", _DJANGO / "contrib" / "auth"),
    Catalogue("django.contrib.admin", _DJANGO / "contrib" / "admin"),
    Catalogue("django.contrib.contenttypes", _DJANGO / "contrib" / "contenttypes"),
]


# --- reading and writing .po files (through polib) ---


@dataclass
class Entry:
    """One message as the project uses it: Vietnamese has one plural form, so a plural's translation is
    ``msgstr[0]``."""

    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: str = ""
    flags: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def catalog_key(self):
        """The key under which a compiled catalogue (and Django's merged one) stores this message."""
        msgid = self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"
        return (msgid, 0) if self.msgid_plural else msgid


def po_read(path: Path) -> list[Entry]:
    """The entries of a .po file, header and obsolete entries left out."""
    return [
        Entry(
            msgid=e.msgid,
            msgid_plural=e.msgid_plural,
            msgctxt=e.msgctxt,
            msgstr=e.msgstr_plural.get(0, "") if e.msgid_plural else e.msgstr,
            flags=list(e.flags),
            references=[f"{name}:{line}" if line else name for name, line in e.occurrences],
        )
        for e in polib.pofile(str(path))
        if e.msgid and not e.obsolete
    ]


PO_COMMENT = """Vietnamese for the Wagtail and Django admin strings that upstream's catalogues lack.
Kept by mattran.core.translations (bin/update_admin_translations); see docs/architecture.md."""
PO_METADATA = {
    "Project-Id-Version": "mattran-admin",
    "PO-Revision-Date": "2026-11-27 00:00+0700",
    "Last-Translator": "Mặt trận project",
    "Language-Team": "Vietnamese",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def po_write(path: Path, entries: list[Entry]) -> None:
    po = polib.POFile(wrapwidth=0)
    po.header = PO_COMMENT
    po.metadata = dict(PO_METADATA)
    for entry in entries:
        item = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            flags=[f for f in entry.flags if f != "fuzzy"],
            occurrences=[(ref, "") for ref in entry.references],
        )
        if entry.msgid_plural:
            item.msgid_plural = entry.msgid_plural
            item.msgstr_plural = {0: entry.msgstr}
        else:
            item.msgstr = entry.msgstr
        po.append(item)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


# makemessages starts a new catalogue from gettext's template header (fuzzy, no language, placeholder names).
PROJECT_PO_COMMENT = "English for the project's own (Vietnamese) strings; made by bin/make_translations."
PROJECT_PO_METADATA = {
    "Project-Id-Version": "mattran",
    "PO-Revision-Date": "see git log",
    "Last-Translator": "Mặt trận project",
    "Language-Team": "English",
    "Language": "en",
}


def project_catalogue_header_fix(path: Path) -> None:
    """Give a catalogue of the project's own strings its real header; a comment already written is kept. Only the
    header is rewritten: the entries stay as makemessages wrapped them (polib wraps some lines differently)."""
    text = path.read_text(encoding="utf-8")
    po = polib.pofile(text)
    po.metadata_is_fuzzy = []
    po.metadata.update(PROJECT_PO_METADATA)
    if not po.header or po.header.startswith("SOME DESCRIPTIVE TITLE"):
        po.header = PROJECT_PO_COMMENT
    header = str(po).split("\n\n", 1)[0]
    _old_header, separator, entries = text.partition("\n\n")
    path.write_text(header + separator + entries, encoding="utf-8")


# --- keeping the project's catalogue in step with upstream ---


def _upstream_catalog(catalogue: Catalogue, language: str) -> dict:
    path = catalogue.upstream(language)
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # noqa: SLF001


def admin_catalogue_path(domain: str, language: str = "vi") -> Path:
    return ADMIN_LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def admin_catalogue_update(*, language: str = "vi") -> dict[str, dict[str, int]]:
    """Rewrite the project's upstream-strings catalogues from the packages in SCOPE.

    A message is listed when some in-scope upstream catalogue lacks its translation, or when the project
    already translates it (a project translation is kept, so the admin's words stay consistent). Messages no
    longer in any template are dropped. Returns, per domain, how many messages are listed and how many are empty.
    """
    summary = {}
    for domain in sorted({c.domain for c in SCOPE}):
        path = admin_catalogue_path(domain, language)
        existing = {e.key: e for e in po_read(path)} if path.exists() else {}
        upstream: dict = {}
        for catalogue in SCOPE:
            if catalogue.domain == domain:
                upstream.update(_upstream_catalog(catalogue, language))
        listed: dict = {}
        for catalogue in SCOPE:
            if catalogue.domain != domain:
                continue
            for entry in po_read(catalogue.template()):
                if entry.key in listed:
                    continue
                kept = existing.get(entry.key)
                if kept is None and upstream.get(entry.catalog_key):
                    continue
                entry.msgstr = kept.msgstr if kept else ""
                entry.references = [catalogue.label.split(" ")[0]]
                listed[entry.key] = entry
        po_write(path, list(listed.values()))
        summary[domain] = {
            "listed": len(listed),
            "empty": sum(1 for e in listed.values() if not e.msgstr),
        }
    return summary


def admin_catalogue_compile(*, language: str = "vi") -> None:
    """Compile with GNU msgfmt, checking formats (placeholders) and the header."""
    for po in sorted((ADMIN_LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
        subprocess.run(  # noqa: S603
            ["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)],  # noqa: S607
            check=True,
        )


# --- measuring ---


def _effective_catalog(domain: str, language: str):
    """The merged catalogue Django uses at run time for this domain (LOCALE_PATHS first)."""
    from django.utils.translation import trans_real

    if domain == "django":
        return trans_real.translation(language)._catalog  # noqa: SLF001
    # Wagtail's admin asks JavaScriptCatalog for its own package; LOCALE_PATHS are added on top.
    translation = trans_real.DjangoTranslation(language, domain=domain, localedirs=[str(_WAGTAIL / "admin" / "locale")])
    return translation._catalog or {}  # noqa: SLF001


@dataclass(frozen=True)
class CoverageRow:
    label: str
    translated: int
    total: int
    missing: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def translation_coverage(*, language: str = "vi") -> tuple[list[CoverageRow], CoverageRow]:
    """Per in-scope catalogue, the messages that have an effective translation; and the total.

    Needs configured Django settings: "effective" means what Django's merged catalogue would show.
    """
    rows = []
    for catalogue in SCOPE:
        merged = _effective_catalog(catalogue.domain, language)
        entries = po_read(catalogue.template())
        missing = tuple(e.msgid for e in entries if not merged.get(e.catalog_key))
        rows.append(CoverageRow(catalogue.label, len(entries) - len(missing), len(entries), missing))
    total = CoverageRow(
        "total",
        sum(r.translated for r in rows),
        sum(r.total for r in rows),
        tuple(m for r in rows for m in r.missing),
    )
    return rows, total


_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[a-zA-Z_0-9]*\}|</?[a-zA-Z][^>]*>")


def placeholders(text: str) -> list[str]:
    """Format placeholders and HTML tags of a message, sorted, to compare a translation with its source."""
    return sorted(_PLACEHOLDER.findall(text))
