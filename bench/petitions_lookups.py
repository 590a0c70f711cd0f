"""Part 2 of the petitions benchmark (bench/petitions.py, ``--part lookups``): at volume on PostgreSQL
(``manage.py petitions_generate N``, then ``ANALYZE``), the public tracking lookup (random existing codes, each from
its own address) and the officers' queue in the admin with its filter sets (as the city committee's officer,
logged in through the admin's login form), timed one request at a time (latency, not throughput)."""

import asyncio
import secrets
import time
import urllib.parse

from browsing import OFFICER, PROXY_ENV, QUEUE_URL, TRACK_URL, officer_login, queue_filters
from client import BROWSER_HEADERS, NAVIGATE_HEADERS, Http, client_address, cookie_header
from deployment import Deployment, Gunicorn
from loadgen import latency_ms, percentile, run_jobs
from queries import LOOKUP_DATA
from runtime import log


async def lookups(args, server: Gunicorn, data: dict, password: str, deadline: float) -> dict:
    http = Http("127.0.0.1", server.port, timeout=60)
    page_headers = BROWSER_HEADERS | NAVIGATE_HEADERS
    codes = data["codes"]

    async def track(i):
        code = codes[i % len(codes)]
        r = await http.request(
            "GET",
            TRACK_URL + "?" + urllib.parse.urlencode({"ma": code}),
            page_headers | {"X-Real-IP": client_address(i)},
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
    queue_result["p95_ms_by_filter"] = {
        (f or "(no filter)"): round(percentile(sorted(v), 95) * 1000, 1) for f, v in per_filter.items() if v
    }
    filtered = sorted(x for f, v in per_filter.items() if f for x in v)
    queue_result["filtered_latency_ms"] = latency_ms(filtered)
    return {"tracking": tracking, "queue": queue_result}


def run_lookups(args, deadline: float) -> dict:
    deployment = Deployment(
        postgres_db=args.postgres_db, redis_db=7 if args.redis else None, keep=args.keep, extra_env=PROXY_ENV
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
