"""The admin in the staff's language (issue 9 item 6): a walk through every admin menu page, the add and edit forms
of the project's models and snippets, the page editor, the login and password pages, as a superuser and as a ward
officer in Vietnamese (no English words left), and in English (no Vietnamese string of the project's own left).

The whole demo is loaded once for the module (every list has rows, so boolean cells and filters are drawn) and
rolled back after it."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page
from wagtail.users.models import UserProfile

from mattran.accounts.models import User
from mattran.organisations.models import Topic

# Whole English words that must not be left in the Vietnamese admin, in text nodes and the <title>.
ENGLISH_WORDS = re.compile(
    r"(?<![\w-])(Password|True|False|Dashboard|Search|Add|Edit|Delete|Save|Cancel|Yes|No)(?![\w-])|- Wagtail"
)
MATTRAN_DIR = Path(__file__).resolve().parents[2]


class _Text(HTMLParser):
    """A page's text nodes and its <title> (script and style bodies are not text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes, self.title, self._skip, self._in_title = [], "", 0, False

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        self._in_title = self._in_title or tag == "title"

    def handle_endtag(self, tag):
        self._skip = max(self._skip - (tag in ("script", "style")), 0)
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data):
        text = " ".join(data.split())
        if self._skip or not text:
            return
        if self._in_title:
            self.title += text
        else:
            self.nodes.append(text)


def _texts(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [f"<title> {parser.title}", *parser.nodes]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic(), open("/dev/null", "w") as quiet:
        call_command("load_demo", stdout=quiet)
        yield
        transaction.set_rollback(True)


def _menu_urls(user) -> list[str]:
    from wagtail.admin.menu import admin_menu

    request = RequestFactory().get("/quan-tri/")
    request.user = user
    urls = []

    def walk(items):
        for item in items:
            if hasattr(item, "menu"):
                walk(item.menu.menu_items_for_request(request))
            elif item.url.startswith("/quan-tri/"):
                urls.append(item.url)

    walk(admin_menu.menu_items_for_request(request))
    return urls


def _reverse(name, *args):
    try:
        return [reverse(name, args=args)]
    except NoReverseMatch:
        return []


def _form_urls() -> list[str]:
    """The add and edit forms of every admin model screen (ModelViewSets, snippets, users, groups, sites), of
    images, documents, collections, redirects, promoted results and workflows, and the page editor."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    urls = ["/quan-tri/"]
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet):
            urls += _reverse(viewset.get_url_name("add"))
            first = viewset.model._default_manager.order_by("pk").first()
            if first is not None:
                urls += _reverse(viewset.get_url_name("edit"), first.pk)
    for name in ("wagtailimages:add_multiple", "wagtaildocs:add_multiple", "wagtailadmin_collections:add",
                 "wagtailredirects:add", "wagtailsearchpromotions:add", "wagtailadmin_workflows:add",
                 "wagtailadmin_workflows:select_task_type", "wagtailadmin_account"):  # fmt: skip
        urls += _reverse(name)
    urls += _reverse("wagtailimages:edit", get_image_model().objects.order_by("pk").first().pk)
    document = get_document_model().objects.order_by("pk").first()
    urls += _reverse("wagtaildocs:edit", document.pk) if document else []
    for model in ("homepage", "categorypage", "articlepage"):
        page = (
            Page.objects.filter(content_type__app_label="news", content_type__model=model)
            .order_by("pk")
            .last()
        )
        urls += [
            f"/quan-tri/pages/{page.pk}/edit/",
            f"/quan-tri/pages/add/news/{model}/{page.get_parent().pk}/",
        ]
    return urls


def _leftovers(client, urls, is_leftover) -> dict[str, list[str]]:
    found = {}
    for url in dict.fromkeys(urls):
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            hits = sorted({text for text in _texts(response.content.decode()) if is_leftover(text)})
            if hits:
                found[url] = hits
    return found


def _superuser(language=""):
    user = User.objects.create_superuser("quantri.kiemthu", "quantri.kiemthu@example.vn", "mat-khau-thu")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return user


@pytest.mark.django_db
def test_vietnamese_admin_shows_no_english_words_to_a_superuser(demo, client):
    user = _superuser()
    client.force_login(user)
    assert _leftovers(client, _menu_urls(user) + _form_urls(), ENGLISH_WORDS.search) == {}


@pytest.mark.django_db
def test_vietnamese_admin_shows_no_english_words_to_a_ward_officer(demo, client):
    officer = User.objects.get(username="canbo.minhphung")
    client.force_login(officer)
    urls = _menu_urls(officer)
    assert "/quan-tri/kien-nghi/" in urls
    assert _leftovers(client, [*urls, "/quan-tri/", "/quan-tri/account/"], ENGLISH_WORDS.search) == {}


@pytest.mark.django_db
def test_login_and_password_pages_show_no_english_words(client):
    urls = [reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")]
    found = _leftovers(client, urls, ENGLISH_WORDS.search)
    assert found == {}
    assert "Mật khẩu" in client.get(urls[0]).content.decode()


def _own_vietnamese() -> set[str]:
    """The project's own source strings (Vietnamese msgids of its catalogues), as a page would show them."""
    strings = set()
    for path in MATTRAN_DIR.glob("**/locale/en/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            for msgid in (entry.msgid, entry.msgid_plural):
                text = " ".join(msgid.split()).rstrip(":").strip()
                if text and "%" not in text and "{" not in text and re.search(r"[^\x00-\x7f]", text):
                    strings.add(text)
    return strings


@pytest.mark.django_db
def test_english_admin_shows_no_vietnamese_string_of_the_project(demo, client):
    user = _superuser(language="en")
    client.force_login(user)
    # Data that happens to equal a msgid is not a leftover: group names (named after the roles), page titles and
    # the topics' own Vietnamese name column.
    data = {*Group.objects.values_list("name", flat=True), *Page.objects.values_list("title", flat=True)}
    own = _own_vietnamese() - data - set(Topic.objects.values_list("name", flat=True))

    def is_leftover(text):
        return text.removeprefix("<title> ").rstrip(":*").strip() in own

    assert _leftovers(client, _menu_urls(user) + _form_urls(), is_leftover) == {}
