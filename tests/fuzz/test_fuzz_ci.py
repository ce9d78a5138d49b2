"""The fuzzers run in CI: every harness for a bounded time (180 s in all, a fixed seed), and any crash fails the suite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "fuzz"))

import run_all  # noqa: E402

SECONDS = 180
# A fixed seed: a CI failure is replayed by running the same command (`fuzz/run_all.py --seconds 180 --seed …`).
SEED = 20261205


def test_every_harness_runs_for_a_bounded_time_without_a_crash(tmp_path):
    # run_all.py starts each harness as `python fuzz/fuzz_KIND.py` (atheris, coverage-guided) from the seed
    # corpus; a crash, a stall over the per-input timeout or more than 2 GB of memory makes it exit 1.
    # A slow input (libFuzzer's slow-unit-…) is listed but is not a failure.
    stats = tmp_path / "stats.json"
    p = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "run_all.py"),
            "--seconds",
            str(SECONDS),
            "--seed",
            str(SEED),
            "--json",
            str(stats),
        ],
        capture_output=True,
        text=True,
        # startup (instrumenting shuzhi) and the last input of each harness
        timeout=SECONDS + sum(run_all.TIMEOUTS.get(k, run_all.TIMEOUT_S) + 60 for k in run_all.KINDS),
        cwd=ROOT,
    )
    assert p.returncode == 0, p.stdout + p.stderr[-4000:]
    rows = {r["kind"]: r for r in json.loads(stats.read_text())}
    assert set(rows) == set(run_all.KINDS) == {"txt", "docx", "pdf", "pipeline", "ofd", "ocr", "office"}
    for kind, r in rows.items():
        assert r["executions"] > 0 and r["coverage"] > 0, (kind, r)
        assert not r["crashes"], (kind, r["crashes"])
        assert r["seeds"][0] == SEED
