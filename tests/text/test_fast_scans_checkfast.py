"""The second speed pass on the plain checks (#17, branch checkfast): each fast path equals the plain code it replaced."""

from __future__ import annotations

import functools
import random
import re

import pytest

import shuzhi
from conftest import CORPUS
from shuzhi.analysis import dimensions
from shuzhi.model.document import paragraph_spans
from shuzhi.outline.cues import SENT_END, sentence_end
from shuzhi.rules.config import Config


@pytest.fixture(scope="module")
def corpus_docs():
    paths = (
        sorted((CORPUS / "gov-reports").glob("*.txt"))
        + sorted((CORPUS / "seeds").glob("0*.txt"))
        + sorted((CORPUS / "laws").glob("*.txt"))[:120]
    )
    return [shuzhi.load(p) for p in paths]


# ---- the plain versions, as they were -------------------------------------------------------
_PLAIN_FIGURE_RE = re.compile(
    r"(?<!\d)\d++(?:\.\d++)?\s*+(?:%|％|亿|万|千|百|个|家|项|件|起|户|人|名|所|亩|公里|千米|米|吨|元|次|批|座|条|套|台)"
)


def _plain_sentence_end(text: str, a: int, b: int) -> int:
    best = b
    for p in SENT_END:
        i = text.find(p, a, best)
        if i >= 0:
            best = i + 1
    return best


def _plain_paragraph_spans(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        if nl > pos:
            out.append((pos, nl))
        pos = nl + 1
    return out


def _plain_blocks(pieces, hits, priors):
    blocks = []
    active = dimensions._PriorSweep(priors)
    for a, b, part_label in pieces:
        ev = [(x, y, ph, t) for x, y, ph, tags in hits.within(a, b) for t in tags]
        if part_label is not None:
            blocks.append(dimensions.Block(a, b, part_label, {}, (part_label,), ev))
            continue
        priors_here = active.at(a)
        if not ev and not priors_here:
            blocks.append(dimensions.Block(a, b, None))
            continue
        scores: dict[str, float] = {}
        for _, _, ph, t in ev:
            scores[t] = scores.get(t, 0) + dimensions.cue_weight(ph)
        for p in priors_here:
            for t, v in p.items():
                scores[t] = scores.get(t, 0) + v
        label, dims = dimensions._classify(scores)
        blocks.append(dimensions.Block(a, b, label, scores, dims, ev))
    return blocks


# ---- the comparisons ---------------------------------------------------------------------------
def test_figure_regex_matches_the_plain_pattern(corpus_docs):
    found = 0
    for doc in corpus_docs:
        want = [m.span() for m in _PLAIN_FIGURE_RE.finditer(doc.text)]
        assert [m.span() for m in dimensions._FIGURE_RE.finditer(doc.text)] == want
        found += len(want)
    assert found > 1000
    rng = random.Random(17)
    alphabet = "0123456789. 　%亿万个人元米公里千甲，。\n"
    for _ in range(20000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))
        want = [m.span() for m in _PLAIN_FIGURE_RE.finditer(s)]
        assert [m.span() for m in dimensions._FIGURE_RE.finditer(s)] == want, s


def test_sentence_end_equals_the_loop_over_the_marks(corpus_docs):
    rng = random.Random(18)
    for doc in corpus_docs[:60]:
        text = doc.text
        for a, b in doc.paragraphs:
            assert sentence_end(text, a, b) == _plain_sentence_end(text, a, b)
        for _ in range(50):
            a = rng.randrange(len(text) + 1)
            b = rng.randrange(a, len(text) + 1)
            assert sentence_end(text, a, b) == _plain_sentence_end(text, a, b)
    for _ in range(20000):
        s = "".join(rng.choice("甲乙。！？!?，\n") for _ in range(rng.randrange(0, 12)))
        a = rng.randrange(len(s) + 1)
        b = rng.randrange(a, len(s) + 1)
        assert sentence_end(s, a, b) == _plain_sentence_end(s, a, b), (s, a, b)


def test_paragraph_spans_equal_the_loop_over_newlines(corpus_docs):
    for doc in corpus_docs:
        assert paragraph_spans(doc.text) == _plain_paragraph_spans(doc.text)
    rng = random.Random(19)
    for _ in range(20000):
        s = "".join(rng.choice("甲\n\n 。") for _ in range(rng.randrange(0, 12)))
        assert paragraph_spans(s) == _plain_paragraph_spans(s), repr(s)
        assert paragraph_spans(s, 2) == _plain_paragraph_spans(s)[:2], repr(s)


def test_blocks_equal_the_plain_per_piece_search(corpus_docs):
    lexicons = Config().lexicons
    with_priors = with_evidence = 0
    for doc in corpus_docs:
        hits = dimensions._CueHits(doc.text, lexicons)
        short, plans = dimensions.find_parts(doc, lexicons)
        cuts = [(p.start, p.end, "问题" if p.kind == "shortcomings" else "打算") for p in (short, plans) if p]
        pieces = dimensions._pieces(doc, cuts)
        priors = dimensions._heading_priors(doc, hits)
        got = dimensions._blocks(pieces, hits, priors)
        assert got == _plain_blocks(pieces, hits, priors)
        with_priors += bool(priors)
        with_evidence += sum(1 for b in got if b.evidence)
    assert with_priors > 20 and with_evidence > 1000  # the sweep and the cue ranges were exercised


@functools.cache
def _plain_family_table():
    """The families tried at each first character before: the digit families at every character."""
    from shuzhi.outline import heads
    from shuzhi.text.fastre import first_chars

    firsts = [first_chars(rx.pattern, rx.flags) for _, _, rx in heads._FAMILIES]
    anywhere = tuple(f for f, chars in zip(heads._FAMILIES, firsts, strict=True) if chars is None)
    by_char = {
        ch: tuple(f for f, chars in zip(heads._FAMILIES, firsts, strict=True) if chars is None or ch in chars)
        for chars in firsts
        for ch in chars or ()
    }
    return by_char, anywhere


def _plain_numbered_heads(text, paras, first):
    from shuzhi.outline import heads

    by_char, anywhere = _plain_family_table()
    out = []
    for i in range(first, len(paras)):
        a, b = paras[i]
        for family, rank, rx in by_char.get(text[a], anywhere):
            m = rx.match(text, a, b)
            if not m:
                continue
            num = heads._marker_number(family, m.group("num"))
            if num is None or num == 0:
                continue
            end = _plain_sentence_end(text, a, b)
            if m.end() >= b:
                if i + 1 >= len(paras) or family == "di":
                    continue
                end = _plain_sentence_end(text, paras[i + 1][0], paras[i + 1][1])
            out.append(heads._Head(a, b, rank, m.group(), num, family, heading_end=end))
            break
    return out


_SYNTHETIC_HEADS = (
    "述职报告\n一、学习情况\n1、加强理论学习。认真学习。\n２．深入调研\n٣、第三项\n（一）抓落实\n（2）再落实\n"
    "①第一点\n第一，坚持原则\n第二条 法律\n其一，其二\nⅠ、总体\nII.基层\n10.5亿元\n3、4月份\n一、二季度\n1.\n正文。"
)


def test_numbered_heads_equal_trying_every_family(corpus_docs):
    from shuzhi.outline import heads

    docs = [*corpus_docs, shuzhi.loads(_SYNTHETIC_HEADS)]
    digit_heads = 0
    for doc in docs:
        got = heads._numbered_heads(doc.text, doc.paragraphs, 0)
        want = heads._series_only(_plain_numbered_heads(doc.text, doc.paragraphs, 0))
        assert [(h.start, h.family, h.number, h.heading_end) for h in got] == [
            (h.start, h.family, h.number, h.heading_end) for h in want
        ]
        digit_heads += sum(1 for h in got if h.family == "ar")
    assert digit_heads >= 3  # the families opening with a digit were exercised


def _plain_topic_heads(text, paras, first, last, numbered):
    from shuzhi.outline import cues
    from shuzhi.outline.heads import _ITEM_START, _VENDOR, _Head, _heading_lines, _is_label_line

    numbered_starts = {h.start for h in numbered}
    cands, labels = [], []
    for a, b in paras[first:last]:
        if a in numbered_starts:
            continue
        line = text[a:b]
        if (
            line[0].isdigit()
            or _ITEM_START.match(line)
            or _VENDOR.search(line[:20])
            or cues.WRAP_STRONG.match(line)
            or cues.WRAP_WEAK.match(line)
        ):
            continue
        e = _plain_sentence_end(text, a, b)
        topic = text[a:e]
        if e < b:
            if 8 <= len(topic) <= 45 and "，" in topic and b - e >= 60 and topic[-1] == "。":
                cands.append(_Head(a, b, 1, "", None, "topic", source="topic", heading_end=e))
        elif _is_label_line(line):
            labels.append(_Head(a, b, 1, "", None, "topic", source="topic", heading_end=b))
    labels = _heading_lines(text, paras, labels)
    if len(cands) < 2:
        return labels
    groups = {}
    for h in cands:
        groups.setdefault(text[h.start : h.start + 2], []).append(h)
    chosen = [h for g in groups.values() if len(g) >= 2 for h in g]
    plain = sum(1 for a, b in paras[first:last] if a not in numbered_starts and not _ITEM_START.match(text, a, b))
    if not 2 <= len(chosen) <= 12 or len(chosen) * 10 < plain * 3:
        chosen = []
    return sorted(chosen + labels, key=lambda h: h.start)


def _synthetic_topic_reports(n: int = 400):
    """Reports of topic-led paragraphs and label lines around every length bound of _topic_heads."""
    rng = random.Random(20)
    for _ in range(n):
        paras = ["述职报告"]
        for _ in range(rng.randrange(2, 7)):
            kind = rng.random()
            if kind < 0.8:
                lead = rng.choice(["坚持", "坚持", "坚持", "强化", "1", "一是", "总之"]) + "学" * rng.randrange(2, 42)
                topic = (
                    lead + rng.choice(["，", "，", ""]) + "做" * rng.randrange(0, 4) + rng.choice(["。", "。", "！"])
                )
                paras.append(topic + "习" * rng.randrange(40, 80) + "。")
            elif kind < 0.9:
                paras.append(
                    rng.choice(["强化政治担当", "存在的问题", "仅供参考", "a" * 5]) + "学" * rng.randrange(0, 18)
                )
            else:
                paras.append("认" * rng.randrange(40, 90) + "。")
        yield shuzhi.loads("\n".join(paras))


def test_topic_heads_equal_the_plain_order_of_tests(corpus_docs):
    from shuzhi.outline.heads import _numbered_heads, _topic_heads

    found = 0
    for doc in [*corpus_docs, *_synthetic_topic_reports()]:
        paras = doc.paragraphs
        numbered = _numbered_heads(doc.text, paras, 0)
        got = _topic_heads(doc.text, paras, 1, len(paras), numbered)
        assert got == _plain_topic_heads(doc.text, paras, 1, len(paras), numbered)
        found += len(got)
    assert found > 10


def test_quantities_skip_only_what_quantity_refuses(corpus_docs):
    from shuzhi.figures import quantities as Q

    skipped = 0
    for doc in corpus_docs:
        text = doc.text
        plain = [q for m in Q.QUANTITY_RE.finditer(text) if (q := Q._quantity(text, m)) is not None]
        plain = [q for q in plain if Q.math.isfinite(q.base)]
        got = Q.extract(text)
        assert [(q.start, q.end, q.text, q.base, q.lo, q.hi, q.qualifier) for q in got] == [
            (q.start, q.end, q.text, q.base, q.lo, q.hi, q.qualifier) for q in plain
        ]
        skipped += sum(1 for m in Q.QUANTITY_RE.finditer(text) if m.start() and text[m.start() - 1] in Q._BAD_BEFORE)
    assert skipped > 1000


def test_plain_span_lines_equal_span_position(corpus_docs):
    rng = random.Random(21)
    docs = [*corpus_docs[:60], shuzhi.loads("甲\n\n  乙丙  \n丁"), shuzhi.loads("x")]
    for doc in docs:
        n = len(doc.text)
        spans = [(0, 0), (n, n), (0, n), (max(n - 1, 0), n)]
        spans += [(a, a + rng.randrange(0, 30)) for a in (rng.randrange(n + 1) for _ in range(40))]
        spans += [(a, a - 1) for a in range(1, min(n, 5))]  # empty and reversed spans
        for a, b in spans:
            p0, p1 = doc.span_position(a, b)
            assert doc.plain_span_lines(a, b) == (p0.line, p0.column, p1.line, p1.column), (a, b)


def test_findings_of_a_plain_text_keep_every_position_field():
    from shuzhi.model.document import LineUnits
    from shuzhi.rules.engine import check_document

    doc = shuzhi.load(sorted((CORPUS / "seeds").glob("0*.txt"))[0])
    assert isinstance(doc.units, LineUnits)
    fast = check_document(doc, Config()).findings
    # The same document with its units as a plain list takes the general path.
    slow_doc = shuzhi.load(sorted((CORPUS / "seeds").glob("0*.txt"))[0])
    slow_doc.units = list(slow_doc.units)
    slow = check_document(slow_doc, Config()).findings
    assert len(fast) > 20
    assert [f.to_dict() for f in fast] == [f.to_dict() for f in slow]


def test_enabled_codes_follow_select_ignore_and_the_registry():
    from shuzhi.rules.base import Rule

    cfg = Config()
    every = cfg.enabled_codes()
    assert "P101" in every
    cfg.ignore = ["P101"]
    assert "P101" not in cfg.enabled_codes() and cfg.enabled_codes() == every - {"P101"}
    cfg.select = ["N"]
    assert cfg.enabled_codes() == {c for c in every if c.startswith("N")}
    cfg.select, cfg.ignore = ["ALL"], []
    assert cfg.enabled_codes() == every
    p101 = cfg.registry.get("P101")
    cfg.registry.add(Rule(**{**{f: getattr(p101, f) for f in p101.__dataclass_fields__}, "code": "P199", "name": "z"}))
    assert cfg.enabled_codes() == every | {"P199"}
    # Every Config gets its own registry: the rule added above is not in a new one.
    assert "P199" not in Config().enabled_codes()
    codes = cfg.enabled_codes()
    codes.add("nonsense")  # the caller may change what it gets
    assert "nonsense" not in cfg.enabled_codes()


def test_meta_to_dict_is_asdict(corpus_docs):
    import dataclasses

    from shuzhi.outline.meta import Meta

    metas = [doc.meta for doc in corpus_docs[:100]]
    metas.append(Meta(title="t", year=2023, kinds=["述职"], loading={"ocr": {"pages": [1, 2]}, "notes": ["n"]}))
    for meta in metas:
        d = meta.to_dict()
        assert d == dataclasses.asdict(meta)
        assert list(d) == list(dataclasses.asdict(meta))  # the same key order (JSON output)
        d["kinds"].append("x")
        if "ocr" in d["loading"]:
            d["loading"]["ocr"]["pages"].append(3)
        assert d != dataclasses.asdict(meta)  # a copy: the document's metadata is untouched
    assert metas[-1].loading["ocr"]["pages"] == [1, 2]


def _plain_count_sentences(blk, sents, sent_starts, tally) -> None:
    import bisect

    WORK = dimensions.WORK
    ev_starts = [e[0] for e in blk.evidence]
    i = max(bisect.bisect_right(sent_starts, blk.start) - 1, 0)
    while i < len(sents) and sents[i][0] < blk.end:
        a, b = max(sents[i][0], blk.start), min(sents[i][1], blk.end)
        i += 1
        lo, hi = bisect.bisect_left(ev_starts, a), bisect.bisect_left(ev_starts, b)
        if lo == hi:
            if hi == len(ev_starts):
                break
            i = max(i, bisect.bisect_right(sent_starts, ev_starts[hi]) - 1)
            continue
        ev = blk.evidence[lo:hi]
        sc: dict[str, float] = {}
        for _, _, ph, t in ev:
            sc[t] = sc.get(t, 0) + dimensions.cue_weight(ph)
        label, dims = dimensions._classify(sc)
        if label is None:
            continue
        if label == "职" and not set(blk.dims) & set(WORK):
            tally.chars["职"] += b - a
        for d in dims[:1] if label != "职" else [d for d in dims if d in WORK]:
            if d not in blk.dims:
                tally.chars[d] += b - a
                for _, _, ph, t in ev:
                    if t == d:
                        tally.cite(d, ph)


def test_sentence_counts_equal_the_plain_loop(corpus_docs):
    lexicons = Config().lexicons
    counted = 0
    for doc in corpus_docs:
        analysis = dimensions.analyse(doc, lexicons)
        sents = doc.sentences
        starts = [a for a, _ in sents]
        for blk in analysis.blocks:
            if not blk.evidence or blk.label in ("问题", "打算"):
                continue
            fast, plain = dimensions._Tally(), dimensions._Tally()
            dimensions._count_sentences(blk, sents, starts, fast)
            _plain_count_sentences(blk, sents, starts, plain)
            assert (fast.chars, fast.evidence) == (plain.chars, plain.evidence)
            counted += sum(fast.chars.values()) > 0
    assert counted > 100  # sentences of another dimension were counted


def _plain_slogan_paragraph(doc, ctx):
    from shuzhi.analysis.signals import has_fact, signals_of, spans_within

    text = doc.text
    sig = signals_of(doc, ctx.lexicons)
    starts = sig.formula_starts
    title = doc.outline.title
    for a, b in doc.paragraphs:
        if title and (a, b) == tuple(title):
            continue
        n = b - a
        if n < int(ctx.options["min-chars"]) or has_fact(text, a, b):
            continue
        spans = spans_within(sig.formula_spans, starts, a, b)
        share = sum(y - x for x, y, _ in spans) / n
        known = {ph for _, _, ph in spans if ph != "四字格排比"}
        if share >= float(ctx.options["min-formula-share"]) and len(known) >= int(ctx.options["min-formulas"]):
            yield (a, b, share, [ph for _, _, ph in spans][:12])


def test_slogan_paragraphs_equal_the_plain_loop(corpus_docs):
    from shuzhi.rules.context import Context
    from shuzhi.rules.formalism import _F403_T1

    cfg = Config()
    base = Context(cfg.lexicons, cfg.campaign, {}, cfg.rule_options)
    rule = cfg.registry.get("F403")
    rng = random.Random(22)
    formulas = ["坚定不移", "对标对表", "真抓实干", "凝心聚力", "攻坚克难", "开拓进取", "奋发有为", "认真学习"]
    synthetic = [shuzhi.loads(_F403_T1)]
    for _ in range(200):
        paras = ["述职报告"]
        for _ in range(rng.randrange(1, 5)):
            words = [rng.choice(formulas) for _ in range(rng.randrange(0, 8))] + ["工作"] * rng.randrange(0, 6)
            rng.shuffle(words)
            paras.append("，".join(words) + rng.choice(["。", "，完成3项。", "。。。。。。。。。。。"]))
        synthetic.append(shuzhi.loads("\n".join(paras)))
    hits = 0
    for options in ({}, {"min-formulas": 1}, {"min-formulas": 0, "min-chars": 10}):
        ctx = base.for_rule(rule)
        ctx.options.update(options)
        for doc in [*corpus_docs, *synthetic]:
            got = [(h.start, h.end, h.data["formula_share"], h.data["formulas"]) for h in rule.check(doc, ctx)]
            want = [(a, b, round(s, 3), f) for a, b, s, f in _plain_slogan_paragraph(doc, ctx)]
            assert got == want
            hits += len(got)
    assert hits > 20


def _plain_wrapup_start(text, paras, first, heads, formula_only):
    from shuzhi.outline import cues
    from shuzhi.outline.heads import _ITEM_START, _SELF, _SENT_END, _is_label_line, _label_kind

    last = max(heads, key=lambda h: h.start, default=None)
    last_head = last.start if last is not None else -1
    under = None
    if (
        last is not None
        and any(b == last.heading_end for _, b in paras)
        and text[last.heading_end - 1] not in _SENT_END
    ):
        under = next((a for a, _ in paras if a >= last.heading_end), None)
    half = paras[-1][1] * 2 // 5
    near = max(first, len(paras) - 6)
    for i in range(first, len(paras)):
        a, b = paras[i]
        if a <= last_head or a < half:
            continue
        line = text[a:b]
        if _ITEM_START.match(line):
            continue
        head = text[a : _plain_sentence_end(text, a, b)]
        if formula_only:
            if cues.FORMULA.search(head):
                return i
            continue
        second = text[a : _plain_sentence_end(text, _plain_sentence_end(text, a, b), b)]
        if a == under and not (cues.FORMULA.search(head) or (cues.SHORT_CUE.search(second) and _SELF.search(second))):
            continue
        if (
            cues.WRAP_STRONG.match(line)
            or cues.FORMULA.search(head)
            or (_is_label_line(line) and _label_kind(line) != "body")
        ):
            return i
        if i >= near and (cues.WRAP_WEAK.match(line) or cues.SHORT_CUE.search(second) or cues.PLAN_CUE.match(line)):
            return i
    return None


def test_wrapup_start_equals_the_plain_loop(corpus_docs):
    from shuzhi.outline.parse import _heads
    from shuzhi.outline.wrapup import _wrapup_start

    rng = random.Random(23)
    pieces = [
        "一年来我认真工作，完成了各项任务。同时也存在一些不足，主要是学习不够深入。",
        "回顾一年的工作。我清醒地认识到自身还存在不足。",
        "今后，我将继续努力。",
        "全年完成投资3亿元，新建学校2所，惠及群众一万余人，各项工作取得新进展。",
        "以上报告，请批评指正。",
        "二、严以律己，廉洁从政",
        "存在的问题",
    ]
    synthetic = [
        shuzhi.loads(
            "\n".join(["述职报告", "一、工作情况", *(rng.choice(pieces) for _ in range(rng.randrange(3, 12)))])
        )
        for _ in range(300)
    ]
    body = "全年完成投资3亿元，新建学校2所，惠及群众一万余人，各项工作取得新进展。"
    for under in ("回顾这一年，我清醒地认识到自身还存在不足。我的问题是学习不够。", "回顾这一年。工作很多。"):
        # The paragraph under the last heading line, more than six paragraphs before the end.
        synthetic.append(
            shuzhi.loads(
                "\n".join(["述职报告", "一、工作情况", *[body] * 12, "二、严以律己，廉洁从政", under, *[body] * 8])
            )
        )
    found = 0
    docs = [*corpus_docs, *_synthetic_topic_reports(100), *synthetic]
    for doc in docs:
        paras = doc.paragraphs
        for heads in (_heads(doc.text, paras, 0), []):
            for formula_only in (False, True):
                got = _wrapup_start(doc.text, paras, 1, heads, formula_only)
                assert got == _plain_wrapup_start(doc.text, paras, 1, heads, formula_only)
                found += got is not None
    assert found > 50


def _plain_sentence_loop_claims(doc):
    """The sentence loop of extract_claims as it was: every sentence visited."""
    from shuzhi.figures.extract import _OPENS_WITH_PART, named_share_claims, sentence_claims

    qs = doc.quantities
    out = []
    text = doc.text
    j = 0
    n = len(qs)
    prev: tuple[int, int, int] | None = None  # the previous sentence: start, first figure, end
    for a, b in doc.sentences:
        while j < n and qs[j].start < a:
            j += 1
        k = j
        while k < n and qs[k].end <= b:
            k += 1
        # Fewer than two figures relate nothing, except an impossible percentage.
        if k - j >= 2 or (k - j == 1 and qs[j].kind == "percent" and qs[j].lo > 100):
            out.extend(sentence_claims(text, a, b, qs[j:k]))
        # "…共查处案件120件。其中，…": a sentence that opens with 其中 splits a whole of the sentence before.
        if k > j and prev is not None and _OPENS_WITH_PART.match(text, a) and text[prev[2] : a].strip() in ("。", ""):
            joined = sentence_claims(text, prev[0], b, qs[prev[1] : k])
            # Only when the sentence before holds one figure of that unit: then the whole is not in doubt.
            dims = [q.dimension for q in qs[prev[1] : j]]
            out.extend(
                c
                for c in joined
                if c.relation in ("part-whole", "sum", "share")
                and c.end > a
                and c.start < a
                and dims.count(c.operands["whole"].dimension) == 1
            )
        # “年度目标为2亿元。全年实际完成2.36亿元，完成率128%。”: the target stated in the sentence before,
        # when that sentence holds only the target (one figure) and this one no target of its own.
        if (
            k > j
            and prev is not None
            and prev[1] < j
            and j - prev[1] == 1
            and "完成" in text[a:b]
            and text[prev[2] : a].strip() in ("。", "")
        ):
            have = {c.stated.start for c in out if c.relation == "completion" and c.stated is not None}
            out.extend(
                c
                for c in sentence_claims(text, prev[0], b, qs[prev[1] : k])
                if c.relation == "completion" and c.start < a < c.end and c.stated.start not in have
            )
        if k > j and "占" in text[a:b]:
            ctx, first = (prev[0], prev[1]) if prev is not None and text[prev[2] : a].strip() in ("。", "") else (a, j)
            have = {c.end for c in out if c.relation == "share"}
            out.extend(c for c in named_share_claims(text, ctx, a, b, qs[first:k]) if c.end not in have)
        prev = (a, j, b) if text[b - 1 : b] == "。" else None
        j = k
    return out


def test_claims_skip_only_sentences_without_figures(corpus_docs):
    import shuzhi.figures.extract as E

    counted = 0
    docs = [
        *corpus_docs,
        shuzhi.loads(
            "共查处案件120件。其中，党员干部80件，群众40件。\n年度目标为2亿元。全年完成2.36亿元，完成率128%。"
        ),
    ]
    for doc in docs:
        # What extract_claims adds after its sentence loop, added the same way to the plain loop's claims.
        after = E.same_indicator_claims(doc) + E.table_claims(doc)
        got = E.extract_claims(doc)
        loop = _plain_sentence_loop_claims(doc)
        want = E.merge_identity_claims(loop + after, E.identity_claims(doc))
        want.sort(key=lambda c: (c.start, c.end))
        assert repr(got) == repr(want)
        counted += len(loop)
    assert counted > 100


def test_char_count_table_covers_every_whitespace_character():
    from shuzhi.model.document import _IS_SPACE

    assert not any(chr(c).isspace() for c in range(len(_IS_SPACE) - 1, 0x110000))
    rng = random.Random(24)
    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()] + ["甲", "a", "１", "\U0001f600", "\u3001"]
    for _ in range(300):
        s = "".join(rng.choice(spaces) for _ in range(rng.randrange(2048, 4000)))
        doc = shuzhi.loads("甲" + s)
        assert doc.char_count == sum(1 for c in doc.text if not c.isspace())


def _plain_heading_part(doc, kind, cues):
    Part = dimensions.Part
    text = doc.text
    for s in doc.outline.walk():
        h = s.heading(text)
        if len(h) > 30:  # a long "heading" is a topic sentence that may mention 问题 in passing
            continue
        for c in cues:
            if c in h:
                return Part(kind, s.start, s.end, "heading", c)
    # An unnumbered heading line: a short paragraph naming the part.
    paras = doc.paragraphs
    for i, (a, b) in enumerate(paras[1:], start=1):
        if b - a > 24:
            continue
        line = text[a:b]
        if line.endswith(("。", "；")):
            continue
        for c in cues:
            if c in line:
                end = len(text)
                for a2, b2 in paras[i + 1 :]:
                    if b2 - a2 <= 24 and not text[a2:b2].endswith("。"):
                        end = a2
                        break
                return Part(kind, a, end, "heading", c)
    return None


def test_heading_parts_equal_the_plain_search(corpus_docs):
    lexicons = Config().lexicons
    synthetic = [
        shuzhi.loads(
            "述职报告\n一、工作情况\n做了很多工作。\n二、存在的问题和不足\n学习不够。\n三、下一步打算\n继续努力。"
        ),
        shuzhi.loads("述职报告\n工作情况\n做了很多工作。\n存在问题\n学习不够。\n今后打算\n继续努力。\n谢谢。"),
    ]
    found = 0
    for doc in [*corpus_docs, *synthetic]:
        for kind, key in (("shortcomings", "dimensions.shortcomings_headings"), ("plans", "dimensions.plans_headings")):
            cues = lexicons.get(key)
            for c in (cues, [], ["问题"], [""]):
                got = dimensions._heading_part(doc, kind, c)
                assert got == _plain_heading_part(doc, kind, c)
                found += got is not None
    assert found > 100


def _plain_walk(section):
    yield section
    for c in section.children:
        yield from _plain_walk(c)


def test_outline_walk_is_the_recursive_preorder(corpus_docs):
    from shuzhi.outline.sections import Section

    deep = 0
    for doc in corpus_docs:
        o = doc.outline
        want = [s for root in o.sections for s in _plain_walk(root)]
        assert [id(s) for s in o.walk()] == [id(s) for s in want]
        for root in o.sections:
            assert [id(s) for s in root.walk()] == [id(s) for s in _plain_walk(root)]
        deep += any(s.children and any(c.children for c in s.children) for s in want)
    assert deep > 5  # three levels were walked
    # A hand-made tree, children in a given order.
    leaves = [Section(3, "", i, i, i, i + 1) for i in range(4)]
    mid = [Section(2, "", 0, 0, 0, 2, children=leaves[:2]), Section(2, "", 2, 2, 2, 4, children=leaves[2:])]
    root = Section(1, "", 0, 0, 0, 4, children=mid)
    assert list(root.walk()) == [root, mid[0], leaves[0], leaves[1], mid[1], leaves[2], leaves[3]]
