"""A lone X written as a formula's variable (#17, branch checkfast9): answered without a search where no plus sign is
in reach, with the answers of main fbf168b's _is_variable (copied here as the oracle)."""

from __future__ import annotations

import random

import shuzhi
from conftest import CORPUS
from shuzhi.rules import placeholder_scan as ps
from shuzhi.rules.placeholder_scan import _FORMULA_X, SENTENCE_WINDOW


def _main_is_variable(text: str, a: int) -> bool:
    lo, hi = max(0, a - SENTENCE_WINDOW), min(len(text), a + SENTENCE_WINDOW)
    start = max(lo, max(text.rfind(c, lo, a) for c in "。！？；\n") + 1)
    ends = [e for e in (text.find(c, a, hi) for c in "。！？；\n") if e >= 0]
    return bool(_FORMULA_X.search(text, start, min(ends) if ends else hi))


def _cases():
    for d in ("seeds", "samples", "gov-reports"):
        for p in sorted((CORPUS / d).glob("*.txt")):
            text = shuzhi.load(p).text
            for i, c in enumerate(text):
                if c in "Xx":
                    yield text, i
    rng = random.Random(9)
    pieces = ["X", "x", "+", "＋", "1", "N", "A", "项", "。", "；", "\n", "工作", "“", "”", "法"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        if rng.random() < 0.05:
            text = "+" + "甲" * rng.randint(SENTENCE_WINDOW - 3, SENTENCE_WINDOW + 3) + text
        for i, c in enumerate(text):
            if c in "Xx":
                yield text, i


def test_is_variable_equals_the_search():
    said = {True: 0, False: 0}
    for text, a in _cases():
        want = _main_is_variable(text, a)
        assert ps._is_variable(text, a) == want, (text, a)
        said[want] += 1
    assert said[True] > 1000 and said[False] > 1000, said
