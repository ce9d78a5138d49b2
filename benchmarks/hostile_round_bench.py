"""A review round with hostile files in it: 450 reports and 50 broken, crafted or misplaced files.

    PYTHONPATH=src python benchmarks/hostile_round_bench.py [--reports 450] [--jobs 2] [--keep DIR] [--json OUT]

The 450 reports are benchmarks/review_bench.py's round (seeds recombined with gov-report paragraphs, one in
ten a .docx) without its two broken files. The 50 hostile files are those issue #15 found (built here the
way tests/loaders/hostile_docx.py builds them):

- .docx: corrupt deflate streams, an unsupported zip version, a bzip2 member that is not bzip2, an encrypted
  member, Word list numbering that expands to millions of characters;
- .txt: DEL/control bytes, random bytes, empty files;
- .pdf: truncated files;
- a symbolic link to a report outside the folder, and a hidden ._ copy (macOS).

Expected: 450 checked and 50 listed, each with its code, in bounded time (the per-file budget applies, and
nothing should need it). The command exits 1 if that is not what happened.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "loaders"))

from hostile_docx import document_xml, numbering_xml, paragraph, patch_member, report_docx, write_docx
from review_bench import make_round


def add_hostile(d: Path, outside: Path) -> dict[str, str]:
    """Write the 50 hostile files into ``d``; return name -> the code it must be listed with."""
    expected: dict[str, str] = {}

    def docx_damaged(name, **kw):
        patch_member(report_docx(d / name), "word/document.xml", **kw)
        expected[name] = "E103"

    for i in range(8):
        docx_damaged(f"h_deflate_{i}.docx", garble=True)
    for i in range(4):
        docx_damaged(f"h_zipversion_{i}.docx", version=90)
        docx_damaged(f"h_bzip2_{i}.docx", method=12)
        docx_damaged(f"h_encrypted_{i}.docx", flags=1)
    for i in range(6):
        body = "".join(paragraph("本人认真履职。", "1") for _ in range(20000))
        write_docx(
            d / f"h_numbering_{i}.docx", document_xml(body), numbering_xml("1", "decimal", text="%1" + "、" * 70)
        )
        expected[f"h_numbering_{i}.docx"] = "E104"
    rng = __import__("random").Random(15)
    for i in range(4):
        (d / f"h_del_{i}.txt").write_bytes(b"\x7f" * (1000 + i))
        expected[f"h_del_{i}.txt"] = "E102"
        (d / f"h_random_{i}.txt").write_bytes(rng.randbytes(4096))
        expected[f"h_random_{i}.txt"] = "E102"
        (d / f"h_empty_{i}.txt").write_bytes(b"")
        expected[f"h_empty_{i}.txt"] = "E101"
        (d / f"h_truncated_{i}.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog" + bytes(100 * i))
        expected[f"h_truncated_{i}.pdf"] = "E109"
        secret = outside / f"secret_{i}.txt"
        secret.write_text("2023年度述职报告\n机密内容。\n", encoding="utf-8")
        (d / f"h_link_{i}.txt").symlink_to(secret)
        expected[f"h_link_{i}.txt"] = "E005"
        (d / f"._h_mac_{i}.docx").write_bytes(b"\x00\x05\x16\x07" + bytes(60))
        expected[f"._h_mac_{i}.docx"] = "E006"
    return expected


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=450)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", default=None, help="build the round here and keep it")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    base = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="shuzhi-hostile-"))
    d, outside, out = base / "round", base / "outside", base / "out"
    for p in (d, outside, out):
        shutil.rmtree(p, ignore_errors=True)
    outside.mkdir(parents=True)
    make_round(d, a.reports)
    for broken in ("zz_broken.docx", "zz_empty.txt"):
        (d / broken).unlink()
    expected = add_hostile(d, outside)
    print(f"round: {a.reports} reports + {len(expected)} hostile files in {d}", flush=True)

    from shuzhi.review import review

    t = time.perf_counter()
    rv = review([d], out, jobs=a.jobs)
    wall = time.perf_counter() - t
    got = {os.path.basename(e["source"]): e["code"] for e in rv.round.errors}
    by_code = collections.Counter(got.values())
    wrong = {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v}
    extra = sorted(set(got) - set(expected))
    row = {
        "reports": a.reports,
        "hostile": len(expected),
        "checked": len(rv.round.results),
        "listed": len(got),
        "codes": dict(sorted(by_code.items())),
        "wrong_codes": wrong,
        "unexpected_errors": extra,
        "jobs": rv.round.jobs,
        "seconds": {k: round(v, 1) for k, v in rv.seconds.items()},
        "wall": round(wall, 1),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(row, ensure_ascii=False, indent=2), flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(row, ensure_ascii=False, indent=2), encoding="utf-8")
    if not a.keep:
        shutil.rmtree(base, ignore_errors=True)
    ok = row["checked"] == a.reports and row["listed"] == len(expected) and not wrong and not extra
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
