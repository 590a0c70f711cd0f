"""The bounded load generator: run a job n times with a fixed number in flight until a deadline, and report
requests/s, latency percentiles and the CPU the server, the load generator and the whole machine spent."""

import asyncio
import os
import time

from client import HttpError
from deployment import Gunicorn
from runtime import log, machine_cpu


def percentile(sorted_values: list[float], p: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


async def run_jobs(
    name: str, n: int, concurrency: int, job, *, deadline: float, server: Gunicorn | None = None
) -> dict:
    """Run ``job(i)`` for i in 0..n-1 with ``concurrency`` of them in flight; a job returns True (success),
    False or a string (a failure of that kind), or raises (an error). Stops at ``deadline`` (monotonic)."""
    next_index = 0
    latencies: list[float] = []
    failures: dict[str, int] = {}
    ok = 0

    async def worker():
        nonlocal next_index, ok
        while next_index < n and time.monotonic() < deadline:
            i = next_index
            next_index += 1
            started = time.perf_counter()
            try:
                result = await job(i)
            except HttpError as exc:
                result = "connection error / timeout: " + str(exc)[:80]
            except Exception as exc:  # a bad answer is a failure to count, not a crash of the benchmark
                result = f"{type(exc).__name__}: {str(exc)[:80]}"
            latencies.append(time.perf_counter() - started)
            if result is True:
                ok += 1
            else:
                key = str(result or "failed")
                failures[key] = failures.get(key, 0) + 1

    async def progress():
        while True:
            await asyncio.sleep(30)
            log(f"  {name}: {len(latencies)}/{n} done")

    busy0, total0 = machine_cpu()
    server0 = server.cpu_seconds() if server else 0.0
    own0 = time.process_time()
    started = time.perf_counter()
    reporter = asyncio.ensure_future(progress())
    try:
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    finally:
        reporter.cancel()
    elapsed = time.perf_counter() - started
    own = time.process_time() - own0
    server_cpu = (server.cpu_seconds() - server0) if server else None
    busy1, total1 = machine_cpu()
    done = len(latencies)
    latencies.sort()
    cpus = os.cpu_count() or 1
    result = {
        "name": name,
        "planned": n,
        "done": done,
        "ok": ok,
        "failed": done - ok,
        "failures": failures,
        "not_run_deadline": n - done,
        "concurrency": concurrency,
        "seconds": round(elapsed, 3),
        "per_second": round(done / elapsed, 1) if elapsed else None,
        "ok_per_second": round(ok / elapsed, 1) if elapsed else None,
        "latency_ms": {f"p{p}": round(percentile(latencies, p) * 1000, 2) for p in (50, 90, 95, 99)}
        | {"max": round(latencies[-1] * 1000, 2) if latencies else None},
        "server_cpu_ms_per_request": round(server_cpu * 1000 / done, 3) if server and done else None,
        "loadgen_cpu_share": round(own / elapsed / cpus, 3) if elapsed else None,
        "server_cpu_share": round(server_cpu / elapsed / cpus, 3) if server and elapsed else None,
        "machine_cpu_busy": round((busy1 - busy0) / max(total1 - total0, 1), 3),
        "loadavg_1m_after": round(os.getloadavg()[0], 2),
        "_raw": {
            "latencies": latencies,
            "server_cpu": server_cpu,
            "own_cpu": own,
            "busy": busy1 - busy0,
            "total": total1 - total0,
        },
    }
    log(
        f"{name}: {done}/{n} in {elapsed:.1f} s = {result['per_second']} req/s, ok {ok}, failed {done - ok}, "
        f"p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms; "
        f"server {result['server_cpu_ms_per_request']} CPU-ms/req; CPU busy {result['machine_cpu_busy']:.0%} "
        f"(server {result['server_cpu_share'] or 0:.0%}, load generator {result['loadgen_cpu_share']:.0%})"
    )
    if failures:
        log(f"  failures: {failures}")
    return result


def combine(name: str, results: list[dict]) -> dict:
    """One result from several rounds of the same measurement (interleaved rounds even out a changing load)."""
    raws = [r["_raw"] for r in results]
    latencies = sorted(x for raw in raws for x in raw["latencies"])
    done = sum(r["done"] for r in results)
    ok = sum(r["ok"] for r in results)
    seconds = sum(r["seconds"] for r in results)
    server_cpu = sum(raw["server_cpu"] or 0 for raw in raws)
    cpus = os.cpu_count() or 1
    failures: dict[str, int] = {}
    for r in results:
        for k, v in r["failures"].items():
            failures[k] = failures.get(k, 0) + v
    return {
        "name": name,
        "rounds": len(results),
        "planned": sum(r["planned"] for r in results),
        "done": done,
        "ok": ok,
        "failed": done - ok,
        "failures": failures,
        "not_run_deadline": sum(r["not_run_deadline"] for r in results),
        "concurrency": results[0]["concurrency"],
        "seconds": round(seconds, 3),
        "per_second": round(done / seconds, 1) if seconds else None,
        "ok_per_second": round(ok / seconds, 1) if seconds else None,
        "per_second_by_round": [r["per_second"] for r in results],
        "latency_ms": {f"p{p}": round(percentile(latencies, p) * 1000, 2) for p in (50, 90, 95, 99)}
        | {"max": round(latencies[-1] * 1000, 2) if latencies else None},
        "server_cpu_ms_per_request": round(server_cpu * 1000 / done, 3) if done else None,
        "loadgen_cpu_share": round(sum(raw["own_cpu"] for raw in raws) / seconds / cpus, 3)
        if seconds
        else None,
        "server_cpu_share": round(server_cpu / seconds / cpus, 3) if seconds else None,
        "machine_cpu_busy": round(
            sum(raw["busy"] for raw in raws) / max(sum(raw["total"] for raw in raws), 1), 3
        ),
        "loadavg_1m_after": results[-1]["loadavg_1m_after"],
    }


def latency_ms(seconds: list[float], percentiles=(50, 95, 99)) -> dict[str, float]:
    """{"p50": ms, …} of unsorted latencies in seconds."""
    ordered = sorted(seconds)
    return {f"p{p}": round(percentile(ordered, p) * 1000, 2) if ordered else None for p in percentiles}
