"""A throwaway production-like deployment for one benchmark run: a temp var dir, a database (SQLite file or a
PostgreSQL database dropped and created again), static files, the demo content, and gunicorn on 127.0.0.1 in its
own process group."""

import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from client import Http, HttpError
from runtime import GUNICORN, PYTHON, ROOT, children_of, log, process_cpu_seconds


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


class PrivateRedis:
    """redis-server on 127.0.0.1:``port`` in its own session, AOF in the run's directory (``stop()`` = the
    ``shutdown nosave`` of bench/faults.py; the AOF is still written on shutdown, so it returns with its data)."""

    def __init__(self, directory: Path, *, port: int):
        self.dir = directory
        self.dir.mkdir(exist_ok=True)
        self.port = port
        self.proc = None

    def start(self) -> None:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", self.port)) == 0:
                raise RuntimeError(f"port {self.port} is already in use: stop that Redis first")
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
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
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True, timeout=10
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
