#!/usr/bin/env python3
"""Portal benchmark (issue 3 item 8): one command serves the portal with gunicorn (2 workers, production settings,
127.0.0.1 only) on a throwaway database with the demo content, loads it with a bounded load generator and reports,
from the same run:

* requests/s of a no-middleware Django view (``/nomw`` on a second gunicorn with the bench-only settings
  ``bench/settings_bare.py``: no middleware at all, a tiny JSON answer, no query), the yardstick of the ratios,
* requests/s of a bare Django view (``/healthz``: the site's own settings and middleware, one ``SELECT 1``),
* requests/s of an article page rendered for every request (the same URL with a ``?utm_source=`` campaign
  parameter: the page cache only keys ``?page=``, so such links are always rendered — as in production),
* requests/s of the article page served from the page cache (``X-Page-Cache: hit`` is checked on every answer),
* counter exactness: beacons sent exactly as news/static/news/counter.js sends them (POST /dem/, multipart
  FormData with ``p`` and ``a``, the reader's cookies, a browser User-Agent and Sec-Fetch headers) against the
  views and visits recorded in the database (after ``manage.py flush_counters`` when Redis is used).

    .venv/bin/python bench/portal.py                 # SQLite, local-memory cache
    .venv/bin/python bench/portal.py --postgres --redis
    .venv/bin/python bench/portal.py --smoke         # tiny counts, a minute
"""

import argparse
import asyncio

from browsing import BeaconFinder
from client import BROWSER_HEADERS, NAVIGATE_HEADERS, Http, beacon_body, client_address, cookie_header
from deployment import Deployment, Gunicorn
from loadgen import combine, run_jobs
from queries import ARTICLE_QUERY, counts_read
from runtime import BenchRun, check, log, run_main, verdict_report

TARGETS = {
    "bare_vs_no_middleware": 0.40,  # issue 13 item 1
    "uncached_vs_no_middleware": 0.02,  # issue 13 item 2
    "uncached_vs_bare": 0.15,  # issue 13 item 2 (issue 3: 0.10)
    "cached_vs_bare": 0.80,
    "beacon_vs_cached_by_server_cpu": 2.0,  # a beacon costs at most 2× a cached page hit (CPU-ms per request)
    "min_counting_requests": 20_000,
}

def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", action="store_true", help="PostgreSQL at 127.0.0.1:5432 (database mattran_bench)"
    )
    parser.add_argument(
        "--redis", action="store_true", help="Redis at 127.0.0.1:6379 db 7 (cache and counters)"
    )
    parser.add_argument("--postgres-db", default="mattran_bench", help="dropped and recreated (default mattran_bench)")
    parser.add_argument("--redis-db", type=int, default=7, help="Redis database number (default 7)")
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument(
        "--bare-port", type=int, default=8117, help="the no-middleware server (bench/settings_bare.py)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight (default 8)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved rounds of the three page measurements"
    )
    parser.add_argument("--bare", type=int, default=3000, help="requests to the bare view")
    parser.add_argument("--uncached", type=int, default=600, help="requests to the uncached article")
    parser.add_argument("--cached", type=int, default=3000, help="requests to the cached article")
    parser.add_argument("--beacons", type=int, default=20000, help="counting requests (target: ≥ 20,000)")
    parser.add_argument(
        "--beacons-per-reader", type=int, default=5, help="beacons per simulated browser session"
    )
    parser.add_argument("--timeout", type=int, default=1800, help="global time limit in seconds")
    parser.add_argument("--smoke", action="store_true", help="tiny request counts (checks the script works)")
    parser.add_argument("--keep", action="store_true", help="keep the temp directory (logs, SQLite file)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.bare, args.uncached, args.cached, args.beacons, args.rounds = 150, 30, 150, 300, 1
    return args


async def measure(
    args, server: Gunicorn, bare_server: Gunicorn, article: dict, deadline: float, read_counts
) -> dict:
    http = Http("127.0.0.1", args.port, timeout=30)
    http_nomw = Http("127.0.0.1", args.bare_port, timeout=30)
    page_url = article["url"]
    uncached_url = page_url + "?utm_source=bench"
    page_headers = BROWSER_HEADERS | NAVIGATE_HEADERS

    # What the reader's browser sees: the page, and in it the beacon's target and data.
    first = await http.request("GET", page_url, page_headers)
    if first.status != 200:
        raise RuntimeError(f"article page answered {first.status}")
    finder = BeaconFinder()
    finder.feed(first.text)
    if finder.attrs is None:
        raise RuntimeError("no #news-counter element in the article page")
    beacon_url = finder.attrs["data-url"]
    portal_id = finder.attrs.get("data-portal") or ""
    article_id = finder.attrs.get("data-article")
    if article_id is None or int(article_id) != article["id"]:
        raise RuntimeError(f"the page's beacon names article {article_id}, expected {article['id']}")

    async def no_middleware(i):
        r = await http_nomw.request("GET", "/nomw", BROWSER_HEADERS | {"Accept": "*/*"})
        return r.status == 200 or f"HTTP {r.status}"

    async def bare(i):
        r = await http.request("GET", "/healthz", BROWSER_HEADERS | {"Accept": "*/*"})
        return r.status == 200 or f"HTTP {r.status}"

    async def uncached(i):
        r = await http.request("GET", uncached_url, page_headers)
        if r.status != 200:
            return f"HTTP {r.status}"
        return (
            r.header("X-Page-Cache") is None or f"X-Page-Cache {r.header('X-Page-Cache')} on an uncached URL"
        )

    async def cached(i):
        r = await http.request("GET", page_url, page_headers)
        if r.status != 200:
            return f"HTTP {r.status}"
        return r.header("X-Page-Cache") == "hit" or f"X-Page-Cache {r.header('X-Page-Cache')} (expected hit)"

    # Warm both workers (imports, template loading, the page cache, Wagtail's site lookup).
    for _ in range(20):
        await no_middleware(0), await bare(0), await uncached(0), await cached(0)

    # The three page measurements run in interleaved rounds, so that a load that changes during the run (other
    # jobs on the machine) weighs on all three alike.
    kinds = [
        ("no_middleware", "no-middleware view /nomw", args.bare, no_middleware, bare_server),
        ("bare", "bare view /healthz", args.bare, bare, server),
        ("uncached", "article, uncached", args.uncached, uncached, server),
        ("cached", "article, from the page cache", args.cached, cached, server),
    ]
    rounds: dict[str, list] = {key: [] for key, *_ in kinds}
    for r in range(args.rounds):
        for key, label, total, job, measured in kinds:
            n = total // args.rounds + (1 if r < total % args.rounds else 0)
            rounds[key].append(
                await run_jobs(
                    f"{label} (round {r + 1}/{args.rounds})",
                    n,
                    args.concurrency,
                    job,
                    deadline=deadline,
                    server=measured,
                )
            )
    phases = {key: combine(label, rounds[key]) for key, label, *_ in kinds}

    # Counting: simulated readers, each a browser session with its own cookie jar, sending the beacon as
    # counter.js does after each page view (and, when the answer asks to "confirm", the second beacon that
    # brings the visit cookie back). A view counts once per (client address, article) per window, so every
    # beacon comes from its own address (X-Real-IP, as our nginx passes it): 20,000 readers' views of one
    # article. Expected visits = 2xx confirming beacons.
    readers: dict[int, dict] = {}
    n_readers = max(1, args.beacons // args.beacons_per_reader)
    tally = {"ok": 0, "ok_without_visit_cookie": 0}

    async def beacon(i):
        # Reader i % R: a reader's beacons are R requests apart, so they follow one another as page views do.
        jar = readers.setdefault(i % n_readers, {})
        body, content_type = beacon_body([("p", portal_id), ("a", article_id)])
        headers = BROWSER_HEADERS | {
            "Content-Type": content_type,
            "Accept": "*/*",
            "Origin": http.origin,
            "Sec-Fetch-Site": "same-origin",
            "Sec-Fetch-Mode": "cors",
            "Sec-Fetch-Dest": "empty",
            "Referer": http.origin + page_url,
        }
        headers["X-Real-IP"] = client_address(i)
        if jar:
            headers["Cookie"] = cookie_header(jar)
        r = await http.request("POST", beacon_url, headers, body)
        if not 200 <= r.status < 300:
            return f"HTTP {r.status}"
        jar.update(r.set_cookies())
        tally["ok"] += 1
        if '"confirm": true' in r.text:
            confirm_body, confirm_type = beacon_body([("p", portal_id)])
            headers |= {"Content-Type": confirm_type, "Cookie": cookie_header(jar)}
            r = await http.request("POST", beacon_url, headers, confirm_body)
            if not 200 <= r.status < 300:
                return f"confirming beacon HTTP {r.status}"
            jar.update(r.set_cookies())
            tally["ok_without_visit_cookie"] += 1
        return True

    before = read_counts(int(portal_id))
    phases["counting"] = await run_jobs(
        "counting beacons POST /dem/",
        args.beacons,
        args.concurrency,
        beacon,
        deadline=deadline,
        server=server,
    )
    return {
        "phases": phases,
        "tally": tally,
        "before": before,
        "beacon": {"url": beacon_url, "portal": portal_id, "article": article_id},
    }


def portal_summary_print(payload: dict, *, database: str) -> None:
    phases, ratios, exactness = payload["phases"], payload["ratios"], payload["exactness"]
    m0, m1 = payload["machine_before"], payload["machine_after"]
    print()
    print(
        f"Portal benchmark {payload['started']} — {database}, cache: {payload['deployment']['cache']}"
    )
    print(
        f"machine: {m0['cpus']} CPUs, load average before {m0['loadavg_1_5_15']}, after {m1['loadavg_1_5_15']}"
    )
    for key, label in (
        ("no_middleware", "no-middleware view"),
        ("bare", "bare view (/healthz)"),
        ("uncached", "article, uncached"),
        ("cached", "article, cached"),
        ("counting", "counting beacon"),
    ):
        p = phases[key]
        print(
            f"  {label:22} {p['per_second']:>8} req/s  p95 {p['latency_ms']['p95']:>7} ms  "
            f"server {p['server_cpu_ms_per_request']:>6} CPU-ms/req  machine CPU busy {p['machine_cpu_busy']:.0%} "
            f"(load generator {p['loadgen_cpu_share']:.0%})  failed {p['failed']}"
        )
    print(
        f"  ratios: bare/no-middleware {ratios['bare_vs_no_middleware']:.1%} (target ≥ 40%), "
        f"uncached/no-middleware {ratios['uncached_vs_no_middleware']:.2%} (target ≥ 2%)"
    )
    print(
        f"          uncached/bare {ratios['uncached_vs_bare']:.1%} (target ≥ 15%), cached/bare {ratios['cached_vs_bare']:.1%} (target ≥ 80%)"
    )
    print(
        f"          by server CPU per request: bare/no-middleware {ratios['bare_vs_no_middleware_by_server_cpu']:.1%}, "
        f"uncached/no-middleware {ratios['uncached_vs_no_middleware_by_server_cpu']:.2%}, "
        f"uncached/bare {ratios['uncached_vs_bare_by_server_cpu']:.1%}, cached/bare {ratios['cached_vs_bare_by_server_cpu']:.1%}"
    )
    print(
        f"          beacon = {ratios['beacon_vs_cached_by_server_cpu']} cached hits by server CPU (target ≤ 2)"
    )
    print(
        f"  counting: sent {exactness['sent']}, 2xx {exactness['sent_ok']}, views recorded {exactness['recorded_views']}, "
        f"lost {exactness['lost']}; visits expected {exactness['expected_visits']}, recorded {exactness['recorded_visits']}"
    )
    print(f"  errors (non-2xx, connection errors, not run): {payload['errors']}")


def main(argv=None) -> int:
    args = parse_args(argv)
    bench = BenchRun("portal", timeout=args.timeout, margin=120, smoke=args.smoke)  # margin: flush, read, stop
    deadline = bench.deadline
    deployment = Deployment(
        postgres_db=args.postgres_db if args.postgres else None,
        redis_db=args.redis_db if args.redis else None,
        keep=args.keep,
        extra_env={"CLIENT_IP_HEADER": "HTTP_X_REAL_IP"},  # as behind our nginx
    )
    server = Gunicorn(deployment, port=args.port, workers=args.workers)
    bare_server = Gunicorn(
        deployment,
        port=args.bare_port,
        workers=args.workers,
        env={"DJANGO_SETTINGS_MODULE": "bench.settings_bare"},
    )
    try:
        deployment.prepare()
        article = deployment.django_json(ARTICLE_QUERY)
        log(f"article {article['id']} {article['url']}")
        server.start()
        bare_server.start()

        def read_counts(portal_id: int) -> dict:  # from the database, where the portal's numbers are kept
            return counts_read(deployment, article=article["id"], portal=portal_id)

        run = asyncio.run(measure(args, server, bare_server, article, deadline, read_counts))
        if args.redis:
            deployment.manage("flush_counters")
        after = read_counts(int(run["beacon"]["portal"]))
    finally:
        bare_server.stop()
        server.stop()
        deployment.cleanup()

    phases, tally, before = run["phases"], run["tally"], run["before"]
    bare_rps = phases["bare"]["per_second"]
    nomw_rps = phases["no_middleware"]["per_second"]

    def cpu(key):  # never 0 (a tiny smoke phase can round to no jiffy)
        return phases[key]["server_cpu_ms_per_request"] or 0.001

    ratios = {
        "bare_vs_no_middleware": round(bare_rps / nomw_rps, 3),
        "uncached_vs_no_middleware": round(phases["uncached"]["per_second"] / nomw_rps, 4),
        "bare_vs_no_middleware_by_server_cpu": round(cpu("no_middleware") / cpu("bare"), 3),
        "uncached_vs_no_middleware_by_server_cpu": round(cpu("no_middleware") / cpu("uncached"), 4),
        # how many cached page hits one counting beacon costs, by server CPU (target ≤ 2)
        "beacon_vs_cached_by_server_cpu": round(cpu("counting") / cpu("cached"), 2),
        "uncached_vs_bare": round(phases["uncached"]["per_second"] / bare_rps, 3),
        "cached_vs_bare": round(phases["cached"]["per_second"] / bare_rps, 3),
        # CPU cost per request of the server's workers, the less noisy view when other jobs share the machine
        "uncached_vs_bare_by_server_cpu": round(
            phases["bare"]["server_cpu_ms_per_request"] / phases["uncached"]["server_cpu_ms_per_request"], 3
        ),
        "cached_vs_bare_by_server_cpu": round(
            phases["bare"]["server_cpu_ms_per_request"] / phases["cached"]["server_cpu_ms_per_request"], 3
        ),
    }
    counting = phases["counting"]
    recorded_views = after["views"] - before["views"]
    recorded_visits = after["visits"] - before["visits"]
    exactness = {
        "sent": counting["done"],
        "sent_ok": tally["ok"],
        "recorded_views": recorded_views,
        "lost": tally["ok"] - recorded_views,
        "expected_visits": tally["ok_without_visit_cookie"],
        "recorded_visits": recorded_visits,
        "lost_visits": tally["ok_without_visit_cookie"] - recorded_visits,
    }
    errors = sum(p["failed"] + p["not_run_deadline"] for p in phases.values())
    verdict = {
        "bare_vs_no_middleware >= 40%": check(ratios["bare_vs_no_middleware"] >= TARGETS["bare_vs_no_middleware"]),
        "uncached_vs_no_middleware >= 2%": check(
            ratios["uncached_vs_no_middleware"] >= TARGETS["uncached_vs_no_middleware"]
        ),
        "uncached_vs_bare >= 15%": check(ratios["uncached_vs_bare"] >= TARGETS["uncached_vs_bare"]),
        "cached_vs_bare >= 80%": check(ratios["cached_vs_bare"] >= TARGETS["cached_vs_bare"]),
        "beacon <= 2x a cached hit (server CPU)": check(
            ratios["beacon_vs_cached_by_server_cpu"] <= TARGETS["beacon_vs_cached_by_server_cpu"]
        ),
        "0 lost counts": check(exactness["lost"] == 0 and exactness["lost_visits"] == 0),
        ">= 20,000 counting requests": check(exactness["sent_ok"] >= TARGETS["min_counting_requests"]),
        "0 errors": check(errors == 0),
    }
    payload = bench.payload(
        deployment=deployment.describe()
        | {
            "server": f"gunicorn, {args.workers} sync workers, 127.0.0.1:{args.port}",
            "no_middleware_server": f"gunicorn, {args.workers} sync workers, 127.0.0.1:{args.bare_port}, "
            "bench.settings_bare",
        },
        article=article,
        beacon=run["beacon"],
        phases=phases,
        ratios=ratios,
        exactness=exactness,
        errors=errors,
        targets=TARGETS,
        verdict=verdict,
    )
    path = bench.finish(payload)
    portal_summary_print(payload, database=deployment.database_label)
    return verdict_report(verdict, path, smoke=args.smoke)


if __name__ == "__main__":
    run_main(main)
