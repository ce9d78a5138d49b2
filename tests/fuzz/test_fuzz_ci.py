"""The fuzzers run in CI: every harness for a bounded time (150 s in all), and any crash fails the suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 150


def test_every_harness_runs_for_a_bounded_time_without_a_crash(tmp_path):
    # run_all.py starts each harness as `python fuzz/fuzz_KIND.py` (atheris, coverage-guided) from the seed
    # corpus; a crash, a stall over 20 s on one input or more than 2 GB of memory makes it exit 1.
    stats = tmp_path / "stats.json"
    p = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "run_all.py"), "--seconds", str(SECONDS), "--json", str(stats)],
        capture_output=True,
        text=True,
        timeout=SECONDS + 4 * 200,  # startup (instrumenting shuzhi) and the last input of each harness
        cwd=ROOT,
    )
    assert p.returncode == 0, p.stdout + p.stderr[-4000:]
    import json

    rows = {r["kind"]: r for r in json.loads(stats.read_text())}
    assert set(rows) == {"txt", "docx", "pdf", "pipeline"}
    for kind, r in rows.items():
        assert r["executions"] > 0 and r["coverage"] > 0, (kind, r)
        assert not r["crashes"], (kind, r["crashes"])
