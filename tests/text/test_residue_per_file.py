"""What find_residue does per file: the built-in signals compiled once, paid markers looked for only where they stand."""

from __future__ import annotations

from shuzhi.lexicons.loader import builtin
from shuzhi.text import residue
from shuzhi.text.residue import find_residue


def test_the_builtin_signals_are_one_compiled_pattern_served_without_rebuilding_its_key():
    assert residue._signals(None) is residue._builtin_compiled()
    pattern, kinds = residue._signals(None)
    same, same_kinds = residue._compiled(tuple(builtin()["placeholders.residue_signals"].items()))
    assert pattern.pattern == same.pattern and kinds == same_kinds


def test_paid_markers_are_found_with_and_without_other_residue():
    text = "述职报告\n本人认真履职。##paidbegin##收费内容##paidend##\n完成任务。\n"
    found = find_residue(text)
    assert [(e.kind, e.text) for e in found] == [
        ("paid-marker", "##paidbegin##"),
        ("paid-marker", "##paidend##"),
    ]
    assert find_residue(text.replace("##paid", "##paie")) == []
    assert find_residue("") == []
