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
import re
import time

from browsing import FORM_URL, PROXY_ENV, FormReader, form_errors
from client import BROWSER_HEADERS, NAVIGATE_HEADERS, Http, client_address, cookie_header, multipart_form
from deployment import Deployment, Gunicorn
from loadgen import latency_ms, run_jobs
from petitions_lookups import run_lookups
from queries import codes_verify, web_rows
from runtime import BenchRun, check, log, run_main, verdict_report

TARGETS = {"intake_vs_bare": 0.20, "submissions_per_second": 150, "tracking_p95_ms": 20, "queue_p95_ms": 150, "petitions": 100_000}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["all", "intake", "lookups"], default="all")
    parser.add_argument(
        "--postgres", action="store_true", help="intake on PostgreSQL too (lookups always use it)"
    )
    parser.add_argument("--redis", action="store_true", help="Redis db 7 for the cache and the rate limiter")
    parser.add_argument("--postgres-db", default="mattran_bench", help="dropped and recreated (default mattran_bench)")
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
        ip = client_address(i)
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
    result["post_latency_ms"] = latency_ms(post_latencies)
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
        postgres_db=args.postgres_db if args.postgres else None,
        redis_db=7 if args.redis else None,
        keep=args.keep,
        extra_env=PROXY_ENV,
    )
    server = Gunicorn(deployment, port=args.port, workers=args.workers)
    try:
        deployment.prepare()
        before = web_rows(deployment)
        server.start()
        run = asyncio.run(intake(args, server, deadline))
        server.stop()
        codes = sorted(set(run["acknowledged"].values()))
        verify = codes_verify(deployment, codes)
        new_rows = web_rows(deployment) - before
    finally:
        server.stop()
        deployment.cleanup()
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


def petitions_summary_print(payload: dict) -> None:
    print()
    print(
        f"Petitions benchmark {payload['started']}; machine: {payload['machine_before']['cpus']} CPUs, load average before "
        f"{payload['machine_before']['loadavg_1_5_15']}, after {payload['machine_after']['loadavg_1_5_15']}"
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


def main(argv=None) -> int:
    args = parse_args(argv)
    bench = BenchRun("petitions", timeout=args.timeout, margin=180, smoke=args.smoke)
    deadline = bench.deadline
    payload = bench.payload(targets=TARGETS, server=f"gunicorn, {args.workers} sync workers, 127.0.0.1")
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
    payload["verdict"] = verdict
    path = bench.finish(payload)
    petitions_summary_print(payload)
    return verdict_report(verdict, path, smoke=args.smoke)


if __name__ == "__main__":
    run_main(main)
