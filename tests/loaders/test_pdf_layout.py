"""Text PDFs laid out in two columns, written line by line across the page (so pdfium joins the columns on each
baseline), read column by column; tables keep their rows, each cell its own paragraph, so figure checks see them."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.docbuilders import FONT, seed_paragraphs
from loaders.ofdbuilder import wrap
from shuzhi.loaders import load, loads
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document

SIZE_PT = 11
MM = 72 / 25.4


def two_column_pdf(path: Path, title: str, paragraphs: list[str], *, interleave: bool = True) -> Path:
    """A full-width title, then ``paragraphs`` in two columns; each baseline's left and right lines written together."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("wqy", fname=FONT)
    pdf.set_font("wqy", size=SIZE_PT)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    left, gap, top, pitch = 60.0, 24.0, 110.0, 18.0
    col_w = (pdf.w - 2 * left - gap) / 2
    size_mm, col_mm = SIZE_PT / MM, col_w / MM
    lines = [(dx * MM, t) for p in paragraphs for dx, t in wrap(p, size_mm, col_mm - 0.5, 2)]
    half = (len(lines) + 1) // 2
    pdf.text(left, top - 40, title)
    rows = list(zip(lines[:half], [*lines[half:], None], strict=True))
    if not interleave:
        rows = [(a, None) for a, _ in rows] + [(None, b) for _, b in rows if b]
    for k, (a, b) in enumerate(rows):
        for side, item in ((0, a), (1, b)):
            if item is None:
                continue
            y = top + ((k if interleave or side == 0 else k - len(rows) + half) % half) * pitch
            pdf.text(left + side * (col_w + gap) + item[0], y, item[1])
    pdf.output(str(path))
    return path


# Seed 001's opening paragraphs: prose with figures and placeholders.
PARAS = seed_paragraphs(1)[1:7]
TITLE = seed_paragraphs(1)[0]


def _lines_fit_one_page(paragraphs):
    col_mm = ((595.28 - 120 - 24) / 2) / MM
    return sum(len(wrap(p, SIZE_PT / MM, col_mm - 0.5, 2)) for p in paragraphs) <= 2 * 36


@pytest.mark.parametrize("interleave", [True, False])
def test_two_columns_read_in_reading_order(tmp_path, interleave):
    paras = PARAS
    while not _lines_fit_one_page(paras):
        paras = paras[:-1]
    assert len(paras) >= 3
    path = two_column_pdf(tmp_path / "two.pdf", TITLE, paras, interleave=interleave)
    doc = load(path)
    want = loads("\n".join([TITLE, *paras]))
    assert doc.text == want.text
    got = [(f.code, f.start, f.end) for f in check_document(doc, Config()).findings]
    assert got == [(f.code, f.start, f.end) for f in check_document(want, Config()).findings]


def test_pdfium_alone_mixes_the_columns(tmp_path):
    # What the column reading fixes: pdfium's own text of the interleaved page runs across both columns.
    import pypdfium2 as pdfium

    path = two_column_pdf(tmp_path / "two.pdf", TITLE, PARAS[:3])
    pdf = pdfium.PdfDocument(str(path))
    try:
        raw = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    first_line = [ln for ln in raw.splitlines() if ln.strip()][1]
    assert len(first_line.split()) >= 2  # one printed line holds text of both columns


def test_table_rows_stay_rows(tmp_path):
    from fpdf import FPDF

    rows = [["指标", "2023年", "2022年", "增长"], ["地方一般公共预算收入", "17.98亿元", "14.25亿元", "30.2%"]]
    rows += [["规上工业企业", "88户", "80户", "12%"], ["城镇新增就业", "3200人", "3000人", "6.7%"]]
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("wqy", fname=FONT)
    pdf.set_font("wqy", size=SIZE_PT)
    pdf.add_page()
    pdf.set_xy(60, 80)
    pdf.multi_cell(0, 18, "一年来主要经济指标完成情况如下：")
    for row in rows:
        pdf.set_x(60)
        for width, cell in zip((150, 110, 110, 100), row, strict=True):
            pdf.cell(width, 20, cell, border=1)
        pdf.ln(20)
    path = tmp_path / "table.pdf"
    pdf.output(str(path))
    doc = load(path)
    want = "\n".join(c for row in rows for c in row)
    assert want in doc.text
    # The figures of a row are read together: 17.98 and 14.25 stay next to their row's name, and the
    # figure rules see the row as the cells of one table row (no column runs into the next row).
    i = doc.text.index("地方一般公共预算收入")
    assert doc.text[i:].split("\n")[1:4] == ["17.98亿元", "14.25亿元", "30.2%"]
