"""The core: loading a string, the rule registry, the engine turning a crash into X001."""

from __future__ import annotations

import shuzhi
from shuzhi.rules import rule
from shuzhi.rules.config import Config
from shuzhi.rules.engine import run_rules
from shuzhi.rules.registry import Registry


def test_loads_normalizes_whitespace_and_fullwidth_digits_with_map_back():
    doc = shuzhi.loads("标题\n\n  完成 １２．５ 亿元，增长 ５％ 。\n")
    assert doc.text == "标题\n完成12.5亿元，增长5%。"
    i = doc.text.index("12.5")
    pos = doc.position(i)
    assert (pos.line, pos.column) == (3, 6)


def test_registry_is_not_global_and_rejects_duplicates():
    r1 = Registry.default()
    r2 = Registry.default()
    assert r1 is not r2 and len(r1) == len(r2) > 0
    import pytest

    with pytest.raises(ValueError):
        r1.add(next(iter(r1)))


def test_crashing_rule_becomes_x001_and_others_still_run():
    @rule(code="S999", name="always-crashes", title="t", severity="error", triggers=(), passes=())
    def boom(doc, ctx):
        """docs"""
        raise RuntimeError("kaboom")

    @rule(code="S998", name="finds-title", title="t", severity="info", triggers=(), passes=())
    def ok(doc, ctx):
        """docs"""
        from shuzhi.model.findings import Hit

        yield Hit(0, 2, "标题")

    reg = Registry([boom, ok, Registry.default().get("X001")])
    findings = run_rules(shuzhi.loads("标题\n正文。"), Config(registry=reg))
    codes = [f.code for f in findings]
    assert "X001" in codes and "S998" in codes
    x = next(f for f in findings if f.code == "X001")
    assert "S999" in x.message and "kaboom" in x.data["error"]
