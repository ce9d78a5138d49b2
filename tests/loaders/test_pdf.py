"""Loading .pdf reports: page furniture left out, wrapped lines joined, page+line positions, bad PDFs."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from loaders.docbuilders import FONT, make_pdf, seed_paragraphs
from shuzhi.loaders import load
from shuzhi.model.errors import LoadError

PARAGRAPHS = seed_paragraphs(3)
HEADER = "某区2023年度述德述职述廉报告（送审稿）"


def clean(paragraphs):
    """What the analysed text of these paragraphs is (full-width digits and % in seed 003 become ASCII)."""
    import shuzhi

    return shuzhi.loads("\n".join(paragraphs)).text


@pytest.mark.parametrize("page_numbers", ["- {n} -", "第{n}页 共{total}页", "{n}/{total}", "{n}", "— {n} —"])
def test_running_header_footer_and_page_numbers_are_left_out(tmp_path, page_numbers):
    path = make_pdf(tmp_path / "r.pdf", PARAGRAPHS, header=HEADER, page_numbers=page_numbers)
    doc = load(path)
    n_pages = len(pdfium.PdfDocument(str(path)))
    assert n_pages >= 3
    assert doc.text == clean(PARAGRAPHS)
    assert "送审稿" not in doc.text


def test_a_header_that_repeats_the_title_keeps_the_title(tmp_path):
    title = PARAGRAPHS[0]  # "2023年度述德述职述廉报告"
    doc = load(make_pdf(tmp_path / "r.pdf", PARAGRAPHS, header=title, page_numbers="- {n} -"))
    assert doc.text == clean(PARAGRAPHS)
    assert doc.text.startswith(title + "\n")


def test_wrapped_lines_are_joined_into_paragraphs_in_block_style_too(tmp_path):
    # No first-line indent: paragraph ends are told by sentence-final punctuation.
    doc = load(make_pdf(tmp_path / "r.pdf", PARAGRAPHS, indent=False, page_numbers="{n}"))
    assert doc.text == clean(PARAGRAPHS)
    assert any(u.soft_break for u in doc.units)


def test_table_cells_become_separate_paragraphs_as_in_a_docx(tmp_path):
    rows = [["指标", "完成情况"], ["地区生产总值", "120亿元"]]
    doc = load(make_pdf(tmp_path / "t.pdf", PARAGRAPHS[:3], tables={1: rows}, page_numbers="- {n} -"))
    assert doc.text == clean([*PARAGRAPHS[:2], "指标", "完成情况", "地区生产总值", "120亿元", *PARAGRAPHS[2:3]])
    # A cell keeps its column on the PDF line: "完成情况" starts after "指标" and the gap.
    pos = doc.position(doc.text.index("完成情况"))
    assert pos.column == len("指标 ") + 1


def test_position_is_page_and_line_on_the_page(tmp_path):
    path = make_pdf(tmp_path / "r.pdf", PARAGRAPHS, header=HEADER, page_numbers="- {n} -")
    doc = load(path)
    # Pick a phrase from the last paragraph of text and find independently where pdfium prints it.
    phrase = PARAGRAPHS[-2][:8]
    pdf = pdfium.PdfDocument(str(path))
    where = None
    for pno in range(len(pdf)):
        lines = pdf[pno].get_textpage().get_text_range().replace("\r\n", "\n").split("\n")
        for i, line in enumerate(lines, start=1):
            if phrase in line:
                where = (pno + 1, i, line.index(phrase) + 1)
    assert where is not None and where[0] >= 2
    pos = doc.position(doc.text.index(phrase))
    assert (pos.page, pos.line, pos.column) == where


def test_encrypted_pdf_is_e105_and_says_to_remove_the_password(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "secret.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("user-pw", "owner-pw"))
    c.drawString(100, 700, "confidential report")
    c.save()
    with pytest.raises(LoadError) as e:
        load(path)
    assert e.value.code == "E105"
    assert "密码" in e.value.message


def test_image_only_pdf_is_e106_and_asks_for_ocr(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(90, 90, 90)
    for y in range(20, 260, 12):  # grey bars where a scan would have lines of text
        pdf.rect(20, y, 170, 6, style="F")
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(LoadError) as e:
        load(tmp_path / "scan.pdf")
    assert e.value.code == "E106"
    assert "没有文字层，请先进行OCR" in e.value.message


def test_pdf_with_only_page_numbers_is_e106(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("wqy", fname=FONT)
    pdf.set_font("wqy", size=9)
    for n in range(1, 4):
        pdf.add_page()
        pdf.rect(20, 30, 170, 200, style="F")
        pdf.set_y(-15)
        pdf.cell(0, 10, f"- {n} -", align="C")
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(LoadError) as e:
        load(tmp_path / "scan.pdf")
    assert e.value.code == "E106"


def test_corrupt_pdf_is_e109(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(LoadError) as e:
        load(tmp_path / "bad.pdf")
    assert e.value.code == "E109"


@pytest.mark.parametrize("indent, space_after", [(24, 0), (0, 8)])
def test_justified_pdf_from_reportlab_with_indents_or_paragraph_spacing(tmp_path, indent, space_after):
    # A second producer, laid out as Word exports a report: justified, and paragraphs
    # marked either by a 2-character first-line indent (公文) or by space after them.
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("wqy", FONT, subfontIndex=0))
    style = ParagraphStyle(
        "body",
        fontName="wqy",
        fontSize=12,
        leading=20,
        wordWrap="CJK",
        firstLineIndent=indent,
        spaceAfter=space_after,
        alignment=TA_JUSTIFY,
    )

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("wqy", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, "中共某区委办公室")
        canvas.drawCentredString(A4[0] / 2, 30, f"第{doc.page}页")
        canvas.restoreState()

    path = tmp_path / "rl.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(p, style) for p in PARAGRAPHS], onFirstPage=furniture, onLaterPages=furniture
    )
    assert len(pdfium.PdfDocument(str(path))) >= 3
    assert load(path).text == clean(PARAGRAPHS)
