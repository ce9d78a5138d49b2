"""fastre.needles: strings one of which every match contains, so that their absence rules a match out."""

from __future__ import annotations

import random
import re

import pytest

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from shuzhi.lexicons.loader import builtin
from shuzhi.outline import heads, meta
from shuzhi.text.fastre import needles

PATTERNS = [
    *(rx for _, rx in meta._BODY_KINDS),
    *(rx for _, rx in meta._TITLE_KINDS),
    *(rx for _, _, rx in heads._FAMILIES),
    meta._BODY_DATE_RE,
    re.compile(r"(?:现将|现就)本人.{0,4}(?:述职|汇报)+"),
    re.compile(r"a(?:bc|bd)[xyz]{2,3}(?=k)"),
    re.compile(r"^(?:中共)?[一-龥]{1,4}(?:县委|政府)[:：]$", re.M),
]


def _sample(items, rng: random.Random) -> str:
    """A random string that the parsed ``items`` could match (lookarounds and anchors passed over)."""
    out = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(chr(av))
        elif op is _c.IN:
            chars = [chr(v) for k, v in av if k is _c.LITERAL]
            chars += [chr(rng.randint(*v)) for k, v in av if k is _c.RANGE]
            out.append(rng.choice(chars or ["1"]))
        elif op is _c.ANY:
            out.append(rng.choice("的了工作本人，1a"))
        elif op is _c.SUBPATTERN:
            out.append(_sample(av[-1], rng))
        elif op is _c.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            lo, hi, sub = av
            out.extend(_sample(sub, rng) for _ in range(rng.randint(lo, min(hi, lo + 3))))
    return "".join(out)


def _texts(rx: re.Pattern, rng: random.Random, n: int):
    """Samples of the pattern among filler, some with a character dropped or changed (near misses)."""
    parsed = list(_p.parse(rx.pattern, rx.flags))
    for _ in range(n):
        s = _sample(parsed, rng)
        if s and rng.random() < 0.4:
            k = rng.randrange(len(s))
            s = s[:k] + rng.choice(["", "的", "1"]) + s[k + 1 :]
        yield rng.choice(["", "本人", "一、", "\n"]) + s + rng.choice(["", "。", "：", "的", "类", "k", "\n"])


@pytest.mark.parametrize("i", range(len(PATTERNS)))
def test_a_text_without_any_needle_has_no_match(i):
    rx = PATTERNS[i]
    need = needles(rx.pattern, rx.flags)
    rng = random.Random(i)
    matched = 0
    for text in _texts(rx, rng, 3000):
        if rx.search(text):
            matched += 1
            assert need is None or any(n in text for n in need), (rx.pattern, text, need)
    assert matched > 50  # the texts do exercise the pattern


def test_the_document_kinds_of_the_opening_all_have_needles():
    # What spares find_doc_kind the search: a kind without needles is searched on every file.
    assert all(need for _, _, need in meta._BODY_KINDS_NEEDLES)


@pytest.mark.parametrize(
    "pattern, flags",
    [(r".{0,3}", 0), (r"abc", re.I), (r"(?i)abc", 0), (r"a?b?", 0), (r"\d+", 0), (r"[^a]x?", 0), (r"(?:ab)*", 0)],
)
def test_no_needles_when_a_match_needs_no_fixed_string(pattern, flags):
    assert needles(pattern, flags) is None


def test_every_match_in_the_corpus_holds_a_needle(corpus):
    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8")[:3000] for p in sorted((corpus / "gov-reports").glob("*.txt"))[:40]]
    rxs = [*PATTERNS, *(re.compile(p, re.M) for p in builtin()["placeholders.residue_signals"])]
    checked = 0
    for rx in rxs:
        need = needles(rx.pattern, rx.flags)
        if need is None:
            continue
        for text in texts:
            for m in rx.finditer(text):
                assert any(n in m.group() for n in need), (rx.pattern, m.group())  # inside the match itself
                checked += 1
    assert checked > 100
