"""Speed of the S/F/T rules over the gov-reports corpus (4.4 MB), against jieba word segmentation.

Run from the repository root:  PYTHONPATH=src python benchmarks/bench_sft_rules.py [repeats]
Loading is not timed. Each repeat loads the documents afresh, so the shared
analyses (outline, dimensions, signals) are computed inside the timed run, once
per document. jieba is initialised (dictionary loaded) before timing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import shuzhi
from shuzhi.rules.config import Config
from shuzhi.rules.engine import run_rules

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "gov-reports"


def main(argv):
    repeats = int(argv[0]) if argv else 3
    paths = sorted(CORPUS.glob("*.txt"))
    size = sum(p.stat().st_size for p in paths)
    cfg = Config(select=["S", "F", "T"])
    best_rules = float("inf")
    for _ in range(repeats):
        docs = [shuzhi.load(p) for p in paths]
        t0 = time.perf_counter()
        n = sum(len(run_rules(d, cfg)) for d in docs)
        best_rules = min(best_rules, time.perf_counter() - t0)
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [shuzhi.load(p).text for p in paths]
    best_jieba = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for t in texts:
            jieba.lcut(t)
        best_jieba = min(best_jieba, time.perf_counter() - t0)
    mb = size / 1e6
    print(f"{len(paths)} files, {mb:.1f} MB, best of {repeats}")
    print(f"S/F/T rules: {best_rules:.2f} s ({mb / best_rules:.1f} MB/s), {n} findings")
    print(f"jieba.lcut:  {best_jieba:.2f} s ({mb / best_jieba:.1f} MB/s)")
    print(f"rules / jieba = {best_rules / best_jieba:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
