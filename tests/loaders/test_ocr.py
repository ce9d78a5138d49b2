"""Scanned reports read by the real OCR (rapidocr-onnxruntime, the ocr extra): a seed rendered to page images with
a CJK font and wrapped as an image-only PDF, and a page image. Text within a measured character error rate,
findings as in the .txt, positions on the page, confidences on every finding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from loaders.docbuilders import seed_paragraphs
from loaders.scanbuilder import render_pages, write_scan_pdf
from shuzhi.loaders import load, loads
from shuzhi.model.document import OCR_LOW_CONFIDENCE
from shuzhi.model.errors import LoadError
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document

ROOT = Path(__file__).resolve().parents[2]
# Seed 003's title, opening, a heading, and the parts with placeholders, plus two synthetic figure claims
# that do not add up (N202), so that placeholder and figure findings both come from the scan.
PARAGRAPHS = [
    *seed_paragraphs(3, 0, 1, 2, 5, 12),
    "新增规上企业8户，达到88户，增长12%。",
    "地方一般公共预算收入由14.25亿元增加到17.98亿元，增长30.2%。",
    *seed_paragraphs(3, 21),
]
# The character error rate these scans must stay under (measured: docs/benchmarks.md; about 0.5 % at 200 dpi).
MAX_CER = 0.02


def cer(ocr: str, truth: str) -> float:
    a = ocr.replace("\n", "")
    b = truth.replace("\n", "")
    return Levenshtein.distance(a, b) / max(len(b), 1)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    d = tmp_path_factory.mktemp("scan")
    pdf = write_scan_pdf(d / "scan.pdf", PARAGRAPHS, dpi=200)
    return load(pdf), loads("\n".join(PARAGRAPHS))


def test_the_pdf_has_no_text_layer(tmp_path):
    import pypdfium2 as pdfium

    path = write_scan_pdf(tmp_path / "s.pdf", PARAGRAPHS[:2], dpi=100)
    pdf = pdfium.PdfDocument(str(path))
    try:
        tp = pdf[0].get_textpage()
        assert tp.count_chars() == 0
    finally:
        pdf.close()


def test_text_within_the_error_rate(scanned):
    doc, truth = scanned
    rate = cer(doc.text, truth.text)
    assert rate <= MAX_CER, f"character error rate {rate:.3%}"
    # Paragraphs are rebuilt from the page's lines: as many as in the source, give or take one.
    assert abs(doc.text.count("\n") - truth.text.count("\n")) <= 1
    assert doc.format == "pdf" and doc.char_confidence is not None and len(doc.char_confidence) == len(doc.raw)


def test_same_findings_within_the_error_rate(scanned):
    doc, truth = scanned
    got = check_document(doc, Config()).findings
    want = check_document(truth, Config()).findings

    def keys(found, d):
        return Counter((f.code, d.text[f.start : f.end]) for f in found)

    g, w = keys(got, doc), keys(want, truth)
    common = sum((g & w).values())
    # Every code the .txt gives is there, and nearly every finding on the same text.
    assert {c for c, _ in w} <= {c for c, _ in g} | {"C301", "C302"}
    assert common >= 0.85 * sum(w.values())
    assert common >= 0.85 * sum(g.values())
    assert any(f.code == "N202" for f in got) and sum(1 for f in got if f.code.startswith("P")) >= 5


def test_every_finding_on_ocr_text_says_so(scanned):
    doc, _ = scanned
    result = check_document(doc, Config())
    on_text = [f for f in result.findings if f.end > f.start]
    assert on_text
    for f in on_text:
        assert "OCR识别" in f.message and f.data["ocr_confidence"].endswith("%")
    for f in result.findings:  # findings about the whole document (a missing part) say it too
        assert "OCR识别" in f.message
    loading = result.meta["loading"]
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(doc.path)
    n_pages = len(pdf)
    pdf.close()
    assert loading["ocr"]["pages"] == list(range(1, n_pages + 1)) and loading["ocr"]["dpi"] == 200
    assert 0.9 < loading["ocr"]["mean_confidence"] <= 1.0
    assert any("OCR" in n and "置信度" in n for n in loading["notes"])


def test_findings_point_at_the_page_line(scanned):
    doc, _ = scanned
    by_place = {(u.page, u.line): doc.raw[u.raw_start : u.raw_end] for u in doc.units}
    found = [f for f in check_document(doc, Config()).findings if f.code.startswith("P") and f.end > f.start]
    for f in found:
        flagged = doc.raw[doc.raw_span(f.start, f.end)[0] : doc.raw_span(f.start, f.end)[1]]
        line = by_place[f.page, f.line]
        assert line[f.column - 1 :].startswith(flagged.split("\n")[0])


def test_low_confidence_characters_make_no_placeholder_or_figure_finding(scanned):
    # The document as OCR read it, with the placeholder XX and the stated 12% marked as read with low
    # confidence (as a smudged scan gives): their P and N findings are held back and counted; others stay.
    doc, _ = scanned
    before = check_document(doc, Config())
    xx = next(f for f in before.findings if f.code.startswith("P") and doc.text[f.start : f.end] == "XX")
    n202 = next(f for f in before.findings if f.code == "N202" and "12%" in f.message)
    saved = doc.char_confidence.copy()
    try:
        for f in (xx,):
            a, b = doc.raw_span(f.start, f.end)
            doc.char_confidence[a:b] = OCR_LOW_CONFIDENCE / 2
        i = doc.raw.index("增长12%")
        doc.char_confidence[i + 2 : i + 4] = OCR_LOW_CONFIDENCE / 2  # the digits 1 and 2
        doc.origin["ocr"].pop("suppressed_findings", None)
        after = check_document(doc, Config())
    finally:
        doc.char_confidence[:] = saved
    spans = {(f.code, f.start, f.end) for f in after.findings}
    assert (xx.code, xx.start, xx.end) not in spans
    assert (n202.code, n202.start, n202.end) not in spans
    assert len(after.findings) == len(before.findings) - 2
    assert after.meta["loading"]["ocr"]["suppressed_findings"] == 2
    assert any("2 处" in n for n in after.meta["loading"]["notes"])


def test_page_image(tmp_path):
    page = render_pages(PARAGRAPHS[:3], dpi=150, page_numbers=False)[0]
    path = tmp_path / "第1页.png"
    page.save(path, dpi=(150, 150))
    doc = load(path)
    truth = loads("\n".join(PARAGRAPHS[:3]))
    assert cer(doc.text, truth.text) <= MAX_CER
    assert doc.format == "image" and doc.origin["format"] == "png" and doc.units[0].page == 1


def test_without_the_ocr_extra_the_message_names_it(tmp_path):
    # The ocr extra not installed: its package cannot be imported (blocked in sys.modules, as if absent).
    scan = write_scan_pdf(tmp_path / "scan.pdf", PARAGRAPHS[:2], dpi=100)
    render_pages(PARAGRAPHS[:1], dpi=72)[0].save(tmp_path / "page.png")
    code = (
        "import sys; sys.modules['rapidocr_onnxruntime'] = None; "
        "from shuzhi.cli import main; sys.exit(main(['check', '--format', 'json', sys.argv[1], sys.argv[2]]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    p = subprocess.run(
        [sys.executable, "-c", code, str(scan), str(tmp_path / "page.png")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert p.returncode == 2, p.stderr
    errors = json.loads(p.stdout)["errors"]
    assert [e["code"] for e in errors] == ["E111", "E111"]
    for e in errors:
        assert "pip install 'shuzhi[ocr]'" in e["message"] and "Traceback" not in p.stderr


def test_pdf_with_a_scanned_last_page(tmp_path):
    # A text PDF whose signed last page was scanned and appended: both pages are read, only the second by OCR.
    import pypdfium2 as pdfium

    from loaders.docbuilders import make_pdf

    text_pdf = make_pdf(tmp_path / "text.pdf", PARAGRAPHS[:3])
    scan_pdf = write_scan_pdf(tmp_path / "scan.pdf", PARAGRAPHS[-1:], dpi=150, page_numbers=False)
    joined = pdfium.PdfDocument.new()
    for part in (text_pdf, scan_pdf):
        src = pdfium.PdfDocument(str(part))
        joined.import_pages(src)
        src.close()
    joined.save(tmp_path / "signed.pdf")
    joined.close()
    doc = load(tmp_path / "signed.pdf")
    assert doc.origin["ocr"]["pages"] == [2]
    assert cer(doc.text, loads("\n".join(PARAGRAPHS[:3] + PARAGRAPHS[-1:])).text) <= MAX_CER
    assert {u.page for u in doc.units} == {1, 2}
    # Text-layer characters have full confidence; the scanned page's are OCR's own.
    first_scanned = next(u for u in doc.units if u.page == 2)
    assert doc.char_confidence[: first_scanned.raw_start].min() == 1.0
    assert doc.char_confidence[first_scanned.raw_start :].min() < 1.0


def _max_rss_mb_of_loading(path) -> tuple[int, str]:
    """Load ``path`` in a fresh process; its peak memory (MB) and what it printed (the text or the error code)."""
    code = (
        "import sys\nfrom shuzhi.loaders import load\nfrom shuzhi.model.errors import LoadError\n"
        "try:\n    print(load(sys.argv[1]).text)\nexcept LoadError as e:\n    print(e.code, e.message)\n"
        # VmHWM, the peak of this program's memory: ru_maxrss keeps the forking pytest's peak across exec.
        "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM:')][0].split()[1]\n"
        "print(int(hwm) // 1024, file=sys.stderr)\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=600,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    return int(p.stderr.split()[-1]), p.stdout


def test_a_huge_scanned_pdf_page_is_read_within_bounded_memory(tmp_path):
    # A legal PDF page of 10,000 × 14,150 pt (PDF allows 14,400) with a scanned image on it: rendered at
    # 200 dpi that was a 27,800 × 39,300 bitmap — 4.7 GB of memory, then E109 ("damaged"). Now the page is
    # rendered into at most ocr.MAX_RENDER_PIXELS and read.
    from reportlab.pdfgen import canvas

    from shuzhi.loaders.ocr import MAX_RENDER_PIXELS, render_scale

    image = tmp_path / "page.png"
    render_pages(PARAGRAPHS[:2], dpi=72, page_numbers=False)[0].save(image)
    path = tmp_path / "huge.pdf"
    c = canvas.Canvas(str(path), pagesize=(10000, 14150))
    c.drawImage(str(image), 0, 0, 10000, 14150)
    c.showPage()
    c.save()
    assert (10000 * render_scale(10000, 14150, 200)) * (14150 * render_scale(10000, 14150, 200)) <= MAX_RENDER_PIXELS
    assert render_scale(595, 842, 200) == 200 / 72  # an A4 page keeps its resolution
    rss, out = _max_rss_mb_of_loading(path)
    assert not out.startswith("E1"), out
    assert cer(out.split("\n", 1)[0], PARAGRAPHS[0]) <= 0.2, out[:200]
    assert rss < 1500, rss


def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded(tmp_path):
    # 90 million pixels: Pillow only warns below twice its limit, so this was decoded (1.2 GB) and read.
    from PIL import Image

    path = tmp_path / "big.png"
    Image.new("L", (10000, 9000), 255).save(path)
    rss, out = _max_rss_mb_of_loading(path)
    assert out.startswith("E107 图片超过 60 百万像素"), out
    assert rss < 600, rss


def test_an_image_of_too_many_pages_is_refused_before_any_is_read(tmp_path):
    from PIL import Image

    from shuzhi.loaders.ocr import MAX_OCR_PAGES

    page = Image.new("L", (64, 32), 255)
    path = tmp_path / "pages.tif"
    page.save(path, save_all=True, append_images=[page] * MAX_OCR_PAGES)
    with pytest.raises(LoadError) as e:
        load(path)
    assert e.value.code == "E107" and f"{MAX_OCR_PAGES} 页" in e.value.message
