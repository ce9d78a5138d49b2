"""Figure extraction is linear on long lines and long numbers (issue #15)."""

from __future__ import annotations

from helpers.budget import check_within_budget
from shuzhi.figures.quantities import MAX_INDICATOR, extract


def test_the_indicator_is_the_clause_before_the_figure():
    [q] = extract("全年一般公共预算收入完成21.6亿元。")
    assert q.indicator == "全年一般公共预算收入完成"


def test_on_a_line_without_delimiters_the_indicator_is_capped():
    # Each figure copied the whole line before it as its indicator: quadratic on one long line.
    text = "完成" + "1 " * 5000 + "亿元"
    qs = extract(text)
    assert len(qs) > 1000
    assert max(len(q.indicator) for q in qs) == MAX_INDICATOR
    assert qs[-1].indicator == text[qs[-1].start - MAX_INDICATOR : qs[-1].start]


def test_a_number_too_long_for_a_float_is_no_figure():
    assert extract("增长" + "9" * 400 + "%。") == []
    assert extract("完成" + "9" * 300 + "亿元。")[0].text.startswith("9" * 300)


def test_a_long_line_of_figures_is_checked_within_the_file_budget(tmp_path):
    # 80,000 characters took 8.7 s before; 400,000 took minutes.
    text = "2023年度述职报告\n完成" + "1 " * 200_000 + "亿元。"
    result = check_within_budget(tmp_path, text)
    assert result.document.text.endswith("亿元。")


def test_a_huge_percentage_is_checked_within_the_file_budget(tmp_path):
    # int() of a 100,000-digit Decimal (the width of "300余") is quadratic.
    result = check_within_budget(tmp_path, "2023年度述职报告\n增长" + "9" * 100_000 + "%。")
    assert not [f for f in result.findings if f.code.startswith("N")]
