"""The third speed pass on the plain checks (#17, branch checkfast3): each fast path equals the plain code it replaced."""

from __future__ import annotations

import bisect
import random
import re

import pytest

import shuzhi
from conftest import CORPUS
from shuzhi.analysis import signals
from shuzhi.figures import quantities
from shuzhi.outline import enumerations
from shuzhi.rules import placeholder_scan, terms
from shuzhi.text import fastre
from shuzhi.text.fastre import compile_skipping
from shuzhi.text.sentences import split_sentences


def _matches(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None):
    endpos = len(text) if endpos is None else endpos
    return [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text, pos, endpos)]


def _random_texts(pattern: str, n: int, seed: int) -> list[str]:
    """Texts of the pattern's own literal characters, its first characters and a little else, so that
    matches start, fail and overlap everywhere."""
    rng = random.Random(seed)
    chars = sorted({c for c in pattern if not c.isascii() or c.isalnum()} | set("。，；\n 12345%.x"))
    return ["".join(rng.choice(chars) for _ in range(rng.randint(0, 300))) for _ in range(n)]


def _assert_same(plain: re.Pattern, fast: re.Pattern, texts: list[str], seed: int = 0) -> None:
    rng = random.Random(seed)
    for t in texts:
        assert _matches(fast, t) == _matches(plain, t), t[:80]
        # From and up to arbitrary offsets, as the rules search ranges of a text (a lookbehind sees before pos).
        a = rng.randint(0, len(t))
        b = rng.randint(a, len(t))
        assert _matches(fast, t, a, b) == _matches(plain, t, a, b)
        m, p = fast.search(t, a, b), plain.search(t, a, b)
        assert (m and (m.span(), m.groups())) == (p and (p.span(), p.groups()))


# Patterns of every kind compile_skipping meets: a leading lookahead on a class (compile_fast's, with a
# category in it), a leading lookbehind, an alternation whose branches open with groups or lookarounds,
# and the patterns it must leave alone (a literal prefix, a class first, a possibly empty match).
_SHAPES = [
    r"(?=[\d零一二三])(?:(?P<a>\d+)(?P<u>万|亿)?|(?P<c>[零一二三]+)十)",
    r"(?<!公共)(?:目标|计划|任务)(?!收入)",
    r"(?<![A-Za-z])[Xx][+＋]|[+＋][Xx](?![A-Za-z])",
    r"(?:(本人|我(?![们国]))|全(?:国|省)|我(?:们|国))",
    r"(?:党的)?(十[三四五]|二十)(?:(大)|届(?:([一二三])中|(历次))全会)",
    r"(?:^|(?<=[。；\n]))(?:[一二三]是|首先)",
    r"(?=[，、])[，、](?<=[一-龥]{2}[，、])",
    r"十九大",
    r"[十二]+大",
    r"(?:十九)?大?",
]


@pytest.mark.parametrize("pattern", _SHAPES)
def test_compile_skipping_finds_what_the_plain_pattern_finds(pattern, corpus_texts):
    plain = re.compile(pattern)
    fast = compile_skipping(pattern)
    assert fast.pattern == plain.pattern and fast.groupindex == plain.groupindex
    # Told its start set (another compiled object) unless the engine skips already or a match can be empty.
    assert (fast is plain) == (pattern in ("十九大", "(?:十九)?大?"))
    _assert_same(plain, fast, corpus_texts[:40] + _random_texts(pattern, 300, 1))


def test_compile_fast_patterns_and_quantities_match_as_before(corpus_texts):
    for fast in (
        quantities.QUANTITY_RE,
        enumerations._ITEM,
        terms._MENTION_RE,
        placeholder_scan._MASK_RE,
    ):
        plain = re.compile(fast.pattern, fast.flags)
        _assert_same(plain, fast, corpus_texts + _random_texts(fast.pattern, 200, 2))


def test_a_wrong_start_set_is_caught(corpus_texts, monkeypatch):
    """The comparison above sees a start set that leaves out a character a match starts with."""
    pattern = quantities.QUANTITY_RE.pattern
    plain = re.compile(pattern)
    monkeypatch.setattr(fastre, "_leading_class", lambda parsed: [(fastre._c.LITERAL, ord(c)) for c in "一二三"])
    broken = compile_skipping(pattern)
    with pytest.raises(AssertionError):
        _assert_same(plain, broken, corpus_texts)


# ---- the agency of each sentence (analysis.signals) ------------------------------------------
def _plain_agency(text, sents):
    personal, unit = [], []
    for i, (a, b) in enumerate(sents):
        if signals._PERSONAL_RE.search(text, a, b):
            personal.append(i)
        elif signals._UNIT_RE.search(text, a, b):
            unit.append(i)
    return personal, unit


def _agency_sentences(n: int, seed: int) -> str:
    """Sentences strung from personal and unit words, their prefixes and filler: a unit before, after and
    inside a personal word (我们 holds 我, 全局 and 局), at the sentence's end (a lookahead cut by endpos)."""
    rng = random.Random(seed)
    words = [
        "本人",
        "我",
        "我们",
        "我局",
        "我单位",
        "亲自",
        "牵头",
        "带领",
        "分管",
        "全县",
        "全系统",
        "本部门",
        "公司",
        "客服部",
        "各部门",
        "主持召开",
        "主持",
        "全",
        "本",
        "亲",
        "们",
        "局",
        "工作",
        "，",
        "的",
    ]
    return "".join(
        "".join(rng.choice(words) for _ in range(rng.randint(0, 6))) + rng.choice("。；\n") for _ in range(n)
    )


def test_agency_in_one_search_equals_the_two_searches(corpus_texts):
    for t in corpus_texts + [_agency_sentences(400, s) for s in range(30)]:
        sents = split_sentences(t)
        assert signals._agency(t, sents) == _plain_agency(t, sents)


# ---- P101's scans: finditer of the patterns told their start sets, instead of fastre.scan -------------
def test_placeholder_patterns_find_with_finditer_what_scan_found(corpus_texts):
    from shuzhi.rules import placeholders
    from shuzhi.rules.config import Config
    from shuzhi.rules.context import Context

    cfg = Config()
    pat = placeholder_scan._patterns(Context(cfg.lexicons, cfg.campaign, {}, cfg.rule_options))
    plain_blank = re.compile(placeholders._BLANK_RUN.pattern)
    raws = [
        *corpus_texts,
        "新建高标准农田    亩，完成投资＿＿万元。全年\u3000\u3000人。X\u3000亩",
        *_random_texts(pat.cjk.pattern + "XX×*＊ \u3000_＿某○□【】（）填写" + placeholders._BLANK_RUN.pattern, 300, 3),
    ]
    for t in raws:
        for p in (pat.masked, pat.cjk, placeholder_scan._MASK_RE):
            assert [(*m.span(), m.lastgroup) for m in p.finditer(t)] == [
                (*m.span(), m.lastgroup) for m in fastre.scan(p, t)
            ]
        assert _matches(placeholders._BLANK_RUN, t) == _matches(plain_blank, t)
        assert [m.span() for m in placeholders._BLANK_RUN.finditer(t)] == [
            m.span() for m in fastre.scan(plain_blank, t)
        ]


# ---- quantities: the qualifier before a figure, the length test, the interval ---------------------
def _plain_pre_qualifier(text, start):
    best = ""
    rank = len(quantities._PRE_QUAL)
    for n in quantities._PRE_QUAL_LENGTHS:
        if n <= start:
            r = quantities._PRE_QUAL_RANK.get(text[start - n : start], rank)
            if r < rank:
                best, rank = quantities._PRE_QUAL[r], r
    return best


def _plain_too_long(raw):
    if raw[:1].isdigit():
        return len(raw.split(".", 1)[0]) > quantities.MAX_DIGITS or len(raw) > 2 * quantities.MAX_DIGITS
    return len(raw) > quantities.MAX_CN_NUMERAL


def _plain_interval(value, decimals, scale, exact, qualifier, kind):
    v = float(value) * scale
    if exact:
        lo = hi = v
    else:
        half = 0.5 * 10.0 ** (-decimals) * scale
        lo, hi = v - half, v + half
    step = quantities._step(value, decimals) * scale
    q = qualifier
    if q in ("以上", "不少于", "不低于", "至少", "多达", "之多"):
        hi = quantities.INF
    elif q in ("超过", "逾", "超", "高于", "大于"):
        lo, hi = v, quantities.INF
    elif q in ("余", "多", "有余"):
        lo, hi = v, v + step
    elif q in ("以下", "以内", "不超过", "不高于", "最多"):
        lo = 0.0 if kind not in ("points",) else -quantities.INF
    elif q in ("不足", "不到", "少于", "低于", "小于"):
        lo, hi = (0.0 if kind != "points" else -quantities.INF), v
    elif q in ("近", "将近", "接近"):
        lo, hi = lo - 0.15 * v, v
    elif q in ("约", "大约", "左右", "上下"):
        lo, hi = lo - 0.1 * v, hi + 0.1 * v
    return lo, hi


def _figure_texts(n: int, seed: int) -> list[str]:
    """Figures with every qualifier before and after, Chinese and Arabic numerals, long numbers, ranges."""
    rng = random.Random(seed)
    quals = [*quantities._PRE_QUAL, "以上", "左右", "余", "多", "有余", "之多", "以内", "上下", "", "", "的", "达"]
    nums = [
        "3",
        "300",
        "12.5",
        "1,753",
        "三十",
        "两千五百",
        "五点八",
        "一",
        "9" * 50,
        "1" * 320,
        "一" * 45,
        "5%",
        "百分之三十",
    ]
    units = ["万元", "亿元", "人", "个", "%", "个百分点", "倍", "亩", "", "年", "余人", "多万元"]
    return [
        "".join(
            rng.choice(quals) + rng.choice(nums) + rng.choice(units) + rng.choice(quals) + rng.choice("，。 ")
            for _ in range(rng.randint(1, 40))
        )
        for _ in range(n)
    ]


def test_quantities_equal_the_plain_qualifier_length_and_interval(corpus_texts, monkeypatch):
    texts = corpus_texts + _figure_texts(300, 4)
    fast = [[q.to_dict() for q in quantities.extract(t)] for t in texts]
    monkeypatch.setattr(quantities, "_pre_qualifier", _plain_pre_qualifier)
    monkeypatch.setattr(quantities, "_too_long", _plain_too_long)
    monkeypatch.setattr(quantities, "_interval", _plain_interval)
    assert fast == [[q.to_dict() for q in quantities.extract(t)] for t in texts]
    assert sum(map(len, fast)) > 10_000


def test_interval_equals_the_plain_one_for_every_qualifier():
    from decimal import Decimal

    rng = random.Random(5)
    quals = ["", *quantities._PRE_QUAL, "以上", "以下", "以内", "左右", "上下", "之多", "有余", "余", "多", "其他"]
    for _ in range(20_000):
        value = Decimal(rng.choice(["0", "3", "300", "12.5", "2500", "0.05", "1" + "0" * rng.randint(0, 12)]))
        args = (
            value,
            rng.randint(0, 3),
            rng.choice([1, 10_000, 10**8]),
            rng.random() < 0.3,
            rng.choice(quals),
            rng.choice(["count", "points", "percent", "currency", "none"]),
        )
        assert quantities._interval(*args) == _plain_interval(*args)
    for raw in ["", "3", "1" * 40, "1" * 41, "一" * 40, "一" * 41, "1" * 309 + ".5", "1" * 310, "1." + "1" * 700]:
        assert quantities._too_long(raw) == _plain_too_long(raw)


def _without_shortcut(module, func, shortcut: str):
    """``func`` of ``module`` recompiled from its source with the lines ``shortcut`` (a regex) matches taken out
    exactly once: the plain loop the shortcut stands in front of."""
    import inspect
    import textwrap

    src = textwrap.dedent(inspect.getsource(func))
    plain_src, n = re.subn(shortcut, "\n", src)
    assert n == 1
    ns = dict(vars(module))
    exec(plain_src.replace(f"def {func.__name__}(", "def _plain("), ns)
    return ns["_plain"]


# ---- N211: a document without a stated whole --------------------------------------------------
def test_implausible_counts_equal_the_plain_loop_over_every_count(monkeypatch):
    from shuzhi.figures import plausibility

    # The function without its early return: the plain loop over every count.
    plain_implausible_counts = _without_shortcut(
        plausibility, plausibility.implausible_counts, r"\n    if [^\n]*wholes[^\n]*:\n        return out[^\n]*\n"
    )
    paths = sorted((CORPUS / "gov-reports").glob("*.txt")) + sorted((CORPUS / "seeds").glob("0*.txt"))
    docs = [shuzhi.load(p) for p in paths] + [
        shuzhi.loads(t)
        for t in (
            "2023年度述职报告\n全村共有自然村5个。今年新建2023个自然村。",
            "2023年度述职报告\n全村共有农户320户。2023年，全村有农户500户。",
            "2023年度述职报告\n支部现有党员36名。2021名党员参加学习。",
            "2023年度述职报告\n全乡辖9个行政村。周边12个行政村。",
        )
    ]
    found = 0
    for d in docs:
        fast = [(i.q.start, i.why, i.message, i.evidence) for i in plausibility.implausible_counts(d)]
        assert fast == [(i.q.start, i.why, i.message, i.evidence) for i in plain_implausible_counts(d)]
        found += len(fast)
    assert found >= 2


# ---- the dimension tally: blocks whose every cue the block counts for skip the sentence loop ------
def _plain_tally(doc, blocks):
    from shuzhi.analysis import dimensions as dm

    tally = dm._Tally()
    sents = doc.sentences
    sent_starts = [x for x, _ in sents]
    for blk in blocks:
        if not blk.dims and not blk.evidence:
            continue
        for d in blk.dims:
            tally.chars[d] += blk.end - blk.start
        if not dm._WORK.isdisjoint(blk.dims):
            tally.chars["职"] += blk.end - blk.start
        for _, _, ph, t in blk.evidence:
            if t in blk.dims:
                tally.cite(t, ph)
        if blk.label in ("问题", "打算") or not blk.evidence:
            continue
        dm._count_sentences(blk, sents, sent_starts, tally)
    return tally.chars, tally.evidence


class _Sentences:
    """A stand-in document for _tally: its sentences only."""

    def __init__(self, sentences):
        self.sentences = sentences


def _random_blocks(seed: int):
    """Sentences with gaps, blocks cutting through them, cues of one to four dimensions (short and long
    phrases, several tags at one place) and dims that hold all, some or none of the cues' tags."""
    from shuzhi.analysis.dimensions import Block
    from shuzhi.model.vocabulary import DIMENSIONS

    rng = random.Random(seed)
    sents, pos = [], 0
    for _ in range(rng.randint(1, 40)):
        pos += rng.randint(0, 2)
        n = rng.randint(1, 30)
        sents.append((pos, pos + n))
        pos += n
    blocks, a = [], 0
    while a < pos:
        b = min(pos + 1, a + rng.randint(1, 60))
        tags = rng.sample(DIMENSIONS, rng.randint(1, 4))
        ev = []
        for x in sorted(rng.sample(range(a, b), min(b - a, rng.randint(0, 6)))):
            ph = rng.choice(["调研", "八项规定", "学", "一岗双责", "廉洁"])
            for t in rng.sample(tags, rng.randint(1, min(2, len(tags)))):
                ev.append((x, x + len(ph), ph, t))
        dims = tuple(rng.sample(tags, rng.randint(0, len(tags))))
        label = rng.choice([None, "职", "问题", "打算", *tags])
        blocks.append(Block(a, b, label, {}, dims, ev))
        a = b
    return _Sentences(sents), blocks


def test_tally_equals_the_plain_sentence_loop_over_every_block(corpus_texts):
    from shuzhi.analysis import dimensions as dm
    from shuzhi.rules.config import Config

    lex = Config().lexicons
    cases = []
    paths = (
        sorted((CORPUS / "gov-reports").glob("*.txt"))
        + sorted((CORPUS / "seeds").glob("0*.txt"))
        + sorted((CORPUS / "laws").glob("*.txt"))[:150]
    )
    for p in paths:
        doc = shuzhi.load(p)
        cases.append((doc, dm.analyse(doc, lex).blocks))
    cases += [_random_blocks(s) for s in range(2000)]
    for doc, blocks in cases:
        assert dm._tally(doc, blocks) == _plain_tally(doc, blocks)


# ---- the body's sentences of the signals: a slice ------------------------------------------------
def test_signal_sentences_are_those_from_the_body_start():
    from shuzhi.rules.config import Config

    lex = Config().lexicons
    paths = sorted((CORPUS / "gov-reports").glob("*.txt"))[:30] + sorted((CORPUS / "seeds").glob("0*.txt"))
    docs = [shuzhi.load(p) for p in paths] + [
        shuzhi.loads(t) for t in ("", "标题", "2023年度述职报告\n本人。我们。", "\n\n一。二。\n三")
    ]
    for doc in docs:
        title = doc.outline.title
        body_start = title[1] if title else 0
        assert signals._signals(doc, lex).sentences == [(a, b) for a, b in doc.sentences if a >= body_start]
        for cut in {0, body_start, len(doc.text) // 2, len(doc.text)}:
            s = doc.sentences
            assert s[bisect.bisect_left(s, (cut,)) :] == [(a, b) for a, b in s if a >= cut]


# ---- acscan from 1,024 characters on (was 4,096): the short laws and windows take the fast scan ------
def test_acscan_equals_iter_long_on_windows_of_one_to_four_thousand_characters(corpus_texts):
    from shuzhi.analysis.dimensions import dimension_automaton
    from shuzhi.analysis.signals import formula_automaton
    from shuzhi.rules.config import Config
    from shuzhi.text import acscan

    assert acscan.MIN_SCAN == 1024
    lex = Config().lexicons
    rng = random.Random(12)
    fast = found = 0
    for automaton in (dimension_automaton(lex), formula_automaton(lex)):
        assert acscan._tables_of(automaton).worth_it
        words = list(automaton.keys())
        texts = [t for t in corpus_texts if len(t) > 1100]
        for t in texts:
            for _ in range(3):
                a = rng.randrange(0, len(t) - 1000)
                b = min(len(t), a + rng.randrange(1000, 4200))
                want = list(automaton.iter_long(t, a, b))
                assert acscan.iter_long(automaton, t, a, b) == want
                fast += b - a >= acscan.MIN_SCAN
                found += len(want)
        for _ in range(200):
            parts, size, goal = [], 0, rng.randrange(1000, 4200)
            while size < goal:
                w = rng.choice(words)
                parts.append(rng.choice([w, w[1:], w[:-1], "。", "的", "\n"]))
                size += len(parts[-1])
            text = "".join(parts)
            assert acscan.iter_long(automaton, text, 0, len(text)) == list(automaton.iter_long(text))
    assert fast > 300 and found > 5000


# ---- claims: identities skipped where nothing can be claimed; the cue's last clause -----------------
def test_identity_claims_equal_the_plain_loop_over_every_identity():
    from shuzhi.figures import identities

    plain_identity_claims = _without_shortcut(
        identities,
        identities.identity_claims,
        r"\n            if not lists and [^\n]*:\n                continue[^\n]*\n",
    )
    paths = sorted((CORPUS / "gov-reports").glob("*.txt")) + sorted((CORPUS / "seeds").glob("0*.txt"))
    docs = [shuzhi.load(p) for p in paths] + [
        shuzhi.loads(t)
        for t in (
            "2023年度述职报告\n全县地区生产总值100亿元，第一产业增加值20亿元，第二产业增加值30亿元，第三产业增加值50亿元。",
            "2023年度述职报告\n第一、二、三产业增加值分别为20亿元、30亿元和50亿元，地区生产总值达100亿元。",
            "2023年度述职报告\n三次产业增加值占地区生产总值的比重分别为20%、30%和50%。",
            "2023年度述职报告\n税收、非税收入分别完成8亿元和2亿元，一般公共预算收入10亿元，早稻3万吨。",
        )
    ]
    found = 0
    for d in docs:
        fast = [c.__dict__ for c in identities.identity_claims(d)]
        assert fast == [c.__dict__ for c in plain_identity_claims(d)]
        found += len(fast)
    assert found >= 4


def test_near_clause_equals_re_split():
    from shuzhi.figures import tokens

    rng = random.Random(13)
    for _ in range(5000):
        cue = "".join(rng.choice("，、,：:（(增长了达到，") for _ in range(rng.randint(0, 12)))
        assert tokens._NEAR_SPLIT.split(cue)[-1] == re.split(r"[，、,：:（(]", cue)[-1]


def _plain_finish(text, start, end, value, dec, scale, unit, mid, allow_exact):
    kind = quantities.UNIT_KIND.get(unit, "none") if unit else "none"
    qual = mid
    tail = quantities._POST_QUAL_RE.match(text, end)
    if tail and not qual:
        qual = tail.group(0)
        if (qual == "多" and kind not in ("none",)) or (qual == "上下" and text.startswith("上下功夫", end)):
            qual = ""
        else:
            end = tail.end()
    if not qual:
        qual = quantities._pre_qualifier(text, start)
    exact = allow_exact and kind == "count" and scale == 1 and dec == 0 and (value < 100 or int(value) % 10 != 0)
    lo, hi = quantities._interval(value, dec, scale, exact, qual, kind)
    return quantities.Quantity(start, end, text[start:end], value, dec, scale, unit, kind, qual, lo, hi, exact=exact)


def test_quantities_equal_the_plain_finish(corpus_texts, monkeypatch):
    texts = corpus_texts + _figure_texts(300, 6) + ["3人上下功夫", "约5万元左右", "300多", "12%以上。", "5倍之多"]
    fast = [[(q.to_dict(), q.exact) for q in quantities.extract(t)] for t in texts]
    monkeypatch.setattr(quantities, "_finish", _plain_finish)
    assert fast == [[(q.to_dict(), q.exact) for q in quantities.extract(t)] for t in texts]


def test_bigram_hash_in_uint32_equals_the_int64_hash():
    import numpy as np

    from shuzhi.text import acscan

    rng = np.random.default_rng(14)
    for top in (0x80, 0xFFFF, 0x10FFFF):
        a = rng.integers(0, top + 1, 100_000).astype(np.uint32)
        b = rng.integers(0, top + 1, 100_000).astype(np.uint32)
        h = a * acscan._HASH_FACTOR
        h += b
        h &= acscan._HASH_MASK32
        assert np.array_equal(h.astype(np.int64), acscan._bigram_hash(a, b))


def test_code_tables_looked_up_with_take_clip_equal_the_clipped_index():
    import numpy as np

    from shuzhi.figures import quantities as qs
    from shuzhi.model import document
    from shuzhi.text import normalize

    rng = np.random.default_rng(15)
    codes = rng.integers(0, 0x110000, 200_000).astype(np.uint32)
    codes[:1000] = rng.integers(0, 0x3100, 1000)  # around the tables' ends
    for table in (normalize._NORMALIZE_FLAGS, qs._IS_DELIM, document._IS_SPACE):
        assert np.array_equal(table.take(codes, mode="clip"), table[np.minimum(codes, len(table) - 1)])
        assert np.array_equal(normalize._lookup(table, codes), table[np.minimum(codes, len(table) - 1)])
    for t in ["", " ", "a b\n\u3000中\u2028文\x00", "中" * 3000 + " \n\t" * 500 + "\u205f" * 7]:
        d = shuzhi.loads(t) if t.strip() else None
        if d is not None:
            assert d.char_count == len(d.text) - sum(c.isspace() for c in d.text)


def test_classify_by_the_items_as_they_stand_equals_the_sorted_lookup(monkeypatch):
    from shuzhi.analysis import dimensions as dm
    from shuzhi.model.vocabulary import DIMENSIONS

    def plain(scores):
        if sum(scores.values()) < dm.MIN_SCORE:
            return None, ()
        return dm._classify_items(tuple(sorted(scores.items())))

    monkeypatch.setattr(dm, "_CLASSIFIED_MAX", 50)  # the cache is emptied when full, many times over
    monkeypatch.setattr(dm, "_CLASSIFIED", {})
    rng = random.Random(16)
    for _ in range(20_000):
        tags = rng.sample(DIMENSIONS, rng.randint(1, 4))
        scores = {t: rng.choice([1, 2, 3, 4, 6, 1.5]) for t in tags}
        assert dm._classify(scores) == plain(scores)
        assert dm._classify(dict(reversed(scores.items()))) == plain(scores)


def test_acscan_keeps_every_phrase_of_the_cue_automata():
    """Each phrase alone in a long window (start, middle, end): the two- or three-character filter lets it through."""
    from shuzhi.analysis.dimensions import dimension_automaton
    from shuzhi.analysis.signals import formula_automaton
    from shuzhi.rules.config import Config
    from shuzhi.text import acscan

    lex = Config().lexicons
    pad = "。" * acscan.MIN_SCAN
    for automaton in (dimension_automaton(lex), formula_automaton(lex)):
        for w in automaton:
            for text in (w + pad, pad + w + "。", pad + w):
                want = list(automaton.iter_long(text))
                assert want and acscan.iter_long(automaton, text, 0, len(text)) == want, w
