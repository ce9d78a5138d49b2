"""A 500-report review round, all outputs, against an older checkout in the same run: time and peak memory.

Usage (from the repository root; the baseline is a checkout with its own .venv, e.g. a worktree of b7f24cc):

    python benchmarks/review_speed.py --baseline ../speed-base [--reports 500] [--repeat 3] [--jobs 1 2]
    python benchmarks/review_speed.py --no-baseline --repeat 2 --jobs 1 2   # this tree alone: 1, 2, 1, 2 workers
    # three trees with 2 and 1 workers each, alternating, within 11 minutes after the first repeat (§1q):
    python benchmarks/review_speed.py --baseline ../base-b7f24cc --tree 51cf2e8=../old --baseline-jobs 2 1 \
        --jobs 2 1 --repeat 2 --budget 660

The round: reports of about 10,000 characters made from the seeds (title, opening, headings) and
paragraphs of the government work reports, one in five written as .docx, plus a corrupt .docx and an
empty .txt. Each side runs `shuzhi.review.review()` in a fresh process under `nice`, back to back with
the other side, ``--repeat`` times; the median wall time and the median of the peak memory are reported.
Peak memory of the process and all its workers, sampled every 0.2 s: the sum of their resident set
sizes (a page shared by forked workers counted in each) and the sum of their proportional set sizes
(shared pages divided among them: what the round really holds); both also for the Python processes alone
(without the Chromium that prints the round summary to PDF, when the machine has it). CPU time (user + system of the
process and its workers) is reported beside the wall time: on a shared machine it is the steadier one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) >= 40]


def make_round(dest: Path, n: int, *, chars: int = 10_000, docx_share: float = 0.2, seed: int = 17) -> Path:
    """n reports of about ``chars`` characters; every 1/docx_share-th one a .docx; two broken files."""
    import docx

    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted((CORPUS / "seeds").glob("0*.txt"))]
    pool = [p for f in sorted((CORPUS / "gov-reports").glob("gwr_*.txt")) for p in _paragraphs(f)]
    dest.mkdir(parents=True, exist_ok=True)
    every = round(1 / docx_share) if docx_share else 0
    for i in range(n):
        lines = list(seeds[i % len(seeds)])
        for k, line in enumerate(lines):
            if k > 3 and len(line) > 60 and rng.random() < 0.5:
                lines[k] = rng.choice(pool)
        # Grow the body before the closing lines until the report is about `chars` long.
        tail = lines[-3:]
        body = lines[:-3]
        while sum(map(len, body)) + sum(map(len, tail)) < chars:
            body.append(rng.choice(pool))
        lines = body + tail
        name = f"r{i:04d}"
        if every and i % every == 0:
            d = docx.Document()
            for line in lines:
                d.add_paragraph(line)
            d.save(str(dest / f"{name}.docx"))
        else:
            (dest / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")
    (dest / "zz_broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (dest / "zz_empty.txt").write_bytes(b"")
    return dest


CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from shuzhi.review import review
rv = review([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
wall = time.perf_counter() - t0
import shuzhi
print(json.dumps({"wall": wall, "seconds": rv.seconds, "results": len(rv.round.results), "errors": len(rv.round.errors),
                  "shuzhi": shuzhi.__file__}))
"""


def _tree_memory(pid: int, own: list | None = None) -> tuple[int, int]:
    """(RSS, PSS) bytes of a process and all its descendants, from /proc.

    RSS counts a page shared by forked workers once per process; PSS divides it among them, so the
    sum of PSS is what the round really holds in memory. ``own``: given a list, [RSS, PSS] of the
    Python processes alone (the round and its workers, not the Chromium that prints the round summary)
    are put in it.
    """
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d))
    rss = pss = 0
    mine = [0, 0]
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/comm") as f:
                python = f.read().startswith("python")
            r = q = 0
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        r = int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        q = int(line.split()[1]) * 1024
        except OSError:
            continue
        rss, pss = rss + r, pss + q
        if python:
            mine[0], mine[1] = mine[0] + r, mine[1] + q
    if own is not None:
        own[:] = mine
    return rss, pss


def run_side(python: str, cwd: Path, round_dir: Path, out: Path, jobs: int, src: Path | None = None) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    # A checkout with its own .venv imports its own code: no PYTHONPATH from outside (a --tree side sets its own).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" or cwd == ROOT}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    proc = subprocess.Popen(
        ["nice", "-n", "10", python, "-c", CHILD, str(round_dir), str(out), str(jobs)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0, 0, 0, 0]
    stop = threading.Event()

    def sample():
        own: list = []
        while not stop.is_set():
            rss, pss = _tree_memory(proc.pid, own)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            peak[2], peak[3] = max(peak[2], own[0]), max(peak[3], own[1])
            time.sleep(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    stdout = proc.stdout.read()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"{python} failed:\n{stderr[-3000:]}")
    d = json.loads(stdout.strip().splitlines()[-1])
    d["peak_mb"] = peak[0] / 1048576
    d["peak_pss_mb"] = peak[1] / 1048576
    d["python_rss_mb"] = peak[2] / 1048576  # the round's own processes (no Chromium printing the summary PDF)
    d["python_pss_mb"] = peak[3] / 1048576
    d["cpu_s"] = usage.ru_utime + usage.ru_stime  # the process and the workers it waited for
    return d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, default=None, help="older checkout with .venv/bin/python")
    ap.add_argument(
        "--no-baseline", action="store_true", help="this tree alone, its --jobs sides alternating (1, 2, 1, 2 …)"
    )
    ap.add_argument("--reports", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument(
        "--baseline-jobs",
        type=int,
        nargs="+",
        default=[2],
        help="workers for the baseline side and each --tree (one side per number: 2 1 runs each with 2, then 1)",
    )
    ap.add_argument(
        "--budget",
        type=float,
        default=None,
        metavar="SECONDS",
        help="after the first repeat, no run is started that would end past this many seconds from the start "
        "(judged by that side's previous run), e.g. to keep a locked quiet run short",
    )
    ap.add_argument("--json", type=Path, default=None, help="write the raw numbers here")
    ap.add_argument(
        "--tree",
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="another checkout run with this interpreter (PYTHONPATH=DIR/src) and --baseline-jobs workers, "
        "e.g. main before a change; repeatable",
    )
    args = ap.parse_args()
    if (args.baseline is None) != args.no_baseline:
        ap.error("give --baseline DIR or --no-baseline")
    work = Path(tempfile.mkdtemp(prefix="shuzhi-review-speed-"))
    try:
        round_dir = make_round(work / "round", args.reports)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in round_dir.glob("*.txt"))
        ndocx = len(list(round_dir.glob("r*.docx")))
        print(
            f"round: {args.reports} reports ({ndocx} .docx) + 2 broken files; {chars:,} characters in the .txt files; "
            f"cpus {os.cpu_count()}; load average {os.getloadavg()[0]:.1f} at start (shared machine)"
        )
        sides = []
        several = len(args.baseline_jobs) > 1

        def named(name: str, j: int) -> str:
            return f"{name} j{j}" if several else name

        if args.baseline is not None:
            base = args.baseline.resolve()
            python = str(base / ".venv" / "bin" / "python")
            sides += [(named("baseline", j), python, base, j, None) for j in args.baseline_jobs]
        for spec in args.tree:
            name, _, tree = spec.partition("=")
            tree_dir = Path(tree).resolve()
            sides += [(named(name, j), sys.executable, tree_dir, j, tree_dir / "src") for j in args.baseline_jobs]
        sides += [(f"this j{j}", sys.executable, ROOT, j, None) for j in args.jobs]
        runs: dict[str, list[dict]] = {name: [] for name, *_ in sides}
        started = time.perf_counter()
        for rep in range(args.repeat):
            for name, python, cwd, jobs, src in sides:
                late = rep and args.budget is not None
                if late and time.perf_counter() - started + runs[name][-1]["wall"] > args.budget:
                    print(f"  repeat {rep + 1} {name}: not run (--budget {args.budget:.0f} s)", flush=True)
                    continue
                load = os.getloadavg()[0]
                d = run_side(python, cwd, round_dir, work / "out", jobs, src)
                d["load"] = [load, os.getloadavg()[0]]
                assert d["results"] == args.reports and d["errors"] == 2, d
                runs[name].append(d)
                print(
                    f"  repeat {rep + 1} {name}: {d['wall']:.1f} s wall, {d['cpu_s']:.1f} s CPU, "
                    f"peak RSS sum {d['peak_mb']:.0f} MB, PSS sum {d['peak_pss_mb']:.0f} MB "
                    f"(Python processes alone: RSS {d['python_rss_mb']:.0f} MB, PSS {d['python_pss_mb']:.0f} MB), "
                    f"load average {d['load'][0]:.1f} → {d['load'][1]:.1f} ({d.get('shuzhi')})",
                    flush=True,
                )
        print(
            "| side | workers | median wall | runs | CPU (median) | peak RSS sum | peak PSS sum "
            "| PSS sum, Python alone | phases (median) |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        med = {}
        for name, _, _, jobs, _ in sides:
            rs = runs[name]
            walls = ", ".join(f"{r['wall']:.1f}" for r in rs)
            med[name] = statistics.median(r["wall"] for r in rs)
            phases = {k: statistics.median(r["seconds"][k] for r in rs) for k in rs[0]["seconds"] if k != "total"}
            ph = ", ".join(f"{k} {v:.1f}" for k, v in phases.items())
            cpu = statistics.median(r["cpu_s"] for r in rs)
            rss = statistics.median(r["peak_mb"] for r in rs)
            pss = statistics.median(r["peak_pss_mb"] for r in rs)
            ppss = statistics.median(r["python_pss_mb"] for r in rs)
            print(
                f"| {name} | {jobs} | {med[name]:.1f} s | {walls} | {cpu:.1f} s | {rss:.0f} MB | {pss:.0f} MB "
                f"| {ppss:.0f} MB | {ph} |"
            )
        baselines = {jobs: name for name, _, _, jobs, _ in sides if name.startswith("baseline")}
        for name, _, _, jobs, _ in sides:
            base = baselines.get(jobs) or next(iter(baselines.values()), None)
            if base is not None and not name.startswith("baseline"):
                cpu = {k: statistics.median(r["cpu_s"] for r in runs[k]) for k in (name, base)}
                print(f"speed-up {name} vs {base}: {med[base] / med[name]:.2f}x wall, {cpu[base] / cpu[name]:.2f}x CPU")
        if args.json:
            args.json.write_text(json.dumps({"reports": args.reports, "runs": runs}, indent=1, ensure_ascii=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
