"""Completion rates in every order of target / result / rate, exact targets, 超额, 分别 lists (#16)."""

from __future__ import annotations

import pytest

import shuzhi


def completions(text: str):
    return [c for c in shuzhi.loads(text).claims if c.relation == "completion"]


def one(text: str):
    cs = completions(text)
    assert len(cs) == 1, [(c.formula, c.verdict) for c in cs]
    return cs[0]


# (sentence, result, target, stated rate): the true ratio is computed here, never copied from the checker.
ORDERS = [
    ("目标为100万元，实际完成{d}万元，完成率为{r}%。", 100, 100),
    ("全年完成固定资产投资{d}亿元，目标任务40亿元，完成率为{r}%。", 45.6, 40),
    ("完成率达到{r}%，全年共完成造林面积{d}万亩，年度计划1.5万亩。", 1.2, 1.5),
    ("全年一般公共预算收入完成{d}亿元，完成年度目标的{r}%，年度目标为3.5亿元。", 3.2, 3.5),
    ("完成率为{r}%，年度任务为5000万元，实际完成{d}万元。", 5800, 5000),
    ("全年目标任务800户，实际完成{d}户，完成率为{r}%。", 920, 800),
]


@pytest.mark.parametrize(("template", "done", "target"), ORDERS)
def test_every_order_is_recomputed_and_a_wrong_rate_is_flagged(template, done, target):
    right = round(done / target * 100)
    ok = one(template.format(d=done, r=right))
    assert ok.verdict == "consistent"
    assert ok.computed[0] <= done / target * 100 <= ok.computed[1]
    bad = one(template.format(d=done, r=right + 9))
    assert bad.verdict == "inconsistent"
    assert float(bad.operands["actual"].value) == done


def test_the_issue_case_100_of_100_is_not_120_percent():
    c = one("目标为100万元，实际完成100万元，完成率为120%。")
    assert c.verdict == "inconsistent"
    assert c.code == "N201"
    r = shuzhi.check(shuzhi.loads("目标为100万元，实际完成100万元，完成率为120%。"))
    assert [f.code for f in r.findings if f.code.startswith("N")] == ["N201"]


def test_a_stated_target_is_exact_and_a_result_keeps_its_precision():
    # 8.5 / 10 = 85 %; a target read as 9.5–10.5 would allow 80.5–90 % and let 89 % pass.
    assert one("招商引资目标10亿元，全年完成8.5亿元，完成率89%。").verdict == "inconsistent"
    assert one("全年实现旅游综合收入8.5亿元，为年度目标10亿元的89%。").verdict == "inconsistent"
    # A round result is wide: 10亿元 done is 9.5–10.5, so 106 % of 9.6亿元 holds.
    assert one("全年完成项目投资10亿元，年度目标9.6亿元，完成率为106%。").verdict == "consistent"


@pytest.mark.parametrize("about", ["年度目标约10亿元", "年度目标10亿元左右", "年度目标近10亿元"])
def test_a_target_written_as_about_keeps_its_interval(about):
    c = one(f"{about}，全年完成8.5亿元，完成率89%。")
    assert c.verdict == "consistent"
    assert c.operands["planned"].lo < c.operands["planned"].hi


def test_the_target_interval_is_shown_exact_in_the_evidence():
    c = one("招商引资目标10亿元，全年完成8.5亿元，完成率89%。")
    lo, hi = c.to_dict()["operands"]["planned"]["interval"]
    assert lo == hi == 10 * 10**8


def test_excess_is_the_part_above_the_target():
    assert one("年度目标为2000万元，实际完成2600万元，超额完成任务30%。").verdict == "consistent"
    c = one("年度目标为2000万元，实际完成2600万元，超额完成任务60%。")
    assert c.verdict == "inconsistent"
    assert c.computed[0] <= (2600 - 2000) / 2000 * 100 <= c.computed[1]


def test_units_of_one_kind_are_converted():
    c = one("年度目标1.2亿元，实际完成9800万元，完成率为92%。")
    assert c.verdict == "inconsistent"
    assert c.computed[0] <= 9800 / 12000 * 100 <= c.computed[1]


def test_respective_lists_pair_in_order():
    t = "全年招商引资、固定资产投资目标分别为10亿元、20亿元，分别完成{a}亿元、21亿元，完成率分别为105%、105%。"
    assert [c.verdict for c in completions(t.format(a="10.5"))] == ["consistent", "consistent"]
    assert [c.verdict for c in completions(t.format(a="9.5"))] == ["inconsistent", "consistent"]


@pytest.mark.parametrize(
    "text",
    [
        "全年完成地区生产总值120亿元，目标增长7%，实际增长7.5%。",  # growth targets, no completion rate
        "年度计划投资12亿元的重点项目已开工建设，形象进度达到65%，完成年度投资3.5亿元。",  # progress, not completion
        "全年完成税收5亿元、非税收入2亿元，年度目标8亿元，完成率87.5%。",  # two results, one target: unclear
    ],
)
def test_no_completion_is_read_where_the_pairing_is_not_certain(text):
    assert completions(text) == []


def test_a_target_in_the_sentence_before_is_used_when_it_stands_alone():
    t = "今年全县新增城镇就业的目标任务为1800人。截至年底实际新增{d}人，完成率为{r}%。"
    assert one(t.format(d=1980, r=110)).verdict == "consistent"
    bad = one(t.format(d=1980, r=101))
    assert bad.verdict == "inconsistent" and bad.computed[0] <= 1980 / 1800 * 100 <= bad.computed[1]
    # the sentence before holds two figures: which one is the target is not certain
    two = "今年目标任务为1800人，比上年多200人。截至年底实际新增1980人，完成率为101%。"
    assert completions(two) == []
