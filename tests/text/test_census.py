"""Long texts: one numpy pass says whether they hold full-width or _SPLIT_DIFFERS characters; same text."""

from __future__ import annotations

import random

import pytest

from conftest import SEEDS
from shuzhi.text.normalize import (
    _CENSUS_MIN,
    _FULLWIDTH,
    _SPLIT_DIFFERS,
    _census,
    analysed_text,
    prepare,
    units_from_lines,
)


def _full(raw: str) -> str:
    return prepare(raw, units_from_lines(raw))[1]


def test_census_is_whether_each_kind_of_character_occurs():
    rng = random.Random(3)
    fullwidth = [chr(c) for c in _FULLWIDTH]
    alphabet = [*"中文，。ab1 \n\u3000\uff01\uffe5\U00020000", *fullwidth[:3], *_SPLIT_DIFFERS[:3], "\ud800"]
    cases = ["", "中", *fullwidth, *_SPLIT_DIFFERS]
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for s in cases:
        expected = (any(c in s for c in fullwidth), any(c in s for c in _SPLIT_DIFFERS))
        assert _census(s) == expected, repr(s)


@pytest.mark.parametrize("odd", ["", "\u2028", "\x85", "\u200b", "\x00", "\ufeff"])
def test_long_texts_equal_the_full_load(odd):
    # Seed reports made longer than _CENSUS_MIN, with whitespace, full-width letters, vendor lines (some
    # holding the odd character, so that it is cut out with them) and the odd character elsewhere.
    rng = random.Random(odd)
    base = [p.read_text(encoding="utf-8") for p in SEEDS]
    noise = [" ", "\t", "\u3000", "\n\n", "Ｑ１％", "ab 12", "QQ群：123456" + odd + "\n", "\n微信" + odd + "：abc\n"]
    if odd:
        noise.append(odd)
    for _ in range(60):
        text = rng.choice(base) * (1 + _CENSUS_MIN // 2000)
        cuts = sorted(rng.randrange(len(text)) for _ in range(rng.randint(0, 30)))
        pieces, pos = [], 0
        for c in cuts:
            pieces += [text[pos:c], rng.choice(noise)]
            pos = c
        raw = "".join([*pieces, text[pos:]])
        if rng.random() < 0.3:
            raw = raw.translate({c: None for c in _FULLWIDTH})
        assert len(raw) >= _CENSUS_MIN
        assert analysed_text(raw) == _full(raw)
