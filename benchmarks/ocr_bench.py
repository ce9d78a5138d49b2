"""OCR quality and speed: character error rate of scanned pages read by shuzhi's OCR loader, and seconds per page.

20 pages: the first page of each of the 5 seeds and of 15 gov-reports (every 6th file, sorted), laid out as an A4
公文 page (WenQuanYi Micro Hei, 4.2 mm characters, 7 mm pitch) and rendered at each resolution as a page image,
then read by the loader (loaders/ocr.py: OCR, reading order, wrapped lines joined). The error rate is the edit
distance between the recognised characters and the printed ones, whitespace removed, over the printed
characters; it counts misread, missing and invented characters and misordered lines alike.

Run:  PYTHONPATH=src python benchmarks/ocr_bench.py [--pages 20] [--dpi 150 300] [--threads 2] [--json OUT]
Prints one line per page and a summary per resolution; the machine's load average is printed too (timings on
a shared machine are upper bounds).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))

from rapidfuzz.distance import Levenshtein

from loaders.scanbuilder import render_pages
from shuzhi.loaders import load
from shuzhi.model.document import OCR_LOW_CONFIDENCE


def sources(n: int) -> list[tuple[str, list[str]]]:
    seeds = sorted((CORPUS / "seeds").glob("0*.txt"))
    gov = sorted((CORPUS / "gov-reports").glob("*.txt"))[::6]
    out = []
    for p in [*seeds, *gov][:n]:
        lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out.append((p.name, lines[:14]))  # more than a page
    return out


def strip(s: str) -> str:
    """Whitespace removed and NFKC-normalised: a full-width ９ printed and a 9 recognised are the same figure
    to every check (shuzhi's own normalisation maps them alike), so they do not count as an error."""
    return unicodedata.normalize("NFKC", "".join(s.split()))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 300])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--skip", type=int, default=0, help="leave out the first N pages (continue a run cut short)")
    args = ap.parse_args()
    os.environ["SHUZHI_OCR_THREADS"] = str(args.threads)
    results = {"load_average_start": os.getloadavg(), "threads": args.threads, "runs": []}
    # Resolutions alternate page by page, so that a run cut short still compares them on the same pages.
    acc = {d: {"errors": 0, "chars": 0, "seconds": [], "low": 0, "low_right": 0} for d in args.dpi}
    with tempfile.TemporaryDirectory() as tmp:
        for name, paragraphs in sources(args.pages)[args.skip :]:
            for at_dpi in args.dpi:
                a = acc[at_dpi]
                images, printed = render_pages(paragraphs, dpi=at_dpi, with_text=True, page_numbers=False)
                truth = strip("".join(printed[0]))
                path = Path(tmp) / f"{name}-{at_dpi}.png"
                images[0].save(path, dpi=(at_dpi, at_dpi))
                t = time.perf_counter()
                doc = load(path)
                a["seconds"].append(time.perf_counter() - t)
                got = strip(doc.raw)
                low_before, right_before = a["low"], a["low_right"]
                err = Levenshtein.distance(got, truth)
                a["errors"] += err
                a["chars"] += len(truth)
                # Low-confidence characters: how many of them are actually right (aligned to the truth).
                conf = doc.char_confidence
                # NFKC keeps one character per character here (full-width forms, CJK punctuation).
                raw_conf = [float(conf[i]) for i, ch in enumerate(doc.raw) if not ch.isspace()]
                raw_conf = raw_conf if len(raw_conf) == len(got) else [1.0] * len(got)
                for op in Levenshtein.opcodes(got, truth):
                    for k in range(op.src_start, op.src_end):
                        if raw_conf[k] < OCR_LOW_CONFIDENCE:
                            a["low"] += 1
                            a["low_right"] += op.tag == "equal"
                results["runs"].append(
                    {
                        "page": name,
                        "dpi": at_dpi,
                        "chars": len(truth),
                        "errors": err,
                        "seconds": a["seconds"][-1],
                        "low_confidence": a["low"] - low_before,
                        "low_confidence_right": a["low_right"] - right_before,
                    }
                )
                print(
                    f"{at_dpi:4d} dpi  {name:44s} {len(truth):5d} chars  {err:3d} errors  "
                    f"{err / max(len(truth), 1):6.2%}  {a['seconds'][-1]:6.1f} s  load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
                if args.json:
                    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    for at_dpi, a in acc.items():
        secs = sorted(a["seconds"])
        summary = {
            "dpi": at_dpi,
            "pages": len(secs),
            "chars": a["chars"],
            "errors": a["errors"],
            "cer": a["errors"] / max(a["chars"], 1),
            "seconds_per_page_median": secs[len(secs) // 2],
            "seconds_per_page_mean": sum(secs) / len(secs),
            "low_confidence_chars": a["low"],
            "low_confidence_right": a["low_right"],
        }
        results[f"summary_{at_dpi}"] = summary
        print(
            f"== {at_dpi} dpi: {summary['pages']} pages, {a['chars']} characters, {a['errors']} errors, "
            f"error rate {summary['cer']:.2%}, {summary['seconds_per_page_median']:.1f} s/page (median), "
            f"{summary['seconds_per_page_mean']:.1f} s/page (mean); characters under "
            f"{OCR_LOW_CONFIDENCE:.0%} confidence: {a['low']}, of which right: {a['low_right']}",
            flush=True,
        )
    results["load_average_end"] = os.getloadavg()
    print(f"load average at start {results['load_average_start']}, at end {results['load_average_end']}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
