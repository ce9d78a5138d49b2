"""A plain `shuzhi check` imports only what it uses: the copy and history machinery, and numpy's BLAS
threads, are for the commands that need them (a writer waits for every import of a cold process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPORT = "述职述廉报告\n\n一年来，本人认真履行党风廉政建设“一岗双责”，全年开展廉政谈话12次。\n"

_PROBE = """
import json, os, sys
from shuzhi.cli import main
try:
    rc = main(sys.argv[1:])
finally:
    sys.stdout.flush()
mods = {m for m in sys.modules}
print(json.dumps({"mods": sorted(mods), "blas": os.environ.get("OPENBLAS_NUM_THREADS")}), file=sys.stderr)
"""


def _run(tmp_path: Path, *args: str, env: dict | None = None) -> dict:
    report = tmp_path / "述职报告.txt"
    report.write_text(REPORT, encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "check", str(report), *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr  # checked: clean, or findings
    return json.loads(proc.stderr.strip().splitlines()[-1])


HEAVY = (
    "rapidfuzz",
    "shuzhi.pipeline.history",
    "shuzhi.similarity.compare",
    "shuzhi.similarity.index.store",
    "shuzhi.analysis.history.identity",
    "shuzhi.analysis.history.link",
)


def test_plain_check_does_not_import_the_copy_and_history_machinery(tmp_path):
    seen = _run(tmp_path)
    assert "shuzhi.rules.engine" in seen["mods"]  # the probe saw a real check
    assert [m for m in HEAVY if m in seen["mods"]] == []


def test_check_with_an_index_still_imports_it(tmp_path):
    index = tmp_path / "idx"
    report = tmp_path / "往年.txt"
    report.write_text(REPORT.replace("12次", "15次"), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "shuzhi", "index", "add", str(report), "--index", str(index)], check=True)
    seen = _run(tmp_path, "--index", str(index))
    assert [m for m in HEAVY if m in seen["mods"]] == list(HEAVY)


def test_blas_threads_are_one_unless_the_user_set_them(tmp_path):
    assert _run(tmp_path)["blas"] == "1"
    assert _run(tmp_path, env={"OPENBLAS_NUM_THREADS": "2"})["blas"] == "2"
