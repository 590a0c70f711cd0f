#!/usr/bin/env python3
"""Several app servers behind nginx (issue 13 items 5-7), one command, 127.0.0.1 only, bounded in requests and
time. Two gunicorn instances (production settings, 2 sync workers each) behind one nginx of our own (Debian's
package, installed when missing; config in the run's temp dir, never the system service), sharing one
PostgreSQL database (dropped and recreated) and one Redis database. Checked, PASS/FAIL each:

1. counters exact across instances: N article views through nginx (each reader its own address, with the
   confirming beacon) → N views and as many visits in the database after ``flush_counters``;
2. a publish in one instance invalidates the page cache in both: the article is a page-cache hit on both
   instances, a draft changes nothing, the editor publishes it in the admin of instance A (login, second factor,
   Wagtail's publish action), then both instances serve the new title;
3. rate limits shared: from one address the tracking lookup is refused at the same total count however nginx
   spreads the requests over the instances;
4. no petition lost when one instance gets ``kill -9`` (master and workers) mid-intake: every acknowledged
   tracking code is in the database;
and measured (issue 13 items 6-7): the cached article through nginx against nginx serving a static file of the
same bytes, side by side in interleaved rounds (target ≥ 50 % of its requests/s), CPU-ms per request of each;
RSS per gunicorn worker after the load, and over a soak of bounded mixed traffic (start / middle / end).

    .venv/bin/python bench/cluster.py                      # ~20 min on a busy 2-CPU machine (10 of them soak)
    .venv/bin/python bench/cluster.py --soak-seconds 60    # shorter soak
    .venv/bin/python bench/cluster.py --smoke              # tiny counts, 30 s soak

Results: printed, and written to /tmp/mattran-cluster-<UTC time>.json and bench/results/cluster-*.json.
Exit status 0 when every check passes.
"""

import argparse
import asyncio
import json
import os
import secrets
import signal
import sys
import time
from pathlib import Path

from cluster_nginx import CpuOf, Nginx, nginx_ensure
from cluster_traffic import (
    PAGE_HEADERS,
    Citizen,
    admin_form_post,
    counter_attributes,
    editor_login,
    instance_of,
    paced,
    rss_growth,
    rss_kib,
)
from common import (
    Deployment,
    Gunicorn,
    Http,
    check,
    combine,
    install_global_timeout,
    log,
    machine_snapshot,
    run_jobs,
    run_main,
    strip_raw,
    utc_now,
    write_results,
)

TARGET_CACHED_VS_STATIC = 0.50
TRACK_LIMIT = 30  # PETITIONS_TRACK_LOOKUPS_PER_MINUTE for the run

SETUP = """
import json
from mattran.accounts.login.services import totp_device_issue
from mattran.accounts.models import User
from mattran.news.models import ArticlePage
from mattran.petitions.models import Petition
page = ArticlePage.objects.live().public().filter(depth__gt=3).order_by("-first_published_at").first()
editor = User.objects.create_superuser("bench.editor", "bench.editor@example.vn", %(password)r)
key = totp_device_issue(actor="bench", user=editor).key
code = Petition.objects.values_list("tracking_code", flat=True).first()
print(json.dumps({"id": page.pk, "url": page.get_url(), "title": page.title, "totp_key": key, "code": code}))
"""
DRAFT = """
import json
from mattran.news.models import ArticlePage
page = ArticlePage.objects.get(pk=%(id)d)
page.title = %(title)r
page.save_revision()  # a draft: the live page and the page cache must not change
print(json.dumps({"draft": page.title}))
"""
COUNTS = """
import json
from mattran.news.models import Counter, CounterKind
views = Counter.objects.filter(page_id=%(article)d, kind=CounterKind.VIEWS).values_list("value", flat=True).first()
visits = Counter.objects.filter(page_id=%(portal)d, kind=CounterKind.VISITS).values_list("value", flat=True).first()
print(json.dumps({"views": views or 0, "visits": visits or 0}))
"""
VERIFY = """
import json
from mattran.petitions.models import Petition
codes = set(json.load(open(%(path)r)))
found = set(Petition.objects.filter(tracking_code__in=codes).values_list("tracking_code", flat=True))
print(json.dumps({"found": len(found), "missing": sorted(codes - found)}))
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8141, help="nginx (the app instances use the next two)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers per instance")
    parser.add_argument("--postgres-db", default="mattran_cluster", help="dropped and recreated")
    parser.add_argument("--redis-db", type=int, default=12)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--views", type=int, default=2000, help="article views counted through nginx")
    parser.add_argument(
        "--intake", type=int, default=300, help="petitions submitted while an instance is killed"
    )
    parser.add_argument("--requests", type=int, default=3000, help="per side: cached article and static file")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the two")
    parser.add_argument("--soak-seconds", type=int, default=600)
    parser.add_argument("--soak-rate", type=float, default=40, help="requests/s of the soak's mixed traffic")
    parser.add_argument("--timeout", type=int, default=3600, help="global time limit in seconds")
    parser.add_argument("--smoke", action="store_true", help="tiny counts, 30 s soak")
    parser.add_argument("--keep", action="store_true", help="keep the temp directory (logs, nginx.conf)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.views, args.intake, args.requests, args.rounds, args.soak_seconds = 200, 60, 300, 1, 30
    return args


class Cluster:
    def __init__(self, args):
        self.args = args
        self.deployment = Deployment(
            postgres_db=args.postgres_db,
            redis_db=args.redis_db,
            keep=args.keep,
            extra_env={
                "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
                "PETITIONS_TRACK_LOOKUPS_PER_MINUTE": str(TRACK_LIMIT),
            },
        )
        d = self.deployment
        self.apps = [Gunicorn(d, port=args.port + k, workers=args.workers) for k in (1, 2)]
        self.nginx = Nginx(
            d.var_dir / "nginx",
            port=args.port,
            upstreams=[a.port for a in self.apps],
            static_root=d.var_dir / "static",
            media_root=d.var_dir / "media",
        )
        self.http = Http("127.0.0.1", args.port, timeout=60)
        self.site: dict = {}

    def app_workers(self) -> list[int]:
        return [pid for app in self.apps for pid in app.worker_pids()]

    def rss(self) -> dict[str, int | None]:
        return {str(pid): rss_kib(pid) for pid in self.app_workers()}

    def stop(self):
        self.nginx.stop()
        for app in self.apps:
            app.stop()
        self.deployment.cleanup()


async def check_counting(c: Cluster, deadline: float) -> dict:
    citizen, tally = Citizen(c.http, c.site), {"views": 0, "visits": 0}

    async def job(i):
        result, visit = await citizen.view(1_000_000 + i)
        tally["views"] += result is True
        tally["visits"] += visit
        return result

    run = await run_jobs("views through nginx", c.args.views, c.args.concurrency, job, deadline=deadline)
    return {"acknowledged": tally, "answered_by": citizen.answered_by, "failed": run["failed"]}


async def page_states(c: Cluster, marker: str) -> dict[str, list]:
    """The article through nginx until each instance answered it twice: (X-Page-Cache, marker in the page)."""
    seen: dict[str, list] = {}
    for _ in range(16):
        r = await c.http.request("GET", c.site["article_url"], PAGE_HEADERS)
        seen.setdefault(instance_of(r.header("X-Upstream")), []).append(
            [r.header("X-Page-Cache"), marker in r.text]
        )
        if len(seen) == 2 and all(len(v) >= 2 for v in seen.values()):
            break
    return seen


async def check_publish(c: Cluster) -> dict:
    old, token = c.site["title"], secrets.token_hex(4)
    new = f"{old} (ban cap nhat {token})"
    await page_states(c, old)  # warm: the first answer of each instance may be a miss
    before = await page_states(c, old)
    c.deployment.django_json(DRAFT % {"id": c.site["id"], "title": new})
    after_draft = await page_states(c, token)
    instance_a = Http("127.0.0.1", c.apps[0].port, timeout=60)
    jar = await editor_login(instance_a, "bench.editor", c.site["password"], c.site["totp_key"])
    r = await admin_form_post(
        instance_a, jar, f"/quan-tri/bulk/wagtailcore/page/publish/?id={c.site['id']}", []
    )
    after_publish = await page_states(c, token)
    return {
        "before": before,
        "after_draft": after_draft,
        "publish": {"instance": f"127.0.0.1:{c.apps[0].port}", "status": r.status},
        "after_publish": after_publish,
        "ok": len(before) == 2
        and all(cache == "hit" and has for v in before.values() for cache, has in v)
        and not any(has for v in after_draft.values() for _, has in v)
        and r.status == 302
        and len(after_publish) == 2
        and all(has for v in after_publish.values() for _, has in v),
    }


async def check_rate_limit(c: Cluster) -> dict:
    citizen, answers = Citizen(c.http, c.site), []
    path = "/kien-nghi/tra-cuu/?ma=" + c.site["code"]
    for _ in range(TRACK_LIMIT + 10):  # one at a time, from one address: the order is the count
        r = await citizen.get(path, 2_000_001)
        answers.append([r.status, instance_of(r.header("X-Upstream"))])
    refused = [i for i, (status, _) in enumerate(answers) if status == 429]
    allowed_by = {who for status, who in answers[:TRACK_LIMIT] if status == 200}
    return {
        "limit": TRACK_LIMIT,
        "first_refused_at": refused[0] + 1 if refused else None,
        "answers": answers,
        "ok": refused == list(range(TRACK_LIMIT, len(answers))) and len(allowed_by) == 2,
    }


async def check_kill(c: Cluster, deadline: float) -> dict:
    citizen, acknowledged, killed = Citizen(c.http, c.site), [], {}
    victim = c.apps[1]

    async def job(i):
        code = await citizen.submit(4_000_000 + i)
        if code is None:
            return "not acknowledged"
        acknowledged.append(code)
        return True

    async def killer():
        while len(acknowledged) < c.args.intake // 3 and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        killed.update(pids=[victim.proc.pid, *victim.worker_pids()], after_acknowledged=len(acknowledged))
        os.killpg(victim.proc.pid, signal.SIGKILL)
        log(
            f"kill -9 instance 127.0.0.1:{victim.port} {killed['pids']} after {len(acknowledged)} acknowledged"
        )

    run, _ = await asyncio.gather(
        run_jobs("intake, one instance killed", c.args.intake, c.args.concurrency, job, deadline=deadline),
        killer(),
    )
    return {"acknowledged": acknowledged, "killed": killed, "failures": run["failures"],
            "answered_by": citizen.answered_by}  # fmt: skip


async def measure_cached_vs_static(c: Cluster, deadline: float) -> dict:
    page = await c.http.request("GET", c.site["article_url"], PAGE_HEADERS)
    static = c.nginx.bench_root / "article.html"
    static.write_bytes(page.body)  # the same bytes, compressed by the same nginx gzip settings
    app_cpu, nginx_cpu = CpuOf(c.nginx, *c.apps), CpuOf(c.nginx)

    async def cached(i):
        r = await c.http.request("GET", c.site["article_url"], PAGE_HEADERS)
        return (
            r.status == 200 and r.header("X-Page-Cache") == "hit"
        ) or f"HTTP {r.status} {r.header('X-Page-Cache')}"

    async def static_file(i):
        r = await c.http.request("GET", "/_bench/article.html", PAGE_HEADERS)
        return (r.status == 200 and len(r.body) == len(page.body)) or f"HTTP {r.status}"

    rounds: dict[str, list] = {"static": [], "cached": []}
    n = c.args.requests // c.args.rounds
    for k in range(c.args.rounds):
        rounds["static"].append(await run_jobs(f"static file via nginx ({k + 1})", n, c.args.concurrency,
                                               static_file, deadline=deadline, server=nginx_cpu))  # fmt: skip
        rounds["cached"].append(await run_jobs(f"cached article via nginx ({k + 1})", n, c.args.concurrency,
                                               cached, deadline=deadline, server=app_cpu))  # fmt: skip
    phases = {key: combine(key, rs) for key, rs in rounds.items()}
    ratio = phases["cached"]["per_second"] / phases["static"]["per_second"]
    return {"bytes": len(page.body), "gzip_on_the_wire": page.header("Content-Encoding"), "phases": phases,
            "cached_vs_static": round(ratio, 3)}  # fmt: skip


async def soak(c: Cluster) -> dict:
    seconds, rate = c.args.soak_seconds, c.args.soak_rate
    citizen, samples, started = Citizen(c.http, c.site), [], time.monotonic()

    async def job(i):
        await paced(rate, started, i)
        return await citizen.mixed(i)

    async def sampler():
        step = max(5.0, seconds / 20)
        while True:
            samples.append({"t": round(time.monotonic() - started, 1), "rss_kib": c.rss()})
            await asyncio.sleep(step)

    task = asyncio.ensure_future(sampler())
    try:
        run = await run_jobs(f"soak, mixed traffic {rate}/s for {seconds} s", int(rate * seconds),
                             c.args.concurrency, job, deadline=started + seconds + 60, server=CpuOf(*c.apps))  # fmt: skip
    finally:
        task.cancel()
    samples.append({"t": round(time.monotonic() - started, 1), "rss_kib": c.rss()})
    points = {"start": samples[0], "middle": samples[len(samples) // 2], "end": samples[-1]}
    return {"run": run, "samples": samples, "points": points, "growth": rss_growth(samples),
            "answered_by": citizen.answered_by}  # fmt: skip


def run_checks(c: Cluster, deadline: float) -> dict:
    d, out = c.deployment, {}
    counts = COUNTS % {"article": c.site["id"], "portal": int(c.site["portal"])}
    before = d.django_json(counts)
    out["counting"] = asyncio.run(check_counting(c, deadline))
    d.manage("flush_counters")
    after = d.django_json(counts)
    out["counting"]["recorded"] = {k: after[k] - before[k] for k in after}
    out["publish"] = asyncio.run(check_publish(c))
    out["rate_limit"] = asyncio.run(check_rate_limit(c))
    out["kill"] = kill = asyncio.run(check_kill(c, deadline))
    codes_file = d.var_dir / "acknowledged.json"
    codes_file.write_text(json.dumps(kill["acknowledged"]))
    kill["verify"] = d.django_json(VERIFY % {"path": str(codes_file)})
    kill["acknowledged"] = len(kill["acknowledged"])
    c.apps[1].start()  # the killed instance comes back for the measurements
    out["cached_vs_static"] = asyncio.run(measure_cached_vs_static(c, deadline))
    out["rss_after_load_kib"] = c.rss()
    out["soak"] = asyncio.run(soak(c))
    return out


def verdict_of(out: dict) -> dict:
    counting, kill, soak_ = out["counting"], out["kill"], out["soak"]
    return {
        "counters exact across instances": check(
            counting["recorded"]["views"] == counting["acknowledged"]["views"] > 0
            and counting["recorded"]["visits"] == counting["acknowledged"]["visits"]
            and len(counting["answered_by"]) == 2
        ),
        "a publish in one instance invalidates the page cache in both": check(out["publish"]["ok"]),
        "rate limits shared (refused at the same total count)": check(out["rate_limit"]["ok"]),
        "no acknowledged petition lost when an instance is kill -9ed": check(
            kill["acknowledged"] > 0 and not kill["verify"]["missing"] and bool(kill["killed"])
        ),
        f"cached article >= {TARGET_CACHED_VS_STATIC:.0%} of nginx's static file": check(
            out["cached_vs_static"]["cached_vs_static"] >= TARGET_CACHED_VS_STATIC
        ),
        "no RSS growth over the soak (middle -> end)": check(
            soak_["growth"]["compared"] > 0 and not soak_["growth"]["grew"]
        ),
        "soak: no failed request": check(
            soak_["run"]["failed"] == 0 and soak_["run"]["not_run_deadline"] == 0
        ),
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    install_global_timeout(args.timeout)
    deadline = time.monotonic() + args.timeout - 300
    payload = {"benchmark": "cluster", "started": utc_now(), "command": " ".join(sys.argv),
               "machine_before": machine_snapshot()}  # fmt: skip
    nginx_ensure()
    c = Cluster(args)
    password = secrets.token_urlsafe(16)
    try:
        c.deployment.prepare()
        c.site = c.deployment.django_json(SETUP % {"password": password}) | {"password": password}
        for app in c.apps:
            app.start()
        c.nginx.start()
        page = asyncio.run(c.http.request("GET", c.site["url"], PAGE_HEADERS))
        attrs = counter_attributes(page.text)
        c.site |= {
            "portal": attrs["portal"],
            "article": attrs["article"],
            "article_url": c.site["url"],
            "home_url": "/",
        }
        out = run_checks(c, deadline)
    finally:
        c.stop()
    payload |= {
        "finished": utc_now(),
        "machine_after": machine_snapshot(),
        "layout": {
            "nginx": f"127.0.0.1:{args.port}, 1 worker, brotli {c.nginx.brotli}",
            "app_instances": [f"127.0.0.1:{a.port}, gunicorn {args.workers} sync workers" for a in c.apps],
            **c.deployment.describe(),
        },
        "results": out,
        "verdict": verdict_of(out),
    }
    payload = strip_raw(payload)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    tmp = Path(f"/tmp/mattran-cluster-{stamp}.json")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2))
    path = write_results("cluster" + ("-smoke" if args.smoke else ""), payload)
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    for name, result in payload["verdict"].items():
        print(f"  {result}  {name}")
    print(f"results: {tmp} and {path}")
    return 0 if all(v == "PASS" for v in payload["verdict"].values()) else 1


if __name__ == "__main__":
    run_main(main)
