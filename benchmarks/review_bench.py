"""Time `shuzhi review` on a round of N reports made from ../shared/corpus (seeds recombined with gov-report paragraphs).

Usage (from the repository root):
    PYTHONPATH=src python benchmarks/review_bench.py [--reports 500] [--jobs 1 2] [--keep DIR]

Each report keeps a seed's title, opening and headings and swaps about half of its body
paragraphs for paragraphs of the State Council government work reports, so lengths,
figures and wording vary like a county's round. One report in ten is written as .docx
(so the Word output re-anchors comments in an original file) and two broken files are
added (a corrupt .docx, an empty .txt) to show they do not stop the round.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) >= 40]


def make_round(dest: Path, n: int, seed: int = 7, corpus: Path = CORPUS) -> Path:
    import docx

    if not (corpus / "seeds").is_dir():
        raise SystemExit(f"corpus not found at {corpus} (use --corpus)")
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted((corpus / "seeds").glob("0*.txt"))]
    pool = [p for f in sorted((corpus / "gov-reports").glob("gwr_*.txt")) for p in _paragraphs(f)]
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lines = list(seeds[i % len(seeds)])
        for k, line in enumerate(lines):
            # Keep the title, the first lines and headings; swap about half of the body paragraphs.
            if k > 3 and len(line) > 60 and rng.random() < 0.5:
                lines[k] = rng.choice(pool)
        if rng.random() < 0.3:  # some longer reports
            lines += rng.sample(pool, 5)
        name = f"r{i:04d}"
        if i % 10 == 0:
            d = docx.Document()
            for line in lines:
                d.add_paragraph(line)
            d.save(str(dest / f"{name}.docx"))
        else:
            (dest / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")
    (dest / "zz_broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (dest / "zz_empty.txt").write_bytes(b"")
    return dest


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=500)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--keep", type=Path, default=None, help="keep the generated round and outputs here")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus (default ../shared/corpus)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from shuzhi.review import review
    from shuzhi.rules.registry import Registry

    work = args.keep or Path(tempfile.mkdtemp(prefix="shuzhi-review-bench-"))
    rnd_dir = make_round(work / "round", args.reports, corpus=args.corpus)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in rnd_dir.glob("*.txt"))
    rules = sorted(r.code for r in Registry.default())
    print(
        f"round: {args.reports} reports (+2 broken files), {chars:,} characters in the .txt files; "
        f"cpus: {os.cpu_count()}; rules: {len(rules)} ({', '.join(rules[:12])}{'…' if len(rules) > 12 else ''})"
    )
    print(
        "| workers | check | compare round | results.json | Word files | summary.xlsx | dashboard | total | reports/s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for jobs in args.jobs:
        out = work / f"out-j{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        rv = review([rnd_dir], out, jobs=jobs)
        wall = time.perf_counter() - t0
        s = rv.seconds
        assert len(rv.round.results) == args.reports and len(rv.round.errors) == 2
        print(
            f"| {rv.round.jobs} | {s['check']:.1f} s | {s['compare']:.1f} s | {s['json']:.1f} s | {s['word']:.1f} s | "
            f"{s['xlsx']:.1f} s | {s['dashboard']:.1f} s | {wall:.1f} s | {args.reports / wall:.1f} |"
        )
        if rv.round.copying is not None and rv.round.copying.note:
            print(f"  note: {rv.round.copying.note}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
