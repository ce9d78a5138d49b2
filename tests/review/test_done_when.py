"""Issue 7's acceptance, with the real rules: in the seeds' dashboard, the seed without a 廉 part and
seed 001's figures that do not add up are visible at once (headless Chromium, after the script ran)."""

from __future__ import annotations

import re

from helpers.browser import dom, selfcheck
from helpers.round_files import SEEDS_DIR
from shuzhi.cli import main


def test_seeds_dashboard_shows_the_missing_integrity_part_and_seed_001_figures(tmp_path):
    out = tmp_path / "out"
    assert main(["review", str(SEEDS_DIR), "-o", str(out), "--jobs", "2", "--no-progress"]) in (0, 1)
    # At the top of the page, before any table: the figures that do not add up and the missing parts.
    top = dom((out / "index.html").as_uri())
    focus = re.sub("<[^>]+>", "", re.search(r'<section id="focus">(.*?)</section>', top, re.S).group(1))
    assert "数字核算（N）：3 处对不上" in focus and "21.6亿元、完成预算18.92亿元的112%" in focus
    assert re.search(
        r"004_b2b3db5ee2df0f3b\.txtS301县委常委、常务副县长2022年度述职述廉述责报告"
        r"标题含“述廉”，但正文中没有找到廉",
        focus,
    )
    page = dom((out / "index.html").as_uri() + "?sort=N&dir=desc")
    check = selfcheck(page)
    assert check["rows"] == "5"
    rows = dict(re.findall(r'<tr [^>]*id="row-(\d{4}-[^"]+)"[^>]*>(.*?)</tr>', page, re.S))
    seed004 = next(v for k, v in rows.items() if "004_" in k)
    # Seed 004 (述职述廉述责) has no integrity part: its 廉 cell is the red "缺", and only its.
    assert re.search(r'class="num dim required missing" title="廉：必需（述廉）">缺<', seed004)
    assert sum('title="廉：必需（述廉）">缺<' in v for v in rows.values()) == 1
    # Sorted by figures findings, seed 001 comes first and names the figures rule.
    first = check["order"].split(",")[0]
    assert "001_" in first and "N201" in rows[first]
    report = dom((out / "reports" / f"{first}.html").as_uri())
    marks = [re.sub("<[^>]+>", "", m) for m in re.findall(r'<a class="hl [^"]*"[^>]*>(.*?)</a>', report)]
    # The budget sentence (21.6 ÷ 18.92 = 114.2 %, written 112 %) is highlighted and explained in place.
    assert any("18.92亿元的112%" in m for m in marks)
    note = re.search(
        r'<div class="finding[^"]*" id="f\d+">\s*<div class="fhead"><code>N201</code>(.*?)</dl>', report, re.S
    ).group(1)
    assert "21.6亿元 ÷ 18.92亿元" in note and "112%" in note
