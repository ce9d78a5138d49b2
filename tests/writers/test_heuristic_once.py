"""A heuristic rule's mark, with its measured precision, is shown once per report and rule group (#16).

The round is seeds 003 and 004 reviewed with the default rules. Read from the seeds: 003 draws F402 once and
F403 on two paragraphs (heuristic) among 59 P101 placeholders (not heuristic); 004 is a 述职述廉述责 report
with no 廉 and no 责 part (S301 twice), no shortcomings part (S302) and no plans part (S303).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from helpers.docx_comments import read_comments
from helpers.round_files import SEEDS_DIR
from shuzhi.review import review
from shuzhi.rules.config import Config
from shuzhi.rules.registry import Registry

REG = Registry.default()


def _heuristic(code: str) -> bool:
    return REG.get(code).heuristic


@pytest.fixture(scope="module")
def rv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("heur")
    d = tmp / "round"
    d.mkdir()
    for p in sorted(SEEDS_DIR.glob("00[34]_*.txt")):
        shutil.copyfile(p, d / p.name)
    return review([d], tmp / "out", config=Config(), jobs=1)


def _codes(result) -> Counter:
    return Counter(f.code for f in result.findings)


def test_the_round_has_repeated_heuristic_findings_and_plain_placeholders(rv):
    by_source = {Path(r.source).name[:3]: _codes(r) for r in rv.round.results}
    assert by_source["003"]["F403"] >= 2 and by_source["003"]["P101"] >= 10
    assert by_source["004"]["S301"] >= 2


def test_report_pages_name_each_heuristic_rule_once_with_its_precision(rv):
    for r in rv.round.results:
        row = next(x for x in rv.rows if x.result is r)
        page = (rv.outdir / "reports" / f"{row.id}.html").read_text(encoding="utf-8")
        assert "（启发式，请人工复核）" not in page
        heur = sorted(c for c in _codes(r) if _heuristic(c))
        assert heur
        box = re.search(r'<p class="hint" id="heuristics">(.*?)</p>', page, re.S).group(1)
        assert re.findall(r'<span class="rulehint"><code>(\w+)</code>', box) == heur
        for code in heur:
            assert REG.get(code).precision.short() in box
        assert "P101" not in box


def test_index_marks_each_heuristic_rule_group_once(rv):
    page = (rv.outdir / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<section id="by-rule">(.*?)</section>', page, re.S).group(1)
    rows = re.findall(r"<tr class=\"fam-\w\">(.*?)</tr>", table, re.S)
    assert rows
    for tr in rows:
        code = re.search(r"<code>(\w+)</code>", tr).group(1)
        assert tr.count("启发式判断") == (1 if _heuristic(code) else 0), code
    assert page.count("启发式") == sum(1 for tr in rows if "启发式判断" in tr)


def test_excel_gives_the_hint_on_the_first_row_of_each_report_and_rule(rv):
    ws = openpyxl.load_workbook(rv.outdir / "summary.xlsx")["问题"]
    rows = list(ws.iter_rows(values_only=True))
    head = rows[0]
    i_file, i_code, i_title, i_hint = head.index("文件"), head.index("代码"), head.index("问题"), head.index("复核提示")
    hinted = Counter()
    for row in rows[1:]:
        assert "启发式" not in (row[i_title] or "")
        if row[i_hint]:
            assert _heuristic(row[i_code]) and ("实测精确率" in row[i_hint] or "尚无独立测量" in row[i_hint])
            hinted[(row[i_file], row[i_code])] += 1
    expected = {(r.source, c) for r in rv.round.results for c in _codes(r) if _heuristic(c)}
    assert set(hinted) == expected and set(hinted.values()) == {1}


def test_word_files_say_it_once_per_heuristic_rule(rv):
    for r in rv.round.results:
        row = next(x for x in rv.rows if x.result is r)
        comments = read_comments(rv.outdir / "annotated" / row.annotated)
        said = [c for c in comments if "启发式" in c["text"]]
        heur = {c for c in _codes(r) if _heuristic(c)}
        assert len(said) == len(heur)
        assert {re.match(r"【(\w+)", c["text"]).group(1) for c in said} == heur
        assert not any("启发式" in c["text"] for c in comments if c["text"].startswith("【P101"))
