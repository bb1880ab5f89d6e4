"""scripts/loadtest.py runs end to end against a real server (a tiny run: no timing asserted,
the load test is a script, not a test)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_a_tiny_load_test_reports_every_number(tmp_path):
    out = tmp_path / "load.json"
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "loadtest.py"), "--requests", "4",
                        "--letters", "2", "--workers-list", "1", "--concurrency", "1,2",
                        "--json", str(out)], capture_output=True, timeout=600,
                       env={**os.environ, "PYTHONPATH": str(REPO)})
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    res = json.loads(out.read_text(encoding="utf-8"))
    [run] = res["runs"]
    assert run["startup_s"] > 0 and set(run["first_request_ms"]) == {"ru", "vi"}
    assert {(c["lang"], c["concurrency"]) for c in run["cells"]} == \
        {("ru", 1), ("ru", 2), ("vi", 1), ("vi", 2)}
    assert all(c["rps"] > 0 and c["p99_ms"] >= c["p50_ms"] > 0 and c["checker_cpu_ms"] > 0
               for c in run["cells"])
    assert len(run["memory"]["checker_mb"]) == 1 and run["memory"]["http_process_mb"] > 0
    assert "| 1 | vi | 2 | 4 |" in r.stdout.decode()
