"""The ninth speed pass on the plain checks (#17, branch checkfast9): the rules that run and their contexts found once
per config, a report's 述 kinds once per document and the outline walked once by the dimension analysis give exactly
what was found per rule, per call and per walk before."""

from __future__ import annotations

import pytest

import shuzhi
from conftest import CORPUS, SEEDS
from shuzhi.analysis import coverage
from shuzhi.model.findings import Hit
from shuzhi.rules import rule
from shuzhi.rules.config import Config
from shuzhi.rules.engine import run_rules
from shuzhi.rules.registry import Registry


def _recording_registry(seen: list):
    @rule(
        code="S997",
        name="records-its-context",
        title="t",
        severity="info",
        triggers=(),
        passes=(),
        options={"limit": 3},
    )
    def recorder(doc, ctx):
        """docs"""
        seen.append((dict(ctx.options), ctx.campaign, ctx.rule_options, ctx.lexicons, dict(ctx.extra)))
        yield Hit(0, 1, f"limit {ctx.options['limit']}")

    return Registry([recorder])


def test_contexts_follow_the_config_from_one_document_to_the_next():
    seen: list = []
    cfg = Config(registry=_recording_registry(seen))
    doc = shuzhi.loads("标题\n正文。")
    assert run_rules(doc, cfg)[0].message == "limit 3"
    # The config's own option for the rule, set in place after a run: the next document sees it.
    cfg.rule_options["S997"] = {"limit": 7}
    assert run_rules(doc, cfg)[0].message == "limit 7"
    del cfg.rule_options["S997"]
    assert run_rules(doc, cfg)[0].message == "limit 3"
    # Other objects for the campaign, the options and the word lists: the rule gets those.
    cfg.campaign = {"year": 2023}
    cfg.rule_options = {}
    run_rules(doc, cfg)
    _, campaign, rule_options, lexicons, _ = seen[-1]
    assert campaign is cfg.campaign and rule_options is cfg.rule_options and lexicons is cfg.lexicons
    # The campaign changed in place: the rule reads the config's own dict.
    cfg.campaign["year"] = 2024
    run_rules(doc, cfg)
    assert seen[-1][1] == {"year": 2024}
    # Extra context (an index's copies): a context with it, not the plain one.
    run_rules(doc, cfg, extra={"copy": "x"})
    assert seen[-1][4] == {"copy": "x"}
    run_rules(doc, cfg)
    assert seen[-1][4] == {} and seen[-1][0] == {"limit": 3}


def test_a_new_registry_with_the_same_codes_gets_its_own_rules_contexts():
    seen: list = []
    cfg = Config(registry=_recording_registry(seen))
    doc = shuzhi.loads("标题\n正文。")
    run_rules(doc, cfg)

    @rule(code="S997", name="other", title="t", severity="info", triggers=(), passes=(), options={"limit": 9})
    def other(doc, ctx):
        """docs"""
        yield Hit(0, 1, f"other {ctx.options['limit']}")

    cfg.registry = Registry([other])
    assert run_rules(doc, cfg)[0].message == "other 9"


def _kinds_as_before(doc) -> list[str]:
    """coverage.report_kinds as it was before it was kept per document (main fbf168b)."""
    kinds = list(doc.meta.kinds)
    if kinds:
        return kinds
    for a, b in doc.paragraphs[:15]:
        line = doc.text[a:b]
        if len(line) <= 60 and coverage._TITLE_LIKE_RE.search(line):
            out = []
            for m in coverage._KIND_RE.finditer(line):
                if m.group() not in out:
                    out.append(m.group())
            return out
    return []


@pytest.mark.parametrize(
    "text",
    [
        "2023年度述职述廉报告\n一年来，本人认真履职。",
        "关于某项工作的情况\n各位代表：\n某某局述德述法材料\n现将工作报告如下。",
        "标题\n正文。",
    ],
)
def test_report_kinds_kept_per_document_equal_the_plain_search(text):
    doc = shuzhi.loads(text)
    first = coverage.report_kinds(doc)
    assert first == _kinds_as_before(doc)
    first.append("改")  # a caller's list is its own
    assert coverage.report_kinds(doc) == _kinds_as_before(doc)


def test_report_kinds_on_the_corpus():
    paths = SEEDS + sorted((CORPUS / "gov-reports").glob("*.txt"))[:30] + sorted((CORPUS / "laws").glob("*.txt"))[:80]
    assert len(paths) > 100
    for p in paths:
        doc = shuzhi.load(p)
        assert coverage.report_kinds(doc) == _kinds_as_before(doc) == coverage.report_kinds(doc), p


def _rule(code: str, needs=()):
    @rule(code=code, name=f"rule-{code.lower()}", title="t", severity="info", triggers=(), passes=(), needs=needs)
    def check(doc, ctx):
        """docs"""
        yield Hit(0, 1, code)

    return check


def test_the_rules_that_run_follow_selection_needs_and_registry_from_one_document_to_the_next():
    reg = Registry([_rule("S991"), _rule("S992", needs=("index",)), _rule("S993", needs=("campaign",))])
    cfg = Config(registry=reg)
    a = shuzhi.loads("标题\n正文。", source="drafts/a.txt")
    b = shuzhi.loads("标题\n正文。", source="final/b.txt")

    def codes(doc, **kw):
        return sorted(f.code for f in run_rules(doc, cfg, **kw))

    assert codes(a) == ["S991"]
    assert codes(a, provides=["index"]) == ["S991", "S992"]
    assert codes(a) == ["S991"]
    cfg.campaign = {"year": 2023}
    assert codes(a) == ["S991", "S993"]
    cfg.campaign = {}
    cfg.ignore = ["S991"]
    assert codes(a) == []
    cfg.ignore = []
    cfg.per_file_ignores = {"drafts/*": ["S991"]}
    assert (codes(a), codes(b), codes(a)) == ([], ["S991"], [])
    cfg.per_file_ignores = {}
    reg.add(_rule("S994"))
    assert codes(b) == ["S991", "S994"]
    # Another registry of as many rules.
    cfg.registry = Registry([_rule("S995"), _rule("S996"), _rule("S997"), _rule("S998")])
    assert codes(b) == ["S995", "S996", "S997", "S998"]


def test_the_dimension_analysis_walks_the_outline_once_with_the_same_parts_and_priors():
    from shuzhi.analysis import dimensions as dm
    from shuzhi.lexicons.loader import Lexicons

    lexicons = Lexicons()
    paths = SEEDS + sorted((CORPUS / "gov-reports").glob("*.txt"))[:20] + sorted((CORPUS / "laws").glob("*.txt"))[:120]
    parts_found = 0
    for p in paths:
        doc = shuzhi.load(p)
        sections = list(doc.outline.walk())
        parts = dm.find_parts(doc, lexicons, sections)
        assert parts == dm.find_parts(doc, lexicons), p
        parts_found += sum(x is not None for x in parts)
        hits = dm._CueHits(doc.text, lexicons)
        assert dm._heading_priors(doc, hits, sections) == dm._heading_priors(doc, hits), p
        for kind, key in (("shortcomings", "dimensions.shortcomings_headings"), ("plans", "dimensions.plans_headings")):
            cues = lexicons.get(key)
            assert dm._heading_part(doc, kind, cues, None, sections) == dm._heading_part(doc, kind, cues), p
    assert parts_found >= 8
