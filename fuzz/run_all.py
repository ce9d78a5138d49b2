"""Run every fuzz harness for a bounded time; exit 1 if any input crashed shuzhi or broke its promise.

    python fuzz/run_all.py [--seconds 150] [--kinds txt,docx,pdf,pipeline,ofd,ocr,office] [--seed N]
                           [--work DIR] [--parallel] [--json OUT]

The time is shared among the harnesses by weight (WEIGHT: the pipeline harness, the slowest per input, gets a
double share). Each harness runs in its own process as
`python fuzz/fuzz_KIND.py WORK/corpus/KIND -max_total_time=…`, starting from the seed corpus
(fuzz/make_corpus.py, made on the first run) and the inputs it kept on earlier runs in the same WORK directory,
with libFuzzer's limits: -timeout per input (a stall is a crash) and -rss_limit_mb (a memory blow-up is a crash).

What libFuzzer writes to WORK/artifacts/KIND/ is classified (classify): crash-… (an uncaught exception or a
broken promise, with its Python traceback kept in the report), timeout-… (over -timeout), oom-… (over
-rss_limit_mb) and leak-… are findings; slow-unit-… is only libFuzzer noting the slowest input so far (any
input over -report_slow_units seconds, 10 by default), not a finding, and is listed apart. Copy a finding's
input to tests/fuzz/regressions/KIND/ so that tests/fuzz/test_regressions.py replays it for ever.

``--seed N`` makes a run reproducible (libFuzzer's -seed; a harness restarted after a crash gets N+1, N+2 …);
CI uses a fixed seed (tests/fuzz/test_fuzz_ci.py), so a CI failure can be replayed with the same command.

CI runs it for a bounded time (tests/fuzz/test_fuzz_ci.py); by hand, as long as you like:

    nice -n 19 python fuzz/run_all.py --seconds 3600 --parallel --work /tmp/shuzhi-fuzz
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KINDS = ("txt", "docx", "pdf", "pipeline", "ofd", "ocr", "office")
WEIGHT = {"txt": 1, "docx": 1, "pdf": 1, "pipeline": 2, "ofd": 1, "ocr": 1, "office": 1}
# Per input, wall time: only a backstop for a loop that never returns. The limit that counts is CPU time,
# checked by the harness itself (harness.CPU_LIMITS: 20 s, 60 s for OCR): a niced fuzzer on a shared machine
# can wait minutes for the CPU on an input that takes a second (an OCR input at load 20: 70 s of wall time for
# 2 s of CPU), and waiting is no defect. LibreOffice has its own limit (office.CONVERT_TIMEOUT_S, 120 s, then
# E103), which must fire before the fuzzer's.
TIMEOUT_S = 120
TIMEOUTS = {"ocr": 300, "office": 300}
RSS_LIMIT_MB = 2048
MAX_LEN = 64 * 1024
# Artifacts libFuzzer writes, by the prefix of their name: every one a finding except slow-unit.
FINDINGS = {"crash": "crash", "timeout": "timeout", "oom": "out-of-memory", "leak": "leak"}
_WRITTEN = re.compile(r"Test unit written to (\S+)")
_STAT = re.compile(r"#(\d+)\s+(?:DONE|pulse|NEW|REDUCE|INITED)\s+cov: (\d+) ft: (\d+)(?: corp: (\d+)/)?")


def run_kind(kind: str, seconds: float, work: Path, extra: list[str], seed: int | None = None) -> dict:
    """Fuzz one harness for ``seconds``; after a crash it starts again (the corpus kept) until the time is spent."""
    t = time.monotonic()
    runs = []
    while True:
        left = seconds - (time.monotonic() - t)
        if runs and left < 5:
            break
        run_seed = None if seed is None else seed + len(runs)
        r = _run_once(kind, max(left, 1), work, extra, run_seed)
        runs.append(r)
        if r["exit"] == 0:  # max_total_time reached without a crash
            break
    last = runs[-1]
    return {
        **last,
        "seconds": round(time.monotonic() - t, 1),
        "exit": max((abs(r["exit"]) for r in runs), default=0),
        "executions": sum(r["executions"] for r in runs),
        "restarts": len(runs) - 1,
        "seeds": [r["seed"] for r in runs],
        "crashes": _once(c for r in runs for c in r["crashes"]),
        "slow_units": _once(c for r in runs for c in r["slow_units"]),
        "log_tail": "\n".join(r["log_tail"] for r in runs if r["log_tail"])[-6000:],
    }


def _once(items) -> list[dict]:
    """Each artifact once (a restarted harness sees the earlier ones again), with the first traceback found."""
    out: dict[str, dict] = {}
    for c in items:
        if c["path"] not in out or not out[c["path"]].get("traceback"):
            out[c["path"]] = c
    return list(out.values())


def classify(log: str, artifacts: Path) -> tuple[list[dict], list[dict]]:
    """(findings, slow units) among the files in ``artifacts``, each with what the log says about it.

    A finding is {"path", "kind": crash|timeout|out-of-memory|leak, "traceback"}: the Python traceback atheris
    printed before writing it (an uncaught exception or a harness.Finding), else libFuzzer's error lines. A slow
    unit is {"path", "seconds"}: an input that only took long, which libFuzzer saves without stopping.
    """
    context: dict[str, str] = {}
    last = 0
    for m in _WRITTEN.finditer(log):
        context[Path(m.group(1)).name] = log[last : m.start()]
        last = m.end()
    findings, slow = [], []
    for f in sorted(p for p in artifacts.glob("*") if p.is_file()):
        before = context.get(f.name, "")
        prefix = f.name.split("-", 1)[0]
        if f.name.startswith("slow-unit-"):
            m = re.findall(r"Slowest unit: (\d+) s", before)
            slow.append({"path": str(f), "seconds": int(m[-1]) if m else None})
            continue
        findings.append({"path": str(f), "kind": FINDINGS.get(prefix, prefix), "traceback": _traceback(before)})
    return findings, slow


def _traceback(before: str) -> str:
    """The Python traceback in the log before an artifact was written, or libFuzzer's own error lines."""
    tb = before.rfind("Traceback (most recent call last):")
    if tb >= 0:
        end = re.search(r"^==\d+== ERROR", before[tb:], re.M)
        return before[tb : tb + end.start() if end else None].strip()[-8000:]
    errors = re.findall(r"^==\d+== ERROR: .*$", before, re.M)
    return "\n".join(errors)[-2000:]


def _run_once(kind: str, seconds: float, work: Path, extra: list[str], seed: int | None = None) -> dict:
    corpus = work / "corpus" / kind
    artifacts = work / "artifacts" / kind
    artifacts.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        str(HERE / f"fuzz_{kind}.py"),
        str(corpus),
        f"-max_total_time={max(1, int(seconds))}",
        f"-timeout={TIMEOUTS.get(kind, TIMEOUT_S)}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-max_len={MAX_LEN}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        *([f"-seed={seed}"] if seed is not None else []),
        *extra,
    ]
    env = dict(os.environ)
    env.setdefault("SHUZHI_OCR_THREADS", "1")  # one OCR thread per harness: the harnesses share the machine
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    t = time.monotonic()
    # Grace beyond max_total_time: startup (instrumenting shuzhi) and the last input's own timeout.
    try:
        p = subprocess.run(  # atheris prints the Python traceback of a crash on stdout, libFuzzer on stderr
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            timeout=seconds + TIMEOUTS.get(kind, TIMEOUT_S) + 120,
        )
        rc, log = p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout or e.output or ""
        rc, log = -1, out.decode("utf-8", "replace") if isinstance(out, bytes) else out
    stats = [m.groups() for m in _STAT.finditer(log)]
    execs = int(stats[-1][0]) if stats else 0
    cov = int(stats[-1][1]) if stats else 0
    ft = int(stats[-1][2]) if stats else 0
    m = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    if m:
        execs = int(m.group(1))
    crashes, slow_units = classify(log, artifacts)
    return {
        "kind": kind,
        "seed": seed,
        "seconds": round(time.monotonic() - t, 1),
        "exit": rc,
        "executions": execs,
        "coverage": cov,
        "features": ft,
        "corpus": len(list(corpus.glob("*"))),
        "crashes": crashes,
        "slow_units": slow_units,
        "log_tail": log[-3000:] if rc else "",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=150, help="total fuzzing time, shared among the harnesses")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--work", default=None, help="corpus and artifacts (default: a temporary directory)")
    ap.add_argument("--json", default=None, help="write the statistics here")
    ap.add_argument("--seed", type=int, default=None, help="libFuzzer's random seed: the same run again")
    ap.add_argument(
        "--parallel", action="store_true", help="run the harnesses at the same time, each for the whole --seconds"
    )
    ap.add_argument("extra", nargs="*", help="more libFuzzer options, after --")
    a = ap.parse_args(argv)
    kinds = [k for k in a.kinds.split(",") if k]
    tmp = None
    if a.work is None:
        tmp = tempfile.TemporaryDirectory(prefix="shuzhi-fuzz-")
        work = Path(tmp.name)
    else:
        work = Path(a.work)
    if not (work / "corpus").is_dir():
        sys.path.insert(0, str(HERE))
        from make_corpus import main as make_corpus

        make_corpus(work / "corpus")
    total_weight = sum(WEIGHT[k] for k in kinds)
    if a.parallel:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(len(kinds)) as pool:
            done = list(pool.map(lambda k: run_kind(k, a.seconds, work, a.extra, a.seed), kinds))
    else:
        done = [run_kind(k, a.seconds * WEIGHT[k] / total_weight, work, a.extra, a.seed) for k in kinds]
    rows = []
    for r in done:
        kind = r["kind"]
        rows.append(r)
        state = "ok" if r["exit"] == 0 and not r["crashes"] else "CRASH"
        print(
            f"{kind:9} {state:5} {r['executions']:>9} executions  cov {r['coverage']:>5}  ft {r['features']:>6}  "
            f"corpus {r['corpus']:>5}  {r['seconds']:.0f} s",
            flush=True,
        )
        for c in r["crashes"]:
            print(f"          {c['kind']} input: {c['path']}", flush=True)
            print("            " + c["traceback"].replace("\n", "\n            "), flush=True)
        for c in r["slow_units"]:
            print(f"          slow (not a finding, {c['seconds']} s): {c['path']}", flush=True)
        if r["log_tail"]:
            print(r["log_tail"], file=sys.stderr)
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()
    return 0 if all(r["exit"] == 0 and not r["crashes"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
