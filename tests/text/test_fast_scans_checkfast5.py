"""The fifth speed pass on the plain checks (#17, branch checkfast5): each fast path equals the plain code it replaced."""

from __future__ import annotations

import bisect
import importlib
import random
import re

import pytest

import shuzhi
from shuzhi.rules import placeholder_scan, placeholders
from shuzhi.rules.config import Config
from shuzhi.rules.context import Context


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


# ---- the outline: paragraphs found by bisection, topic headings by their length first --------------------
def _plain_outline_functions():
    """_topic_heads, _index_of, _wrapup_start and _tail as they were (rebuilt from their sources)."""
    import inspect
    import textwrap

    from shuzhi.outline import heads, parts, wrapup

    def rebuilt(module, func, *edits):
        src = textwrap.dedent(inspect.getsource(func))
        for old, new in edits:
            assert src.count(old) == 1, old
            src = src.replace(old, new)
        ns = dict(vars(module))
        exec(src, ns)
        return ns[func.__name__]

    topic = rebuilt(heads, heads._topic_heads, ("        if 20 < b - a < 68 or b - a < 2:\n            continue\n", ""))
    wrap = rebuilt(
        wrapup,
        wrapup._wrapup_start,
        (
            "_ends_a_paragraph(paras, last.heading_end)",
            "any(b == last.heading_end for _, b in paras)",
        ),
        (
            "k = bisect.bisect_left(paras, (last.heading_end,))",
            "under = next((a for a, _ in paras if a >= last.heading_end), None)",
        ),
        ("under = paras[k][0] if k < len(paras) else None", "pass"),
        (
            "range(max(first, bisect.bisect_left(paras, (max(last_head + 1, half),))), len(paras))",
            "range(first, len(paras))",
        ),
    )
    tail = rebuilt(
        parts,
        parts._tail,
        ("    if prev.children:\n        subs = list(prev.walk())", "    if True:\n        subs = list(prev.walk())"),
    )

    def index_of(paras, a):
        return {x: i for i, (x, _) in enumerate(paras)}[a]

    return {"topic": topic, "wrap": wrap, "tail": tail, "index_of": index_of}


def _use_plain_outline(monkeypatch, plain) -> None:
    from shuzhi.outline import heads, parse, parts, wrapup

    monkeypatch.setattr(heads, "_topic_heads", plain["topic"])
    monkeypatch.setattr(parse, "_topic_heads", plain["topic"])
    monkeypatch.setattr(heads, "_index_of", plain["index_of"])
    monkeypatch.setattr(wrapup, "_wrapup_start", plain["wrap"])
    monkeypatch.setattr(parse, "_wrapup_start", plain["wrap"])
    monkeypatch.setattr(parts, "_tail", plain["tail"])


def _report_texts(n: int, seed: int) -> list[str]:
    """Reports of numbered parts, topic sentences over bodies of 59-61 characters (paragraphs of 67-69), label
    lines of 1-21 characters, restarted （一） series after a plans paragraph, heading lines with a paragraph
    under them, and wrap-up paragraphs (总之, 虽然…差距, 特此报告) at the end."""
    rng = random.Random(seed)
    filler = "认真履行职责推动工作落实加强队伍建设提升服务水平"

    def prose(k: int) -> str:
        return "".join(rng.choice(filler) for _ in range(k))

    def topic() -> str:
        head = "坚持" + prose(rng.randint(3, 12)) + "，" + prose(rng.randint(2, 30)) + "。"
        return head + prose(rng.choice([58, 59, 60, 61, 80]) - 1) + "。"

    blocks = [
        lambda: "一、" + prose(rng.randint(4, 10)),
        lambda: "二、" + prose(rng.randint(4, 10)) + "。" + prose(30) + "。",
        lambda: "（一）" + prose(rng.randint(4, 20)) + "。",
        lambda: "（二）" + prose(rng.randint(4, 20)) + "。",
        lambda: "下一步，我将抓好以下工作：",
        topic,
        topic,
        lambda: prose(rng.choice([1, 2, 6, 19, 20, 21])),  # label lines (or not)
        lambda: prose(rng.choice([20, 21, 66, 67, 68, 69])) + "。",
        lambda: prose(rng.randint(30, 90)) + "。",
        lambda: "总之，" + prose(20) + "。",
        lambda: "虽然取得了一些成绩，但我也清醒地认识到自身还存在一些差距和不足：" + prose(20) + "。",
        lambda: "存在的问题和不足",
        lambda: "一年来，我" + prose(25) + "。",
        lambda: "特此报告，请予评议。",
    ]
    out = []
    for _ in range(n):
        paras = ["2023年度述职报告", "现将一年来的工作报告如下："]
        kinds = blocks if rng.random() < 0.5 else blocks[2:]  # half without 一、: topic headings are looked for
        paras += [rng.choice(kinds)() for _ in range(rng.randint(1, 25))]
        out.append("\n".join(paras))
    return out


def test_outline_equals_the_plain_scans(corpus_texts, monkeypatch):
    from shuzhi.outline.parse import parse_outline

    texts = corpus_texts + _report_texts(2500, 9)
    fast = [repr(parse_outline(shuzhi.loads(t))) for t in texts]
    _use_plain_outline(monkeypatch, _plain_outline_functions())
    plain = [repr(parse_outline(shuzhi.loads(t))) for t in texts]
    assert fast == plain
    assert sum("source='topic'" in o for o in fast) > 100 and sum("kind='plans'" in o for o in fast) > 200


def test_paragraph_bisections_equal_the_scans():
    from shuzhi.outline import heads, wrapup

    rng = random.Random(10)
    for _ in range(3000):
        paras, pos = [], 0
        for _ in range(rng.randint(0, 12)):
            pos += rng.randint(0, 2)  # adjacent or not
            n = rng.randint(1, 4)  # one-character paragraphs too
            paras.append((pos, pos + n))
            pos += n
        for x in range(-1, pos + 3):
            assert wrapup._ends_a_paragraph(paras, x) == any(b == x for _, b in paras)
            starts = {a: i for i, (a, _) in enumerate(paras)}
            if x in starts:
                assert heads._index_of(paras, x) == starts[x]
            else:
                with pytest.raises(KeyError):
                    heads._index_of(paras, x)
            k = bisect.bisect_left(paras, (x,))
            assert (paras[k][0] if k < len(paras) else None) == next((a for a, _ in paras if a >= x), None)


def test_cn_numbers_looked_up_equal_the_reading():
    import itertools

    from shuzhi.outline import enumerations

    chars = enumerations.CN_DIGITS + "零〇两百千1"
    strings = ["".join(p) for k in range(5) for p in itertools.product(chars, repeat=k) if k < 4 or p[0] in "一十"]
    assert len(strings) > 10000
    for s in strings:
        assert enumerations.cn_number(s) == enumerations._read_cn_number(s), s


def _heading_texts(n: int, seed: int) -> list[str]:
    """Headings with one of SHORT_HEAD's or PLAN_HEAD's words (or a part of one) at every place up to the
    42nd character, after colons and spaces that _label_kind strips."""
    from shuzhi.outline import cues

    rng = random.Random(seed)
    # The words of the two patterns themselves (not the needles under test), and pieces of them.
    words = [*re.findall(r"[\u4e00-\u9fff]+", cues.SHORT_HEAD.pattern + cues.PLAN_HEAD.pattern), "下一", "不", "工"]
    out = []
    for _ in range(n):
        lead = "".join(
            rng.choice("：: 认真推进工作的和")
            for _ in range(rng.choice([0, 0, 0, 1, 2, 3, 4, 6, 36, 37, 38, 39, 40, 41]))
        )
        out.append(
            lead + rng.choice(words) + "".join(rng.choice("和及与、打算计划今后") for _ in range(rng.randint(0, 4)))
        )
    return out


def test_label_words_absent_means_a_body_heading():
    from shuzhi.outline import heads, parse

    found = 0
    for h in _heading_texts(20000, 11):
        kind = heads._label_kind(h)
        if parse._LABEL_WORDS.search(h, 0, min(len(h), 40)) is None:
            assert kind == "body", h
        found += kind != "body"
    assert found > 1000


def test_set_kinds_equals_the_plain_loop(corpus_texts, monkeypatch):
    import inspect
    import textwrap

    from shuzhi.outline import parse

    src = textwrap.dedent(inspect.getsource(parse._set_kinds))
    plain_src, n = re.subn(r"\n *if words is not None and words\([^\n]*\n *continue[^\n]*\n", "\n", src)
    assert n == 1
    ns = dict(vars(parse))
    exec(plain_src, ns)
    texts = corpus_texts + [
        "2023年度述职报告\n"
        + "\n".join(f"{k}、{h}\n{'认真履行职责推动工作落实' * 3}。" for k, h in zip("一二三四五", hs, strict=False))
        for hs in (_heading_texts(5, s) for s in range(2000))
    ]
    fast = [repr(parse.parse_outline(shuzhi.loads(t))) for t in texts]
    monkeypatch.setattr(parse, "_set_kinds", ns["_set_kinds"])
    assert fast == [repr(parse.parse_outline(shuzhi.loads(t))) for t in texts]
    assert sum("kind='shortcomings'" in o for o in fast) > 100 and sum("kind='plans'" in o for o in fast) > 100


# ---- the line table of a plain text, made when a position is first asked for ----------------------------
def test_line_units_made_on_demand_equal_the_line_table(corpus_texts):
    import numpy as np

    from shuzhi.model.document import LineUnits, Unit

    rng = random.Random(12)
    raws = [t for t in corpus_texts[:40]] + ["", "\n", "\n\n", "一", "一\n", "\n一"]
    raws += ["".join(rng.choice("ab\n") for _ in range(rng.randint(0, 30))) for _ in range(500)]
    for raw in raws:
        lengths = np.fromiter(map(len, raw.split("\n")), np.int64)
        ends = np.cumsum(lengths + 1) - 1
        starts, ends = (ends - lengths).tolist(), ends.tolist()
        units = LineUnits(raw)
        assert units._starts is None  # nothing made until asked
        assert (units.ends, units.starts, len(units)) == (ends, starts, len(starts))
        units = LineUnits(raw)
        assert list(units) == [Unit(a, b, i + 1) for i, (a, b) in enumerate(zip(starts, ends, strict=True))]
        units = LineUnits(raw)
        for i in (0, -1, len(starts) - 1, len(starts), -len(starts) - 1):
            if -len(starts) <= i < len(starts):
                assert units[i] == Unit(starts[i], ends[i], (i % len(starts)) + 1)
            else:
                with pytest.raises(IndexError):
                    units[i]
        assert units[1:3] == [Unit(a, b, i + 2) for i, (a, b) in enumerate(zip(starts[1:3], ends[1:3], strict=True))]
