"""What every benchmark run shares: where things are, logging, the global time limit, the machine measurements
reported beside the numbers (CPU of processes and of the whole machine, load average), the results file and the
verdict. Standard library only."""

import datetime
import json
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
CLK_TCK = os.sysconf("SC_CLK_TCK")


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


# --- results --------------------------------------------------------------------------------------------------


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


class BenchRun:
    """One benchmark run: the global time limit (installed at once), the deadline the measurements stop at
    (``margin`` seconds before the limit, to leave time to read, flush and stop), when it started and how busy the
    machine was then; ``finish()`` stamps the end and writes the results."""

    def __init__(self, name: str, *, timeout: int, margin: int, smoke: bool = False):
        install_global_timeout(timeout)
        self.name, self.smoke = name, smoke
        self.deadline = time.monotonic() + timeout - margin
        self.started = utc_now()
        self.machine_before = machine_snapshot()

    def payload(self, **fields) -> dict:
        """The results' common head: benchmark, start, smoke, command line, the machine before; then ``fields``."""
        return {
            "benchmark": self.name,
            "started": self.started,
            "smoke": self.smoke,
            "command": " ".join(sys.argv),
            "machine_before": self.machine_before,
        } | fields

    def finish(self, payload: dict) -> Path:
        """Add the end time and the machine after to ``payload`` and write it (``<name>[-smoke]-<UTC time>.json``)."""
        payload |= {"finished": utc_now(), "machine_after": machine_snapshot()}
        return write_results(self.name + ("-smoke" if self.smoke else ""), payload)


def verdict_report(verdict: dict[str, str], path: Path, *, smoke: bool = False) -> int:
    """Print each target's PASS/FAIL and where the results are; the exit status: 0 when every target is met
    (a smoke run only checks that the script works: 0 unless it failed)."""
    for name, result in verdict.items():
        print(f"  {result}  {name}")
    print(f"results: {path}")
    return 0 if all(v == "PASS" for v in verdict.values()) or smoke else 1
