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
