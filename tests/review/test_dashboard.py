"""The dashboard opened in real headless Chromium: the script ran, rows sort and filter, findings are shown."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from review.browser import chromium, dom, selfcheck
from review.review_rules import demo_config
from review.round_files import make_round

from shuzhi.review import review


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("dash")
    rv = review([make_round(tmp)], tmp / "out", config=demo_config(), jobs=2)
    return rv.outdir


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
    assert "001_06edc" in order[0]  # the only seed whose figures do not add up (N991)
    asc = selfcheck(dom((out / "index.html").as_uri() + "?sort=chars&dir=asc"))["order"].split(",")
    # Seed 004 is the shortest report (2,510 characters); bad files have no length and sort first.
    checked = [o for o in asc if "broken" not in o and "empty" not in o]
    assert "004_b2b3" in checked[0] and "001_06edc" in checked[-1]


def test_filtering_finds_the_report_without_an_integrity_part(out):
    check = selfcheck(dom((out / "index.html").as_uri() + "?q=S991"))
    assert check["shown"] == "1"
    failed = selfcheck(dom((out / "index.html").as_uri() + "?family=failed"))
    assert failed["shown"] == "2"
    page = dom((out / "index.html").as_uri() + "?q=S991")
    rows = re.findall(r'<tr ([^>]*id="row-[^"]+"[^>]*)>', page)
    visible = [re.search(r'id="row-([^"]+)"', a).group(1) for a in rows if "hidden" not in a]
    assert len(rows) == 7 and visible == [o for o in check["order"].split(",") if "004_" in o]


def test_report_page_highlights_the_figure_and_explains_it_in_place(out):
    page_path = next((out / "reports").glob("*001_06edc*.html"))
    page = dom(page_path.as_uri())
    marks = [html.unescape(re.sub("<[^>]+>", "", m)) for m in
             re.findall(r'<a class="hl sev-error"[^>]*>(.*?)</a>', page)]
    assert "完成预算18.92亿元的112%" in marks
    note = re.search(r'<div class="finding sev-error" id="f\d+">(.*?)</dl>', page, re.S).group(1)
    assert "N991" in note and "p = A / B" in note and "114.2%" in note and "112%" in note


def test_screenshot_of_the_dashboard(out, tmp_path):
    png = tmp_path / "index.png"
    chromium("--window-size=1400,1000", f"--screenshot={png}", (out / "index.html").as_uri())
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a rendered page, not a blank one
