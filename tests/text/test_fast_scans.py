"""The fast scans of the speed work must find exactly what the plain patterns and loops find."""

from __future__ import annotations

import random
import re

import pytest

import shuzhi
from conftest import CORPUS
from shuzhi.analysis.signals import _FACT_RE, CHAIN_PATTERN, FACT_PATTERN, chain_matches


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    paths = sorted((CORPUS / "gov-reports").glob("*.txt")) + sorted((CORPUS / "seeds").glob("0*.txt"))
    return [shuzhi.load(p).text for p in paths]


def _windows(text: str, rng: random.Random, n: int = 8):
    yield 0, len(text)
    for _ in range(n):
        a = rng.randrange(len(text) + 1)
        yield a, rng.randrange(a, len(text) + 1)


def test_fact_regex_matches_the_plain_pattern_on_the_corpus(corpus_texts):
    plain = re.compile(FACT_PATTERN)
    rng = random.Random(4)
    found = 0
    for text in corpus_texts:
        for a, b in _windows(text, rng):
            want = [m.span() for m in plain.finditer(text, a, b)]
            assert [m.span() for m in _FACT_RE.finditer(text, a, b)] == want
            found += len(want)
    assert found > 1000  # the corpus is full of figures: the comparison was not vacuous


def test_fact_regex_matches_the_plain_pattern_on_random_strings():
    plain = re.compile(FACT_PATTERN)
    rng = random.Random(5)
    alphabet = "0123456789.٣XＸ×*《》一二三十〇零月日个项年甲乙，、。"
    for _ in range(20000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        assert [m.span() for m in _FACT_RE.finditer(s)] == [m.span() for m in plain.finditer(s)], s


def test_chain_matches_equal_finditer_on_the_corpus(corpus_texts):
    plain = re.compile(CHAIN_PATTERN)
    rng = random.Random(6)
    found = 0
    for text in corpus_texts:
        for a, b in _windows(text, rng):
            want = [m.span() for m in plain.finditer(text, a, b)]
            assert chain_matches(text, a, b) == want
            found += len(want)
    assert found > 100


def test_chain_matches_equal_finditer_on_random_strings():
    plain = re.compile(CHAIN_PATTERN)
    rng = random.Random(7)
    for _ in range(30000):
        s = "".join(rng.choice("甲乙丙丁戊，、。！；a") for _ in range(rng.randrange(1, 60)))
        assert chain_matches(s) == [m.span() for m in plain.finditer(s)], s
    assert chain_matches("主动作为，勇于担当，开拓进取，攻坚克难。") == [(0, 19)]


def test_char_count_counts_every_non_whitespace_character(corpus_texts):
    for text in corpus_texts[:20]:
        assert shuzhi.loads(text).char_count == sum(1 for c in shuzhi.loads(text).text if not c.isspace())
    doc = shuzhi.loads("述职报告\n本人\u3000认真 履职。")
    assert doc.char_count == sum(1 for c in doc.text if not c.isspace())


# ---- acscan: pyahocorasick's iter_long over the stretches that can hold a phrase ----------
def _automaton(words):
    import ahocorasick

    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w, (w, ()))
    a.make_automaton()
    return a


def _lexicon_automata():
    from shuzhi.analysis.dimensions import dimension_automaton
    from shuzhi.analysis.signals import formula_automaton
    from shuzhi.rules.config import Config

    lex = Config().lexicons
    return [dimension_automaton(lex), formula_automaton(lex)]


def test_acscan_equals_iter_long_on_the_corpus(corpus_texts):
    from shuzhi.text import acscan

    rng = random.Random(8)
    found = 0
    for automaton in _lexicon_automata():
        for text in corpus_texts:
            for a, b in _windows(text, rng, 4):
                want = list(automaton.iter_long(text, a, b))
                assert acscan.iter_long(automaton, text, a, b) == want
                found += len(want)
    assert found > 10000


def test_acscan_equals_iter_long_on_random_texts_of_phrase_pieces(monkeypatch):
    """Overlapping phrases, prefixes and suffixes of phrases, barriers and window edges everywhere."""
    from shuzhi.text import acscan

    rng = random.Random(9)
    words = ["学习", "学习贯彻", "贯彻落实", "落实", "实干", "干部", "部署", "习近平", "平安", "安", "全面从严治党"]
    automaton = _automaton(words)
    monkeypatch.setattr(acscan, "MIN_FIRST_CHARACTERS", 1)  # a small automaton, scanned the fast way all the same
    pieces = words + [w[1:] for w in words] + [w[:-1] for w in words] + ["。", "，", "的", "a", "\n", "\ud800"]
    for _ in range(120):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(2000, 3000)))
        a = rng.choice([0, rng.randrange(len(text))])
        b = rng.choice([len(text), rng.randrange(a, len(text) + 1)])
        assert acscan.iter_long(automaton, text, a, b) == list(automaton.iter_long(text, a, b))
    for automaton in _lexicon_automata():
        lexicon_words = list(automaton.keys())
        for _ in range(100):
            parts, size = [], 0
            while size < acscan.MIN_SCAN + 100:
                w = rng.choice(lexicon_words)
                parts.append(rng.choice([w, w[1:], w[:-1], "。", "的"]))
                size += len(parts[-1])
            text = "".join(parts)
            assert acscan.iter_long(automaton, text, 0, len(text)) == list(automaton.iter_long(text))


def test_acscan_finds_a_phrase_ending_at_the_window_end():
    # iter_long misses a match that ends exactly at its end index in some states; the fast
    # scan must behave the same, never "better".
    from shuzhi.text import acscan

    automaton = _lexicon_automata()[0]
    text = "经济带。" * 2000 + "重大项目"
    for end in (len(text), len(text) - 1):
        assert acscan.iter_long(automaton, text, 0, end) == list(automaton.iter_long(text, 0, end))


def test_normalize_separator_is_every_maximal_whitespace_run():
    """_SEP replaced "spaces, newline, spaces-or-newlines | spaces": it must give the same matches."""
    from shuzhi.text.normalize import _HWS, _SEP

    plain = re.compile(f"[{_HWS}]*\\n[{_HWS}\\n]*|[{_HWS}]+")
    rng = random.Random(10)
    alphabet = _HWS + "\n\nab中文。"
    for _ in range(30000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        assert [m.span() for m in _SEP.finditer(s)] == [m.span() for m in plain.finditer(s)], repr(s)
    for path in sorted((CORPUS / "gov-reports").glob("*.txt"))[:20]:
        raw = path.read_text(encoding="utf-8")
        assert [m.span() for m in _SEP.finditer(raw)] == [m.span() for m in plain.finditer(raw)]


def test_bare_percent_and_congress_mentions_match_their_plain_patterns(corpus_texts):
    from shuzhi.rules.placeholder_scan import _BARE_PERCENT
    from shuzhi.rules.terms import _MENTION_RE

    plain_pct = re.compile(r"(?<=[\u4e00-\u9fff])%(?![）)])")
    plain_mention = re.compile(r"(?:党的)?(十[三四五六七八九]|二十)(?:(大)|届(?:([一二三四五六七八九])中|(历次))全会)")
    rng = random.Random(11)
    for _ in range(20000):
        s = "".join(rng.choice("增长%）)a党的十二九大届六中历次全会。") for _ in range(rng.randrange(1, 20)))
        assert [m.span() for m in _BARE_PERCENT.finditer(s)] == [m.span() for m in plain_pct.finditer(s)], s
        assert [(m.span(), m.groups()) for m in _MENTION_RE.finditer(s)] == [
            (m.span(), m.groups()) for m in plain_mention.finditer(s)
        ], s
    mentions = 0
    for text in corpus_texts:
        assert [m.span() for m in _BARE_PERCENT.finditer(text)] == [m.span() for m in plain_pct.finditer(text)]
        got = [(m.span(), m.groups()) for m in _MENTION_RE.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in plain_mention.finditer(text)]
        mentions += len(got)
    assert mentions > 50


def test_quantity_qualifiers_and_clauses_equal_the_plain_loops(corpus_texts):
    import bisect

    from shuzhi.figures.quantities import _CLAUSE_RE, _PRE_QUAL, _pre_qualifier, extract

    def plain_pre_qualifier(text, start):
        before = text[max(0, start - 3) : start]
        return next((w for w in _PRE_QUAL if before.endswith(w)), "")

    rng = random.Random(12)
    for _ in range(20000):
        s = "".join(rng.choice("不少于低超过足到近约逾将接大最多达5") for _ in range(rng.randrange(0, 7)))
        for i in range(len(s) + 1):
            assert _pre_qualifier(s, i) == plain_pre_qualifier(s, i), (s, i)
    figures = 0
    for text in corpus_texts:
        delims = [m.start() for m in _CLAUSE_RE.finditer(text)]
        for q in extract(text):
            i = bisect.bisect_left(delims, q.start)
            assert q.indicator == text[(delims[i - 1] + 1 if i else 0) : q.start]
            figures += 1
    assert figures > 1000


def _plain_find_items(text):
    """enumerations.find_items as first written (a plain regex, a quadratic neighbour search)."""
    from shuzhi.outline.enumerations import _CN, cn_number

    item = re.compile(
        rf"(?:^|(?<=[。；！？：:\n，,）)”]))(?P<m>(?P<cn>[{_CN}]{{1,3}})是|(?P<seq>首先|其次|再次|最后)(?=[，,])"
        rf"|第(?P<di>[{_CN}]{{1,3}})[，,：:])"
    )
    raw = []
    for m in item.finditer(text):
        if m.group("cn"):
            n, fam = cn_number(m.group("cn")), "shi"
        elif m.group("di"):
            n, fam = cn_number(m.group("di")), "di"
        else:
            n, fam = ("首先", "其次", "再次", "最后").index(m.group("seq")) + 1, "seq"
        if n:
            raw.append((m.start("m"), m.group("m"), n, fam))
    keep = []
    for i, (pos, marker, n, fam) in enumerate(raw):
        prev = next((r for r in reversed(raw[:i]) if r[3] == fam), None)
        nxt = next((r for r in raw[i + 1 :] if r[3] == fam), None)
        follows = (
            prev is not None
            and (prev[2] == n - 1 or (fam == "seq" and n == 4 and prev[2] >= 2))
            and pos - prev[0] < 3000
        )
        leads = n == 1 and nxt is not None and nxt[2] == 2 and nxt[0] - pos < 3000
        if follows or leads:
            keep.append((pos, marker))
    out = []
    for j, (pos, marker) in enumerate(keep):
        para_end = text.find("\n", pos)
        para_end = len(text) if para_end < 0 else para_end
        end = para_end
        if j + 1 < len(keep) and keep[j + 1][0] < para_end:
            end = keep[j + 1][0]
        out.append((pos, end, marker))
    return out


def test_find_items_equals_the_plain_version(corpus_texts):
    from shuzhi.outline.enumerations import find_items

    items = 0
    for text in corpus_texts:
        got = find_items(text)
        assert got == _plain_find_items(text)
        items += len(got)
    assert items > 100
    rng = random.Random(13)
    for _ in range(5000):
        s = "".join(
            rng.choice(
                ["一是", "二是", "三是", "首先，", "其次，", "最后，", "第一，", "第二：", "。", "\n", "统一是", "甲"]
            )
            for _ in range(rng.randrange(1, 15))
        )
        assert find_items(s) == _plain_find_items(s), s


def test_scan_gives_the_finditer_matches_of_the_p101_patterns(corpus_texts):
    from shuzhi.rules.config import Config
    from shuzhi.rules.context import Context
    from shuzhi.rules.placeholder_scan import _MASK_RE, _patterns
    from shuzhi.text.fastre import compile_fast, scan

    cfg = Config()
    pat = _patterns(Context(cfg.lexicons).for_rule(cfg.registry.get("P101")))
    rng = random.Random(14)
    found = 0
    for p in (pat.masked, pat.cjk, _MASK_RE):
        for text in corpus_texts:
            for a, b in _windows(text, rng, 3):
                want = [(m.span(), m.lastgroup, m.group()) for m in p.finditer(text, a, b)]
                assert [(m.span(), m.lastgroup, m.group()) for m in scan(p, text, a, b)] == want
                found += len(want)
    assert found > 0
    samples = "XX××**某某○○【待填】（填写）中国**ZZ纪律20XX年7×24 x1+X"
    for p in (pat.masked, pat.cjk, _MASK_RE, compile_fast(r"(?<![A-Z])X{1,3}(?=年)|某+")):
        for _ in range(3000):
            s = "".join(rng.choice(samples) for _ in range(rng.randrange(1, 30)))
            assert [m.span() for m in scan(p, s)] == [m.span() for m in p.finditer(s)], s
    # Patterns with no known first characters fall back to finditer.
    assert [m.span() for m in scan(re.compile(r"a*b"), "aab b")] == [(0, 3), (4, 5)]


def _plain_normalize(work: str) -> tuple[str, list[int]]:
    """normalize() as a loop over the whitespace runs (what it was before it worked on code points)."""
    from shuzhi.text.normalize import _SEP, _WORD_CHARS

    out: list[str] = []
    to_raw: list[int] = []
    for m in _SEP.finditer(work):
        a, b = m.span()
        if a == 0 or b >= len(work):
            continue
        if "\n" in m.group():
            out.append("\n")
            to_raw.append(a + m.group().index("\n"))
        elif work[a - 1] in _WORD_CHARS and work[b] in _WORD_CHARS:
            out.append(" ")
            to_raw.append(a)
    for i, ch in enumerate(work):
        if not _SEP.match(ch):
            out.append(ch)
            to_raw.append(i)
    order = sorted(range(len(out)), key=to_raw.__getitem__)
    return "".join(out[i] for i in order), [to_raw[i] for i in order]


def test_normalize_over_code_points_matches_the_loop_over_whitespace_runs():
    from shuzhi.model.document import Unit
    from shuzhi.text.normalize import _HWS, normalize, units_from_lines

    rng = random.Random(12)
    alphabet = _HWS + "\n\nab1.%中文。Ａ１％"
    for _ in range(20000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 25)))
        work = raw.translate({0xFF21: "A", 0xFF11: "1", 0xFF05: "%"})
        text, to_raw = normalize(raw, units_from_lines(raw), [])
        want_text, want_map = _plain_normalize(work)
        assert text == want_text, repr(raw)
        assert to_raw.tolist() == ([*want_map, want_map[-1] + 1] if want_map else [0]), repr(raw)
    # A soft break (a PDF line that goes on) is dropped like any space.
    raw = "第一行\n接着写\n第二段"
    assert (
        normalize(raw, [Unit(0, 3, 1, soft_break=True), Unit(4, 7, 2), Unit(8, 11, 3)], [])[0] == "第一行接着写\n第二段"
    )


def test_line_units_are_the_units_of_every_line():
    from shuzhi.model.document import Unit
    from shuzhi.text.normalize import units_from_lines

    for raw in ("", "\n", "一\n\n二三\n", "单行", "a\nbb\n\nccc"):
        units = units_from_lines(raw)
        want, pos = [], 0
        for i, line in enumerate(raw.split("\n"), start=1):
            want.append(Unit(pos, pos + len(line), i))
            pos += len(line) + 1
        assert list(units) == want and len(units) == len(want)
        assert [units[i] for i in range(-len(want), len(want))] == want + want
        assert units[1:] == want[1:]
        with pytest.raises(IndexError):
            units[len(want)]


def test_blank_run_scan_matches_finditer():
    from shuzhi.rules.placeholders import _BLANK_RUN
    from shuzhi.text.fastre import scan

    rng = random.Random(13)
    found = 0
    for _ in range(20000):
        s = "".join(rng.choice(" \u3000\t_＿中文万元%，\n") for _ in range(rng.randrange(0, 20)))
        want = [m.span() for m in _BLANK_RUN.finditer(s)]
        assert [m.span() for m in scan(_BLANK_RUN, s)] == want, repr(s)
        found += len(want)
    assert found > 1000
