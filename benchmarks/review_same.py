"""Every output of `shuzhi review` compared between two checkouts on the same round: the same bytes, or the differences.

Usage (from the repository root; the other checkout may use this interpreter, PYTHONPATH=DIR/src):

    python benchmarks/review_same.py --other ../main-before [--reports 100] [--jobs 2] [--round DIR]

Both sides review the same round (benchmarks/review_speed.py's generator, or ``--round``) in new processes;
then every file under both output folders is compared: results.json, index.html, the round summary and every
report page byte for byte (the minute a page says it was made in aside; the round summary's PDF, printed by
Chromium from its HTML, is not compared); the Word files and summary.xlsx part by part (zip members), with the
time stamps they carry (a comment's w:date, the workbook's created/modified) set aside. Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from review_speed import make_round

ROOT = Path(__file__).resolve().parent.parent
CHILD = "import sys; from shuzhi.review import review; review([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))"
# Time stamps a writer puts in: a Word comment's date, a workbook's created/modified times, the minute a page
# says it was made in (生成于 …).
STAMPS = re.compile(
    rb'w:date="[^"]*"|<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>|'
    rb"\xe7\x94\x9f\xe6\x88\x90\xe4\xba\x8e \d{4}-\d\d-\d\d \d\d:\d\d"
)


def run(src: Path, round_dir: Path, out: Path, jobs: int) -> None:
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", CHILD, str(round_dir), str(out), str(jobs)], check=True, env=env)


def _zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: STAMPS.sub(b"", z.read(n)) for n in z.namelist()}


def compare_trees(a: Path, b: Path) -> list[str]:
    """The differences between two output folders (empty: every file the same)."""
    fa = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    fb = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    diffs = [f"only in first: {p}" for p in sorted(fa - fb)] + [f"only in second: {p}" for p in sorted(fb - fa)]
    for rel in sorted(fa & fb):
        x, y = a / rel, b / rel
        if rel.suffix in (".docx", ".xlsx"):
            px, py = _zip_parts(x), _zip_parts(y)
            if px.keys() != py.keys():
                diffs.append(f"{rel}: parts differ {sorted(px.keys() ^ py.keys())}")
            diffs += [f"{rel}: {n} differs" for n in sorted(px.keys() & py.keys()) if px[n] != py[n]]
        elif rel.suffix == ".pdf":
            continue  # printed by Chromium from round-summary.html (compared), with its minute and dates in it
        elif STAMPS.sub(b"", x.read_bytes()) != STAMPS.sub(b"", y.read_bytes()):
            diffs.append(f"{rel}: differs")
    return diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--other", type=Path, required=True, help="the other checkout (its src/ is used)")
    ap.add_argument("--reports", type=int, default=100)
    ap.add_argument("--jobs", type=int, nargs="+", default=[2])
    ap.add_argument("--round", type=Path, default=None, help="review this folder instead of a generated round")
    ap.add_argument("--keep", type=Path, default=None, help="leave the outputs here")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="shuzhi-review-same-"))
    round_dir = args.round or make_round(work / "round", args.reports)
    bad = 0
    for jobs in args.jobs:
        out_this, out_other = work / f"this-j{jobs}", work / f"other-j{jobs}"
        run(ROOT / "src", round_dir, out_this, jobs)
        run(args.other.resolve() / "src", round_dir, out_other, jobs)
        diffs = compare_trees(out_this, out_other)
        files = sum(1 for p in out_this.rglob("*") if p.is_file())
        print(f"{jobs} worker(s): {files} files, {len(diffs)} differ")
        for d in diffs[:40]:
            print("  " + d)
        bad += bool(diffs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
