"""`shuzhi index add` from files, end to end, against datasketch MinHash + MinHashLSH reading the same files.

Usage (from the repository root, with the `bench` extra installed):

    python benchmarks/index_add_bench.py [--repeat 3] [--jobs 2] [--json OUT]

Two sets of files, written once into a temporary directory from ../shared/corpus:
- the 600 longest laws (by size), as they are;
- 3,000 chunks of the government work reports: consecutive paragraphs joined until a chunk holds at
  least 300 characters.

Each side is a new process under `nice`, timed from its start to its exit (interpreter start and
imports included), after one untimed run of each; the two alternate repetition by repetition: shuzhi
runs `shuzhi index add --index NEW_DIR FILES_DIR` (light path, --jobs worker processes); datasketch
runs benchmarks/index_add_datasketch.py (character 5-grams, num_perm 128, MinHashLSH threshold 0.5, with
datasketch's bulk paths MinHash.generator and insertion_session). Both are fresh processes that read the
same files from disk (page cache warm for both). What differs: shuzhi reads in --jobs worker processes (its
default is one per core) and writes a durable index (fsynced files and SQLite), datasketch reads in one
process (it has no parallel reading of its own) and keeps its LSH in memory; the CPU ratio (user + system
of each side's processes) is the like-for-like figure, the wall ratio what a user waits.
Both packages' byte code is compiled first, as installed packages have it. Wall time and CPU time
(user + system of the process and its workers) are reported, medians of --repeat. ``--baseline SRC``
adds a third side in the same run: `python -m shuzhi index add` of another checkout's ``src`` (on
PYTHONPATH), e.g. main before a change.
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def make_sets(tmp: Path, corpus: Path = CORPUS) -> dict[str, Path]:
    laws = sorted((p for p in (corpus / "laws").glob("*.txt")), key=lambda p: (-p.stat().st_size, p.name))[:600]
    d = tmp / "laws600"
    d.mkdir()
    for p in laws:
        shutil.copyfile(p, d / p.name)
    g = tmp / "gov3000"
    g.mkdir()
    chunk, n = "", 0
    if len(laws) < 600:
        raise SystemExit(f"only {len(laws)} laws under {corpus} (use --corpus)")
    for p in sorted((corpus / "gov-reports").glob("*.txt")):
        for line in p.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            chunk += line + "\n"
            if len(chunk) >= 300:
                (g / f"c{n:04d}.txt").write_text(chunk, encoding="utf-8")
                chunk, n = "", n + 1
                if n == 3000:
                    return {"laws600": d, "gov3000": g}
    raise SystemExit(f"only {n} chunks of government reports")


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    t = time.perf_counter()
    p = subprocess.Popen(["nice", "-n", "10", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd} failed: {err[-2000:]!r}")
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus (default ../shared/corpus)")
    ap.add_argument("--baseline", type=Path, default=None, help="another checkout's src: a third side, same run")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="shuzhi-index-add-"))
    shuzhi = str(Path(sys.executable).with_name("shuzhi"))
    try:
        sets = make_sets(tmp, args.corpus)
        # Byte code written for both sides, as an installed package has it: with PYTHONDONTWRITEBYTECODE
        # set (as on the shared machine) a source checkout would compile shuzhi's modules on every run.
        for pkg in ("shuzhi", "datasketch"):
            compileall.compile_dir(Path(importlib.import_module(pkg).__file__).parent, quiet=1)
        base_env = None
        if args.baseline:
            compileall.compile_dir(args.baseline / "shuzhi", quiet=1)
            base_env = {**os.environ, "PYTHONPATH": str(args.baseline.resolve())}
        print(f"cpus {os.cpu_count()}; load average {os.getloadavg()[0]:.1f} at start (shared machine)")
        print(
            f"shuzhi: {args.jobs} worker processes, index written to disk; "
            "datasketch: one process, LSH in memory (see the docstring)"
        )
        out = {}
        for name, files in sets.items():
            chars = sum(len(p.read_text(encoding="utf-8")) for p in files.iterdir())
            runs: dict[str, list] = {"shuzhi": [], "datasketch": []}
            if base_env:
                runs["baseline"] = []
                base = [sys.executable, "-m", "shuzhi", "index", "add", "--jobs", str(args.jobs), "--index"]
                timed([*base, str(tmp / "warm-base"), str(files)], base_env)
            loads = [os.getloadavg()[0]]
            # One untimed run of each side first (the files into the page cache, the first index created).
            timed([shuzhi, "index", "add", "--jobs", str(args.jobs), "--index", str(tmp / "warm"), str(files)])
            timed([sys.executable, str(ROOT / "benchmarks" / "index_add_datasketch.py"), str(files)])
            shutil.rmtree(tmp / "warm", ignore_errors=True)
            shutil.rmtree(tmp / "warm-base", ignore_errors=True)
            for _ in range(args.repeat):
                ix = tmp / "ix"
                shutil.rmtree(ix, ignore_errors=True)
                runs["shuzhi"].append(
                    timed([shuzhi, "index", "add", "--jobs", str(args.jobs), "--index", str(ix), str(files)])
                )
                ds = [sys.executable, str(ROOT / "benchmarks" / "index_add_datasketch.py"), str(files)]
                runs["datasketch"].append(timed(ds))
                if base_env:
                    shutil.rmtree(ix, ignore_errors=True)
                    runs["baseline"].append(timed([*base, str(ix), str(files)], base_env))
                loads.append(os.getloadavg()[0])
            med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
            print(
                f"{name}: {len(list(files.iterdir()))} files, {chars:,} characters; "
                f"load average {' → '.join(f'{x:.1f}' for x in loads)} (start, after each repetition)"
            )
            for k, (w, c) in med.items():
                walls = ", ".join(f"{x:.2f}" for x, _ in runs[k])
                print(f"  {k:10s} median {w:.2f} s wall ({walls}), {c:.2f} s CPU")
            ratio_w = med["datasketch"][0] / med["shuzhi"][0]
            ratio_c = med["datasketch"][1] / med["shuzhi"][1]
            print(f"  datasketch / shuzhi: {ratio_w:.1f}x wall, {ratio_c:.1f}x CPU")
            if base_env:
                print(
                    f"  datasketch / baseline: {med['datasketch'][0] / med['baseline'][0]:.1f}x wall, "
                    f"{med['datasketch'][1] / med['baseline'][1]:.1f}x CPU"
                )
            out[name] = {"runs": runs, "ratio_wall": ratio_w, "ratio_cpu": ratio_c, "chars": chars, "load": loads}
        if args.json:
            args.json.write_text(json.dumps(out, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
