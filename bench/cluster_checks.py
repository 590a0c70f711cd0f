"""The checks and measurements of bench/cluster.py, each against a running cluster ``c`` (its nginx, its two
app instances, its deployment and the site's ids): see that script's docstring for what each shows."""

import asyncio
import os
import secrets
import signal
import time

from cluster_nginx import CpuOf
from cluster_traffic import (
    PAGE_HEADERS,
    Citizen,
    admin_form_post,
    editor_login,
    instance_of,
    paced,
    rss_growth,
)
from common import Http, combine, log, run_jobs

BYPASS = {
    "X-Bench-Bypass": "1"
}  # past nginx's micro-cache (bench config only), to see the instances' answers
TRACK_LIMIT = 30  # PETITIONS_TRACK_LOOKUPS_PER_MINUTE for the run: refused from the 31st lookup a minute

DRAFT = """
import json
from mattran.news.models import ArticlePage
page = ArticlePage.objects.get(pk=%(id)d)
page.title = %(title)r
page.save_revision()  # a draft: the live page and the page cache must not change
print(json.dumps({"draft": page.title}))
"""


async def check_counting(c, deadline: float) -> dict:
    citizen, tally = Citizen(c.http, c.site), {"views": 0, "visits": 0}

    async def job(i):
        result, visit = await citizen.view(1_000_000 + i)
        tally["views"] += result is True
        tally["visits"] += visit
        return result

    run = await run_jobs(
        "views through nginx", c.args.views, c.args.concurrency, job, deadline=deadline, server=c.all_cpu
    )
    return {"acknowledged": tally, "answered_by": citizen.answered_by, "failed": run["failed"],
            "cpu_ms_per_request": run["server_cpu_ms_per_request"]}  # fmt: skip


async def page_states(c, marker: str) -> dict[str, list]:
    """The article through nginx, past its micro-cache, until each instance answered it twice:
    (X-Page-Cache, marker in the page)."""
    seen: dict[str, list] = {}
    for _ in range(16):
        r = await c.http.request("GET", c.site["article_url"], PAGE_HEADERS | BYPASS)
        seen.setdefault(instance_of(r.header("X-Upstream")), []).append(
            [r.header("X-Page-Cache"), marker in r.text]
        )
        if len(seen) == 2 and all(len(v) >= 2 for v in seen.values()):
            break
    return seen


async def check_publish(c) -> dict:
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
    # nginx's own copy expires after the micro-cache time; the first request after that may still get it
    # (STALE) while nginx fetches the new page in the background, the next ones get the new page.
    await asyncio.sleep(c.args.microcache_seconds + 1)
    micro = []
    for _ in range(2):
        r2 = await c.http.request("GET", c.site["article_url"], PAGE_HEADERS)
        micro.append({"status": r2.header("X-Micro-Cache"), "new_title": token in r2.text})
        await asyncio.sleep(0.5)
    return {
        "before": before,
        "after_draft": after_draft,
        "publish": {"instance": f"127.0.0.1:{c.apps[0].port}", "status": r.status},
        "after_publish": after_publish,
        "micro_cache_after_expiry": micro,
        "ok": micro[-1]["new_title"]
        and len(before) == 2
        and all(cache == "hit" and has for v in before.values() for cache, has in v)
        and not any(has for v in after_draft.values() for _, has in v)
        and r.status == 302
        and len(after_publish) == 2
        and all(has for v in after_publish.values() for _, has in v),
    }


async def check_rate_limit(c) -> dict:
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


async def check_kill(c, deadline: float) -> dict:
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


async def measure_cached_vs_static(c, deadline: float) -> dict:
    """Interleaved rounds through the same nginx: a static file of the article's bytes; the article from nginx's
    micro-cache (the layout's cached page); the article from the app's page cache (micro-cache bypassed)."""
    page = await c.http.request("GET", c.site["article_url"], PAGE_HEADERS | BYPASS)
    static = c.nginx.bench_root / "article.html"
    static.write_bytes(page.body)  # the same bytes, compressed by the same nginx gzip settings
    served_by: dict[str, int] = {}

    def answered(r):
        who = r.header("X-Micro-Cache") or "static"
        served_by[who] = served_by.get(who, 0) + 1
        return (r.status == 200 and len(r.body) == len(page.body)) or f"HTTP {r.status}, {len(r.body)} bytes"

    async def static_file(i):
        return answered(await c.http.request("GET", "/_bench/article.html", PAGE_HEADERS))

    async def micro_cached(i):
        return answered(await c.http.request("GET", c.site["article_url"], PAGE_HEADERS))

    async def page_cached(i):
        r = await c.http.request("GET", c.site["article_url"], PAGE_HEADERS | BYPASS)
        return (
            r.header("X-Page-Cache") == "hit" and answered(r) or f"HTTP {r.status} {r.header('X-Page-Cache')}"
        )

    lines = [
        ("static", "static file via nginx", static_file, CpuOf(c.nginx)),
        ("micro_cached", "article, nginx micro-cache", micro_cached, c.all_cpu),
        ("page_cached", "article, app page cache via nginx", page_cached, c.all_cpu),
    ]
    rounds: dict[str, list] = {key: [] for key, *_ in lines}
    n = c.args.requests // c.args.rounds
    for k in range(c.args.rounds):
        for key, label, job, cpu in lines:
            rounds[key].append(
                await run_jobs(
                    f"{label} ({k + 1})", n, c.args.concurrency, job, deadline=deadline, server=cpu
                )
            )
    phases = {key: combine(key, rs) for key, rs in rounds.items()}
    static_rps, static_cpu = (
        phases["static"]["per_second"],
        phases["static"]["server_cpu_ms_per_request"] or 0.001,
    )
    return {
        "bytes": len(page.body),
        "content_encoding": page.header("Content-Encoding"),
        "phases": phases,
        "served_by": served_by,
        "ratios": {
            key: {
                "vs_static": round(phases[key]["per_second"] / static_rps, 3),
                "vs_static_by_cpu": round(
                    static_cpu / (phases[key]["server_cpu_ms_per_request"] or 0.001), 3
                ),
            }
            for key in ("micro_cached", "page_cached")
        },
    }


async def soak(c) -> dict:
    """Mixed traffic paced at --soak-rate for --soak-seconds (time-bounded: on a busy machine fewer requests go
    out, reported as not_run_deadline), RSS of every worker sampled ~20 times."""
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
                             c.args.concurrency, job, deadline=started + seconds, server=c.all_cpu)  # fmt: skip
    finally:
        task.cancel()
    samples.append({"t": round(time.monotonic() - started, 1), "rss_kib": c.rss()})
    points = {"start": samples[0], "middle": samples[len(samples) // 2], "end": samples[-1]}
    return {"run": run, "samples": samples, "points": points, "growth": rss_growth(samples),
            "answered_by": citizen.answered_by}  # fmt: skip
