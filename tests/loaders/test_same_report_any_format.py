"""The key promise: one report as .txt, .docx and .pdf gives the same text, outline, metadata and findings."""

from __future__ import annotations

import re

import docx
import pytest

from loaders.docbuilders import add_numbering, make_pdf, seed_paragraphs, set_numbering
from shuzhi.loaders import load
from shuzhi.model.findings import Hit
from shuzhi.rules import rule
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document
from shuzhi.rules.registry import Registry

# Seed 003 with a table of figures after its fourth paragraph (a synthetic, realistic addition).
SEED = seed_paragraphs(3)
TABLE_AFTER = 8
TABLE = [["指标", "2023年完成情况"], ["地区生产总值", "XX亿元"], ["一般公共预算收入", "同比增长XX％"]]
_HEADING = re.compile(r"^([一二三四五六七八九十]+)、")


@rule(code="P990", name="test-xx-placeholder", title="XX 占位符（测试）", severity="error", triggers=(), passes=())
def xx_placeholder(doc, ctx):
    """Flags every XX, so that findings have many offsets to compare across formats."""
    for m in re.finditer("XX", doc.text):
        yield Hit(m.start(), m.end(), "未填写的占位符")


def txt_lines() -> list[str]:
    cells = [c for row in TABLE for c in row]
    return SEED[: TABLE_AFTER + 1] + cells + SEED[TABLE_AFTER + 1 :]


@pytest.fixture(scope="module")
def three_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("same")
    # .txt: GBK with CRLF, as a Windows machine saves it.
    (d / "r.txt").write_bytes("\r\n".join(txt_lines()).encode("gbk"))

    # .docx: the 一、 headings are Word list numbering, the figures a real table.
    w = docx.Document()
    add_numbering(w)
    w.sections[0].header.paragraphs[0].text = "某区2023年度述职述廉报告"
    w.sections[0].footer.paragraphs[0].text = "第 1 页"
    n_headings = 0
    for i, para in enumerate(SEED):
        m = _HEADING.match(para)
        if m:
            n_headings += 1
            set_numbering(w.add_paragraph(para[m.end() :]), 0)
        else:
            w.add_paragraph(para)
        if i == TABLE_AFTER:
            t = w.add_table(rows=len(TABLE), cols=2)
            for r, row in enumerate(TABLE):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
    assert n_headings == 3
    w.save(d / "r.docx")

    # .pdf: several pages, wrapped lines, a running header and page numbers.
    make_pdf(d / "r.pdf", SEED, header="某区2023年度述职述廉报告", page_numbers="- {n} -", tables={TABLE_AFTER: TABLE})
    return {ext: load(d / f"r.{ext}") for ext in ("txt", "docx", "pdf")}


def test_same_analysed_text(three_files):
    txt = three_files["txt"].text
    assert three_files["docx"].text == txt
    assert three_files["pdf"].text == txt
    assert "地区生产总值\nXX亿元" in txt


def test_same_outline(three_files):
    def shape(doc):
        o = doc.outline
        return (
            [(s.level, s.marker, s.heading(doc.text), s.kind, s.start, s.end) for s in o.walk()],
            o.title,
            o.opening,
            o.closing,
            o.items,
        )

    txt = shape(three_files["txt"])
    numbered = [h[2][:8] for h in txt[0] if h[1]]
    assert numbered == ["一、坚定理想信念", "二、带头苦干实干", "三、坚守廉洁底线"]
    assert shape(three_files["docx"]) == txt
    assert shape(three_files["pdf"]) == txt


def test_same_metadata(three_files):
    metas = {ext: doc.meta for ext, doc in three_files.items()}
    assert metas["txt"].year == 2023
    assert metas["docx"] == metas["txt"]
    assert metas["pdf"] == metas["txt"]


@pytest.mark.parametrize("registry", ["default", "with-xx-rule"])
def test_same_findings(three_files, registry):
    reg = Registry.default() if registry == "default" else Registry([xx_placeholder])
    found = {}
    for ext, doc in three_files.items():
        result = check_document(doc, Config(registry=reg))
        found[ext] = [(f.code, f.start, f.end, f.message) for f in result.findings]
    if registry == "with-xx-rule":
        assert len(found["txt"]) == three_files["txt"].text.count("XX") > 20
    assert found["docx"] == found["txt"]
    assert found["pdf"] == found["txt"]


def test_findings_point_into_each_source(three_files):
    reg = Registry([xx_placeholder])
    lines = txt_lines()
    for ext, doc in three_files.items():
        f = check_document(doc, Config(registry=reg)).findings[0]
        if ext == "txt":
            # File line and column of the first XX, read off the file's own lines.
            line_no = next(i for i, ln in enumerate(lines, 1) if "XX" in ln)
            assert (f.line, f.column) == (line_no, lines[line_no - 1].index("XX") + 1)
        elif ext == "docx":
            # Paragraph number: the table sits after the first XX, so it equals the line number.
            line_no = next(i for i, ln in enumerate(SEED, 1) if "XX" in ln)
            assert f.line == line_no and f.page is None
        else:
            assert f.page is not None and f.page >= 1 and f.line >= 1
            unit = doc.unit_at_raw(doc.raw_span(f.start, f.end)[0])
            assert "XX" in doc.raw[unit.raw_start : unit.raw_end]
