"""Time shuzhi.similarity.compare_all on the round of benchmarks/review_bench.py, and fingerprint its output.

Usage (from the repository root):
    PYTHONPATH=src python benchmarks/compare_all_bench.py [--reports 500] [--repeats 3] [--jobs 1 2]

The round is the one `shuzhi review` is benchmarked on (500 reports built from the
seeds and the government work reports: full of copying). Prints the time of each
run, the number of comparisons and passages, and a SHA-256 of every returned field
(pair, coverages, Jaccard, each passage's offsets, characters and identity), so that
two versions of the code can be shown to give the same output.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from review_bench import CORPUS, make_round


def digest(comparisons) -> str:
    h = hashlib.sha256()
    for c in comparisons:
        h.update(
            repr(
                (
                    c.a_index,
                    c.b_index,
                    c.a_copied,
                    c.b_copied,
                    c.near_duplicate,
                    [(m.a_start, m.a_end, m.b_start, m.b_end, m.chars, m.identity) for m in c.matches],
                )
            ).encode()
        )
    return h.hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1], help="processes aligning the pairs (same output)")
    args = ap.parse_args()
    import shuzhi
    from shuzhi.similarity.compare import compare_all

    with tempfile.TemporaryDirectory(prefix="shuzhi-compare-bench-") as tmp:
        rnd = make_round(Path(tmp) / "round", args.reports, corpus=args.corpus)
        docs = [shuzhi.load(p) for p in sorted(rnd.glob("r*"))]
    print(f"round: {len(docs)} reports, {sum(len(d.text) for d in docs):,} characters")
    for _ in range(args.repeats):
        for jobs in args.jobs:
            t = time.perf_counter()
            out = compare_all(docs, jobs=jobs)
            elapsed = time.perf_counter() - t
            print(
                f"compare_all jobs={jobs} {elapsed:.2f} s: {len(out)} comparisons, "
                f"{sum(len(c.matches) for c in out)} passages, output sha256 {digest(out)}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
