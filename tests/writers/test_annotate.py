"""Word comments: one per finding, author shuzhi, anchored exactly on the flagged text, read back from the file."""

from __future__ import annotations

from pathlib import Path

import docx

import shuzhi
from helpers.docx_comments import read_comments, run_formatting
from shuzhi.rules import rule
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document
from shuzhi.rules.registry import Registry
from shuzhi.writers.annotate import annotate, comments_for

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
    d.add_paragraph("##paidend##")  # a template site's paywall marker left in the file
    d.save(str(path))
    return path


def _check(path):
    return check_document(shuzhi.load(path), Config())


def test_docx_gets_one_comment_per_finding_on_exactly_the_flagged_text(tmp_path):
    src = make_docx(tmp_path / "report.docx")
    result = _check(src)
    codes = sorted(f.code for f in result.findings)
    # Read from the document: two XX (title, table), the 112% budget sentence (21.6 ÷ 18.92 = 114.2 %),
    # a 述廉 title with no 廉 content, no 问题 and no 打算 part, the paywall marker.
    assert codes == ["N201", "P101", "P101", "P103", "S301", "S302", "S303"]
    out = annotate(result, tmp_path / "annotated.docx")
    comments = read_comments(out.path)
    assert len(comments) == len(result.findings) == out.comments
    assert all(c["author"] == "shuzhi" and c["started"] and c["ended"] for c in comments)
    by_code: dict[str, list[dict]] = {}
    for f, c in zip(result.findings, comments, strict=False):
        assert f.code in c["text"] and f.message in c["text"]
        by_code.setdefault(f.code, []).append(c)
    assert by_code["N201"][0]["anchored"] == "21.6亿元、完成预算18.92亿元的112%"
    assert "公式：21.6亿元 ÷ 18.92亿元 × 100%" in by_code["N201"][0]["text"]
    n201 = by_code["N201"][0]["text"]
    assert "复算结果：113.9–114.4" in n201 and "报告所写：112%" in n201
    assert [c["anchored"] for c in by_code["P101"]] == ["XX", "XX"]
    assert by_code["S301"][0]["anchored"] == "XX县常务副县长述职述廉报告"
    assert "维度：廉" in by_code["S301"][0]["text"]
    # The missing parts are placed at the end of the report, on its last paragraph.
    assert by_code["S302"][0]["anchored"] == by_code["S303"][0]["anchored"] == "特此报告。"
    # The residue is cut from the analysed text (a finding at a point) but the comment sits on it in the
    # file, where the reviewer deletes it.
    assert by_code["P103"][0]["anchored"] == "##paidend##"
    assert out.exact == 7 and out.paragraph == 0 and out.approximate == 0


@rule(
    code="S998",
    name="test-crashes",
    title="测试：出错的规则",
    severity="warning",
    triggers=("某某述职报告",),
    passes=(),
)
def crashing_rule(doc, ctx):
    """检查什么：测试用。一个总是出错的规则：没有哪个真实规则会出错，所以只能在测试里定义。"""
    raise ZeroDivisionError("division by zero")
    yield  # a generator, like every rule


def test_a_crashed_rule_is_an_x001_comment_on_the_first_paragraph(tmp_path):
    """A rule's bug costs its findings, not the report: X001 says so, and points at the report itself.

    X001 is a finding at a point without a span in the file (the engine gives it offset 0), so it also
    exercises the fallback that anchors such a finding on its whole paragraph.
    """
    src = make_docx(tmp_path / "report.docx")
    config = Config(registry=Registry([*Registry.default(), crashing_rule]))
    result = check_document(shuzhi.load(src), config)
    codes = sorted(f.code for f in result.findings)
    assert codes == ["N201", "P101", "P101", "P103", "S301", "S302", "S303", "X001"]
    out = annotate(result, tmp_path / "annotated.docx")
    comments = read_comments(out.path)
    [x001] = [c for f, c in zip(result.findings, comments, strict=False) if f.code == "X001"]
    assert x001["anchored"] == "XX县常务副县长述职述廉报告"
    assert "S998" in x001["text"] and "ZeroDivisionError" in x001["text"] and "其结果缺失" in x001["text"]
    assert out.exact == 7 and out.paragraph == 1 and out.approximate == 0


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
    notes = comments_for(result)
    assert len(comments) == len(notes) == out.comments
    # Every finding is spoken for by one comment; the sixteen ** / * of line 17 by one (#16).
    assert sorted(i for n in notes for i in n.findings) == sorted(f.id for f in result.findings)
    by_id = {f.id: f for f in result.findings}
    anchored: dict[str, list[str]] = {}
    for n, c in zip(notes, comments, strict=True):
        anchored.setdefault(by_id[n.findings[0]].code, []).append(c["anchored"])
    grouped = [(n, c) for n, c in zip(notes, comments, strict=True) if len(n.findings) > 1]
    assert len(grouped) == 1
    n, c = grouped[0]
    assert c["text"].startswith("【P101 未填写的占位符｜错误】本段有16处未填写的占位符：“**”（15处）、“*”\n1. “")
    assert c["anchored"].startswith("**%") and c["anchored"].endswith("**")
    assert {by_id[i].line for i in n.findings} == {17}
    # The budget sentence (21.6 ÷ 18.92 = 114.2 %, written 112 %) and the growth rate (4 ÷ 3.48, written 5.8 %).
    assert anchored["N201"] == ["21.6亿元、完成预算18.92亿元的112%"]
    assert anchored["N202"] == ["7.48亿元、同比增收4亿元，增长5.8%"]
    # The paywall markers, each a line of its own in the seed, carry their comment.
    assert anchored["P103"] == ["##paidbegin##", "##paidend##"]
    assert set(anchored["P101"]) - {c["anchored"]} == {"**"}  # 《**招商引资…》, **河: one in a paragraph
    assert out.approximate == 0
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
    anchored = {f.code: c["anchored"] for f, c in zip(result.findings, comments, strict=False)}
    assert anchored["N201"] == "21.6亿元、完成预算18.92亿元的112%"
    assert anchored["P101"] == "XX"


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
    result = check_document(doc, Config())
    out = annotate(result, tmp_path / "numbered-annotated.docx")
    comments = read_comments(out.path)
    placeholders = [c["anchored"] for f, c in zip(result.findings, comments, strict=False) if f.code == "P101"]
    assert placeholders == ["XX", "XX"]
    assert out.approximate == 0
