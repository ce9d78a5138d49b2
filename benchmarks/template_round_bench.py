"""The 200-reports-one-template round of issue 16: Word comments per file and the size of results.json.

Usage (from the repository root):
    PYTHONPATH=src python benchmarks/template_round_bench.py [--reports 200] [--copies 150] [--jobs 2] [--keep DIR]

``--copies`` reports are seed 002 (a vendor template with about a hundred XX placeholders) with only the
writer's name and unit changed; the others are review_bench.py's reports (seeds recombined with paragraphs
of the government work reports). It prints the findings by code, the Word comments per file (median and
maximum, over all files and over the copies), the size of results.json and of the whole output folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(Path(__file__).resolve().parent))

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
PLACES = "东西南北中"


def make_round(dest: Path, n: int, copies: int, corpus: Path = CORPUS) -> Path:
    from review_bench import make_round as mixed_round

    template = (corpus / "seeds" / "002_1b445bb2d1e6a6a7.txt").read_text(encoding="utf-8")
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        who = f"{SURNAMES[i % len(SURNAMES)]}{'某' * (1 + i // len(SURNAMES) % 2)}（{PLACES[i % 5]}{i}乡）"
        text = template.replace("述学述职述廉述法报告", f"述学述职述廉述法报告（{who}）", 1)
        (dest / f"t{i:04d}.txt").write_text(text, encoding="utf-8")
    others = mixed_round(dest / "_mixed", n - copies, corpus=corpus)
    for p in others.iterdir():
        if p.name.startswith("r"):
            shutil.move(str(p), dest / p.name)
    shutil.rmtree(others)
    return dest


def comments_in(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        if "word/comments.xml" not in z.namelist():
            return 0
        return len(re.findall(rb"<w:comment ", z.read("word/comments.xml")))


def folder_size(d: Path) -> int:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--copies", type=int, default=150)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from shuzhi.review import review

    work = args.keep or Path(tempfile.mkdtemp(prefix="shuzhi-template-bench-"))
    rnd_dir = make_round(work / "round", args.reports, args.copies)
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    rv = review([rnd_dir], out, jobs=args.jobs)
    wall = time.perf_counter() - t0
    results = rv.round.results
    by_code = Counter(f.code for r in results for f in r.findings)
    n_findings = sum(by_code.values())
    per_file = {row.source: comments_in(out / "annotated" / row.annotated) for row in rv.rows if row.annotated}
    copies = [v for k, v in per_file.items() if Path(k).name.startswith("t")]
    findings_copies = [len(r.findings) for r in results if Path(r.source).name.startswith("t")]
    print(f"round: {len(results)} reports ({args.copies} copies of seed 002), jobs {args.jobs}, {wall:.0f} s")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"findings: {n_findings:,}; by code: {', '.join(f'{c} {n:,}' for c, n in by_code.most_common())}")
    print(
        f"findings per copy: median {statistics.median(findings_copies):.0f}, max {max(findings_copies)}; "
        f"Word comments per copy: median {statistics.median(copies):.0f}, max {max(copies)}; "
        f"per file (all): median {statistics.median(per_file.values()):.0f}, max {max(per_file.values())}"
    )
    rj = out / "results.json"
    print(
        f"results.json: {rj.stat().st_size / 1e6:.1f} MB; index.html: {(out / 'index.html').stat().st_size / 1e6:.2f} MB; "
        f"output folder: {folder_size(out) / 1e6:.1f} MB"
    )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
