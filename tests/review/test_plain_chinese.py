"""Issue #16: what goes back to the official and to the reviewer is plain Chinese — every Word comment and
every Excel cell of a round of the seeds (with copies among them, so the copy findings are there too) is
read back from the files and searched for English words, raw fractions and field names."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from shuzhi.review import review

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# What may be ASCII in a sentence written for a reader: rule codes, units and numbers.
CODE = re.compile(r"^[A-Z](\d{3})?$")  # a rule code, or its family letter
UNITS = {"km", "kg", "m", "t", "GDP", "Excel", "Word"}
ENGLISH = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")
RAW_FRACTION = re.compile(r"(?<![\d.])0\.\d{2,}(?![\d%])")
# Document names (《》) are not ours to translate, nor the report's own words (quoted, quotes nest).
NAMES = re.compile(r"《[^》]*》")


def _unquoted(text: str) -> str:
    out, depth = [], 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def _problems(text: str) -> list[str]:
    bare = NAMES.sub("", _unquoted(text))
    bad = [w for w in ENGLISH.findall(bare) if not CODE.match(w) and w not in UNITS]
    bad += RAW_FRACTION.findall(bare)
    return bad


@pytest.fixture(scope="module")
def round_out(tmp_path_factory):
    root = tmp_path_factory.mktemp("round")
    src = root / "in"
    src.mkdir()
    seeds = sorted((CORPUS / "seeds").glob("0*.txt"))
    for p in seeds:
        shutil.copy(p, src / p.name)
    shutil.copy(CORPUS / "samples" / "shuzhi_baogao_fanwen.txt", src / "fanwen.txt")
    # Two colleagues handing in the first seed (one with its opening changed): C301 and C302 findings.
    text = seeds[0].read_text(encoding="utf-8")
    (src / "copy-a.txt").write_text(text, encoding="utf-8")
    (src / "copy-b.txt").write_text("本人述职报告\n" + text[len(text) // 10 :], encoding="utf-8")
    out = review([src], root / "out")
    codes = {f.code for r in out.round.results for f in r.findings}
    assert {"C301", "C302", "P101", "P103", "S301", "F401"} <= codes  # every kind of evidence is there
    return out


def test_every_word_comment_is_plain_chinese(round_out):
    files = sorted((round_out.outdir / "annotated").glob("*.docx"))
    assert len(files) == 8
    seen, bad = 0, {}
    for path in files:
        with zipfile.ZipFile(path) as z:
            root = etree.fromstring(z.read("word/comments.xml"))
        for c in root.iter(W + "comment"):
            text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p"))
            seen += 1
            if found := _problems(text):
                bad.setdefault(path.name, []).append((found, text[:200]))
    # Grouped per paragraph and rule (#16): fewer comments than findings, each finding named in one of them.
    assert seen > 50 and sum(len(r.findings) for r in round_out.round.results) > 150
    assert not bad, bad


def test_every_excel_cell_is_plain_chinese(round_out):
    wb = load_workbook(round_out.outdir / "summary.xlsx")
    names = {Path(r.source).name for r in round_out.round.results} | {str(r.source) for r in round_out.round.results}
    # Columns of the report's own text or of file names: not ours to translate.
    theirs = {"文件", "报告A", "报告B", "摘录", "原文", "标题"}
    bad, cells = [], 0
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        header = rows[0]
        for row in rows:
            for h, v in zip(header, row, strict=False):
                if not isinstance(v, str) or h in theirs or v in names or v.startswith("="):
                    continue
                cells += 1
                if found := _problems(v):
                    bad.append((ws.title, h, found, v[:160]))
    assert cells > 500
    assert not bad, bad[:20]


def test_a_fraction_is_a_percentage_and_an_identifier_is_chinese():
    from shuzhi.writers.evidence import evidence_text

    text = evidence_text(
        {
            "missing": "figure",
            "kinds": ["paid-marker", "vendor-ad"],
            "share": 0.2695,
            "coverage": {"学": 0.2695, "廉": 0.0},
            "spans": [[2190, 2203]],
            "unclassified_with_hints": 0,
            "source": "outline",
        }
    )
    assert "缺少：数字" in text
    assert "付费内容标记、模板网站广告" in text
    assert "占比：27%" in text and "学 27%" in text and "廉 0%" in text
    assert "来源：报告的小标题" in text
    assert not _problems(text), text
