"""Quantity extraction: values, precision, scale, units, qualifiers; names and ranges left alone."""

from __future__ import annotations

import math

import pytest

import shuzhi
from shuzhi.figures.quantities import cn_to_decimal, extract


def one(text: str):
    qs = extract(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


def test_amount_with_scale_unit_and_decimals_stands_for_its_rounding_interval():
    q = one("全县财政总收入完成21.6亿元")
    assert (str(q.value), q.decimals, q.scale, q.unit, q.kind) == ("21.6", 1, 10**8, "元", "currency")
    assert q.lo == pytest.approx(21.55e8) and q.hi == pytest.approx(21.65e8)
    assert q.indicator == "全县财政总收入完成"


def test_units_are_told_apart():
    kinds = {
        q.text: (q.unit, q.kind)
        for q in extract("增长5.8%，提高2.8个百分点，增长1.5倍，13人，5000人次，300户，2.3万亩，千分之三")
    }
    assert kinds["5.8%"] == ("%", "percent")
    assert kinds["2.8个百分点"] == ("个百分点", "points")
    assert kinds["1.5倍"] == ("倍", "times")
    assert kinds["5000人次"] == ("人次", "count")
    assert kinds["2.3万亩"] == ("亩", "measure")
    assert kinds["千分之三"] == ("‰", "percent")


def test_a_small_count_of_whole_things_is_exact():
    q = one("合格9人")
    assert q.lo == q.hi == 9


@pytest.mark.parametrize(
    "text,value",
    [
        ("两千五百万元", 25_000_000),
        ("百分之五", 5),
        ("百分之五点八", 5.8),
        ("三千余元", 3000),
        ("一亿二千万元", 120_000_000),
        ("三十多个国家", 30),
        ("增长零点八倍", 0.8),
        ("提高一点五个百分点", 1.5),
        ("两亿元", 200_000_000),
    ],
)
def test_chinese_numerals_in_amounts_are_read(text, value):
    q = extract(text)[0]
    assert q.base == pytest.approx(value)


def test_three_tenths_is_thirty_percent():
    q = one("全镇三成以上的农户发展特色种植")
    assert (q.unit, float(q.value), q.qualifier) == ("%", 30.0, "以上")


def test_chinese_numerals_are_rounded_to_their_last_written_digit():
    q = one("可以达到五百亿元")
    assert q.lo == pytest.approx(450e8) and q.hi == pytest.approx(550e8)


@pytest.mark.parametrize(
    "text",
    [
        "谋划“十四五”规划",
        "学习贯彻党的二十大精神",
        "一般性支出",
        "做到“两个维护”",
        "增强“四个意识”",
        "落实“一岗双责”",
        "“三重一大”事项",
        "推进“五位一体”总体布局",
        "一批重点项目",
        "千方百计",
        "万众一心",
        "第3名",
        "PM2.5浓度",
        "5G基站",
    ],
)
def test_names_codes_and_ordinals_are_not_amounts(text):
    assert [q.text for q in extract(text) if q.kind not in ("time", "none")] == []


@pytest.mark.parametrize(
    "text,first", [("1-11月，全县共排查", "1-11月"), ("用3-5年时间", "3-5年"), ("增长5%-8%", "5%-8%")]
)
def test_ranges_are_one_range_not_a_subtraction(text, first):
    q = extract(text)[0]
    assert q.text == first and q.kind == "range"
    assert math.isinf(q.lo) and math.isinf(q.hi)


@pytest.mark.parametrize(
    "text,lo,hi",
    [
        ("调处成功率达到98%以上", 97.5, math.inf),
        ("超过500人", 500, math.inf),
        ("300余人", 300, 400),
        ("3亿多元", 3e8, 4e8),
        ("不足100人", 0, 100),
        ("控制在5%以内", 0, 5.5),
    ],
)
def test_qualifiers_bound_the_interval(text, lo, hi):
    q = extract(text)[0]
    assert q.lo == pytest.approx(lo) and q.hi == pytest.approx(hi)


def test_near_and_about_widen_the_interval():
    near = one("近70%")
    assert near.hi == pytest.approx(70) and near.lo < 65
    about = one("约5万人")
    assert about.lo < 4.5e4 and about.hi > 5.5e4


def test_thousands_separators_ascii_and_fullwidth():
    assert one("社会商品零售总额1，753亿元").base == pytest.approx(1753e8)
    assert one("收入1,753万元").base == pytest.approx(1753e4)


def test_cn_to_decimal_rejects_what_is_not_a_numeral():
    assert cn_to_decimal("二三") is None
    assert cn_to_decimal("十四") == 14
    assert cn_to_decimal("两千零五") == 2005


def test_document_quantities_are_computed_once_over_the_normalized_text():
    doc = shuzhi.loads("完成 １２．５ 亿元，增长 ５％。")
    first = doc.quantities
    assert doc.quantities is first
    assert [q.text for q in first] == ["12.5亿元", "5%"]
    assert doc.text[first[0].start : first[0].end] == "12.5亿元"


@pytest.mark.parametrize("digits", [28, 29, 40, 120])
def test_a_count_longer_than_decimal_precision_is_read_not_a_crash(digits):
    # Decimal's % raises DivisionImpossible past 28 digits; the fuzzer found it through N201–N211.
    q = one("全县共有" + "1" * digits + "0人")
    assert q.kind == "count" and not q.exact
    assert str(int(q.value)) == "1" * digits + "0"
