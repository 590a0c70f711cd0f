#!/usr/bin/env python3
"""Fault injection (issue 8 item 7), one command, 127.0.0.1 only, bounded in requests and time:

A. **Redis stopped mid-run.** A private redis-server on 127.0.0.1:6391 (AOF on, in the run's temp directory)
   and gunicorn (2 sync workers, production settings, REDIS_URL pointing at it) serve mixed traffic: portal
   home and article pages (cached and uncached), counting beacons (``POST /dem/`` with the confirming second
   beacon, each reader from its own X-Real-IP), tracking lookups, the answered-petitions list and the petition
   form (GET + POST). At one third of the run ``redis-cli -p 6391 shutdown nosave`` stops Redis while requests
   are in flight; at two thirds it is started again (it reloads its AOF). Reported: the status histogram per
   phase (``up`` / ``down`` / ``restarting`` = the first 2 s back / ``back``), 5xx and connection errors (both
   must be 0), the "Redis unavailable" warnings in gunicorn's log (rate-limited: one per 30 s per worker), and
   counter exactness after ``manage.py flush_counters``: views recorded == first beacons acknowledged (every
   reader its own address) plus the distinct addresses of a dedup check (10 addresses × 5 beacons, Redis up);
   visits recorded == confirming beacons acknowledged.
B. **A worker killed during intake.** Citizens submit the petition form concurrently; after one third and two
   thirds of the submissions, one gunicorn worker gets ``kill -9`` (gunicorn starts a new one). Requests in
   flight on the killed worker fail on the client side (connection reset: not acknowledged). Afterwards every
   acknowledged tracking code (302 to the receipt) must be in the database: lost = 0.

    .venv/bin/python bench/faults.py            # ~5-10 min on a busy 2-CPU machine (most of it migrate + load_demo)
    .venv/bin/python bench/faults.py --smoke    # small counts

Prints a JSON summary (also written to bench/results/faults-<time>.json); exit status 0 when every check passes.
Stops the gunicorn process group and the redis-server it started on success, error, Ctrl-C and the time limit.
"""

import argparse
import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
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
    HttpError,
    check,
    cookie_header,
    install_global_timeout,
    log,
    machine_snapshot,
    multipart_body,
    run_jobs,
    run_main,
    utc_now,
    write_results,
)
from petitions import FormReader, form_errors, multipart_form
from portal import ARTICLE_QUERY, BeaconFinder

REDIS_PORT = 6391
GRACE_SECONDS = 2  # REDIS_RETRY_SECONDS (1 s) plus margin: every worker has tried Redis again

SETUP_QUERY = """
import json
from mattran.petitions.models import Petition
print(json.dumps({"codes": list(Petition.objects.values_list("tracking_code", flat=True)[:50])}))
"""

COUNTS_QUERY = """
import json
from mattran.news.models import Counter, CounterKind
def value(pid, kind):
    return Counter.objects.filter(page_id=pid, kind=kind).values_list("value", flat=True).first() or 0
print(json.dumps({"views": value(%(article)d, CounterKind.VIEWS), "visits": value(%(portal)d, CounterKind.VISITS)}))
"""

WEB_ROWS = """
import json
from mattran.petitions.models import Petition
print(json.dumps({"rows": Petition.objects.filter(idempotency_key__startswith="web:").count()}))
"""

VERIFY_CODES = """
import json
from mattran.petitions.models import Petition
acknowledged = set(json.load(open(%(path)r)))
found = set(Petition.objects.filter(tracking_code__in=acknowledged).values_list("tracking_code", flat=True))
print(json.dumps({"found": len(found), "missing": sorted(acknowledged - found)[:20]}))
"""


class PrivateRedis:
    """redis-server on 127.0.0.1:6391 in its own session, AOF in the run's directory (``stop()`` = the
    ``shutdown nosave`` the issue names; the AOF is still written on shutdown, so it returns with its data)."""

    def __init__(self, directory):
        self.dir = directory
        self.dir.mkdir(exist_ok=True)
        self.proc = None

    def start(self) -> None:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", REDIS_PORT)) == 0:
                raise RuntimeError(f"port {REDIS_PORT} is already in use: stop that Redis first")
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes", "--appendfsync", "everysec", "--dir", str(self.dir)],
            stdout=open(self.dir / "redis.log", "a"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        for _ in range(100):
            if self.cli("ping") == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def cli(self, *args) -> str:
        result = subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout.strip()

    def stop(self) -> None:
        """shutdown nosave, then wait for the process to end."""
        self.cli("shutdown", "nosave")
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
            self.proc = None

    def cleanup(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(Exception):
                self.stop()
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--actions", type=int, default=900, help="mixed-traffic actions in part A")
    parser.add_argument("--intake", type=int, default=150, help="petition submissions in part B")
    parser.add_argument("--concurrency", type=int, default=6)
    parser.add_argument("--timeout", type=int, default=1500, help="global time limit in seconds")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    if args.smoke:
        args.actions, args.intake = 150, 30
    return args


def ip_of(n: int) -> str:
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


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
        body, ctype = multipart_body([("p", s["portal"]), ("a", s["article"])])
        r = await self.post("beacon", "/dem/", ip, body, ctype, referer=s["article_url"])
        if r.status != 200:
            return f"beacon {r.status}"
        self.tally["first_beacons_ok"] += 1
        if not confirm or '"confirm": true' not in r.text:
            return True
        jar = r.set_cookies()
        body, ctype = multipart_body([("p", s["portal"])])
        r = await self.post("beacon (confirm)", "/dem/", ip, body, ctype, jar=jar, referer=s["article_url"])
        if r.status != 200:
            return f"confirm {r.status}"
        self.tally["confirms_ok"] += 1
        return True

    async def submit(self, n: int) -> bool | str:
        """The petition form as a browser fills it (see bench/petitions.py); True when acknowledged."""
        n += self.citizen_base
        ip = ip_of(n)
        page = await self.get("petition form GET", "/kien-nghi/gui/", ip)
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
        r = await self.post("petition form POST", "/kien-nghi/gui/", ip, body, ctype, jar=page.set_cookies())
        match = re.search(r"/da-gui/([A-Z0-9-]+)/", r.header("Location") or "")
        if r.status != 302 or not match:
            return f"POST {r.status}: {form_errors(r.text)}"
        self.acknowledged.append(match.group(1))
        return True

    async def action(self, i: int) -> bool | str:
        s, ip = self.site, ip_of(i)
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


async def part_a(args, server: Gunicorn, redis: PrivateRedis, site: dict, deadline: float) -> dict:
    http = Http("127.0.0.1", args.port, timeout=60)
    traffic = Traffic(http, site)
    # Dedup check with Redis up: 10 addresses × 5 beacons each (no confirm) → 10 views.
    for n in range(50):
        await traffic.beacon(ip_of(200_000 + n % 10), confirm=False)
    dedup_first_ok = traffic.tally["first_beacons_ok"]
    traffic.tally["first_beacons_ok"] = 0
    done = {"n": 0}
    events = []

    async def job(i):
        try:
            return await traffic.action(i)
        finally:
            done["n"] += 1

    async def controller():
        while done["n"] < args.actions // 3:
            await asyncio.sleep(0.05)
        log(f"stopping Redis (redis-cli -p {REDIS_PORT} shutdown nosave) at action {done['n']}")
        pending = await asyncio.to_thread(redis.cli, "hgetall", site["pending_key"])
        events.append({"event": "redis stopped", "at_action": done["n"], "pending_in_redis": pending.split()})
        traffic.phase = "down"
        await asyncio.to_thread(redis.stop)
        flush_down = await asyncio.to_thread(server.deployment.manage, "flush_counters")
        events.append({"event": "flush_counters while Redis is down", "output": flush_down.strip()})
        while done["n"] < 2 * args.actions // 3:
            await asyncio.sleep(0.05)
        log(f"starting Redis again at action {done['n']}")
        await asyncio.to_thread(redis.start)
        pending = await asyncio.to_thread(redis.cli, "hgetall", site["pending_key"])
        events.append({"event": "redis started (AOF reloaded)", "at_action": done["n"], "pending_in_redis": pending.split()})
        traffic.phase = "restarting"
        await asyncio.sleep(GRACE_SECONDS)
        traffic.phase = "back"

    run, _ = await asyncio.gather(
        run_jobs("mixed traffic across a Redis outage", args.actions, args.concurrency, job, deadline=deadline, server=server),
        controller(),
    )
    return {"traffic": traffic, "run": run, "events": events, "dedup_first_ok": dedup_first_ok}


async def part_b(args, server: Gunicorn, site: dict, deadline: float) -> dict:
    http = Http("127.0.0.1", args.port, timeout=60)
    traffic = Traffic(http, site)
    traffic.phase = "intake"
    traffic.citizen_base = 1_000_000
    kills = []

    async def killer():
        for fraction in (1, 2):
            while len(traffic.acknowledged) < fraction * args.intake // 3:
                await asyncio.sleep(0.02)
            pid = server.worker_pids()[0]
            os.kill(pid, signal.SIGKILL)
            kills.append({"pid": pid, "after_acknowledged": len(traffic.acknowledged)})
            log(f"kill -9 worker {pid} after {len(traffic.acknowledged)} acknowledged submissions")

    run, _ = await asyncio.gather(
        run_jobs("intake with kill -9 of a worker", args.intake, args.concurrency, traffic.submit, deadline=deadline, server=server),
        killer(),
    )
    return {"traffic": traffic, "run": run, "kills": kills}


def main(argv=None) -> int:
    args = parse_args(argv)
    install_global_timeout(args.timeout)
    deadline = time.monotonic() + args.timeout - 180
    started = utc_now()
    deployment = Deployment(keep=args.keep)
    prefix = deployment.prefix
    deployment.env |= {
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "CACHE_KEY_PREFIX": prefix,
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",  # as behind our nginx: each simulated citizen has an address
    }
    redis = PrivateRedis(deployment.var_dir / "redis")
    server = Gunicorn(deployment, port=args.port, workers=args.workers)
    payload = {"benchmark": "faults", "started": started, "command": " ".join(sys.argv), "machine_before": machine_snapshot()}
    try:
        redis.start()
        deployment.prepare()
        article = deployment.django_json(ARTICLE_QUERY)
        codes = deployment.django_json(SETUP_QUERY)["codes"]
        server.start()
        page = asyncio.run(Http("127.0.0.1", args.port).request("GET", article["url"], BROWSER_HEADERS))
        finder = BeaconFinder()
        finder.feed(page.text)
        site = {
            "portal": finder.attrs["data-portal"],
            "article": finder.attrs["data-article"],
            "article_url": article["url"],
            "home_url": "/",
            "codes": codes,
            "pending_key": f"{prefix}:counters:pending",
        }
        counts = COUNTS_QUERY % {"article": int(site["article"]), "portal": int(site["portal"])}
        before = deployment.django_json(counts)

        a = asyncio.run(part_a(args, server, redis, site, deadline))
        deployment.manage("flush_counters")
        after = deployment.django_json(counts)
        rows_before_b = deployment.django_json(WEB_ROWS)["rows"]
        b = asyncio.run(part_b(args, server, site, deadline))
        server.stop()
        codes_a, codes_b = a["traffic"].acknowledged, b["traffic"].acknowledged
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, dir=deployment.var_dir) as f:
            json.dump(codes_a + codes_b, f)
        verify = deployment.django_json(VERIFY_CODES % {"path": f.name})
        new_rows_b = deployment.django_json(WEB_ROWS)["rows"] - rows_before_b
        log_text = server.log_path.read_text(errors="replace")
    finally:
        server.stop()
        redis.cleanup()
        deployment.cleanup()

    ta, tb = a["traffic"], b["traffic"]
    phases_a = phase_summary(ta.histogram)
    expected_views = len({200_000 + n % 10 for n in range(50)}) + ta.tally["first_beacons_ok"]
    counters = {
        "expected_views": expected_views,
        "recorded_views": after["views"] - before["views"],
        "expected_visits": ta.tally["confirms_ok"],
        "recorded_visits": after["visits"] - before["visits"],
        "dedup_check": "10 addresses x 5 beacons (Redis up): 10 views expected",
        "dedup_beacons_acknowledged": a["dedup_first_ok"],
    }
    counters["views_off_by"] = counters["recorded_views"] - counters["expected_views"]
    counters["visits_off_by"] = counters["recorded_visits"] - counters["expected_visits"]
    missing = set(verify["missing"])
    intake = {
        "planned": args.intake,
        "acknowledged": len(codes_b),
        "found_in_db": len([c for c in codes_b if c not in missing]),
        "lost": len([c for c in codes_b if c in missing]),
        "not_acknowledged": b["run"]["failures"],
        "new_rows": new_rows_b,  # more than acknowledged: a killed request had committed before it could answer

        "kills": b["kills"],
        "5xx": phase_summary(tb.histogram).get("intake", {}).get("5xx", 0),
        "by_status": phase_summary(tb.histogram).get("intake", {}).get("by_status", {}),
    }
    part_a_petitions = {"acknowledged": len(codes_a), "lost": len([c for c in codes_a if c in missing])}
    warnings = len(re.findall(r"Redis unavailable", log_text))
    tracebacks = len(re.findall(r"Traceback", log_text))
    verdict = {
        "A: 0 5xx in every phase": check(all(p["5xx"] == 0 for p in phases_a.values())),
        "A: 0 connection errors": check(all(p["connection_errors"] == 0 for p in phases_a.values())),
        "A: every phase ran (up, down, back)": check({"up", "down", "back"} <= set(phases_a)),
        "A: views exact after the flush": check(counters["views_off_by"] == 0),
        "A: visits exact after the flush": check(counters["visits_off_by"] == 0),
        "A: petitions acknowledged during the run all stored": check(part_a_petitions["lost"] == 0),
        "A: Redis outage logged, rate-limited": check(0 < warnings <= 4 * args.workers + 4),
        "B: every acknowledged petition stored (lost = 0)": check(intake["lost"] == 0 and intake["acknowledged"] > 0),
        "B: 0 5xx": check(intake["5xx"] == 0),
        "B: 2 workers killed": check(len(b["kills"]) == 2),
    }
    payload |= {
        "finished": utc_now(),
        "machine_after": machine_snapshot(),
        "deployment": {
            "settings": "config.settings.prod",
            "database": deployment.database_label,
            "redis": f"private redis-server 127.0.0.1:{REDIS_PORT}, appendonly yes (temp dir), prefix {prefix}",
            "server": f"gunicorn, {args.workers} sync workers, 127.0.0.1:{args.port}",
        },
        "part_a": {
            "actions": args.actions,
            "events": a["events"],
            "phases": phases_a,
            "counters": counters,
            "petitions": part_a_petitions,
            "redis_warnings_in_log": warnings,
            "tracebacks_in_log": tracebacks,
            "latency_ms": a["run"]["latency_ms"],
        },
        "part_b": intake,
        "verdict": verdict,
    }
    path = write_results("faults" + ("-smoke" if args.smoke else ""), payload)
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    for name, result in verdict.items():
        print(f"  {result}  {name}")
    print(f"results: {path}")
    return 0 if all(v == "PASS" for v in verdict.values()) else 1


if __name__ == "__main__":
    run_main(main)
