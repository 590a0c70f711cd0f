"""Shared pieces of the benchmarks, one import for every script (``from common import …``):

* ``runtime``: paths, logging, the global time limit, machine measurements (CPU of processes and of the whole
  machine, load average), the results file and the verdict;
* ``client``: the HTTP client (asyncio + raw sockets, one connection per request as gunicorn's sync workers close
  each one) and the headers and bodies a browser sends;
* ``deployment``: a throwaway production-like deployment (temp var dir, database, static files, gunicorn on
  127.0.0.1, a private Redis);
* ``loadgen``: the bounded load generator and its percentiles.

Only the Python standard library plus what the project already installs (psycopg, redis) is used.
"""

import sys
from pathlib import Path

# The pieces are sibling modules: importable whether this runs as ``common`` (a script in bench/) or as
# ``bench.common`` (from the checkout's root).
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from client import (  # noqa: E402
    BROWSER_HEADERS,
    BROWSER_UA,
    NAVIGATE_HEADERS,
    Http,
    HttpError,
    Response,
    beacon_body,
    client_address,
    cookie_header,
    multipart_body,
    multipart_form,
    urlencoded,
)
from deployment import Deployment, Gunicorn, PrivateRedis  # noqa: E402
from loadgen import combine, latency_ms, percentile, run_jobs  # noqa: E402
from runtime import (  # noqa: E402
    CLK_TCK,
    GUNICORN,
    PYTHON,
    RESULTS_DIR,
    ROOT,
    BenchRun,
    BenchTimeout,
    check,
    children_of,
    install_global_timeout,
    log,
    machine_cpu,
    machine_snapshot,
    process_cpu_seconds,
    run_main,
    strip_raw,
    utc_now,
    verdict_report,
    write_results,
)

__all__ = [
    "BROWSER_HEADERS",
    "BROWSER_UA",
    "CLK_TCK",
    "GUNICORN",
    "NAVIGATE_HEADERS",
    "PYTHON",
    "RESULTS_DIR",
    "ROOT",
    "BenchRun",
    "BenchTimeout",
    "Deployment",
    "Gunicorn",
    "Http",
    "HttpError",
    "PrivateRedis",
    "Response",
    "check",
    "children_of",
    "client_address",
    "combine",
    "cookie_header",
    "install_global_timeout",
    "latency_ms",
    "log",
    "machine_cpu",
    "machine_snapshot",
    "beacon_body",
    "multipart_body",
    "multipart_form",
    "percentile",
    "process_cpu_seconds",
    "run_jobs",
    "run_main",
    "strip_raw",
    "urlencoded",
    "utc_now",
    "verdict_report",
    "write_results",
]

if __name__ == "__main__":  # pragma: no cover
    sys.exit("run bench/portal.py or bench/petitions.py")
