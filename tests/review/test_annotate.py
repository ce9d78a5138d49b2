"""Word comments: one per finding, author shuzhi, anchored exactly on the flagged text, read back from the file."""
from __future__ import annotations

from pathlib import Path

import docx
from review.docx_comments import read_comments, run_formatting
from review.review_rules import demo_config

import shuzhi
from shuzhi.engine import check_document
from shuzhi.review.annotate import annotate

SEEDS = sorted((Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds").glob("0*.txt"))
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("XX县常务副县长述职述廉报告")
    p = d.add_paragraph("今年，全县财政总收入完成21.6亿元、完成")
    p.add_run("预算18.92亿元").bold = True
    p.add_run("的112%，同比增收3.87亿元。")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).paragraphs[0].add_run("联系乡镇")
    t.cell(0, 1).paragraphs[0].add_run("XX镇、")
    t.cell(0, 1).paragraphs[0].add_run("某乡")
    d.add_paragraph("特此报告。")
    d.save(str(path))
    return path


def _check(path):
    return check_document(shuzhi.load(path), demo_config())


def test_docx_gets_one_comment_per_finding_on_exactly_the_flagged_text(tmp_path):
    src = make_docx(tmp_path / "report.docx")
    result = _check(src)
    codes = sorted(f.code for f in result.findings)
    # Read from the document: two XX (title, table), the 112% budget sentence, no 廉 content, the end point.
    assert codes == ["N991", "P991", "P991", "S991", "S992"]
    out = annotate(result, tmp_path / "annotated.docx")
    comments = read_comments(out.path)
    assert len(comments) == len(result.findings) == out.comments
    assert all(c["author"] == "shuzhi" and c["started"] and c["ended"] for c in comments)
    by_code: dict[str, list[dict]] = {}
    for f, c in zip(result.findings, comments):
        assert f.code in c["text"] and f.message in c["text"]
        by_code.setdefault(f.code, []).append(c)
    assert by_code["N991"][0]["anchored"] == "完成预算18.92亿元的112%"
    assert "公式：p = A / B" in by_code["N991"][0]["text"] and "复算结果：114.2%" in by_code["N991"][0]["text"]
    assert [c["anchored"] for c in by_code["P991"]] == ["XX", "XX"]
    assert by_code["S991"][0]["anchored"] == "XX县常务副县长述职述廉报告"
    # A finding at a point (the end of the report) is anchored on its paragraph.
    assert by_code["S992"][0]["anchored"] == "特此报告。"
    assert out.exact == 4 and out.paragraph == 1 and out.approximate == 0


def test_splitting_runs_keeps_the_text_and_its_formatting(tmp_path):
    src = make_docx(tmp_path / "report.docx")
    out = annotate(_check(src), tmp_path / "annotated.docx")
    again = shuzhi.load(out.path)
    assert again.text == shuzhi.load(src).text
    # "预算18.92亿元" was one bold run inside the flagged span; split or not, it stays bold, the rest not.
    assert run_formatting(out.path, "预算18.92亿元") and all(run_formatting(out.path, "预算18.92亿元"))
    assert not any(run_formatting(out.path, "的112%，同比增收3.87亿元。"))


def test_txt_report_becomes_a_docx_with_comments(tmp_path):
    result = _check(SEEDS[1])  # seed 001
    out = annotate(result, tmp_path / "001.docx")
    comments = read_comments(out.path)
    assert len(comments) == len(result.findings) >= 1
    n = [c for f, c in zip(result.findings, comments) if f.code == "N991"]
    assert [c["anchored"] for c in n] == ["完成预算18.92亿元的112%"]
    # The new document holds the report's text line by line.
    d = docx.Document(str(out.path))
    lines = [p.text for p in d.paragraphs]
    assert lines == (SEEDS[1].read_text(encoding="utf-8").split("\n"))[: len(lines)]
    assert lines[1] == "常务副县长述职述廉述德报告"  # the seed starts with an empty line


def test_pdf_report_becomes_a_docx_with_comments(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("wqy", fname=FONT)
    pdf.set_font("wqy", size=12)
    for line in ("XX县长述职述廉报告", "全县财政总收入完成21.6亿元、完成预算18.92亿元的112%。", "特此报告。"):
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "r.pdf"
    pdf.output(str(path))
    result = _check(path)
    out = annotate(result, tmp_path / "r.docx")
    comments = read_comments(out.path)
    assert len(comments) == len(result.findings)
    anchored = {f.code: c["anchored"] for f, c in zip(result.findings, comments)}
    assert anchored["N991"] == "完成预算18.92亿元的112%"
    assert anchored["P991"] == "XX"


def test_numbered_paragraphs_and_hyperlinks_are_anchored_on_the_text_not_the_numbering(tmp_path):
    from docx.oxml import parse_xml
    from loaders.docbuilders import W_NS, add_numbering, set_numbering

    d = docx.Document()
    add_numbering(d)
    d.add_paragraph("某县长述职报告")
    p = d.add_paragraph("XX镇脱贫攻坚工作")
    set_numbering(p, 0)  # Word shows "一、XX镇……": the label is not in any run
    q = d.add_paragraph("详见")
    q._p.append(parse_xml(f'<w:hyperlink xmlns:w="{W_NS}"><w:r><w:t>XX网站</w:t></w:r></w:hyperlink>'))
    q.add_run("的公告。")
    src = tmp_path / "numbered.docx"
    d.save(str(src))
    doc = shuzhi.load(src)
    assert "一、XX镇脱贫攻坚工作" in doc.text  # the loader renders the numbering
    result = check_document(doc, demo_config())
    out = annotate(result, tmp_path / "numbered-annotated.docx")
    comments = read_comments(out.path)
    placeholders = [c["anchored"] for f, c in zip(result.findings, comments) if f.code == "P991"]
    assert placeholders == ["XX", "XX"]
    assert out.approximate == 0
