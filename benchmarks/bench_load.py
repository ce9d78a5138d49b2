"""How fast reports load: the gov-reports corpus as .txt (in UTF-8 and re-encoded as GBK), and one report as .docx and .pdf.

Run:  PYTHONPATH=src python benchmarks/bench_load.py
Prints one line per case: files, characters of analysed text, best of 3 wall-clock seconds, MB/s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests" / "loaders"))

from shuzhi.analysis.document import build_document
from shuzhi.loaders import load
from shuzhi.text.normalize import units_from_lines


def best_of(n, fn):
    times = []
    out = None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def report(name, files, seconds, chars, nbytes):
    print(f"{name:<34} files={files:<4} chars={chars:<9} best={seconds:.3f}s  {nbytes / 1e6 / seconds:.1f} MB/s")


def main():
    txts = sorted((CORPUS / "gov-reports").glob("*.txt"))
    nbytes = sum(p.stat().st_size for p in txts)
    s, docs = best_of(3, lambda: [load(p) for p in txts])
    report("gov-reports .txt (UTF-8)", len(txts), s, sum(len(d.text) for d in docs), nbytes)

    raws = [d.raw for d in docs]
    s, _ = best_of(3, lambda: [build_document(r, units_from_lines(r), source="x", format="txt") for r in raws])
    report("  of which normalize (build_document)", len(raws), s, sum(len(d.text) for d in docs), nbytes)

    with tempfile.TemporaryDirectory() as tmp:
        gbk = []
        for i, d in enumerate(docs):
            p = Path(tmp) / f"{i}.txt"
            p.write_bytes(d.raw.encode("gb18030"))
            gbk.append(p)
        nb = sum(p.stat().st_size for p in gbk)
        s, out = best_of(3, lambda: [load(p) for p in gbk])
        report("gov-reports .txt (GB18030)", len(gbk), s, sum(len(d.text) for d in out), nb)

        import docx
        from docbuilders import add_numbering, make_pdf, seed_paragraphs, set_numbering

        paras = seed_paragraphs(3) * 5
        w = docx.Document()
        add_numbering(w)
        for para in paras:
            set_numbering(w.add_paragraph(para), 0) if para[:2] in ("一、", "二、", "三、") else w.add_paragraph(para)
        w.save(Path(tmp) / "r.docx")
        p = Path(tmp) / "r.docx"
        s, d = best_of(3, lambda: load(p))
        report("seed 003 x5 as .docx", 1, s, len(d.text), p.stat().st_size)

        p = make_pdf(Path(tmp) / "r.pdf", paras, header="某区2023年度述职述廉报告", page_numbers="- {n} -")
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(p)))
        s, d = best_of(3, lambda: load(p))
        report(f"seed 003 x5 as .pdf ({pages} pages)", 1, s, len(d.text), p.stat().st_size)


if __name__ == "__main__":
    main()
