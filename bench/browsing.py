"""What a browser does on the site, for the benchmarks: read a page's POST form (inputs, selects, radio groups) and
its error messages, find the counter's beacon element, log the demo officer in through the admin's login form
and its second step, and the officers' queue filters."""

import html.parser
import re
import time
import urllib.parse

from client import BROWSER_HEADERS, NAVIGATE_HEADERS, Http, cookie_header, urlencoded
from django_otp.oath import TOTP  # stdlib-only module: no Django settings needed in the bench process

FORM_URL = "/kien-nghi/gui/"
TRACK_URL = "/kien-nghi/tra-cuu/"
QUEUE_URL = "/quan-tri/kien-nghi/"
LOGIN_URL = "/quan-tri/login/"
OFFICER = "canbo.thanhpho"  # demo officer of the city committee: sees every ward's petitions
# As a deployment behind our nginx sets it: the rate limits read the citizen's address from X-Real-IP.
PROXY_ENV = {"PETITIONS_CLIENT_IP_HEADER": "HTTP_X_REAL_IP"}


class FormReader(html.parser.HTMLParser):
    """The inputs, selects (with their options) and radio groups of the page's POST form, as a browser sees them."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.fields: list[dict] = []
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.in_form = True
        elif not self.in_form:
            return
        elif tag in ("input", "textarea"):
            self.fields.append(
                {
                    "tag": tag,
                    "type": a.get("type", "text"),
                    "name": a.get("name"),
                    "value": a.get("value", ""),
                    "checked": "checked" in a,
                }
            )
        elif tag == "select":
            self.select = {"tag": "select", "name": a.get("name"), "options": []}
            self.fields.append(self.select)
        elif tag == "option" and self.select is not None and a.get("value"):
            self.select["options"].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None

    def value(self, name: str) -> str | None:
        for f in self.fields:
            if f["name"] == name:
                return f.get("value")
        return None

    def radio(self, name: str) -> str | None:
        """The checked radio button's value (the first one if none is checked)."""
        radios = [f for f in self.fields if f["name"] == name and f["type"] == "radio"]
        checked = [f for f in radios if f["checked"]]
        return (checked or radios or [{"value": None}])[0]["value"]

    def options(self, name: str) -> list[str]:
        for f in self.fields:
            if f["name"] == name and f["tag"] == "select":
                return f["options"]
        return []


def form_errors(page: str) -> str:
    """The form's error messages (field id and text), to say why a submission was refused."""
    found = re.findall(r'<ul class="errorlist"(?: id="([^"]*)")?[^>]*>\s*<li>(.*?)</li>', page, re.S)
    return "; ".join(f"{field or 'form'}: {text.strip()}" for field, text in found)[:200] or page[:120]


class BeaconFinder(html.parser.HTMLParser):
    """Reads the ``#news-counter`` element the way counter.js does (data-url, data-portal, data-article)."""

    def __init__(self):
        super().__init__()
        self.attrs = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "news-counter":
            self.attrs = attrs


async def officer_login(http: Http, data: dict, password: str) -> dict[str, str]:
    """Log the demo officer in through the admin's login form and its second step; returns the cookies."""
    page_headers = BROWSER_HEADERS | NAVIGATE_HEADERS
    # The officer logs in through the admin's login form.
    login_page = await http.request("GET", LOGIN_URL, page_headers)
    form = FormReader()
    form.feed(login_page.text)
    jar = login_page.set_cookies()
    body = urlencoded(
        [
            ("csrfmiddlewaretoken", form.value("csrfmiddlewaretoken")),
            ("username", OFFICER),
            ("password", password),
            ("next", QUEUE_URL),
        ]
    )
    r = await http.request(
        "POST",
        LOGIN_URL,
        page_headers
        | {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": http.origin,
            "Referer": http.origin + LOGIN_URL,
            "Sec-Fetch-Site": "same-origin",
            "Cookie": cookie_header(jar),
        },
        body,
    )
    jar |= r.set_cookies()
    if r.status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"officer login failed: {r.status}")
    # The second step: the authenticator's code, computed from the device key as the phone app does.
    code_url = r.header("Location") or ""
    code_page = await http.request("GET", code_url, page_headers | {"Cookie": cookie_header(jar)})
    form = FormReader()
    form.feed(code_page.text)
    body = urlencoded(
        [
            ("csrfmiddlewaretoken", form.value("csrfmiddlewaretoken")),
            ("token", f"{TOTP(bytes.fromhex(data['totp_key'])).token():06d}"),
        ]
    )
    r = await http.request(
        "POST",
        code_url,
        page_headers
        | {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": http.origin,
            "Referer": http.origin + code_url,
            "Sec-Fetch-Site": "same-origin",
            "Cookie": cookie_header(jar),
        },
        body,
    )
    jar |= r.set_cookies()
    if r.status != 302:
        raise RuntimeError(f"officer second factor failed: {r.status}")
    return jar


def queue_filters(data: dict) -> list[str]:
    """The unfiltered first page, then 9 filter sets an officer uses (status, overdue, topic, ward, …)."""
    today = time.strftime("%Y-%m-%d")
    year_ago = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 90 * 86400))
    return [
        "",
        "?status=forwarded",
        "?due=overdue",
        f"?topic={data['topic']}",
        f"?organisation={data['ward']}",
        f"?body={data['body']}&status=in_progress",
        f"?status=closed&topic={data['topic']}&p=3",
        f"?from={year_ago}&to={today}&channel=web",
        "?q=" + urllib.parse.quote("ngập nước"),
        "?due=week",
    ]
