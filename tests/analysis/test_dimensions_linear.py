"""The figure scan of the dimension analysis is linear on digit runs (issue #15)."""

from __future__ import annotations

import random
import re

from helpers.budget import check_within_budget
from shuzhi.analysis.dimensions import _FIGURE_RE

# The pattern as it was: it tried every start and length inside a digit run with no unit after it.
_PLAIN = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|亿|万|千|百|个|家|项|件|起|户|人|名|所|亩|公里|千米|米|吨|元|次|批|座|条|套|台)"
)


def test_the_linear_pattern_finds_what_the_plain_one_found():
    rng = random.Random(15)
    pieces = ["1", "23", "4.5", ".", "5.6.7", " ", "亿", "万元", "%", "人", "公里", "米", "，", "增长", "x", "\n"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert [m.span() for m in _FIGURE_RE.finditer(text)] == [m.span() for m in _PLAIN.finditer(text)], text


def test_a_report_with_long_digit_runs_is_checked_within_the_file_budget(tmp_path):
    # 20,000 digits took 151 s here before (quadratic); this is 60,000 in three runs.
    text = "2023年度述职报告\n" + "".join(f"本人完成任务。{'1234567890' * 2000}\n" for _ in range(3))
    result = check_within_budget(tmp_path, text)
    assert result.document.text.count("1234567890") == 6000
