"""Every rule's own examples: `triggers` must fire it, `passes` must not (proselint-style)."""

from __future__ import annotations

import pytest

import shuzhi
from shuzhi.rules.config import Config
from shuzhi.rules.engine import run_rules
from shuzhi.rules.registry import Registry

REGISTRY = Registry.default()
# Rules that run only with context a lone text cannot give (an index, a round, the engine itself).
STANDALONE = [r for r in REGISTRY if not r.needs]


def _codes(rule, text):
    cfg = Config(select=[rule.code])
    doc = shuzhi.loads(text, source="example")
    return [f.code for f in run_rules(doc, cfg)]


def test_every_standalone_rule_has_examples_both_ways():
    missing = [r.code for r in STANDALONE if not r.triggers or not r.passes]
    assert not missing, f"rules without examples that must and must not trigger: {missing}"


def test_every_rule_is_documented_with_the_four_headings():
    for r in REGISTRY:
        for heading in ("检查什么", "为什么", "示例", "应当怎样"):
            assert heading in r.doc, f"{r.code} docs lack {heading}"


@pytest.mark.parametrize(
    "rule,text",
    [(r, t) for r in STANDALONE for t in r.triggers],
    ids=lambda x: x.code if hasattr(x, "code") else None,
)
def test_trigger_examples_fire(rule, text):
    assert rule.code in _codes(rule, text), f"{rule.code} did not fire on its example: {text[:80]}"


@pytest.mark.parametrize(
    "rule,text",
    [(r, t) for r in STANDALONE for t in r.passes],
    ids=lambda x: x.code if hasattr(x, "code") else None,
)
def test_pass_examples_stay_quiet(rule, text):
    assert rule.code not in _codes(rule, text), f"{rule.code} fired on an example that must pass: {text[:80]}"


# ---- rules that need more than one text: the copy rules (an index or a round) and X001 (the engine) ----
NEEDS_INDEX = [r for r in REGISTRY if "index" in r.needs]


def _copy_codes(rule, text):
    """The rule's findings on ``text`` checked in a round with the C rules' example source report."""
    from shuzhi.rules.copying import EXAMPLE_SOURCE
    from shuzhi.similarity.compare import compare_all
    from shuzhi.similarity.core.formulas import formula_list
    from shuzhi.similarity.sources import report_from_comparisons

    cfg = Config(select=[rule.code])
    doc = shuzhi.loads(text, source="example")
    source = shuzhi.loads(EXAMPLE_SOURCE, source="来源报告")
    comparisons = compare_all([doc, source], formulas=formula_list(lexicons=cfg.lexicons))
    report = report_from_comparisons(doc, comparisons, formulas=formula_list(lexicons=cfg.lexicons))
    return [f.code for f in run_rules(doc, cfg, provides=("index",), extra={"copy": report})]


def test_the_copy_rules_and_x001_have_examples_both_ways():
    assert [r.code for r in NEEDS_INDEX] == ["C301", "C302"]
    for r in [*NEEDS_INDEX, REGISTRY.get("X001")]:
        assert r.triggers and r.passes, r.code


@pytest.mark.parametrize(
    "rule,text", [(r, t) for r in NEEDS_INDEX for t in r.triggers], ids=lambda x: getattr(x, "code", None)
)
def test_copy_trigger_examples_fire(rule, text):
    assert rule.code in _copy_codes(rule, text), f"{rule.code} did not fire on its example: {text[:80]}"


@pytest.mark.parametrize(
    "rule,text", [(r, t) for r in NEEDS_INDEX for t in r.passes], ids=lambda x: getattr(x, "code", None)
)
def test_copy_pass_examples_stay_quiet(rule, text):
    assert rule.code not in _copy_codes(rule, text), f"{rule.code} fired on an example that must pass: {text[:80]}"


def _x001_codes(text):
    """X001 beside a probe rule that reads the figure before 亿元 as a number (and crashes where there is none)."""
    import re

    from shuzhi.model.findings import Hit
    from shuzhi.rules import rule as make_rule

    @make_rule(code="N997", name="probe-figure", title="探针", severity="info", triggers=(), passes=())
    def probe(doc, ctx):
        """检查什么：测试用。为什么：测试用。示例：无。应当怎样写：无。"""
        for m in re.finditer(r"(\S)亿元", doc.text):
            float(m.group(1))  # 'X' is no number: ValueError, which the engine makes X001
            yield Hit(m.start(), m.end(), "探针", {})

    registry = Registry([probe, REGISTRY.get("X001")])
    cfg = Config(select=["N997", "X001"], registry=registry)
    return [f.code for f in run_rules(shuzhi.loads(text, source="example"), cfg)]


@pytest.mark.parametrize("text", REGISTRY.get("X001").triggers)
def test_x001_trigger_examples_fire(text):
    assert "X001" in _x001_codes(text)


@pytest.mark.parametrize("text", REGISTRY.get("X001").passes)
def test_x001_pass_examples_stay_quiet(text):
    codes = _x001_codes(text)
    assert "X001" not in codes and "N997" in codes  # the probe ran and read its figure
