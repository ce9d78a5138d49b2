"""fuzz/run_all.py's report: a crash keeps its traceback, a slow input is not a crash, a seed is passed on."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "fuzz"))

import run_all  # noqa: E402

# A real libFuzzer run (atheris) over two seeds: "S" takes over a second (a slow unit at -report_slow_units=1),
# "X" raises. Both are written to the artifacts folder; only the second is a finding.
TARGET = textwrap.dedent(
    """
    import sys, time
    import atheris

    def one_input(data):
        with open(sys.argv[0] + ".seen", "ab") as f:
            f.write(data.hex().encode() + b" ")
        if data[:1] == b"S":
            time.sleep(1.2)
        if data[:1] == b"X":
            raise ValueError("the planted defect")

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
    """
)


def _fuzz(tmp_path: Path, *options: str, seeds_given: dict[str, bytes] | None = None) -> tuple[str, Path]:
    seeds, artifacts = tmp_path / "seeds", tmp_path / "artifacts"
    seeds.mkdir()
    artifacts.mkdir()
    for name, data in (seeds_given or {"a-slow": b"S", "b-crash": b"XX"}).items():
        (seeds / name).write_bytes(data)
    (tmp_path / "target.py").write_text(TARGET, encoding="utf-8")
    p = subprocess.run(
        [
            sys.executable,
            str(tmp_path / "target.py"),
            str(seeds),
            "-runs=20",
            "-report_slow_units=1",
            f"-artifact_prefix={artifacts}/",
            "-shuffle=0",
            *options,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )
    return p.stdout, artifacts


def test_a_slow_unit_is_not_a_crash_and_a_crash_keeps_its_traceback(tmp_path):
    log, artifacts = _fuzz(tmp_path)
    names = sorted(p.name.split("-")[0] for p in artifacts.iterdir())
    assert names == ["crash", "slow"], names  # libFuzzer wrote both
    findings, slow = run_all.classify(log, artifacts)
    assert [Path(f["path"]).name.startswith("crash-") for f in findings] == [True]
    assert findings[0]["kind"] == "crash"
    tb = findings[0]["traceback"]
    assert tb.startswith("Traceback (most recent call last):")
    assert "ValueError: the planted defect" in tb and "one_input" in tb
    assert len(slow) == 1 and Path(slow[0]["path"]).name.startswith("slow-unit-")
    assert slow[0]["seconds"] == 1


def test_timeouts_and_out_of_memory_are_findings(tmp_path):
    for name in ("timeout-1", "oom-2", "leak-3", "slow-unit-4"):
        (tmp_path / name).write_bytes(b"x")
    log = "==7== ERROR: libFuzzer: timeout after 20 seconds\nTest unit written to ./timeout-1\n"
    findings, slow = run_all.classify(log, tmp_path)
    assert {f["kind"] for f in findings} == {"timeout", "out-of-memory", "leak"}
    timeout = next(f for f in findings if f["kind"] == "timeout")
    assert timeout["traceback"] == "==7== ERROR: libFuzzer: timeout after 20 seconds"
    assert [Path(s["path"]).name for s in slow] == ["slow-unit-4"]


def test_the_seed_makes_a_run_repeat_itself(tmp_path):
    # The same seed gives libFuzzer the same mutations: the same inputs in the same order; another seed others.
    seen = {}
    for name, seed in (("a", 4242), ("b", 4242), ("c", 4243)):
        d = tmp_path / name
        d.mkdir()
        log, _ = _fuzz(d, f"-seed={seed}", "-runs=200", seeds_given={"one": b"report"})
        assert f"INFO: Seed: {seed}" in log
        seen[name] = (d / "target.py.seen").read_text().split()
    assert len(seen["a"]) > 100
    assert seen["a"] == seen["b"]
    assert seen["a"] != seen["c"]


def test_run_all_passes_the_seed_on(tmp_path):
    stats = tmp_path / "stats.json"
    assert (
        run_all.main(
            ["--seconds", "2", "--kinds", "txt", "--seed", "77", "--work", str(tmp_path), "--json", str(stats)]
        )
        == 0
    )
    import json

    (row,) = json.loads(stats.read_text())
    assert row["seeds"] == [77] and row["executions"] > 0


def test_the_harness_limits_cpu_time_not_wall_time(monkeypatch):
    # Waiting for the CPU on a shared machine is no defect; computing for too long is.
    import harness

    data = b"2023\xe5\xb9\xb4\xe5\xba\xa6\xe8\xbf\xb0\xe8\x81\x8c\xe6\x8a\xa5\xe5\x91\x8a\n" * 200
    assert harness.run("txt", data) is not None
    monkeypatch.setitem(harness.CPU_LIMITS, "txt", 0.0)
    try:
        harness.run("txt", data)
    except harness.Finding as e:
        assert "s of CPU for one input" in str(e)
    else:
        raise AssertionError("no finding over a CPU limit of 0 s")
