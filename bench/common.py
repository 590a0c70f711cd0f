"""Shared pieces of the benchmarks: a throwaway production-like deployment (temp var dir, database, static files,
gunicorn on 127.0.0.1), a small bounded HTTP load generator (asyncio + raw sockets, one connection per request as
gunicorn's sync workers close each one) and the measurements reported beside the numbers (CPU of the server's
workers, of the load generator and of the whole machine, load average).

Only the Python standard library plus what the project already installs (psycopg, redis) is used.
"""

import asyncio
import contextlib
import datetime
import gzip
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
CLK_TCK = os.sysconf("SC_CLK_TCK")

# A current desktop Chrome, as a reader's browser sends it (the counter ignores robots by User-Agent).
BROWSER_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
BROWSER_HEADERS = {
    "User-Agent": BROWSER_UA,
    "Accept-Language": "vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7",
    "Accept-Encoding": "gzip, deflate",
    "sec-ch-ua": '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": '"Windows"',
}
NAVIGATE_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "Upgrade-Insecure-Requests": "1",
    "Sec-Fetch-Site": "none",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-User": "?1",
    "Sec-Fetch-Dest": "document",
}


class BenchTimeout(Exception):
    """The global time limit of a benchmark run was reached."""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def install_global_timeout(seconds: int) -> None:
    """SIGALRM after ``seconds`` raises BenchTimeout; SIGTERM behaves like Ctrl-C. Both end in the callers'
    ``finally`` blocks, which stop the servers they started."""

    def on_alarm(signum, frame):
        raise BenchTimeout(f"global time limit of {seconds} s reached")

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_term)
    signal.alarm(seconds)


# --- machine measurements -------------------------------------------------------------------------------------


def machine_cpu() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    total = sum(values[:8])
    return total - idle, total


def process_cpu_seconds(pids) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return total / CLK_TCK


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def machine_snapshot() -> dict:
    load1, load5, load15 = os.getloadavg()
    return {"cpus": os.cpu_count(), "loadavg_1_5_15": [round(load1, 2), round(load5, 2), round(load15, 2)]}


# --- a throwaway deployment -----------------------------------------------------------------------------------


@dataclass
class Deployment:
    """Environment of one benchmark run: production settings, a temp var dir (static files, media, SQLite)."""

    postgres_db: str | None = None  # e.g. "mattran_bench": dropped and created again
    redis_db: int | None = None  # e.g. 7: keys live under a per-run prefix, deleted afterwards
    keep: bool = False
    extra_env: dict = field(default_factory=dict)

    def __post_init__(self):
        self.var_dir = Path(tempfile.mkdtemp(prefix="mattran-bench-"))
        self.prefix = f"bench-{os.getpid()}-{secrets.token_hex(3)}"
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
        }
        env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_INSECURE_HTTP": "1",  # plain HTTP on 127.0.0.1 (config/settings/prod.py)
            "MATTRAN_VAR_DIR": str(self.var_dir),
            "SQLITE_PATH": str(self.var_dir / "db.sqlite3"),
            "MEDIA_ROOT": str(self.var_dir / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        if self.postgres_db:
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{self.postgres_db}"
        if self.redis_db is not None:
            env["REDIS_URL"] = f"redis://127.0.0.1:6379/{self.redis_db}"
            env["CACHE_KEY_PREFIX"] = self.prefix
        env |= self.extra_env
        self.env = env

    @property
    def database_label(self) -> str:
        return f"PostgreSQL ({self.postgres_db})" if self.postgres_db else "SQLite (temp file, WAL)"

    def describe(self) -> dict:
        return {
            "settings": "config.settings.prod",
            "database": self.database_label,
            "cache": f"Redis db {self.redis_db} (prefix {self.prefix})"
            if self.redis_db is not None
            else "local memory",
        }

    def prepare(self, *, demo: bool = True) -> None:
        if self.postgres_db:
            self._postgres_recreate()
        log(f"preparing a throwaway deployment in {self.var_dir} — {self.database_label}")
        self.manage("migrate", "--noinput", timeout=900)
        self.manage("collectstatic", "--noinput", timeout=300)
        if demo:
            self.manage("load_demo", timeout=900)

    def _postgres_recreate(self) -> None:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.postgres_db}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.postgres_db}"')

    def manage(self, *args: str, timeout: int = 600) -> str:
        result = subprocess.run(
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
            )
        return result.stdout

    def django_json(self, code: str, timeout: int = 600):
        """Run ``code`` in a Django shell of this deployment; it must print one JSON line last."""
        out = self.manage("shell", "-c", code, timeout=timeout)
        return json.loads(out.strip().splitlines()[-1])

    def cleanup(self) -> None:
        if self.redis_db is not None:
            with contextlib.suppress(Exception):
                import redis

                client = redis.Redis(host="127.0.0.1", port=6379, db=self.redis_db)
                keys = list(client.scan_iter(match=f"{self.prefix}:*", count=1000))
                for i in range(0, len(keys), 1000):
                    client.delete(*keys[i : i + 1000])
        if not self.keep:
            shutil.rmtree(self.var_dir, ignore_errors=True)
        else:
            log(f"kept {self.var_dir}")


class Gunicorn:
    """gunicorn on 127.0.0.1 in its own process group; ``stop()`` ends that group (and only it)."""

    def __init__(self, deployment: Deployment, *, port: int, workers: int = 2, env: dict | None = None):
        self.deployment = deployment
        self.port = port
        self.workers = workers
        self.env = deployment.env | (env or {})  # e.g. another DJANGO_SETTINGS_MODULE (bench/settings_bare.py)
        self.proc = None
        self.log_path = deployment.var_dir / f"gunicorn-{port}.log"

    def start(self, timeout: float = 60) -> None:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", self.port)) == 0:
                raise RuntimeError(f"port {self.port} is already in use")
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [
                str(GUNICORN),
                "config.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_path.read_text()[-3000:]}")
            try:
                status = asyncio.run(
                    Http("127.0.0.1", self.port, timeout=5).request("GET", "/healthz")
                ).status
                if status == 200 and len(self.worker_pids()) == self.workers:
                    log(
                        f"gunicorn up on 127.0.0.1:{self.port} (pid {self.proc.pid}, workers {self.worker_pids()})"
                    )
                    return
            except (OSError, HttpError):
                pass
            time.sleep(0.3)
        raise RuntimeError(
            f"gunicorn did not answer /healthz within {timeout} s: {self.log_path.read_text()[-3000:]}"
        )

    def worker_pids(self) -> list[int]:
        return children_of(self.proc.pid) if self.proc else []

    def cpu_seconds(self) -> float:
        return process_cpu_seconds(self.worker_pids())

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)
        self._log.close()
        log(f"gunicorn on port {self.port} stopped")


# --- HTTP ----------------------------------------------------------------------------------------------------


class HttpError(Exception):
    """A connection error, a timeout or an unreadable answer (counted as an error, never as a success)."""


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    def set_cookies(self) -> dict[str, str]:
        cookies = {}
        for k, v in self.headers:
            if k.lower() == "set-cookie":
                pair = v.split(";", 1)[0]
                if "=" in pair:
                    name, value = pair.split("=", 1)
                    cookies[name.strip()] = value.strip().strip('"')
        return cookies

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Http:
    """One fresh TCP connection per request (a browser's connection would be closed by the sync worker too)."""

    def __init__(self, host: str, port: int, *, timeout: float = 30):
        self.host, self.port, self.timeout = host, port, timeout

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def request(
        self, method: str, path: str, headers: dict | None = None, body: bytes = b""
    ) -> Response:
        try:
            return await asyncio.wait_for(self._request(method, path, headers or {}, body), self.timeout)
        except TimeoutError as exc:
            raise HttpError(f"timeout after {self.timeout} s") from exc
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            raise HttpError(f"{type(exc).__name__}: {exc}") from exc

    async def _request(self, method, path, headers, body) -> Response:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: keep-alive"]
            lines += [f"{k}: {v}" for k, v in headers.items()]
            if body or method in ("POST", "PUT"):
                lines.append(f"Content-Length: {len(body)}")
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status_line, *header_lines = head.decode("latin-1").split("\r\n")
            status = int(status_line.split(" ", 2)[1])
            resp_headers = [
                tuple(x.strip() for x in line.split(":", 1)) for line in header_lines if ":" in line
            ]
            response = Response(status, resp_headers, b"")
            if method == "HEAD" or status in (204, 304):
                data = b""
            elif response.header("Content-Length") is not None:
                data = await reader.readexactly(int(response.header("Content-Length")))
            elif (response.header("Transfer-Encoding") or "").lower() == "chunked":
                data = await _read_chunked(reader)
            else:
                data = await reader.read()
            encoding = (response.header("Content-Encoding") or "").lower()
            if encoding == "gzip":
                data = gzip.decompress(data)
            elif encoding == "deflate":
                data = zlib.decompress(data)
            response.body = data
            return response
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


async def _read_chunked(reader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


def multipart_body(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    """A body as Chrome's ``fetch(url, {body: FormData})`` sends it, and its Content-Type."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    boundary = "----WebKitFormBoundary" + "".join(secrets.choice(alphabet) for _ in range(16))
    out = []
    for name, value in fields:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    out.append(f"--{boundary}--\r\n")
    return "".join(out).encode("utf-8"), f"multipart/form-data; boundary={boundary}"


def urlencoded(fields: list[tuple[str, str]]) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


# --- the load generator ---------------------------------------------------------------------------------------


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


def strip_raw(value):
    """The JSON payload without the raw latency lists."""
    if isinstance(value, dict):
        return {k: strip_raw(v) for k, v in value.items() if k != "_raw"}
    if isinstance(value, list):
        return [strip_raw(v) for v in value]
    return value


def write_results(kind: str, payload: dict) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"{kind}-{stamp}.json"
    text = json.dumps(strip_raw(payload), ensure_ascii=False, indent=2)
    path.write_text(text)
    (RESULTS_DIR / f"{kind}-latest.json").write_text(text)
    return path


def utc_now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def check(condition: bool) -> str:
    return "PASS" if condition else "FAIL"


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run bench/portal.py or bench/petitions.py")


def run_main(main) -> None:
    """Run a benchmark's ``main()`` and exit with its status; Ctrl-C and the global time limit end it cleanly
    (the servers it started are stopped by their own cleanup)."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted; servers stopped")
        sys.exit(130)
    except BenchTimeout as exc:
        log(str(exc) + "; servers stopped")
        sys.exit(2)
