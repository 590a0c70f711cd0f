"""What the simulated citizens and the publishing editor of bench/cluster.py send, through nginx or to one app
instance, and the small pure helpers the smoke test checks (addresses, page fields, RSS, growth)."""

import asyncio
import html.parser
import re
import time
import urllib.parse

from common import (
    BROWSER_HEADERS,
    NAVIGATE_HEADERS,
    Http,
    beacon_body,
    cookie_header,
    multipart_body,
    urlencoded,
)

PAGE_HEADERS = BROWSER_HEADERS | NAVIGATE_HEADERS
FORM_URL = "/kien-nghi/gui/"
LOGIN_URL = "/quan-tri/login/"


def citizen_address(n: int) -> str:
    """Citizen n's own address (10.0.0.0/8), the same for the same n."""
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def instance_of(upstream: str | None) -> str:
    """The app instance ("127.0.0.1:8142") from nginx's X-Upstream; with a retry nginx lists both, the last one
    answered."""
    return (upstream or "?").split(",")[-1].strip()


def counter_attributes(page: str) -> dict[str, str]:
    """The data-* attributes of the page's ``#news-counter`` element, as counter.js reads them."""
    tag = re.search(r'<div id="news-counter"[^>]*>', page)
    if not tag:
        return {}
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', tag.group(0)))


class PostForm(html.parser.HTMLParser):
    """Named inputs (first value, checked radios preferred), textareas and select options of a page's POST form."""

    def __init__(self, page: str):
        super().__init__()
        self.values: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}
        self._inside = False
        self._select = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._inside = a.get("method", "").lower() == "post"
        if not self._inside or "name" not in a and tag != "option":
            return
        if tag == "input" and a.get("type") == "radio":
            self.choices.setdefault(a["name"], []).append(a.get("value", ""))
            if "checked" in a:
                self.values[a["name"]] = a.get("value", "")
        elif tag in ("input", "textarea"):
            self.values.setdefault(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = self.choices.setdefault(a["name"], [])
        elif tag == "option" and self._select is not None and a.get("value"):
            self._select.append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._inside = False

    def pick(self, name: str, n: int = 0) -> str:
        options = self.choices.get(name) or [self.values.get(name, "")]
        return self.values.get(name) if name in self.values else options[n % len(options)]


def rss_kib(pid: int) -> int | None:
    """Resident set size of a process (VmRSS, KiB); None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def rss_growth(samples: list[dict], tolerance: float = 0.05, slack_kib: int = 2048) -> dict:
    """Per worker: RSS at the middle and at the end of the soak; it grows when end > middle × (1 + tolerance) +
    slack (the first half absorbs warm-up: caches, lazily imported modules)."""
    middle, end = samples[len(samples) // 2]["rss_kib"], samples[-1]["rss_kib"]
    per_worker = {}
    for pid, at_end in end.items():
        at_middle = middle.get(pid)
        if at_middle is None or at_end is None:
            continue
        per_worker[pid] = {
            "middle_kib": at_middle,
            "end_kib": at_end,
            "grew": at_end > at_middle * (1 + tolerance) + slack_kib,
        }
    return {
        "per_worker": per_worker,
        "grew": any(w["grew"] for w in per_worker.values()),
        "compared": len(per_worker),
    }


class Citizen:
    """Requests as a reader's browser sends them, each simulated citizen from its own address (the load generator
    plays the front load balancer: X-Forwarded-For, which our nginx turns into X-Real-IP)."""

    def __init__(self, http: Http, site: dict):
        self.http, self.site = http, site
        self.answered_by: dict[str, int] = {}

    def _note(self, r):
        who = instance_of(r.header("X-Upstream"))
        self.answered_by[who] = self.answered_by.get(who, 0) + 1
        return r

    async def get(self, path: str, n: int, headers: dict | None = None):
        extra = {"X-Forwarded-For": citizen_address(n)} | (headers or {})
        return self._note(await self.http.request("GET", path, PAGE_HEADERS | extra))

    async def post(self, path: str, n: int, body: bytes, content_type: str, cookies=None, referer=None):
        headers = BROWSER_HEADERS | {
            "Content-Type": content_type,
            "Origin": self.http.origin,
            "Referer": self.http.origin + (referer or path),
            "Sec-Fetch-Site": "same-origin",
            "X-Forwarded-For": citizen_address(n),
        }
        if cookies:
            headers["Cookie"] = cookie_header(cookies)
        return self._note(await self.http.request("POST", path, headers, body))

    async def view(self, n: int) -> tuple[bool | str, bool]:
        """counter.js after a page view: the beacon and, when asked, the confirming one. (result, visit sent)"""
        s = self.site
        body, ctype = beacon_body([("p", s["portal"]), ("a", s["article"])])
        r = await self.post("/dem/", n, body, ctype, referer=s["article_url"])
        if r.status != 200:
            return f"beacon HTTP {r.status}", False
        if '"confirm": true' not in r.text:
            return True, False
        body, ctype = beacon_body([("p", s["portal"])])
        r = await self.post("/dem/", n, body, ctype, cookies=r.set_cookies(), referer=s["article_url"])
        return (True, True) if r.status == 200 else (f"confirm HTTP {r.status}", False)

    async def submit(self, n: int) -> str | None:
        """The petition form, GET then POST (possibly answered by different instances); the tracking code when
        acknowledged (302 to the receipt), else None."""
        page = await self.get(FORM_URL, n)
        if page.status != 200:
            return None
        form = PostForm(page.text)
        fields = [
            ("csrfmiddlewaretoken", form.pick("csrfmiddlewaretoken")),
            ("form_token", form.pick("form_token")),
            ("challenge_token", form.values.get("challenge_token", "")),
            ("kind", form.pick("kind")),
            ("topic", form.pick("topic", n)),
            ("title", f"Vỉa hè đường số {n % 90 + 1} bị lấn chiếm (cụm máy {n})"),
            (
                "content",
                "Vỉa hè bị lấn chiếm làm quán, người đi bộ phải đi xuống lòng đường, đề nghị phường xử lý.",
            ),
            ("organisation", form.pick("organisation", n)),
            ("address", f"Đường số {n % 90 + 1}"),
            ("submitter_name", f"Công dân {n}"),
            ("submitter_phone", f"07{n:08d}"),
            ("submitter_email", ""),
            ("submitter_address", ""),
            ("website", ""),
        ]
        body, ctype = multipart_body(fields)
        r = await self.post(FORM_URL, n, body, ctype, cookies=page.set_cookies())
        match = re.search(r"/da-gui/([A-Z0-9-]+)/", r.header("Location") or "")
        return match.group(1) if r.status == 302 and match else None

    async def mixed(self, i: int) -> bool | str:
        """One action of the soak's mixed traffic (i decides which; every citizen its own address)."""
        s, n = self.site, 3_000_000 + i
        kind = i % 20
        if kind < 5:
            r = await self.get(s["article_url"], n)
        elif kind < 7:
            r = await self.get(s["home_url"], n)
        elif kind == 7:
            r = await self.get(s["article_url"] + f"?utm_source=soak{i}", n)
        elif kind < 12:
            return (await self.view(n))[0]
        elif kind < 14:
            r = await self.get("/kien-nghi/tra-cuu/?" + urllib.parse.urlencode({"ma": s["code"]}), n)
        elif kind == 14:
            r = await self.get("/kien-nghi/da-tra-loi/", n)
        elif kind < 17:
            r = await self.get(
                "/tim-kiem/?" + urllib.parse.urlencode({"q": ("giam sat", "đầu tư", "mặt trận")[i % 3]}), n
            )
        elif kind < 19:
            r = await self.get(FORM_URL, n)
        else:
            return await self.submit(n) is not None or "petition not acknowledged"
        return r.status == 200 or f"HTTP {r.status}"


async def paced(rate: float, started: float, i: int) -> None:
    """Wait until request i's slot (rate per second from ``started``): the soak's traffic is bounded."""
    delay = started + i / rate - time.monotonic()
    if delay > 0:
        await asyncio.sleep(delay)


async def admin_form_post(http: Http, jar: dict[str, str], url: str, fields: list[tuple[str, str]]):
    """GET an admin form page of one instance, then POST it with its CSRF token and ``fields`` (cookies in jar)."""
    page = await http.request("GET", url, PAGE_HEADERS | ({"Cookie": cookie_header(jar)} if jar else {}))
    jar.update(page.set_cookies())
    fields = [("csrfmiddlewaretoken", PostForm(page.text).pick("csrfmiddlewaretoken")), *fields]
    headers = PAGE_HEADERS | {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": http.origin,
        "Referer": http.origin + url,
        "Sec-Fetch-Site": "same-origin",
        "Cookie": cookie_header(jar),
    }
    r = await http.request("POST", url, headers, urlencoded(fields))
    jar.update(r.set_cookies())
    return r


async def editor_login(http: Http, username: str, password: str, totp_key: str) -> dict[str, str]:
    """An editor logs into the admin of one instance: password, then the authenticator's code."""
    from django_otp.oath import TOTP  # stdlib-only module: no Django settings needed here

    jar: dict[str, str] = {}
    fields = [("username", username), ("password", password), ("next", "/quan-tri/")]
    r = await admin_form_post(http, jar, LOGIN_URL, fields)
    if r.status != 302:
        raise RuntimeError(f"editor login answered {r.status}")
    code = f"{TOTP(bytes.fromhex(totp_key)).token():06d}"
    r = await admin_form_post(http, jar, r.header("Location"), [("token", code)])
    if r.status != 302:
        raise RuntimeError(f"editor second factor answered {r.status}")
    return jar
