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
import json
import os
import re
import signal

from browsing import BeaconFinder
from client import BROWSER_HEADERS, Http, client_address
from deployment import Deployment, Gunicorn, PrivateRedis
from faults_traffic import Traffic, phase_summary
from loadgen import run_jobs
from queries import ARTICLE_QUERY, TRACKING_CODES, codes_verify, counts_read, web_rows
from runtime import BenchRun, check, log, run_main, verdict_report

REDIS_PORT = 6391
GRACE_SECONDS = 2  # REDIS_RETRY_SECONDS (1 s) plus margin: every worker has tried Redis again

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


async def part_a(args, server: Gunicorn, redis: PrivateRedis, site: dict, deadline: float) -> dict:
    http = Http("127.0.0.1", args.port, timeout=60)
    traffic = Traffic(http, site)
    # Dedup check with Redis up: 10 addresses × 5 beacons each (no confirm) → 10 views.
    for n in range(50):
        await traffic.beacon(client_address(200_000 + n % 10), confirm=False)
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
    bench = BenchRun("faults", timeout=args.timeout, margin=180, smoke=args.smoke)
    deadline = bench.deadline
    deployment = Deployment(keep=args.keep)
    prefix = deployment.prefix
    deployment.env |= {
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "CACHE_KEY_PREFIX": prefix,
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",  # as behind our nginx: each simulated citizen has an address
    }
    redis = PrivateRedis(deployment.var_dir / "redis", port=REDIS_PORT)
    server = Gunicorn(deployment, port=args.port, workers=args.workers)
    payload = bench.payload()
    try:
        redis.start()
        deployment.prepare()
        article = deployment.django_json(ARTICLE_QUERY)
        codes = deployment.django_json(TRACKING_CODES)["codes"]
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
        counted = {"article": int(site["article"]), "portal": int(site["portal"])}
        before = counts_read(deployment, **counted)

        a = asyncio.run(part_a(args, server, redis, site, deadline))
        deployment.manage("flush_counters")
        after = counts_read(deployment, **counted)
        rows_before_b = web_rows(deployment)
        b = asyncio.run(part_b(args, server, site, deadline))
        server.stop()
        codes_a, codes_b = a["traffic"].acknowledged, b["traffic"].acknowledged
        verify = codes_verify(deployment, codes_a + codes_b)
        new_rows_b = web_rows(deployment) - rows_before_b
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
    path = bench.finish(payload)
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    return verdict_report(verdict, path)


if __name__ == "__main__":
    run_main(main)
