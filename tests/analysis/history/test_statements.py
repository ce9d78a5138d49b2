"""Figures stated as an indicator's value for a year, and when two of them cannot both be right."""

from __future__ import annotations

import shuzhi
from shuzhi.analysis.history.statements import disagree, statements


def _st(text, year=2023):
    return [(s.indicator, s.year, s.quantity.text) for s in statements(shuzhi.loads(text), year)]


def test_this_year_last_year_and_named_years():
    text = (
        "全年固定资产投资完成91.5亿元，较上年的88.4亿元增长3.5%。\n"
        "2021年全县社会消费品零售总额为39.8亿元。\n"
        "去年一般公共预算收入完成11.6亿元。\n"
        "一般公共预算收入完成12.4亿元，增长6.9%。\n"
    )
    assert _st(text) == [
        ("固定资产投资", 2023, "91.5亿元"),
        ("固定资产投资", 2022, "88.4亿元"),
        ("社会消费品零售总额", 2021, "39.8亿元"),
        ("一般公共预算收入", 2022, "11.6亿元"),
        ("一般公共预算收入", 2023, "12.4亿元"),
    ]


def test_targets_cumulative_qualified_and_mid_sentence_figures_are_not_statements():
    text = (
        "计划明年一般公共预算收入完成14亿元。\n"
        "2021年以来累计完成固定资产投资272亿元。\n"
        "全年固定资产投资完成约90亿元。\n"
        "上半年一般公共预算收入完成6.1亿元。\n"
        "我们狠抓招商，新签项目投资完成20亿元。\n"
        "2025年一般公共预算收入完成15亿元。\n"
        "全年旅客运输量将完成3200万人次。\n"
    )
    assert _st(text) == []


def test_disagreement_is_by_rounding_intervals():
    values = ("11.63亿元", "11.6亿元", "11.7亿元", "11.8亿元", "11.6万元")
    a, b, c, d, e = (statements(shuzhi.loads(f"全年固定资产投资完成{v}。"), 2023)[0].quantity for v in values)
    assert not disagree(a, b)  # 11.63 lies in 11.55–11.65
    # 11.65 is written 11.6 rounding half to even and 11.7 rounding half up: both can be right.
    assert not disagree(b, c)
    assert disagree(a, c) and disagree(b, d) and disagree(b, e)


def test_reports_for_another_unit_are_not_compared():
    from shuzhi.analysis.history.link import Earlier, figure_disagreements

    then = shuzhi.loads("县长2022年度述职报告\n一、履职情况\n全年固定资产投资完成86.4亿元。\n")
    now = shuzhi.loads("县长2023年度述职报告\n一、履职情况\n全年固定资产投资完成91.5亿元，较上年的88.4亿元增长3.5%。\n")
    same = [Earlier(then, 2022, "a.txt", unit="临河县人民政府")]
    assert len(figure_disagreements(now, 2023, same, unit="临河县人民政府")) == 1
    assert len(figure_disagreements(now, 2023, same, unit=None)) == 1
    assert figure_disagreements(now, 2023, same, unit="青山县人民政府") == []
