"""Regenerate the screenshots of docs/review.md: the dashboard, a report page and the printed summary at 1366×768.

Usage (from the repository root, with Debian's chromium and chromedriver installed):
    PYTHONPATH=src python scripts/screenshots.py [--out docs/img]

The round is the five seeds of ../shared/corpus, its sample report, a copy of seed 000 (a cluster of two)
and two broken files, checked with the default rules — the same round the layout test uses
(tests/writers/test_layout_1366.py). Each page is shot at a viewport of exactly 1366×768 CSS pixels; the
page's horizontal overflow is printed beside its name (0 = no sideways scroll).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
WIDTH, HEIGHT = 1366, 768


def make_round(d: Path) -> Path:
    d.mkdir(parents=True)
    for p in sorted((CORPUS / "seeds").glob("0*.txt")):
        shutil.copyfile(p, d / p.name)
    shutil.copyfile(CORPUS / "samples" / "shuzhi_baogao_fanwen.txt", d / "fanwen.txt")
    shutil.copyfile(CORPUS / "seeds" / "000_d38edd8ae507c606.txt", d / "copy-a.txt")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    (d / "empty.txt").write_bytes(b"")
    return d


def shoot(drv, url: str, path: Path, *, scroll_to: str | None = None) -> int:
    drv.get(url)
    if scroll_to:
        drv.execute_script(f"document.getElementById('{scroll_to}').scrollIntoView()")
    drv.save_screenshot(str(path))
    return drv.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "tests"))  # the layout test's own browser: the screenshots show what it checked
    from helpers.browser import screen_driver
    from shuzhi.review import review
    from shuzhi.rules.config import Config

    work = Path(tempfile.mkdtemp(prefix="shuzhi-screenshots-"))
    try:
        rv = review([make_round(work / "round")], work / "out", config=Config(), jobs=1)
        out = rv.outdir
        seed001 = next(r for r in rv.rows if r.result is not None and "001_" in r.source)
        args.out.mkdir(parents=True, exist_ok=True)
        shots = [
            ("review-index.png", (out / "index.html").as_uri(), None),
            ("review-index-reports.png", (out / "index.html").as_uri(), "reports"),
            ("review-report.png", (out / "reports" / f"{seed001.id}.html").as_uri(), None),
            ("review-report-text.png", (out / "reports" / f"{seed001.id}.html").as_uri(), "text"),
        ]
        if (out / "round-summary.html").is_file():
            shots.append(("review-summary.png", (out / "round-summary.html").as_uri(), None))
        drv = screen_driver(WIDTH, HEIGHT)
        try:
            for name, url, anchor in shots:
                over = shoot(drv, url, args.out / name, scroll_to=anchor)
                print(f"{args.out / name}: {WIDTH}×{HEIGHT}, horizontal overflow {over} px")
        finally:
            drv.quit()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
