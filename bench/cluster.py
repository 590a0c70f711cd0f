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
and measured (issue 13 items 6-7), side by side in interleaved rounds: nginx serving a static file of the
article's bytes, the article from nginx's 1 s micro-cache (target ≥ 50 % of the static file's requests/s) and
from the app's page cache through nginx, CPU-ms per request of each (nginx + every gunicorn worker); RSS per
gunicorn worker after the load, and over a soak of bounded mixed traffic (start / middle / end, no growth).

    .venv/bin/python bench/cluster.py                      # ~20 min on a busy 2-CPU machine (10 of them soak)
    .venv/bin/python bench/cluster.py --soak-seconds 60    # shorter soak
    .venv/bin/python bench/cluster.py --smoke              # tiny counts, 30 s soak

Results: printed, and written to /tmp/mattran-cluster-<UTC time>.json and bench/results/cluster-*.json.
Exit status 0 when every check passes.
"""

import argparse
import asyncio
import json
import secrets
import sys
import time
from pathlib import Path

from cluster_checks import (
    TRACK_LIMIT,
    check_counting,
    check_kill,
    check_publish,
    check_rate_limit,
    measure_cached_vs_static,
    soak,
)
from cluster_nginx import CpuOf, Nginx, nginx_ensure
from cluster_traffic import PAGE_HEADERS, counter_attributes, rss_kib
from common import (
    Deployment,
    Gunicorn,
    Http,
    check,
    install_global_timeout,
    machine_snapshot,
    run_main,
    strip_raw,
    utc_now,
    write_results,
)

TARGET_CACHED_VS_STATIC = 0.50
REPLICA_NAME = "mattran_replica_standin"

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


# (option, default, help): the numeric options; their type is their default's.
OPTIONS = [
    ("--port", 8141, "nginx; the two app instances use the next two ports"),
    ("--workers", 2, "gunicorn sync workers per instance"),
    ("--redis-db", 12, "Redis database (keys under a per-run prefix, deleted afterwards)"),
    ("--concurrency", 8, "requests in flight"),
    ("--views", 2000, "article views counted through nginx"),
    ("--intake", 300, "petitions submitted while an instance is killed"),
    ("--requests", 3000, "per line: static file, micro-cached article, page-cached article"),
    ("--rounds", 3, "interleaved rounds of those three"),
    ("--microcache-seconds", 1, "nginx's micro-cache of anonymous pages"),
    ("--soak-seconds", 600, "mixed traffic for RSS"),
    ("--soak-rate", 40.0, "requests/s of the soak's mixed traffic"),
    ("--timeout", 3600, "global time limit in seconds"),
]
SMOKE = {"views": 200, "intake": 60, "requests": 300, "rounds": 1, "soak_seconds": 30}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help=f"tiny counts: {SMOKE}")
    parser.add_argument("--keep", action="store_true", help="keep the temp directory (logs, nginx.conf)")
    parser.add_argument("--postgres-db", default="mattran_cluster", help="dropped and recreated")
    for flag, default, text in OPTIONS:
        parser.add_argument(flag, type=type(default), default=default, help=f"{text} (default {default})")
    args = parser.parse_args(argv)
    return argparse.Namespace(**(vars(args) | SMOKE)) if args.smoke else args


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
                # A stand-in read replica: the same database under another connection name, so the run shows
                # that search and report GETs use the replica alias (mattran/core/db_router.py).
                "DATABASE_REPLICA_URL": f"postgres://postgres@127.0.0.1:5432/{args.postgres_db}"
                f"?application_name={REPLICA_NAME}",
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
            microcache_seconds=args.microcache_seconds,
        )
        self.all_cpu = CpuOf(self.nginx, *self.apps)  # CPU-ms per request: nginx and every gunicorn worker
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


def replica_connections(database: str) -> int:
    """Open connections of the stand-in replica alias (kept DB_CONN_MAX_AGE = 60 s after their last query)."""
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres") as conn:
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = %s"
        return conn.execute(query, (database, REPLICA_NAME)).fetchone()[0]


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
    replica_before = replica_connections(c.args.postgres_db)
    out["soak"] = asyncio.run(soak(c))
    out["replica_connections"] = {
        "before_soak": replica_before,
        "after_soak": replica_connections(c.args.postgres_db),
    }
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
        f"cached article (micro-cache) >= {TARGET_CACHED_VS_STATIC:.0%} of nginx's static file": check(
            out["cached_vs_static"]["ratios"]["micro_cached"]["vs_static"] >= TARGET_CACHED_VS_STATIC
        ),
        "no RSS growth over the soak (middle -> end)": check(
            soak_["growth"]["compared"] > 0 and not soak_["growth"]["grew"]
        ),
        "search GETs read from the replica alias (stand-in), nothing before": check(
            out["replica_connections"]["before_soak"] == 0 and out["replica_connections"]["after_soak"] > 0
        ),
        "soak: no failed request": check(soak_["run"]["failed"] == 0 and soak_["run"]["done"] > 0),
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
