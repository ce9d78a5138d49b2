"""A county's folder as it arrives: 100 reports in mixed formats, reviewed with one `shuzhi review` command.

The folder: 100 reports made from the seeds and gov-reports (the first 25 non-blank lines of each, so they are
report-sized): a third as Word 97 .doc and WPS .wps (LibreOffice writes the .doc from a .docx; a Kingsoft WPS
Writer .wps is the same Word 97 binary format under another name, so the .wps are those files renamed),
10 OFD, 6 one-page scans (image-only PDFs rendered at 200 dpi), and .docx, text PDFs and GBK .txt for the rest.
Then `shuzhi review FOLDER -o OUT --jobs 2` runs once, timed from start to exit.

Run:  PYTHONPATH=src python benchmarks/mixed_folder_bench.py [--keep DIR] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))

import docx

from loaders.docbuilders import make_pdf
from loaders.ofdbuilder import write_ofd
from loaders.scanbuilder import write_scan_pdf

N_DOC, N_WPS, N_OFD, N_SCAN = 17, 16, 10, 6


def texts(n: int) -> list[list[str]]:
    files = sorted((CORPUS / "seeds").glob("0*.txt")) + sorted((CORPUS / "gov-reports").glob("*.txt"))
    out = []
    for i in range(n):
        p = files[i % len(files)]
        lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out.append(lines[:25] if i < len(files) else lines[25:50] or lines[:25])
    return out


def write_docx(path: Path, paragraphs: list[str]) -> None:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)


def build(folder: Path) -> Counter:
    kinds: Counter = Counter()
    reports = texts(100)
    staging = folder.parent / "staging"
    staging.mkdir()
    legacy = []
    for i, paras in enumerate(reports):
        name = f"{i:03d}_述职报告"
        if i < N_DOC + N_WPS:
            write_docx(staging / f"{name}.docx", paras)
            legacy.append((staging / f"{name}.docx", "wps" if i >= N_DOC else "doc"))
        elif i < N_DOC + N_WPS + N_OFD:
            write_ofd(folder / f"{name}.ofd", paras)
            kinds["ofd"] += 1
        elif i < N_DOC + N_WPS + N_OFD + N_SCAN:
            write_scan_pdf(folder / f"{name}_扫描件.pdf", paras[:12], dpi=200, page_numbers=False)
            kinds["scan"] += 1
        elif i % 3 == 0:
            write_docx(folder / f"{name}.docx", paras)
            kinds["docx"] += 1
        elif i % 3 == 1:
            make_pdf(folder / f"{name}.pdf", paras)
            kinds["pdf"] += 1
        else:
            (folder / f"{name}.txt").write_bytes("\r\n".join(paras).encode("gb18030"))
            kinds["txt"] += 1
    # One LibreOffice run converts them all to Word 97.
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to"]
            + ["doc:MS Word 97", "--outdir", str(staging)]
            + [str(p) for p, _ in legacy],
            check=True,
            capture_output=True,
            timeout=1800,
        )
    for src, kind in legacy:
        shutil.move(staging / (src.stem + ".doc"), folder / f"{src.stem}.{kind}")
        kinds[kind] += 1
    shutil.rmtree(staging)
    return kinds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", type=Path, help="build the folder here and keep it")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="shuzhi-mixed-"))
    folder = args.keep or tmp / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    kinds = build(folder)
    print(f"built {sum(kinds.values())} files in {time.perf_counter() - t:.0f} s: {dict(kinds)}", flush=True)
    out = tmp / "out"
    load0 = os.getloadavg()
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "shuzhi", "review", str(folder), "-o", str(out), "--jobs", str(args.jobs)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    seconds = time.perf_counter() - t
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    results = data.get("results", [])
    errors = data.get("errors", [])
    how = Counter()
    for r in results:
        loading = r.get("meta", {}).get("loading", {})
        how["converted by LibreOffice" if loading.get("converted") else "ocr" if loading.get("ocr") else "direct"] += 1
    annotated = len(list((out / "annotated").glob("*.docx")))
    print(
        f"shuzhi review --jobs {args.jobs}: exit {p.returncode}, {seconds:.0f} s for {len(results)} reports "
        f"({seconds / max(len(results), 1):.1f} s each), {len(errors)} errors, {annotated} annotated .docx; "
        f"read: {dict(how)}; load average {load0[0]:.1f} → {os.getloadavg()[0]:.1f}"
    )
    for e in errors:
        print("  error:", e.get("source"), e.get("code"), e.get("message"))
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
