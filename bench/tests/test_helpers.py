"""The benchmarks' small shared helpers: percentiles, client addresses, the verdict's exit status, and the facade
(``common``) exporting every piece (run with ``.venv/bin/python -m pytest bench/tests``)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import common  # noqa: E402
from client import client_address  # noqa: E402
from loadgen import latency_ms  # noqa: E402
from runtime import verdict_report  # noqa: E402


def test_latency_percentiles_are_read_from_unsorted_seconds_and_empty_gives_none():
    assert latency_ms([0.3, 0.1, 0.2], (50, 99)) == {"p50": 200.0, "p99": 300.0}
    assert latency_ms([]) == {"p50": None, "p95": None, "p99": None}


def test_each_simulated_client_has_its_own_address():
    addresses = {client_address(n) for n in range(70_000)}
    assert len(addresses) == 70_000 and client_address(258) == "10.0.1.2"


def test_the_verdict_fails_the_run_unless_every_target_passes_or_it_is_a_smoke_run(tmp_path, capsys):
    path = tmp_path / "r.json"
    assert verdict_report({"a": "PASS", "b": "PASS"}, path) == 0
    assert verdict_report({"a": "PASS", "b": "FAIL"}, path) == 1
    assert verdict_report({"a": "FAIL"}, path, smoke=True) == 0
    assert "FAIL  b" in capsys.readouterr().out


def test_common_exports_every_shared_name():
    missing = [name for name in common.__all__ if not hasattr(common, name)]
    assert missing == [] and {"Deployment", "Gunicorn", "run_jobs", "Http", "write_results"} <= set(common.__all__)
