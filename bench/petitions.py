#!/usr/bin/env python3
"""Petitions benchmark (issue 5 item 11), two parts in one command:

1. Intake: citizens submit through the real public form, concurrently, on gunicorn (2 workers, production
   settings, 127.0.0.1 only; SQLite by default). Each submission is what a browser does: GET /kien-nghi/gui/
   (CSRF cookie and token, the form's one-time ``form_token``), then POST the multipart form; the answer is a
   redirect to the receipt with the tracking code. A share of the citizens "double-click": the same POST is sent
   again and must lead to the same code. Afterwards the database is compared with the acknowledged codes:
   lost = acknowledged codes missing from the database, duplicated = new rows beyond the acknowledged ones.
   The rate limiter and the question challenge stay on: as nginx does in production, the benchmark passes each
   citizen's own address in X-Real-IP (10.x.y.z, one per citizen; the deployment names that header with
   PETITIONS_CLIENT_IP_HEADER=HTTP_X_REAL_IP, as one behind nginx does) and each citizen gives their own phone
   number, so every citizen stays under the per-address and per-contact limits, as real citizens do.
2. Lookups at volume (PostgreSQL): ``manage.py petitions_generate 100000``, then the public tracking lookup
   (GET /kien-nghi/tra-cuu/?ma=…, random existing codes) and the officers' queue in the admin
   (/quan-tri/kien-nghi/ with filters, logged in through the admin login form as the city committee's officer)
   are timed one request at a time (latency, not throughput).

    .venv/bin/python bench/petitions.py              # both parts: intake on SQLite, lookups on PostgreSQL
    .venv/bin/python bench/petitions.py --part intake --postgres
    .venv/bin/python bench/petitions.py --smoke      # tiny counts (2,000 petitions), a few minutes
"""

import argparse
import asyncio
import html.parser
import json
import re
import secrets
import sys
import tempfile
import time
import urllib.parse

from common import (
    BROWSER_HEADERS,
    NAVIGATE_HEADERS,
    Deployment,
    Gunicorn,
    Http,
    check,
    cookie_header,
    install_global_timeout,
    log,
    machine_snapshot,
    run_jobs,
    run_main,
    urlencoded,
    utc_now,
    write_results,
)
from django_otp.oath import TOTP  # stdlib-only module: no Django settings needed in the bench process

TARGETS = {"intake_vs_bare": 0.20, "submissions_per_second": 150, "tracking_p95_ms": 20, "queue_p95_ms": 150, "petitions": 100_000}
FORM_URL = "/kien-nghi/gui/"
TRACK_URL = "/kien-nghi/tra-cuu/"
QUEUE_URL = "/quan-tri/kien-nghi/"
LOGIN_URL = "/quan-tri/login/"
OFFICER = "canbo.thanhpho"  # demo officer of the city committee: sees every ward's petitions
# As a deployment behind our nginx sets it: the rate limits read the citizen's address from X-Real-IP.
PROXY_ENV = {"PETITIONS_CLIENT_IP_HEADER": "HTTP_X_REAL_IP"}

COUNT_WEB = """
import json
from mattran.petitions.models import Petition
print(json.dumps({"web": Petition.objects.filter(idempotency_key__startswith="web:").count()}))
"""

VERIFY = """
import json
from mattran.petitions.models import Petition
acknowledged = set(json.load(open(%(path)r)))
in_db = set(Petition.objects.filter(idempotency_key__startswith="web:").values_list("tracking_code", flat=True))
print(json.dumps({"web_rows": len(in_db), "missing": sorted(acknowledged - in_db)[:20],
                  "missing_count": len(acknowledged - in_db)}))
"""

LOOKUP_DATA = """
import json, random
from django.db.models import Count
from mattran.accounts.models import User
from mattran.organisations.models import Organisation
from mattran.petitions.models import Petition
officer = User.objects.get(username=%(officer)r)
officer.set_password(%(password)r)
officer.save(update_fields=["password"])
from mattran.accounts.login.services import totp_device_issue
totp_key = totp_device_issue(actor="bench", user=officer).key  # officers log in with a second factor
total = Petition.objects.count()
ids = list(Petition.objects.values_list("pk", flat=True))
rng = random.Random(7)
codes = list(Petition.objects.filter(pk__in=rng.sample(ids, min(len(ids), %(codes)d))).values_list("tracking_code", flat=True))
topic = Petition.objects.values("topic").annotate(n=Count("pk")).order_by("-n")[0]["topic"]
ward = Petition.objects.values("organisation").annotate(n=Count("pk")).order_by("-n")[0]["organisation"]
body = Petition.objects.exclude(body=None).values("body").annotate(n=Count("pk")).order_by("-n")[0]["body"]
print(json.dumps({"totp_key": totp_key, "total": total, "codes": codes, "topic": topic, "ward": ward, "body": body}))
"""


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


def citizen_ip(i: int) -> str:
    return f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"


def multipart_form(fields: list[tuple[str, str]], empty_files: list[str]) -> tuple[bytes, str]:
    """The body Chrome sends for a multipart form, with an empty file input as an empty file part."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    boundary = "----WebKitFormBoundary" + "".join(secrets.choice(alphabet) for _ in range(16))
    out = []
    for name, value in fields:
        if name in empty_files:
            out.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n\r\n"
            )
        else:
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    out.append(f"--{boundary}--\r\n")
    return "".join(out).encode("utf-8"), f"multipart/form-data; boundary={boundary}"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["all", "intake", "lookups"], default="all")
    parser.add_argument(
        "--postgres", action="store_true", help="intake on PostgreSQL too (lookups always use it)"
    )
    parser.add_argument("--redis", action="store_true", help="Redis db 7 for the cache and the rate limiter")
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--double-click-every", type=int, default=20, help="every Nth citizen sends the POST twice"
    )
    parser.add_argument("--bare", type=int, default=3000, help="bare-view requests timed in the same run")
    parser.add_argument("--petitions", type=int, default=100_000, help="petitions generated for the lookups")
    parser.add_argument("--lookups", type=int, default=600, help="tracking lookups timed")
    parser.add_argument("--queue-pages", type=int, default=200, help="officer queue pages timed")
    parser.add_argument("--timeout", type=int, default=3000, help="global time limit in seconds")
    parser.add_argument("--smoke", action="store_true", help="tiny counts (checks the script works)")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    if args.smoke:
        args.submissions, args.petitions, args.lookups, args.queue_pages, args.bare = 100, 2000, 50, 20, 300
    return args


# --- part 1: intake ------------------------------------------------------------------------------------------


async def intake(args, server: Gunicorn, deadline: float) -> dict:
    http = Http("127.0.0.1", args.port, timeout=60)
    page_headers = BROWSER_HEADERS | NAVIGATE_HEADERS
    probe = await http.request("GET", FORM_URL, page_headers | {"X-Real-IP": "10.255.255.254"})
    if probe.status != 200:
        raise RuntimeError(f"the form answered {probe.status}")
    form = FormReader()
    form.feed(probe.text)
    topics, wards, kind = form.options("topic"), form.options("organisation"), form.radio("kind")
    if not topics or not wards or form.value("form_token") is None:
        raise RuntimeError("the form has no topics, wards or form_token")
    acknowledged: dict[int, str] = {}
    post_latencies: list[float] = []
    extra = {"double_clicks": 0, "challenges_seen": 0}

    async def submit(i):
        ip = citizen_ip(i)
        page = await http.request("GET", FORM_URL, page_headers | {"X-Real-IP": ip})
        if page.status != 200:
            return f"form GET {page.status}"
        reader = FormReader()
        reader.feed(page.text)
        if any(f["name"] == "challenge_answer" and f["tag"] == "input" for f in reader.fields):
            extra["challenges_seen"] += 1
            return "challenge question shown"
        cookies = page.set_cookies()
        fields = [
            ("csrfmiddlewaretoken", reader.value("csrfmiddlewaretoken")),
            ("form_token", reader.value("form_token")),
            ("challenge_token", reader.value("challenge_token") or ""),
            ("kind", kind),
            ("topic", topics[i % len(topics)]),
            ("title", f"Đèn đường hẻm {i % 300 + 1} bị hỏng (thử tải {i})"),
            (
                "content",
                "Đèn đường trong hẻm đã hỏng hơn một tuần, buổi tối rất tối, đề nghị phường kiểm tra và thay.",
            ),
            ("organisation", wards[i % len(wards)]),
            ("address", f"Hẻm {i % 300 + 1}, khu phố {i % 9 + 1}"),
            ("attachments", ""),
            ("submitter_name", f"Người dân {i}"),
            ("submitter_phone", f"09{i:08d}"),
            ("submitter_email", ""),
            ("submitter_address", ""),
            ("publish_consent", "on"),
            ("website", ""),
        ]
        body, content_type = multipart_form(fields, ["attachments"])
        headers = page_headers | {
            "Content-Type": content_type,
            "Origin": http.origin,
            "Referer": http.origin + FORM_URL,
            "Sec-Fetch-Site": "same-origin",
            "Cache-Control": "max-age=0",
            "Cookie": cookie_header(cookies),
            "X-Real-IP": ip,
        }
        sends = 2 if args.double_click_every and i % args.double_click_every == 0 else 1
        codes = []
        for _ in range(sends):
            started = time.perf_counter()
            r = await http.request("POST", FORM_URL, headers, body)
            post_latencies.append(time.perf_counter() - started)
            match = re.search(r"/da-gui/([A-Z0-9-]+)/", r.header("Location") or "")
            if r.status != 302 or not match:
                return f"POST answered {r.status}: {form_errors(r.text)}"
            codes.append(match.group(1))
        extra["double_clicks"] += sends - 1
        if len(set(codes)) != 1:
            return "the second identical POST got another code"
        acknowledged[i] = codes[0]
        return True

    result = await run_jobs(
        "web-form submissions", args.submissions, args.concurrency, submit, deadline=deadline, server=server
    )
    post_latencies.sort()
    from common import percentile

    result["post_latency_ms"] = {
        f"p{p}": round(percentile(post_latencies, p) * 1000, 2) for p in (50, 95, 99)
    }
    result["double_clicks"] = extra["double_clicks"]
    result["challenges_seen"] = extra["challenges_seen"]
    result["submissions_per_second"] = result["ok_per_second"]

    async def bare(i):
        r = await http.request("GET", "/healthz", BROWSER_HEADERS)
        return r.status == 200 or f"HTTP {r.status}"

    # The yardstick in the same run, at the same concurrency (issue 13 item 3): the bare view /healthz.
    result["bare"] = await run_jobs("bare view /healthz", args.bare, args.concurrency, bare, deadline=deadline, server=server)
    bare_rps = result["bare"]["ok_per_second"]
    result["intake_vs_bare"] = round(result["submissions_per_second"] / bare_rps, 4) if bare_rps else None
    return {"result": result, "acknowledged": acknowledged}


def run_intake(args, deadline: float) -> dict:
    deployment = Deployment(
        postgres_db="mattran_bench" if args.postgres else None,
        redis_db=7 if args.redis else None,
        keep=args.keep,
        extra_env=PROXY_ENV,
    )
    server = Gunicorn(deployment, port=args.port, workers=args.workers)
    try:
        deployment.prepare()
        before = deployment.django_json(COUNT_WEB)["web"]
        server.start()
        run = asyncio.run(intake(args, server, deadline))
        server.stop()
        codes = sorted(set(run["acknowledged"].values()))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, dir=deployment.var_dir) as f:
            json.dump(codes, f)
        verify = deployment.django_json(VERIFY % {"path": f.name})
    finally:
        server.stop()
        deployment.cleanup()
    new_rows = verify["web_rows"] - before
    exactness = {
        "acknowledged": len(run["acknowledged"]),
        "distinct_codes": len(codes),
        "new_rows": new_rows,
        "lost": verify["missing_count"],
        "duplicated": new_rows - len(codes),
        "missing_examples": verify["missing"],
    }
    log(f"intake exactness: {exactness}")
    return {"deployment": deployment.describe(), "intake": run["result"], "exactness": exactness}


# --- part 2: lookups at volume ----------------------------------------------------------------------------------


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


async def lookups(args, server: Gunicorn, data: dict, password: str, deadline: float) -> dict:
    http = Http("127.0.0.1", server.port, timeout=60)
    page_headers = BROWSER_HEADERS | NAVIGATE_HEADERS
    codes = data["codes"]

    async def track(i):
        code = codes[i % len(codes)]
        r = await http.request(
            "GET",
            TRACK_URL + "?" + urllib.parse.urlencode({"ma": code}),
            page_headers | {"X-Real-IP": citizen_ip(i)},
        )
        if r.status != 200:
            return f"HTTP {r.status}"
        return code in r.text or "code not on the page"

    jar = await officer_login(http, data, password)
    filters = queue_filters(data)
    per_filter: dict[str, list[float]] = {f: [] for f in filters}

    async def queue(i):
        query = filters[i % len(filters)]
        started = time.perf_counter()
        r = await http.request("GET", QUEUE_URL + query, page_headers | {"Cookie": cookie_header(jar)})
        per_filter[query].append(time.perf_counter() - started)
        if r.status != 200:
            return f"HTTP {r.status}"
        return True

    # Warm both workers.
    for i in range(10):
        await track(i), await queue(i)
    for v in per_filter.values():
        v.clear()
    tracking = await run_jobs(
        "tracking lookup (one at a time)", args.lookups, 1, track, deadline=deadline, server=server
    )
    queue_result = await run_jobs(
        "officer queue page, filtered (one at a time)",
        args.queue_pages,
        1,
        queue,
        deadline=deadline,
        server=server,
    )
    from common import percentile

    queue_result["p95_ms_by_filter"] = {
        (f or "(no filter)"): round(percentile(sorted(v), 95) * 1000, 1) for f, v in per_filter.items() if v
    }
    filtered = sorted(x for f, v in per_filter.items() if f for x in v)
    queue_result["filtered_latency_ms"] = {
        f"p{p}": round(percentile(filtered, p) * 1000, 2) for p in (50, 95, 99)
    }
    return {"tracking": tracking, "queue": queue_result}


def run_lookups(args, deadline: float) -> dict:
    deployment = Deployment(
        postgres_db="mattran_bench", redis_db=7 if args.redis else None, keep=args.keep, extra_env=PROXY_ENV
    )
    server = Gunicorn(deployment, port=args.port + 1, workers=args.workers)
    password = secrets.token_urlsafe(18)
    try:
        deployment.prepare()
        started = time.perf_counter()
        log(f"generating {args.petitions} petitions")
        deployment.manage("petitions_generate", str(args.petitions), timeout=3600)
        generate_seconds = time.perf_counter() - started
        log(f"generated in {generate_seconds:.0f} s")
        deployment.manage(
            "shell", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')"
        )
        data = deployment.django_json(LOOKUP_DATA % {"officer": OFFICER, "password": password, "codes": 2000})
        server.start()
        result = asyncio.run(lookups(args, server, data, password, deadline))
    finally:
        server.stop()
        deployment.cleanup()
    return {
        "deployment": deployment.describe(),
        "petitions_in_db": data["total"],
        "generate_seconds": round(generate_seconds, 1),
    } | result


def main(argv=None) -> int:
    args = parse_args(argv)
    install_global_timeout(args.timeout)
    deadline = time.monotonic() + args.timeout - 180
    started = utc_now()
    machine_before = machine_snapshot()
    payload = {
        "benchmark": "petitions",
        "started": started,
        "smoke": args.smoke,
        "targets": TARGETS,
        "machine_before": machine_before,
        "command": " ".join(sys.argv),
        "server": f"gunicorn, {args.workers} sync workers, 127.0.0.1",
    }
    verdict = {}
    if args.part in ("all", "intake"):
        payload["intake"] = run_intake(args, deadline)
        r, x = payload["intake"]["intake"], payload["intake"]["exactness"]
        verdict[f">= {TARGETS['submissions_per_second']} submissions/s"] = check(
            r["submissions_per_second"] >= TARGETS["submissions_per_second"]
        )
        verdict[f"intake >= {TARGETS['intake_vs_bare']:.0%} of the bare view's requests/s (same run)"] = check(
            (r["intake_vs_bare"] or 0) >= TARGETS["intake_vs_bare"]
        )
        verdict["0 lost, 0 duplicated petitions"] = check(
            x["lost"] == 0 and x["duplicated"] == 0 and x["acknowledged"] > 0
        )
        verdict["0 failed submissions"] = check(r["failed"] == 0 and r["not_run_deadline"] == 0)
    if args.part in ("all", "lookups"):
        payload["lookups"] = run_lookups(args, deadline)
        lk = payload["lookups"]
        verdict[f"tracking p95 < {TARGETS['tracking_p95_ms']} ms"] = check(
            lk["tracking"]["latency_ms"]["p95"] < TARGETS["tracking_p95_ms"]
        )
        verdict[f"filtered queue p95 < {TARGETS['queue_p95_ms']} ms"] = check(
            lk["queue"]["filtered_latency_ms"]["p95"] < TARGETS["queue_p95_ms"]
        )
        verdict[f"at {TARGETS['petitions']:,} petitions"] = check(
            lk["petitions_in_db"] >= TARGETS["petitions"]
        )
        verdict["0 failed lookups"] = check(lk["tracking"]["failed"] == 0 and lk["queue"]["failed"] == 0)
    payload["finished"] = utc_now()
    payload["machine_after"] = machine_snapshot()
    payload["verdict"] = verdict
    path = write_results("petitions" + ("-smoke" if args.smoke else ""), payload)

    print()
    print(
        f"Petitions benchmark {started}; machine: {machine_before['cpus']} CPUs, load average before "
        f"{machine_before['loadavg_1_5_15']}, after {payload['machine_after']['loadavg_1_5_15']}"
    )
    if "intake" in payload:
        r, x = payload["intake"]["intake"], payload["intake"]["exactness"]
        print(
            f"  intake ({payload['intake']['deployment']['database']}, concurrency {r['concurrency']}): "
            f"{r['submissions_per_second']} submissions/s (GET form + POST), POST p50 {r['post_latency_ms']['p50']} ms, "
            f"p95 {r['post_latency_ms']['p95']} ms; server {r['server_cpu_ms_per_request']} CPU-ms per submission; "
            f"machine CPU busy {r['machine_cpu_busy']:.0%} (server {r['server_cpu_share']:.0%}, load generator {r['loadgen_cpu_share']:.0%})"
        )
        print(
            f"    bare view /healthz {r['bare']['ok_per_second']} req/s ({r['bare']['server_cpu_ms_per_request']} CPU-ms/req): "
            f"intake_vs_bare {r['intake_vs_bare']:.1%}"
        )
        print(
            f"    acknowledged {x['acknowledged']} (double clicks {r['double_clicks']}), new rows {x['new_rows']}, "
            f"lost {x['lost']}, duplicated {x['duplicated']}, failed {r['failed']} {r['failures'] or ''}"
        )
    if "lookups" in payload:
        lk = payload["lookups"]
        print(
            f"  lookups at {lk['petitions_in_db']:,} petitions ({lk['deployment']['database']}; generated in {lk['generate_seconds']} s):"
        )
        t, q = lk["tracking"], lk["queue"]
        print(
            f"    tracking lookup: p50 {t['latency_ms']['p50']} ms, p95 {t['latency_ms']['p95']} ms "
            f"(server {t['server_cpu_ms_per_request']} CPU-ms/req), failed {t['failed']}"
        )
        print(
            f"    officer queue, filtered: p50 {q['filtered_latency_ms']['p50']} ms, p95 {q['filtered_latency_ms']['p95']} ms "
            f"(server {q['server_cpu_ms_per_request']} CPU-ms/req), failed {q['failed']}"
        )
        print(f"    p95 by filter (ms): {q['p95_ms_by_filter']}")
    for name, result in verdict.items():
        print(f"  {result}  {name}")
    print(f"results: {path}")
    return 0 if all(v == "PASS" for v in verdict.values()) or args.smoke else 1


if __name__ == "__main__":
    run_main(main)
