"""The dashboard opened in real headless Chromium: the script ran, rows sort and filter, findings are shown.

The round is the five seeds plus two bad files, checked with the real default rules. What the rules
find was checked by reading the seeds: seed 001's budget sentence "完成21.6亿元、完成预算18.92亿元的112%"
(21.6 ÷ 18.92 = 114.2 %) and "7.48亿元、同比增收4亿元，增长5.8%" (4 ÷ 3.48 = 115 %); seed 002's PM2.5
"同比下降189%" (a fall of more than 100 %); seed 004, a 述职述廉述责 report with no 廉 and no 责 part.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from helpers.browser import chromium, dom, selfcheck
from helpers.round_files import make_round
from shuzhi.review import review
from shuzhi.rules.config import Config
from shuzhi.rules.registry import Registry


@pytest.fixture(scope="module")
def rv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dash")
    return review([make_round(tmp)], tmp / "out", config=Config(), jobs=2)


@pytest.fixture(scope="module")
def out(rv) -> Path:
    return rv.outdir


def _text(fragment: str) -> str:
    return html.unescape(re.sub("<[^>]+>", "", fragment))


def test_every_file_is_a_row_and_bad_files_show_their_error(out):
    page = dom((out / "index.html").as_uri())
    check = selfcheck(page)
    assert check["rows"] == "7" and check["shown"] == "7"
    assert "broken.docx" in page and "empty.txt" in page
    assert "E101" in page and "文件为空" in page
    # Nothing is fetched from the network: no http(s) URL in any script or stylesheet reference.
    raw = (out / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="https?:', raw)


def test_sorting_by_figures_findings_puts_seed_001_first(out):
    check = selfcheck(dom((out / "index.html").as_uri() + "?sort=N&dir=desc"))
    order = check["order"].split(",")
    assert check["sorted"] == "N:desc"
    # Seed 001 has two figures that do not add up (N201, N202), seed 002 one (N203), the others none.
    assert "001_06edc" in order[0] and "002_1b445" in order[1]
    asc = selfcheck(dom((out / "index.html").as_uri() + "?sort=chars&dir=asc"))["order"].split(",")
    # Seed 004 is the shortest report, seed 001 the longest; bad files have no length and sort first.
    checked = [o for o in asc if "broken" not in o and "empty" not in o]
    assert "004_b2b3" in checked[0] and "001_06edc" in checked[-1]


def test_filtering_finds_the_report_without_an_integrity_part(out):
    check = selfcheck(dom((out / "index.html").as_uri() + "?q=S301"))
    assert check["shown"] == "1"
    failed = selfcheck(dom((out / "index.html").as_uri() + "?family=failed"))
    assert failed["shown"] == "2"
    page = dom((out / "index.html").as_uri() + "?q=S301")
    rows = re.findall(r'<tr ([^>]*id="row-[^"]+"[^>]*)>', page)
    visible = [re.search(r'id="row-([^"]+)"', a).group(1) for a in rows if "hidden" not in a]
    assert len(rows) == 7 and visible == [o for o in check["order"].split(",") if "004_" in o]


def test_report_page_highlights_the_figure_and_explains_it_in_place(out):
    page = dom(next((out / "reports").glob("*001_06edc*.html")).as_uri())
    marks = [_text(m) for m in re.findall(r'<a class="hl sev-warning"[^>]*>(.*?)</a>', page)]
    assert "21.6亿元、完成预算18.92亿元的112%" in marks
    note = re.search(
        r'<div class="finding sev-warning" id="f\d+">\s*<div class="fhead"><code>N201</code>(.*?)</dl>', page, re.S
    ).group(1)
    # The formula with the report's own figures, the recomputed range (rounding of 21.6 and 18.92 allowed).
    assert "21.6亿元 ÷ 18.92亿元 × 100%" in _text(note) and "113.9–114.4" in note and "112%" in note


def test_report_page_of_seed_002_marks_the_impossible_fall(out):
    page = dom(next((out / "reports").glob("*002_1b445*.html")).as_uri())
    marks = [_text(m) for m in re.findall(r'<a class="hl sev-error"[^>]*>(.*?)</a>', page)]
    assert "189%" in marks
    note = re.search(
        r'<div class="finding sev-error" id="f\d+">\s*<div class="fhead"><code>N203</code>(.*?)</dl>', page, re.S
    ).group(1)
    assert "下降幅度超过100%" in note and "18.9%" in note


def test_focus_lists_the_figures_and_the_missing_parts_linked_to_their_explanation(out, rv):
    """The few findings a reviewer looks at first, above hundreds of placeholders."""
    page = dom((out / "index.html").as_uri())
    focus = re.search(r'<section id="focus">(.*?)</section>', page, re.S).group(1)
    tables = re.findall(r'<table class="focus">(.*?)</table>', focus, re.S)
    assert len(tables) == 2
    figures = [
        re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        for tr in re.findall(r"<tr class=\"fam-N\">(.*?)</tr>", tables[0], re.S)
    ]
    assert [(_text(c[0])[:3], _text(c[1]), _text(c[2])) for c in figures] == [
        ("001", "N201", "21.6亿元、完成预算18.92亿元的112%"),
        ("001", "N202", "7.48亿元、同比增收4亿元，增长5.8%"),
        ("002", "N203", "189%"),
    ]
    # The link goes to the finding's explanation on the report page.
    href = re.search(r'href="(reports/[^"#]+\.html)#(f\d+)"', figures[0][0]).groups()
    report = (out / href[0]).read_text(encoding="utf-8")
    assert re.search(rf'id="{href[1]}">\s*<div class="fhead"><code>N201</code>', report)
    missing = [_text(tr) for tr in re.findall(r"<tr class=\"fam-S\">(.*?)</tr>", tables[1], re.S)]
    assert len(missing) == 2 and all(m.startswith("004_") and "S301" in m for m in missing)
    assert "没有找到廉（廉洁自律）" in missing[0] and "没有找到责" in missing[1]


def test_rule_summary_is_grouped_by_family_then_severity(out):
    page = dom((out / "index.html").as_uri())
    table = re.search(r'<table class="rules">(.*?)</table>', page, re.S).group(1)
    rows = [
        re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S) for tr in re.findall(r'<tr class="fam-.">(.*?)</tr>', table, re.S)
    ]
    codes = [_text(r[1]) for r in rows]
    families = "PNSFTC"
    assert [families.index(c[0]) for c in codes] == sorted(families.index(c[0]) for c in codes)
    rank = {"错误": 2, "警告": 1, "提示": 0}
    for fam in set(c[0] for c in codes):
        sev = [rank[_text(r[3])] for r, c in zip(rows, codes, strict=False) if c[0] == fam]
        assert sev == sorted(sev, reverse=True)
    # The placeholders (P101 ×210: the XX, X, ** left in every seed) no longer bury the figures rows.
    assert codes[:3] == ["P101", "P102", "P103"] and _text(rows[0][4]) == "210"
    assert {c for c in codes if c[0] == "N"} == {"N201", "N202", "N203"}
    assert all(Registry.default().get(c) is not None for c in codes)


def test_screenshot_of_the_dashboard(out, tmp_path):
    png = tmp_path / "index.png"
    chromium("--window-size=1400,1000", f"--screenshot={png}", (out / "index.html").as_uri())
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a rendered page, not a blank one
