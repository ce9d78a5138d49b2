"""Cold `shuzhi check --index` on a large index: time and memory of a new process, against the same check without it.

Usage (from the repository root; the baseline is an older checkout with its own .venv, e.g. b7f24cc):

    python benchmarks/index_cold_check.py --baseline ../speed-base [--docs 100000] [--dir DIR] [--repeat 5]

Builds (or reuses, with --dir) an index of ``--docs`` synthetic documents (benchmarks/copy_bench.py's
generator: paragraphs of the laws and government reports, one character in six changed), then runs,
each in a fresh process under `nice`, alternating: `shuzhi check REPORT` and `shuzhi check REPORT
--index DIR`, with this checkout and with the baseline (which reads the same index; an index written
before segments stored their lookup directory is exactly what it sees). REPORT is seed 001 with three
passages of indexed documents pasted in. Wall time, CPU time and peak RSS (wait4) per run; medians reported.
The operating system's file cache is left as the previous run left it (the machine is shared; caches
are not dropped): "cold" means a new process that has never opened the index. The index is built in a
child process (a forked child's peak RSS counts the parent's pages, so a parent that had built the
index made every check report its 650 MB), and both trees' byte code is compiled first, as an
installed package has it (with PYTHONDONTWRITEBYTECODE every run would compile the tree again).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def build(ix_dir: Path, n: int) -> float:
    from copy_bench import Synth

    from shuzhi.similarity.index.store import DocMeta, Index

    synth = Synth()
    t = time.perf_counter()
    with Index(ix_dir, create=True) as ix:
        ix.add(((synth.doc(i), DocMeta(source=f"d{i}")) for i in range(n)), batch=2000)
        print(f"built {n} documents in {time.perf_counter() - t:.0f} s: {ix.stats()['segments']} segments", flush=True)
    return time.perf_counter() - t


def query_file(tmp: Path, n: int) -> Path:
    from copy_bench import Synth

    synth = Synth()
    seed = (ROOT.parent / "shared" / "corpus" / "seeds").glob("001_*.txt")
    text = next(seed).read_text(encoding="utf-8")
    pasted = [synth.doc(i)[200:600] for i in (7, n // 2, n - 3)]
    lines = text.split("\n")
    for k, p in enumerate(pasted):
        lines.insert(10 + 8 * k, p)
    q = tmp / "report.txt"
    q.write_text("\n".join(lines), encoding="utf-8")
    return q


def run(cmd: list[str], cwd: Path) -> tuple[float, float, float, dict]:
    t = time.perf_counter()
    p = subprocess.Popen(["nice", "-n", "10", *cmd], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{cmd} failed")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, json.loads(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--dir", type=Path, default=None, help="index directory (built when missing, kept)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="shuzhi-cold-"))
    ix_dir = (args.dir or tmp / "ix").resolve()
    if args.build_only:
        build(ix_dir, args.docs)
        return 0
    if not (ix_dir / "index.sqlite").exists():
        cmd = [sys.executable, __file__, "--build-only", "--baseline", str(args.baseline)]
        subprocess.run([*cmd, "--dir", str(ix_dir), "--docs", str(args.docs)], check=True)
    for tree in (ROOT, args.baseline.resolve()):
        compileall.compile_dir(tree / "src" / "shuzhi", quiet=1)
    q = query_file(tmp, args.docs)
    sides = {
        "this": (ROOT / ".venv" / "bin" / "shuzhi", ROOT),
        "baseline": (args.baseline.resolve() / ".venv" / "bin" / "shuzhi", args.baseline.resolve()),
    }
    runs: dict[str, list] = {}
    copied = {}
    for _ in range(args.repeat):
        for side, (exe, cwd) in sides.items():
            for with_index in (False, True):
                cmd = [str(exe), "check", str(q), "--format", "json"]
                if with_index:
                    cmd += ["--index", str(ix_dir)]
                wall, rss, cpu, out = run(cmd, cwd)
                key = f"{side} {'--index' if with_index else 'no index'}"
                runs.setdefault(key, []).append((wall, rss, cpu))
                if with_index:
                    prof = out["results"][0].get("profile", {}).get("copy", {})
                    copied[side] = (prof.get("total_copied"), len(prof.get("sources", [])))
    print(f"index: {args.docs} documents in {ix_dir}; load average {os.getloadavg()[0]:.1f} (shared machine)")
    print("| side | check | median wall | runs | median CPU | peak RSS (median) |")
    print("|---|---|---|---|---|---|")
    med = {}
    for key, rs in runs.items():
        med[key] = tuple(statistics.median(x[i] for x in rs) for i in range(3))
        side, what = key.split(" ", 1)
        walls = ", ".join(f"{x[0]:.2f}" for x in rs)
        print(f"| {side} | {what} | {med[key][0]:.2f} s | {walls} | {med[key][2]:.2f} s | {med[key][1]:.0f} MB |")
    for side in sides:
        extra = med[f"{side} --index"][0] - med[f"{side} no index"][0]
        extra_cpu = med[f"{side} --index"][2] - med[f"{side} no index"][2]
        print(f"{side}: the index adds {extra:.2f} s wall, {extra_cpu:.2f} s CPU; copy found: {copied[side]}")
    if args.json:
        args.json.write_text(json.dumps({"docs": args.docs, "runs": runs, "copied": copied}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
