"""The fifth speed pass on the plain checks (#17, branch checkfast5): each fast path equals the plain code it replaced."""

from __future__ import annotations

import importlib
import random
import re

import pytest

import shuzhi
from conftest import CORPUS
from shuzhi.rules import placeholder_scan, placeholders
from shuzhi.rules.config import Config
from shuzhi.rules.context import Context


@pytest.fixture(scope="module")
def corpus_texts():
    paths = (
        sorted((CORPUS / "gov-reports").glob("*.txt"))
        + sorted((CORPUS / "seeds").glob("0*.txt"))
        + sorted((CORPUS / "laws").glob("*.txt"))[:150]
    )
    return [shuzhi.load(p).text for p in paths]


# ---- P101 and P102: one search of the union of their six patterns -------------------------------------
def _ctx(rule):
    cfg = Config()
    return Context(cfg.lexicons, cfg.campaign, {}, cfg.rule_options).for_rule(rule)


def _six(pat):
    return [
        pat.cjk,
        pat.masked,
        placeholder_scan._MASK_RE,
        placeholder_scan._BARE_UNIT,
        placeholder_scan._BARE_PERCENT,
        placeholder_scan._PAIR,
    ]


def _mark_texts(n: int, seed: int) -> list[str]:
    """Report prose cut with pieces of the two rules' own examples (each reaches one or two of the six
    patterns) and single characters the patterns are made of: most texts match one pattern or none."""
    rng = random.Random(seed)
    examples = [
        t for r in (placeholders.unfilled_placeholder, placeholders.number_missing) for t in (*r.triggers, *r.passes)
    ] + ["两镇分别完成万元和万元。", "全年分别培训人和人，", "面积分别稳定在万亩和万亩；"]  # 分别 pairs (P102)
    pieces = examples + [e[a : a + k] for e in examples for a in range(0, len(e), 3) for k in (2, 4, 7)]
    singles = list("X×*＊xZDG某○□_＿【】[]（(填写%分别万元亿个百分点为达完成，。、\n20中国习员")
    filler = "全年坚持推进工作落实责任加强建设服务群众"
    out = []
    for _ in range(n):
        parts = [rng.choice(filler) * rng.randint(0, 3)]
        for _ in range(rng.randint(0, 4)):
            parts.append(rng.choice(pieces) if rng.random() < 0.6 else rng.choice(singles))
            parts.append("".join(rng.choice(filler) for _ in range(rng.randint(0, 5))))
        out.append("".join(parts))
    return out


def test_marks_free_exactly_where_none_of_the_six_patterns_matches(corpus_texts):
    pat = placeholder_scan._patterns(_ctx(placeholders.unfilled_placeholder))
    assert pat.any_mark is not None
    free = busy = 0
    for t in corpus_texts + _mark_texts(6000, 5):
        none = all(p.search(t) is None for p in _six(pat))
        assert placeholder_scan.marks_free(t, pat) == none, t
        free += none
        busy += not none
    assert free > 1000 and busy > 1000
    # Each pattern alone is what makes some text busy: none of the six can be left out of the union.
    alone = {i: 0 for i in range(6)}
    for t in _mark_texts(6000, 6):
        hits = [i for i, p in enumerate(_six(pat)) if p.search(t)]
        if len(hits) == 1:
            alone[hits[0]] += 1
    assert all(alone.values()), alone


def test_p101_and_p102_equal_their_full_scans(corpus_texts, monkeypatch):
    rules = (placeholders.unfilled_placeholder, placeholders.number_missing)
    ctxs = [_ctx(r) for r in rules]

    def hits(doc):
        return [
            [(h.start, h.end, h.message, h.data, h.raw_span) for h in r.check(doc, c)]
            for r, c in zip(rules, ctxs, strict=True)
        ]

    docs = [shuzhi.loads(t) for t in corpus_texts[:60] + _mark_texts(1500, 7)]
    fast = [hits(d) for d in docs]
    monkeypatch.setattr(placeholders, "_marks_free", lambda doc, ctx: False)  # the plain scans, every time
    plain = [hits(shuzhi.loads(d.text)) for d in docs]
    assert fast == plain
    assert sum(1 for f in fast if f[0]) > 100 and sum(1 for f in fast if f[1]) > 30


def test_a_broken_locality_pattern_leaves_p102_its_full_scan():
    from shuzhi.rules.config import config_from_dict
    from shuzhi.rules.engine import check_document

    cfg = config_from_dict({"select": ["P102"], "lexicons": {"placeholders.masked": {"FB(腐败": "反"}}})
    found = check_document(shuzhi.loads("两镇分别完成万元和万元。"), cfg).findings
    assert [f.code for f in found] == ["P102", "P102"]


# ---- patterns told their start sets (compile_skipping) ------------------------------------------------
# Alternations whose branches open with groups, or patterns that open with a lookbehind: without a start
# set the engine tries every position of the range searched (the cue words over a law's paragraphs, the
# role words between figures).
_SKIPPING = [
    ("shuzhi.analysis.dimensions", "_SHORT_CUE_RE"),
    ("shuzhi.figures.completion", "RATE_RE"),
    ("shuzhi.figures.completion", "TARGET_RE"),
    ("shuzhi.figures.parts", "_MEASURE_HEAD_RE"),
    ("shuzhi.figures.tables", "_DELTA_H"),
    ("shuzhi.figures.tables", "_TARGET_H"),
    ("shuzhi.figures.tokens", "BUDGET_RE"),
    ("shuzhi.figures.tokens", "INC_RE"),
    ("shuzhi.figures.tokens", "RATE_RE"),
    ("shuzhi.figures.tokens", "TO_RE"),
    ("shuzhi.outline.cues", "PLAN_CUE"),
    ("shuzhi.outline.cues", "PLAN_INTRO"),
    ("shuzhi.outline.cues", "SHORT_CUE"),
    ("shuzhi.outline.cues", "WRAP_STRONG"),
    ("shuzhi.outline.heads", "_ITEM_START"),
    ("shuzhi.outline.meta", "_BODY_DATE_RE"),
    ("shuzhi.outline.meta", "_DATING_RE"),
    ("shuzhi.outline.meta", "_YEAR_RE"),
    ("shuzhi.outline.parts", "_SELF_WRAP"),
    ("shuzhi.outline.title", "_TITLE_ROLE"),
    ("shuzhi.rules.placeholder_scan", "_EVALUATOR_LABEL"),
    ("shuzhi.rules.placeholder_scan", "_FORMULA_X"),
]


def _spans(pattern: re.Pattern, text: str, pos: int, endpos: int):
    return [(m.span(), m.groups()) for m in pattern.finditer(text, pos, endpos)]


def _pattern_texts(pattern: str, n: int, seed: int) -> list[str]:
    """Texts of the pattern's own characters (its words, cut anywhere) and a little else: matches start, fail
    and overlap everywhere, at the start and the end of a range too."""
    rng = random.Random(seed)
    chars = sorted({c for c in pattern if not c.isascii() or c.isalnum()} | set("。，；\n 12345%.x"))
    words = re.findall(r"[\u4e00-\u9fff]{2,}", pattern) or chars
    out = []
    for _ in range(n):
        parts = []
        while sum(map(len, parts)) < rng.randint(0, 200):
            parts.append(rng.choice(words) if rng.random() < 0.4 else rng.choice(chars))
        out.append("".join(parts))
    return out


def _assert_same_matches(plain: re.Pattern, fast: re.Pattern, texts: list[str], seed: int) -> None:
    rng = random.Random(seed)
    for t in texts:
        assert _spans(fast, t, 0, len(t)) == _spans(plain, t, 0, len(t)), t[:80]
        for _ in range(3):  # ranges, as the rules search a paragraph or the words before a figure
            a = rng.randint(0, len(t))
            b = rng.randint(a, len(t))
            assert _spans(fast, t, a, b) == _spans(plain, t, a, b)
            m, p = fast.search(t, a, b), plain.search(t, a, b)
            assert (m and (m.span(), m.groups())) == (p and (p.span(), p.groups()))


@pytest.mark.parametrize(("module", "name"), _SKIPPING)
def test_patterns_told_their_start_sets_match_as_the_plain_ones(module, name, corpus_texts):
    fast = getattr(importlib.import_module(module), name)
    plain = re.compile(fast.pattern, fast.flags)
    assert fast is not plain  # compiled with its start set, not the plain compile
    _assert_same_matches(plain, fast, corpus_texts[:60] + _pattern_texts(fast.pattern, 400, 3), 4)


def test_a_start_set_short_of_one_character_is_caught(corpus_texts, monkeypatch):
    """The comparison above sees a start set that leaves out a character a match can start with."""
    from shuzhi.outline import cues
    from shuzhi.text import fastre

    real = fastre.first_chars
    monkeypatch.setattr(fastre, "first_chars", lambda p, f=0: (real(p, f) or set()) - {"存"})
    broken = fastre.compile_skipping(cues.SHORT_CUE.pattern)
    with pytest.raises(AssertionError):
        _assert_same_matches(
            re.compile(cues.SHORT_CUE.pattern), broken, _pattern_texts(cues.SHORT_CUE.pattern, 400, 3), 4
        )


# ---- quantities: groups by position, each figure's clause from its own window ------------------------------
def _plain_extract():
    """extract() as it was: _quantity reading m.groupdict(), the clauses from a table lookup over the whole
    text's code points (both rebuilt here from the plain code)."""
    import inspect

    import numpy as np

    from shuzhi.figures import quantities as q

    src = inspect.getsource(q._quantity)
    src = src.replace("g = m.groups()", "g = m.groupdict()", 1)
    src, n = re.subn(r"g\[_G_(\w+)\]", lambda m: f'g["{m.group(1).lower()}"]', src)
    assert n >= 14 and "g[_G_" not in src
    ns = dict(vars(q))
    exec(src.replace("def _quantity(", "def _plain_quantity(", 1), ns)
    plain_quantity = ns["_plain_quantity"]

    def extract(text):
        out = []
        for m in q.QUANTITY_RE.finditer(text):
            s = m.start()
            if s and text[s - 1] in q._BAD_BEFORE:
                continue
            x = plain_quantity(text, m)
            if x is not None and q.math.isfinite(x.base):
                out.append(x)
        if out:
            codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
            delims = np.flatnonzero(q._IS_DELIM.take(codes, mode="clip"))
            before = np.searchsorted(delims, [x.start for x in out]).tolist()
            for x, i in zip(out, before, strict=True):
                x.indicator = text[max(int(delims[i - 1]) + 1 if i else 0, x.start - q.MAX_INDICATOR) : x.start]
        return out

    return extract


def _clause_texts(n: int, seed: int) -> list[str]:
    """Figures of every group (percent in words, tenths, ranges, Chinese numerals, two scales, 余/多) at the
    start of the text, right after a delimiter, and at 63, 64 and 65 characters or more past the last one."""
    rng = random.Random(seed)
    figures = [
        "12.5万元",
        "300多万元",
        "3亿多元",
        "百分之三十",
        "千分之五",
        "三成以上",
        "5%-8%",
        "2-3个",
        "两千五百万元",
        "五点八亿元",
        "1,753人",
        "45%",
        "约8倍",
        "第3条",
        "A1",
    ]
    words = ["全年", "完成", "同比增长", "，", "。", "（", "）", "\n", "：", "、", "较上年", "达"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 12)):
            r = rng.random()
            if r < 0.15:
                parts.append("增" * rng.choice([1, 10, 62, 63, 64, 65, 70]))
            elif r < 0.55:
                parts.append(rng.choice(words))
            parts.append(rng.choice(figures))
        out.append("".join(parts))
    return out


def test_quantities_equal_the_plain_groups_and_clauses(corpus_texts):
    from shuzhi.figures import quantities

    plain = _plain_extract()
    texts = corpus_texts + _clause_texts(3000, 8)
    n = 0
    for t in texts:
        fast = quantities.extract(t)
        assert repr(fast) == repr(plain(t)), t[:80]
        n += len(fast)
    assert n > 10000
