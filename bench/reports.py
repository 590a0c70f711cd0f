"""Reports benchmark (issue 12 item 7): the leader's dashboard and the yearly DOCX report of the city committee
over N generated petitions.

Builds a throwaway deployment in a temp directory (its own var dir, SQLite file or a PostgreSQL database that is
dropped and recreated), migrates, loads the demo tree and generates N petitions with
``manage.py petitions_generate``, then, in this process (no HTTP: what is measured is the work behind the page):

- dashboard, cold: ``reports.dashboard.report_data`` for the city's current month (3 periods of figures, the
  12-month trend, the overdue list, supervision) with the cache emptied before every call — the worst case, what
  the first officer of a cache period waits for;
- dashboard, warm: the same call answered from the cache (``REPORTS_CACHE_SECONDS``, default 300 s, bounds how
  stale a figure can be);
- yearly DOCX: ``reports.services.report_file_generate`` for the city's current year, as the task runs it.

    .venv/bin/python bench/reports.py --smoke                       # 2,000 petitions on SQLite, ~2 min
    .venv/bin/python bench/reports.py --count 1000000 --postgres    # the issue's target run (hours of loading)

Targets: dashboard p95 < 300 ms, yearly DOCX < 30 s. Results are printed and written to
``bench/results/reports-<UTC time>.json`` and ``reports-latest.json``.
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
RESULTS_DIR = Path(__file__).resolve().parent / "results"


def _manage(env, *args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def _recreate_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _p95(values):
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--smoke", action="store_true", help="2,000 petitions, 5 dashboard calls")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/mattran_reports")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    count, runs = (2_000, 5) if args.smoke else (args.count, args.runs)

    tmp = Path(tempfile.mkdtemp(prefix="mattran-bench-reports-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "MATTRAN_VAR_DIR": str(tmp)}
    env.pop("REDIS_URL", None)
    if args.postgres:
        _recreate_postgres(args.database_url)
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    try:
        started = time.perf_counter()
        _manage(env, "migrate", "--no-input")
        _manage(env, "load_demo")
        _manage(env, "petitions_generate", str(count))
        load_seconds = time.perf_counter() - started
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.cache import cache
        from django.utils import timezone

        from mattran.organisations.models import Organisation
        from mattran.reports.dashboard import report_data
        from mattran.reports.models import ReportFile
        from mattran.reports.periods import period_month, period_year
        from mattran.reports.services import report_file_generate

        city = Organisation.objects.get(slug="tp-ho-chi-minh")
        today = timezone.localdate()
        month = period_month(year=today.year, month=today.month)
        cold, warm = [], []
        for _ in range(runs):
            cache.clear()
            t = time.perf_counter()
            report_data(organisation=city, period=month, today=today)
            cold.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            report_data(organisation=city, period=month, today=today)
            warm.append((time.perf_counter() - t) * 1000)
        cache.clear()
        year = period_year(year=today.year)
        report = ReportFile.objects.create(organisation=city, period_kind=year.kind, period_start=year.start,
                                           period_end=year.end, rollup=True)
        t = time.perf_counter()
        report_file_generate(report_id=report.pk)
        docx_seconds = time.perf_counter() - t
        result = {
            "name": "reports", "database": "postgresql" if args.postgres else "sqlite", "petitions": count,
            "load_seconds": round(load_seconds, 1), "runs": runs,
            "dashboard_cold_ms": {"median": round(statistics.median(cold), 1), "p95": round(_p95(cold), 1)},
            "dashboard_warm_ms": {"median": round(statistics.median(warm), 2), "p95": round(_p95(warm), 2)},
            "yearly_docx_seconds": round(docx_seconds, 2),
            "targets": {"dashboard_p95_ms": 300, "yearly_docx_seconds": 30},
            "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        }
        print(json.dumps(result, indent=2, ensure_ascii=False))
        RESULTS_DIR.mkdir(exist_ok=True)
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        for name in (f"reports-{stamp}.json", "reports-latest.json"):
            (RESULTS_DIR / name).write_text(json.dumps(result, indent=2, ensure_ascii=False))
        met = result["dashboard_cold_ms"]["p95"] < 300 and docx_seconds < 30
        return 0 if (met or args.smoke) else 1
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
