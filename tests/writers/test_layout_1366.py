"""The dashboard at 1366×768, the most common office screen and a projector's (#16): no horizontal scroll.

Real headless Chromium driven by Selenium (as tests/web does), with the viewport set to exactly 1366×768 CSS
pixels; the round is the five seeds, the sample report and two bad files, checked with the default rules.
"""

from __future__ import annotations

import shutil

import pytest

from helpers.browser import screen_driver
from helpers.round_files import SEEDS_DIR, make_round
from shuzhi.review import review
from shuzhi.rules.config import Config

WIDTH, HEIGHT = 1366, 768


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("layout")
    d = make_round(tmp)
    shutil.copyfile(SEEDS_DIR.parent / "samples" / "shuzhi_baogao_fanwen.txt", d / "fanwen.txt")
    # Two colleagues handing in the same seed: a cluster, C301 and C302 on the page.
    text = (SEEDS_DIR / "000_d38edd8ae507c606.txt").read_text(encoding="utf-8")
    (d / "copy-a.txt").write_text(text, encoding="utf-8")
    return review([d], tmp / "out", config=Config(), jobs=1).outdir


@pytest.fixture(scope="module")
def browser():
    drv = screen_driver(WIDTH, HEIGHT)
    yield drv
    drv.quit()


def _overflow(drv, url: str) -> dict:
    drv.get(url)
    return drv.execute_script(
        """
        const d = document.documentElement;
        // The widest elements that stick out on the right: what a fix has to look at.
        const wide = [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
          .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
        return {scroll: d.scrollWidth, client: d.clientWidth, inner: window.innerWidth, wide: wide};
        """
    )


def test_the_viewport_is_1366_wide(browser, out):
    m = _overflow(browser, (out / "index.html").as_uri())
    assert m["inner"] == WIDTH


def test_index_has_no_horizontal_scroll_at_1366(browser, out):
    m = _overflow(browser, (out / "index.html").as_uri())
    assert m["scroll"] <= m["client"], m


def test_every_report_page_has_no_horizontal_scroll_at_1366(browser, out):
    pages = sorted((out / "reports").glob("*.html"))
    assert len(pages) == 7
    for page in pages:
        m = _overflow(browser, page.as_uri())
        assert m["scroll"] <= m["client"], (page.name, m)


def test_printed_summary_has_no_horizontal_scroll_at_1366(browser, out):
    page = out / "round-summary.html"
    assert page.is_file()
    m = _overflow(browser, page.as_uri())
    assert m["scroll"] <= m["client"], m


def test_the_coverage_columns_say_what_their_numbers_mean(browser, out):
    import re

    browser.get((out / "index.html").as_uri())
    help_text = browser.execute_script("return document.getElementById('dims-help').innerText")
    # The shares of one row add up to more than 100 %: the page says why, in words a reviewer reads.
    assert "相加会超过 100%" in help_text and "缺" in help_text
    cells = browser.execute_script(
        "return [...document.querySelectorAll('#report-table td.dim')].map(e => e.innerText.trim())"
    )
    assert cells and all(re.fullmatch(r"缺|—|\d+%", c) for c in cells), cells  # never a bare 0 beside 0%
    assert "0%" in cells
