"""Speed: `shuzhi check` with every rule over a corpus, against jieba.lcut on the same files, in one run.

    PYTHONPATH=src python benchmarks/speed.py [CORPUS_DIR] [--repeat 3] [--cli]

Both sides are timed warm (jieba's dictionary loaded, shuzhi's modules imported) and read the files
themselves: shuzhi loads (decoding, normalization, source map) and runs every enabled rule; jieba reads the
file as UTF-8 and segments it. The best of --repeat runs is reported for each. --cli also times the real
command line (`python -m shuzhi check --format json DIR`, process start included). The N-family's own
share (quantity extraction + claims) is timed separately on the same loaded documents.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "gov-reports"


def time_shuzhi(files: list[Path]) -> tuple[float, int, int]:
    from shuzhi.batch import check_paths
    from shuzhi.config import Config

    cfg = Config()
    t0 = time.perf_counter()
    batch = check_paths([str(p) for p in files], cfg)
    dt = time.perf_counter() - t0
    return dt, sum(len(r.findings) for r in batch.results), len(batch.errors)


def time_numbers_part(files: list[Path]) -> tuple[float, int, int]:
    """Quantity extraction and claim checking alone, on documents already loaded."""
    import shuzhi

    docs = [shuzhi.load(p) for p in files]
    t0 = time.perf_counter()
    nq = nc = 0
    for d in docs:
        nq += len(d.quantities)
        nc += len(d.claims)
    return time.perf_counter() - t0, nq, nc


def time_jieba(files: list[Path]) -> tuple[float, int]:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t0 = time.perf_counter()
    n = 0
    for p in files:
        n += len(jieba.lcut(p.read_text(encoding="utf-8")))
    return time.perf_counter() - t0, n


def time_cli(corpus: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "shuzhi", "check", "--format", "json", str(corpus)],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cli", action="store_true", help="also time the real command line")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.glob("*.txt") if p.name != "MANIFEST.tsv")
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    from shuzhi.rules import Registry

    rules = [r.code for r in Registry.default() if not r.needs]
    print(f"corpus: {args.corpus} — {len(files)} files, {chars:,} characters; rules run by check: {len(rules)}")
    print(f"rules: {' '.join(rules)}")
    time_shuzhi(files[:2])  # warm imports and lexicons
    s = min(time_shuzhi(files) for _ in range(args.repeat))
    j = min(time_jieba(files) for _ in range(args.repeat))
    nparts = min(time_numbers_part(files) for _ in range(args.repeat))
    print(f"shuzhi check (all rules): {s[0]:.2f} s  ({chars / s[0] / 1e6:.2f} M chars/s, {s[1]} findings)")
    print(f"jieba.lcut:               {j[0]:.2f} s  ({chars / j[0] / 1e6:.2f} M chars/s, {j[1]:,} tokens)")
    print(f"ratio jieba / shuzhi:     {j[0] / s[0]:.2f}×")
    print(f"N family alone (quantities + claims on loaded docs): {nparts[0]:.3f} s "
          f"({nparts[1]:,} quantities, {nparts[2]:,} claims)")
    if args.cli:
        c = min(time_cli(args.corpus) for _ in range(args.repeat))
        print(f"`shuzhi check --format json DIR` wall time (process start included): {c:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
