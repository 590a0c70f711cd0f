"""The traffic of bench/faults.py: the requests of both parts (portal pages, counting beacons, tracking lookups,
the answered list, the petition form), each tallied by phase and status, and the per-phase summary."""

import re
import urllib.parse

from browsing import FORM_URL, FormReader, form_errors
from client import (
    BROWSER_HEADERS,
    NAVIGATE_HEADERS,
    Http,
    HttpError,
    beacon_body,
    client_address,
    cookie_header,
    multipart_form,
)


class Traffic:
    """The requests of both parts, each tallied by phase and status."""

    def __init__(self, http: Http, site: dict):
        self.http, self.site = http, site
        self.phase = "up"
        self.histogram: dict[str, dict[str, dict[str, int]]] = {}
        self.tally = {"first_beacons_ok": 0, "confirms_ok": 0}
        self.acknowledged: list[str] = []
        self.citizen_base = 100_000  # each citizen its own address and phone number

    def _record_in(self, phase, kind, status):
        by_kind = self.histogram.setdefault(phase, {}).setdefault(kind, {})
        by_kind[str(status)] = by_kind.get(str(status), 0) + 1

    async def get(self, kind, path, ip):
        phase = self.phase  # the phase when the request was sent
        try:
            r = await self.http.request("GET", path, BROWSER_HEADERS | NAVIGATE_HEADERS | {"X-Real-IP": ip})
        except HttpError:
            self._record_in(phase, kind, "connection error")
            raise
        self._record_in(phase, kind, r.status)
        return r

    async def post(self, kind, path, ip, body, content_type, jar=None, referer=None):
        phase = self.phase
        headers = BROWSER_HEADERS | {
            "Content-Type": content_type,
            "Origin": self.http.origin,
            "Referer": self.http.origin + (referer or path),
            "Sec-Fetch-Site": "same-origin",
            "X-Real-IP": ip,
        }
        if jar:
            headers["Cookie"] = cookie_header(jar)
        try:
            r = await self.http.request("POST", path, headers, body)
        except HttpError:
            self._record_in(phase, kind, "connection error")
            raise
        self._record_in(phase, kind, r.status)
        return r

    async def beacon(self, ip: str, *, confirm: bool = True) -> bool | str:
        """counter.js: the beacon, then (first page of a session) the confirming one with the visit cookie."""
        s = self.site
        body, ctype = beacon_body([("p", s["portal"]), ("a", s["article"])])
        r = await self.post("beacon", "/dem/", ip, body, ctype, referer=s["article_url"])
        if r.status != 200:
            return f"beacon {r.status}"
        self.tally["first_beacons_ok"] += 1
        if not confirm or '"confirm": true' not in r.text:
            return True
        jar = r.set_cookies()
        body, ctype = beacon_body([("p", s["portal"])])
        r = await self.post("beacon (confirm)", "/dem/", ip, body, ctype, jar=jar, referer=s["article_url"])
        if r.status != 200:
            return f"confirm {r.status}"
        self.tally["confirms_ok"] += 1
        return True

    async def submit(self, n: int) -> bool | str:
        """The petition form as a browser fills it (see bench/petitions.py); True when acknowledged."""
        n += self.citizen_base
        ip = client_address(n)
        page = await self.get("petition form GET", FORM_URL, ip)
        if page.status != 200:
            return f"form GET {page.status}"
        form = FormReader()
        form.feed(page.text)
        fields = [
            ("csrfmiddlewaretoken", form.value("csrfmiddlewaretoken")),
            ("form_token", form.value("form_token")),
            ("challenge_token", form.value("challenge_token") or ""),
            ("kind", form.radio("kind")),
            ("topic", form.options("topic")[n % len(form.options("topic"))]),
            ("title", f"Cống thoát nước hẻm {n % 200 + 1} bị tắc (thử lỗi {n})"),
            ("content", "Cống thoát nước trong hẻm bị tắc, mưa xuống là ngập, đề nghị phường cho nạo vét."),
            ("organisation", form.options("organisation")[n % len(form.options("organisation"))]),
            ("address", f"Hẻm {n % 200 + 1}"),
            ("attachments", ""),
            ("submitter_name", f"Người dân {n}"),
            ("submitter_phone", f"08{n:08d}"),
            ("submitter_email", ""),
            ("submitter_address", ""),
            ("website", ""),
        ]
        body, ctype = multipart_form(fields, ["attachments"])
        r = await self.post("petition form POST", FORM_URL, ip, body, ctype, jar=page.set_cookies())
        match = re.search(r"/da-gui/([A-Z0-9-]+)/", r.header("Location") or "")
        if r.status != 302 or not match:
            return f"POST {r.status}: {form_errors(r.text)}"
        self.acknowledged.append(match.group(1))
        return True

    async def action(self, i: int) -> bool | str:
        s, ip = self.site, client_address(i)
        kind = i % 10
        if kind in (0, 1):
            r = await self.get("home page", s["home_url"], ip)
        elif kind == 2:
            r = await self.get("article (cached)", s["article_url"], ip)
        elif kind == 3:
            r = await self.get("article (rendered)", s["article_url"] + f"?utm_source=faults{i}", ip)
        elif kind in (4, 5, 6):
            return await self.beacon(ip)
        elif kind == 7:
            code = s["codes"][i % len(s["codes"])]
            r = await self.get("tracking lookup", "/kien-nghi/tra-cuu/?" + urllib.parse.urlencode({"ma": code}), ip)
        elif kind == 8:
            return await self.submit(i)
        else:
            r = await self.get("answered list", "/kien-nghi/da-tra-loi/", ip)
        return r.status == 200 or f"HTTP {r.status}"


def phase_summary(histogram: dict) -> dict:
    out = {}
    for phase, kinds in histogram.items():
        totals: dict[str, int] = {}
        for statuses in kinds.values():
            for status, n in statuses.items():
                totals[status] = totals.get(status, 0) + n
        out[phase] = {
            "requests": sum(totals.values()),
            "by_status": dict(sorted(totals.items())),
            "5xx": sum(n for st, n in totals.items() if st.isdigit() and int(st) >= 500),
            "connection_errors": totals.get("connection error", 0),
            "by_kind": kinds,
        }
    return out
