"""The sixth speed pass on the plain checks (#17, branch checkfast6): each fast path equals the code it replaced."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from conftest import CORPUS
from shuzhi.model.document import Excluded, Unit
from shuzhi.text import normalize as nz


# ---- normalize: one flag table per code point, full-width made ASCII only where there is any -----------
def _main_normalize(raw: str, units, excluded) -> tuple[str, np.ndarray]:
    """normalize() as main had it (51cf2e8): the full-width regex over every text, np.diff with padding."""
    space_table = nz._code_table(nz._HWS + "\n")
    wordish_table = nz._code_table(nz._WORD_CHARS)
    work = nz._FULLWIDTH_RE.sub(nz._to_ascii, raw)
    soft = [] if isinstance(units, nz.LineUnits) else [u.raw_end for u in units if u.soft_break]
    if excluded or soft:
        pieces = []
        cuts = [(e.raw_start, e.raw_end) for e in excluded]
        for end in soft:
            if end < len(work) and work[end] == "\n":
                cuts.append((end, end + 1))
        cuts.sort()
        pos = 0
        for a, b in cuts:
            if a < pos:
                a = pos
            if b <= a:
                continue
            pieces.append(work[pos:a])
            pieces.append("\x00" * (b - a))
            pos = b
        pieces.append(work[pos:])
        work = "".join(pieces)
    codes = nz._codes(work)
    space = nz._lookup(space_table, codes)
    edges = np.diff(space.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    inner = (run_starts > 0) & (run_ends < len(codes))
    run_starts, run_ends = run_starts[inner], run_ends[inner]
    newlines = np.flatnonzero(codes == 0x0A)
    first_nl = np.searchsorted(newlines, run_starts)
    has_nl = first_nl < len(newlines)
    has_nl[has_nl] = newlines[first_nl[has_nl]] < run_ends[has_nl]
    spaced = ~has_nl & nz._lookup(wordish_table, codes[run_starts - 1]) & nz._lookup(wordish_table, codes[run_ends])
    keep = ~space
    out = codes.copy()
    at_nl = newlines[first_nl[has_nl]]
    keep[at_nl] = True
    out[at_nl] = 0x0A
    at_space = run_starts[spaced]
    keep[at_space] = True
    out[at_space] = 0x20
    to_raw = np.flatnonzero(keep)
    if not len(to_raw):
        return "", np.zeros(1, dtype=np.int64)
    text = out[to_raw].tobytes().decode("utf-32-le", "surrogatepass")
    return text, np.append(to_raw, to_raw[-1] + 1).astype(np.int64, copy=False)


def _same(raw, units, excluded):
    text, to_raw = nz.normalize(raw, units, excluded)
    want_text, want_map = _main_normalize(raw, units, excluded)
    assert text == want_text, repr(raw)
    assert to_raw.dtype == want_map.dtype and to_raw.tolist() == want_map.tolist(), repr(raw)


def _random_units(raw: str, rng: random.Random):
    units, pos = [], 0
    for i, line in enumerate(raw.split("\n")):
        units.append(Unit(pos, pos + len(line), i + 1, soft_break=rng.random() < 0.3))
        pos += len(line) + 1
    return units


def _random_excluded(raw: str, rng: random.Random):
    out = []
    for _ in range(rng.randint(0, 3)):
        a = rng.randrange(len(raw) + 1)
        b = rng.randrange(a, len(raw) + 1)
        out.append(Excluded(a, b, "vendor-ad", raw[a:b]))
    return out


def test_normalize_equals_mains_on_the_corpus():
    from shuzhi.loaders import load

    paths = sorted((CORPUS / "gov-reports").glob("*.txt")) + sorted((CORPUS / "laws").glob("*.txt"))[:300]
    wide = 0
    rng = random.Random(61)
    for p in paths:
        raw = p.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
        _same(raw, nz.units_from_lines(raw), [])
        _same(raw, _random_units(raw, rng), _random_excluded(raw, rng))
        wide += bool(nz._FULLWIDTH_RE.search(raw))
        doc = load(p)
        _same(doc.raw, doc.units, doc.excluded)
    assert wide > 10  # texts with full-width characters were among them


@pytest.mark.parametrize("seed", range(4))
def test_normalize_equals_mains_on_random_texts(seed):
    rng = random.Random(seed)
    alphabet = nz._HWS + "\n\n\nab1.%+中文。Ａ１％＋．ｚ\ufeff" + "".join(map(chr, nz._FULLWIDTH))
    for _ in range(6000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        _same(raw, nz.units_from_lines(raw), [])
        _same(raw, _random_units(raw, rng), _random_excluded(raw, rng))
    for raw in ("", " ", "\n", "a", "Ａ", " a ", "\n\na\n\n", "a \u3000 b", "１ ２", "中 文", "＋ １"):
        _same(raw, nz.units_from_lines(raw), [])


def test_the_flag_table_is_the_three_character_sets():
    for c in range(len(nz._NORMALIZE_FLAGS) + 10):
        ch = chr(c)
        f = int(nz._NORMALIZE_FLAGS.take([c], mode="clip")[0])
        assert bool(f & nz._SPACE) == (ch in nz._HWS + "\n"), c
        assert bool(f & nz._WIDE) == (c in nz._FULLWIDTH), c
        ascii_ = chr(nz._FULLWIDTH[c]) if c in nz._FULLWIDTH else ch
        assert bool(f & nz._WORDISH) == (ascii_ in nz._WORD_CHARS), c
    assert re.fullmatch(r"[\x00-\x7f]*", "".join(chr(int(x)) for x in nz._WIDE_TO_ASCII[list(nz._FULLWIDTH)]))


# ---- four-character chains: the search starts only at separators with another five characters on ------
def test_chain_matches_equal_finditer_on_long_texts(corpus_texts):
    from shuzhi.analysis import signals

    plain = re.compile(signals.CHAIN_PATTERN)
    rng = random.Random(62)
    found = long = 0
    for text in corpus_texts:
        for _ in range(4):
            a = rng.randrange(len(text) + 1)
            b = rng.randrange(a, len(text) + 1)
            for x, y in ((a, b), (0, len(text)), (a, None)):
                want = [m.span() for m in plain.finditer(text, x, len(text) if y is None else y)]
                assert signals.chain_matches(text, x, y) == want
                found += len(want)
                long += (len(text) if y is None else y) - x >= signals.CHAIN_SCAN_MIN
    assert found > 100 and long > 100
    for _ in range(600):
        s = "".join(rng.choice("甲乙丙丁戊，、。！；a") for _ in range(rng.randrange(400, 2000)))
        a = rng.randrange(40)
        assert signals.chain_matches(s, a) == [m.span() for m in plain.finditer(s, a)], s
        assert signals.chain_matches(s) == [m.span() for m in plain.finditer(s)], s


# ---- sentences: no empty match at a newline or at the end --------------------------------------------
def _main_split_sentences(text: str) -> list[tuple[int, int]]:
    """split_sentences as main had it (51cf2e8): the pattern without its leading (?=[^\\n]), empties dropped."""
    from shuzhi.text import sentences as st

    t = st._T
    pattern = re.compile(
        rf"(?:[^{t}\n“‘（(「『]+|" + "|".join(st._group(o, c) for o, c in st._PAIRS) + r"|[“‘（(「『])*+"
        rf"(?:[{t}]+[”’」』）)]*|(?=\n)|$)"
    )
    out = []
    for m in pattern.finditer(text):
        a, b = m.span()
        if b > a:
            out.append((a, b))
    return out


def test_split_sentences_equals_mains(corpus_texts):
    from shuzhi.text.sentences import split_sentences

    for text in corpus_texts:
        assert split_sentences(text) == _main_split_sentences(text)
    rng = random.Random(63)
    alphabet = "甲乙丙\n\n。！？!?；;“”‘’（）()「」『』，a\r "
    for _ in range(30000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 50)))
        assert split_sentences(s) == _main_split_sentences(s), repr(s)
    long_quote = "他说：“" + "学" * 60 + "。”\n（" + "注" * 45 + "）。"
    assert split_sentences(long_quote) == _main_split_sentences(long_quote)


# ---- the rules' loop: no generator for a rule that needs nothing, no empty options merged ---------------
def test_rule_contexts_and_needs_as_before():
    import shuzhi
    from shuzhi.rules.config import Config
    from shuzhi.rules.context import Context
    from shuzhi.rules.engine import run_rules

    cfg = Config(rule_options={"S301": {"min-share": 0.5}})
    base = Context(cfg.lexicons, cfg.campaign, {}, cfg.rule_options)
    for rule in cfg.registry:
        ctx = base.for_rule(rule)
        want = {**rule.options, **cfg.rule_options.get(rule.code, {})}
        assert ctx.options == want and ctx.options is not rule.options
    assert base.for_rule(cfg.registry.get("S301")).options["min-share"] == 0.5
    doc = shuzhi.loads("2023年度述职报告\n本人认真学习，廉洁自律。全县完成投资XX亿元。")
    needing = {r.code for r in cfg.registry if r.needs}
    assert needing  # the copy and history rules need an index
    plain = {f.code for f in run_rules(doc, cfg)}
    assert "P101" in plain and not plain & needing
    # A rule whose needs are provided runs (S304 needs a [campaign]; the others need an index or history).
    campaign = Config(campaign={"min-chars": 1000})
    assert {f.code for f in run_rules(doc, campaign)} & needing == {"S304"}


def test_a_rule_runs_only_when_its_needs_are_provided():
    import dataclasses

    import shuzhi
    from shuzhi.rules.config import Config
    from shuzhi.rules.engine import run_rules
    from shuzhi.rules.registry import Registry

    called = []
    base = Config().registry.get("P101")

    def spy(doc, ctx):
        called.append(ctx.options)
        return iter(())

    rules = [
        dataclasses.replace(base, code="P901", name="spy-plain", check=spy),
        dataclasses.replace(base, code="P902", name="spy-index", check=spy, needs=("index",)),
    ]
    cfg = Config(registry=Registry(rules))
    doc = shuzhi.loads("本人认真学习。")
    run_rules(doc, cfg)
    assert len(called) == 1
    run_rules(doc, cfg, provides=("index",))
    assert len(called) == 3
