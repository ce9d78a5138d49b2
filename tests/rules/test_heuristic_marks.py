"""Heuristic marks (#16): only rules that judge from word lists or guessed relations are heuristic, each states
its measured precision with the page of docs/bench/ it was measured on, and a plain XX placeholder does not say
“启发式，请人工复核”."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from shuzhi.cli import cli
from shuzhi.cli.rules import docs_markdown
from shuzhi.rules.registry import Registry

ROOT = Path(__file__).resolve().parents[2]

# Checks that fire on what is written, not on a judgment: a placeholder left in, a unit with no number, a vendor
# line, a ratio or sum recomputed from the figures the sentence states, a share over 100 %, a part over its whole
# in one sentence.
DETERMINISTIC = [
    "P101",
    "P102",
    "P103",
    "N201",
    "N202",
    "N203",
    "N204",
    "N205",
    "N206",
    "N207",
    "N208",
    "N210",
    "C301",
    "C302",
    "H601",
    "H603",
    "H604",
    "S304",
    "T502",
    "T503",
]
# Word lists, densities, a guessed “same indicator” or “same thing” across sentences, a plan looked for in prose.
HEURISTIC = ["S301", "S302", "S303", "F401", "F402", "F403", "F404", "T501", "T504", "N209", "N211", "H602"]


@pytest.fixture(scope="module")
def reg():
    return Registry.default()


def test_the_heuristic_rules_are_the_judging_ones(reg):
    assert sorted(r.code for r in reg if r.heuristic) == sorted(HEURISTIC)
    for code in DETERMINISTIC:
        assert reg.get(code).heuristic is False, code


@pytest.mark.parametrize("code", HEURISTIC)
def test_each_heuristic_rule_states_its_precision_from_a_bench_page(reg, code):
    r = reg.get(code)
    m = r.precision
    assert m is not None
    page = ROOT / m.source
    assert m.source.startswith("docs/bench/") and page.is_file(), m.source
    text = page.read_text(encoding="utf-8")
    assert code in text, f"{m.source} does not mention {code}"
    if m.value is not None:
        assert 0 < m.value <= 1
        assert f"{m.value:.2f}" in text or f"{m.value:.3f}" in text, f"{m.value} is not a number of {m.source}"
    out = CliRunner().invoke(cli, ["explain", code], prog_name="shuzhi").output
    assert m.sentence() in out and "启发式规则" in out


@pytest.mark.parametrize("code", ["P101", "P102", "N201", "N206"])
def test_a_deterministic_rule_does_not_say_heuristic(reg, code):
    out = CliRunner().invoke(cli, ["explain", code], prog_name="shuzhi").output
    assert "启发式规则：" not in out
    assert code in out


def test_a_plain_xx_placeholder_finding_is_not_marked(tmp_path):
    import shuzhi

    f = tmp_path / "r.txt"
    f.write_text("2023年县长述职述廉报告\n一年来，认真贯彻党的XX大精神，全年完成投资XX亿元。\n", encoding="utf-8")
    res = shuzhi.check(shuzhi.load(f))
    p101 = [x for x in res.findings if x.code == "P101"]
    assert len(p101) == 2
    for x in p101:
        assert x.heuristic is False
        assert "启发式" not in x.title_label and "启发式" not in x.message


def test_docs_rules_md_carries_the_precisions(reg):
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page.strip() == docs_markdown(reg).strip()
    for r in reg:
        if r.heuristic:
            assert r.precision.sentence() in page
    assert len(re.findall("\n- 启发式规则：", page)) == len(HEURISTIC)
