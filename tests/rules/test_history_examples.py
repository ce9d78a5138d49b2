"""The H rules' own examples (several years of one person's reports): triggers fire, passes stay quiet."""

from __future__ import annotations

import pytest

from shuzhi.pipeline.history import example_context, split_example
from shuzhi.rules import Registry
from shuzhi.rules.config import Config
from shuzhi.rules.engine import run_rules

HISTORY_RULES = [r for r in Registry.default() if "history" in r.needs]


def _codes(rule, text):
    doc, ctx = example_context(text)
    return [f.code for f in run_rules(doc, Config(select=[rule.code]), provides=("history",), extra={"history": ctx})]


def test_the_family_has_four_rules_each_with_examples_both_ways():
    assert [r.code for r in HISTORY_RULES] == ["H601", "H602", "H603", "H604"]
    for r in HISTORY_RULES:
        assert r.triggers and r.passes, r.code
        for t in (*r.triggers, *r.passes):
            assert len(split_example(t)) >= 2, f"{r.code}: an example needs an earlier year and this year"


@pytest.mark.parametrize(
    "rule,text", [(r, t) for r in HISTORY_RULES for t in r.triggers], ids=lambda x: getattr(x, "code", None)
)
def test_trigger_examples_fire(rule, text):
    assert rule.code in _codes(rule, text)


@pytest.mark.parametrize(
    "rule,text", [(r, t) for r in HISTORY_RULES for t in r.passes], ids=lambda x: getattr(x, "code", None)
)
def test_pass_examples_stay_quiet(rule, text):
    assert rule.code not in _codes(rule, text)


def test_without_earlier_reports_the_rules_say_nothing():
    for r in HISTORY_RULES:
        last = r.triggers[0].split("【")[-1]
        doc, ctx = example_context("【" + last)
        assert not run_rules(doc, Config(select=[r.code]), provides=("history",), extra={"history": ctx})


def test_each_unreported_plan_has_its_own_stable_id():
    # H602 anchors every plan at the title: the plan itself tells their ids apart, run after run.
    rule = next(r for r in HISTORY_RULES if r.code == "H602")
    text = rule.triggers[0].replace(
        "二是新建城北小学", "二是新建城北小学。\n三是完成县医院新院区主体工程封顶，新增床位三百张。\n四是新建城南"
    )

    def ids():
        doc, ctx = example_context(text)
        found = run_rules(doc, Config(select=["H602"]), provides=("history",), extra={"history": ctx})
        return [f.id for f in found]

    first = ids()
    assert len(first) == 2 and len(set(first)) == 2 and ids() == first  # 城北小学 alone is too generic to judge
