"""Run every fuzz harness for a bounded time; exit 1 if any input crashed shuzhi or broke its promise.

    python fuzz/run_all.py [--seconds 150] [--kinds txt,docx,pdf,pipeline] [--work DIR] [--jobs 1] [--json OUT]

The time is shared among the harnesses (the pipeline harness, the slowest per input, gets a double share).
Each harness runs in its own process as `python fuzz/fuzz_KIND.py WORK/corpus/KIND -max_total_time=…`,
starting from the seed corpus (fuzz/make_corpus.py, made on the first run) and the inputs it kept on earlier
runs in the same WORK directory, with libFuzzer's limits: -timeout per input (a stall is a crash) and
-rss_limit_mb (a memory blow-up is a crash). A crash's input is saved as WORK/artifacts/KIND/crash-…; copy
it to tests/fuzz/regressions/KIND/ so that tests/fuzz/test_regressions.py replays it for ever.

CI runs it for 150 s in all (tests/fuzz/test_fuzz_ci.py); by hand, as long as you like:

    nice -n 19 python fuzz/run_all.py --seconds 3600 --work /tmp/shuzhi-fuzz
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
KINDS = ("txt", "docx", "pdf", "pipeline")
WEIGHT = {"txt": 1, "docx": 1, "pdf": 1, "pipeline": 2}
# Per input: far above what any input takes once the scans are linear; a stall beyond it is a finding.
TIMEOUT_S = 20
RSS_LIMIT_MB = 2048
MAX_LEN = 64 * 1024
_STAT = re.compile(r"#(\d+)\s+(?:DONE|pulse|NEW|REDUCE|INITED)\s+cov: (\d+) ft: (\d+)(?: corp: (\d+)/)?")


def run_kind(kind: str, seconds: float, work: Path, extra: list[str]) -> dict:
    """Fuzz one harness for ``seconds``; after a crash it starts again (the corpus kept) until the time is spent."""
    t = time.monotonic()
    runs = []
    while True:
        left = seconds - (time.monotonic() - t)
        if runs and left < 5:
            break
        r = _run_once(kind, max(left, 1), work, extra)
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
        "log_tail": "\n".join(r["log_tail"] for r in runs if r["log_tail"])[-6000:],
    }


def _run_once(kind: str, seconds: float, work: Path, extra: list[str]) -> dict:
    corpus = work / "corpus" / kind
    artifacts = work / "artifacts" / kind
    artifacts.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        str(HERE / f"fuzz_{kind}.py"),
        str(corpus),
        f"-max_total_time={max(1, int(seconds))}",
        f"-timeout={TIMEOUT_S}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-max_len={MAX_LEN}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        *extra,
    ]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    t = time.monotonic()
    # Grace beyond max_total_time: startup (instrumenting shuzhi) and the last input's own timeout.
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=seconds + TIMEOUT_S + 120)
        rc, log = p.returncode, p.stderr
    except subprocess.TimeoutExpired as e:
        rc, log = -1, (e.stderr or b"").decode("utf-8", "replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
    stats = [m.groups() for m in _STAT.finditer(log)]
    execs = int(stats[-1][0]) if stats else 0
    cov = int(stats[-1][1]) if stats else 0
    ft = int(stats[-1][2]) if stats else 0
    m = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    if m:
        execs = int(m.group(1))
    crashes = sorted(str(p) for p in artifacts.glob("*") if p.is_file())
    return {
        "kind": kind,
        "seconds": round(time.monotonic() - t, 1),
        "exit": rc,
        "executions": execs,
        "coverage": cov,
        "features": ft,
        "corpus": len(list(corpus.glob("*"))),
        "crashes": crashes,
        "log_tail": log[-3000:] if rc else "",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=150, help="total fuzzing time, shared among the harnesses")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--work", default=None, help="corpus and artifacts (default: a temporary directory)")
    ap.add_argument("--json", default=None, help="write the statistics here")
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
            done = list(pool.map(lambda k: run_kind(k, a.seconds, work, a.extra), kinds))
    else:
        done = [run_kind(k, a.seconds * WEIGHT[k] / total_weight, work, a.extra) for k in kinds]
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
            print(f"          crash input: {c}", flush=True)
        if r["log_tail"]:
            print(r["log_tail"], file=sys.stderr)
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()
    return 0 if all(r["exit"] == 0 and not r["crashes"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
