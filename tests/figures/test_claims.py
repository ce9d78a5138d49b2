"""Claims: relations between figures, interval arithmetic, verdicts and diagnoses."""

from __future__ import annotations

import pytest

import shuzhi
from conftest import CORPUS, seed
from shuzhi.figures.claims import iv_div, overlaps


def claims(text: str):
    return shuzhi.loads(text).claims


def only(text: str):
    cs = [c for c in claims(text) if c.relation != "part-whole" or c.verdict != "consistent"]
    assert len(cs) == 1, [(c.relation, c.verdict) for c in cs]
    return cs[0]


def test_interval_division_takes_the_extreme_corners():
    assert iv_div((21.55, 21.65), (18.915, 18.925)) == pytest.approx((21.55 / 18.925, 21.65 / 18.915))


def test_a_base_that_may_be_zero_gives_no_ratio():
    lo, hi = iv_div((1, 2), (0, 5))
    assert lo > hi  # empty: never compared, never a finding


def test_both_rounding_rules_are_accepted_at_the_half():
    # 1 ÷ 8 = 12.5 %: half-up gives 13 %, half-even gives 12 %; both are honest.
    assert only("共8人参加，合格1人，合格率13%。").verdict == "consistent"
    assert only("共8人参加，合格1人，合格率12%。").verdict == "consistent"
    assert only("共8人参加，合格1人，合格率14%。").verdict == "inconsistent"


def test_overlap_is_closed_on_both_ends():
    assert overlaps((12.5, 12.5), (11.5, 12.5)) and overlaps((12.5, 12.5), (12.5, 13.5))
    assert not overlaps((12.6, 12.7), (11.5, 12.5))


def test_operand_precision_decides_seed_growth_of_22_percent():
    # 3.87 ÷ (21.6 − 3.87) = 21.8 %: with 21.6 meaning 21.55–21.65 the claim of 22 % holds.
    c = only("全县财政总收入完成21.6亿元，同比增收3.87亿元，增长22%。")
    assert (c.relation, c.verdict) == ("growth", "consistent")
    assert c.computed[0] < 21.8 < c.computed[1]


def test_seed_001_completion_ratio_is_114_not_112():
    doc = shuzhi.load(seed(1))
    c = next(c for c in doc.claims if c.relation == "completion")
    assert c.verdict == "inconsistent"
    assert c.computed[0] < 114.2 < c.computed[1]
    assert c.stated.text == "112%" and c.operands["planned"].text == "18.92亿元"


def test_seed_001_claims_that_hold_are_consistent():
    doc = shuzhi.load(seed(1))
    by_stated = {c.stated.text: c for c in doc.claims if c.stated is not None and c.relation != "part-whole"}
    assert by_stated["22%"].verdict == "consistent"  # 增收3.87亿元，增长22%
    assert by_stated["175%"].verdict == "consistent"  # 增收2.29亿元，增长175%
    assert by_stated["10%"].verdict == "consistent"  # 新增8户，达到88户，增长10%
    assert by_stated["98%以上"].verdict == "consistent"  # 排查3365件，调处3298件
    part = next(c for c in doc.claims if c.relation == "part-whole" and c.operands["part"].text == "256个")
    assert part.verdict == "consistent" and part.operands["whole"].text == "1141个"
    # 查处398万元、清退296万元: two amounts side by side, not a part of a whole nor a sum.
    assert not any(c.operands.get("whole") and c.operands["whole"].text == "398万元" for c in doc.claims)


def test_seed_002_fall_of_189_percent_is_impossible():
    doc = shuzhi.load(seed(2))
    c = next(c for c in doc.claims if c.verdict == "impossible")
    assert c.stated.text == "189%"


def test_a_fall_beyond_100_percent_is_possible_for_profit():
    assert claims("企业净利润同比下降120%，由盈转亏。") == []


def test_rate_over_100_only_for_rates_of_a_whole():
    assert only("群众满意度达到103%。").verdict == "impossible"
    assert claims("完成年度计划的103%。") == []
    assert claims("高中阶段毛入学率达到103%。") == []


@pytest.mark.parametrize(
    "text",
    [
        "地区生产总值完成120亿元，比上年增加10亿元，按可比价格计算增长5.2%。",
        "城镇居民人均可支配收入达到3.6万元，比上年增加2100元，扣除价格因素实际增长4.1%。",
        "同口径比较，税收收入完成8.6亿元，同比增加0.5亿元，增长12%。",
    ],
)
def test_growth_that_cannot_be_recomputed_is_unverifiable(text):
    c = only(text)
    assert c.verdict == "unverifiable" and c.reason


def test_diagnosis_dropped_digit_in_the_stated_rate():
    c = only("我部全体人员13人参加，合格9人，持证率达7%。")
    assert c.verdict == "inconsistent" and "7%" in c.diagnosis and "十倍" in c.diagnosis


def test_diagnosis_wan_yi_slip():
    c = only("一般公共预算收入完成9.2亿元，同比增收0.69万元，增长8.1%。")
    assert "万、亿混写" in c.diagnosis


def test_diagnosis_wrong_base():
    c = only("新增8户，达到88户，增长9.1%。")
    assert c.verdict == "inconsistent" and "基数用错" in c.diagnosis


def test_diagnosis_percent_written_for_points():
    c = only("优良天数比例由80%提高到88%，提高8%。")
    assert c.relation == "points" and "个百分点" in c.diagnosis


def test_relative_change_of_a_rate_in_percent_is_accepted():
    assert only("优良天数比例由80%提高到88%，提高10%。").verdict == "consistent"


def test_mixed_units_are_converted():
    assert only("一般公共预算收入完成9.2亿元，增长8.1%，增收6900万元。").verdict == "consistent"


@pytest.mark.parametrize(
    "text,ok",
    [
        ("由100万人次增加到300万人次，增长2倍。", True),  # ×(1+k)
        ("由100万人次增加到200万人次，增长2倍。", True),  # the loose ×k
        ("由100万人次增加到120万人次，增长2倍。", False),
        ("由100万元增加到200万元，增长1倍。", True),
        ("由100万元增加到110万元，增长1倍。", False),  # 增长1倍 never means ×1
        ("经营收入由50万元增加到100万元，翻了一番。", True),
        ("经营收入由50万元增加到60万元，翻了一番。", False),
    ],
)
def test_multiples_accept_both_readings(text, ok):
    c = only(text)
    assert c.relation == "multiple" and (c.verdict == "consistent") is ok


def test_part_over_whole_and_threshold_categories():
    bad = [c for c in claims("谋划各类项目1141个，其中500万元以上项目1256个。") if c.verdict == "inconsistent"]
    assert [c.relation for c in bad] == ["part-whole"]
    # 500万元以上 names a category; it is never compared with an amount.
    assert all(
        c.operands["part"].text != "500万元以上"
        for c in claims("项目1141个，总投资20.2亿元，其中500万元以上项目256个。")
    )


def test_sum_of_listed_parts():
    assert only("一季度完成120万元、二季度完成130万元，合计250万元。").verdict == "consistent"
    assert only("一季度完成120万元、二季度完成130万元，合计300万元。").verdict == "inconsistent"
    c = only("共处理35人，其中党纪处分、政务处分分别为20人、18人。")
    assert (c.relation, c.verdict) == ("sum", "inconsistent")


def test_same_indicator_two_values():
    doc = shuzhi.loads("全年一般公共预算收入完成7.48亿元。\n全年一般公共预算收入完成8.1亿元，创历史新高。")
    c = next(c for c in doc.claims if c.relation == "same-indicator")
    assert c.verdict == "inconsistent" and c.operands["first"].text == "7.48亿元"
    doc = shuzhi.loads("全年一般公共预算收入完成7.48亿元。\n全年一般公共预算收入完成7.5亿元，创历史新高。")
    assert all(c.verdict == "consistent" for c in doc.claims)


def test_claim_data_has_formula_operands_interval_and_stated_value():
    c = only("税收收入由14.25亿元增加到17.98亿元，增长30.2%。")
    d = c.to_dict()
    assert d["formula"] and set(d["operands"]) == {"from", "to"}
    lo, hi = d["computed"]
    assert lo < 26.2 < hi
    assert d["stated"]["text"] == "30.2%" and d["verdict"] == "inconsistent"


def test_sample_report_has_one_rate_claim_from_counts():
    doc = shuzhi.load(CORPUS / "samples" / "shuzhi_baogao_fanwen.txt")
    rate = [c for c in doc.claims if c.relation == "rate"]
    assert len(rate) == 1 and rate[0].verdict == "inconsistent"
    assert rate[0].operands["whole"].text == "13人" and rate[0].operands["part"].text == "9人"


def test_a_sentence_opening_with_qizhong_splits_the_whole_of_the_sentence_before():
    bad = [c for c in claims("全年共查处违纪案件120件。其中，科级干部案件180件。") if c.verdict == "inconsistent"]
    assert [(c.relation, c.operands["whole"].text) for c in bad] == [("part-whole", "120件")]
    # Two amounts of that unit before: which one is the whole is in doubt, so nothing is compared.
    assert claims("决算支出298亿元，比预算少支4.7亿元。其中，经济建设费支出137亿元。") == []


# ---- multiples of a named base, average yearly growth, named wholes (heldout4 patterns) ----


@pytest.mark.parametrize(
    "text,ok",
    [
        ("全年实现旅游综合收入12.6亿元，是上年6.0亿元的2.1倍。", True),  # 12.6 ÷ 6.0 = 2.1
        ("全年实现旅游综合收入12.6亿元，是上年6.0亿元的2.6倍。", False),
        ("全县农村集体经济收入达到3860万元，为2020年1240万元的3.1倍。", True),  # 3.11
        ("全年引进域外资金48.6亿元，是上年24.3亿元的2倍。", True),  # 是…的2倍 = ×2
        ("全年引进域外资金48.6亿元，是上年24.3亿元的3倍。", False),  # no loose reading for 是…的k倍
    ],
)
def test_a_multiple_of_a_named_base_is_strict(text, ok):
    c = only(text)
    assert c.relation == "multiple" and c.code == "N210"
    assert c.verdict == ("consistent" if ok else "inconsistent")


def test_a_multiple_without_its_base_is_not_a_claim():
    assert [c for c in claims("全年实现旅游综合收入12.6亿元，是上年的2.1倍。") if c.relation == "multiple"] == []


def test_growth_by_one_times_is_doubling_and_three_times_is_not():
    assert only("新能源汽车保有量由2021年的2150辆增长到4300辆，增长1倍。").verdict == "consistent"
    assert only("新能源汽车保有量由2021年的2150辆增长到4300辆，增长3倍。").verdict == "inconsistent"


@pytest.mark.parametrize(
    "text,ok",
    [
        # (11.2 ÷ 8.6)^(1/3) − 1 = 9.20 %; with the operands' half-units 8.83–9.58 %
        ("一般公共预算收入由2020年的8.6亿元增加到2023年的11.2亿元，年均增长9.2%。", True),
        ("一般公共预算收入由2020年的8.6亿元增加到2023年的11.2亿元，年均增长12.5%。", False),
        # (3.46 ÷ 2.15)^(1/5) − 1 = 9.98 %
        ("全县市场主体总数从2018年的2.15万户增至2023年的3.46万户，年均增长10.0%。", True),
        ("全县市场主体总数从2018年的2.15万户增至2023年的3.46万户，年均增长12.0%。", False),
        # year-end values: (2.08 ÷ 1.35)^(1/4) − 1 = 11.41 %
        ("全县金融机构存款余额从2019年末的1.35亿元增长到2023年末的2.08亿元，年均增长11.4%。", True),
        ("全县金融机构存款余额从2019年末的1.35亿元增长到2023年末的2.08亿元，年均增长13.5%。", False),
    ],
)
def test_average_yearly_growth_compounds_over_the_stated_years(text, ok):
    c = only(text)
    assert c.relation == "avg-growth" and c.code == "N202"
    assert c.verdict == ("consistent" if ok else "inconsistent")


@pytest.mark.parametrize(
    "text",
    [
        "城乡居民人均可支配收入年均增长8.1%，高于经济增速。",  # no endpoints
        "一般公共预算收入由8.6亿元增加到11.2亿元，年均增长12.5%。",  # no years: the span is a guess
        "全县地区生产总值由2020年的186.5亿元增加到2023年的232.6亿元，按可比价格计算年均增长6.2%。",
        "同口径下，一般公共预算收入由2020年的8.6亿元增加到2023年的11.2亿元，年均增长12.0%。",
    ],
)
def test_average_growth_without_both_years_or_at_comparable_prices_is_never_inconsistent(text):
    assert all(c.verdict != "inconsistent" for c in claims(text))


@pytest.mark.parametrize(
    "text,ok",
    [
        ("全年完成固定资产投资58.4亿元。工业投资完成23.6亿元，占固定资产投资的40.4%。", True),  # 40.41 %
        ("全年完成固定资产投资58.4亿元。工业投资完成23.6亿元，占固定资产投资的44.0%。", False),
        ("全年共受理信访事项862件。其中网上信访525件，占受理总量的60.9%。", True),  # 60.90 %
        ("全年共受理信访事项862件。其中网上信访525件，占受理总量的65.9%。", False),
    ],
)
def test_a_share_naming_its_whole_in_the_sentence_before(text, ok):
    shares = [c for c in claims(text) if c.relation == "share"]
    assert len(shares) == 1 and shares[0].code == "N208"
    # the whole is the figure of the sentence before, the part the one right before the share
    assert shares[0].operands["whole"].text in ("58.4亿元", "862件")
    assert shares[0].operands["part"].text in ("23.6亿元", "525件")
    assert shares[0].verdict == ("consistent" if ok else "inconsistent")


@pytest.mark.parametrize(
    "text",
    [
        # two figures of the unit before and neither named: the whole is in doubt
        "全县财政总收入21.6亿元，一般公共预算收入7.48亿元。其中税收收入5.3亿元，占比70.9%。",
        "全县财政总收入21.6亿元，一般公共预算收入7.48亿元。税收收入5.3亿元，占全市的3.5%。",  # whole not in the text
    ],
)
def test_a_share_whose_whole_is_ambiguous_is_not_checked(text):
    assert [c for c in claims(text) if c.relation == "share"] == []
