"""The fast scans of the speed work must find exactly what the plain patterns and loops find."""
from __future__ import annotations

import random
import re

import pytest

import shuzhi
from shuzhi.signals import CHAIN_PATTERN, FACT_PATTERN, _FACT_RE, chain_matches

from .conftest import CORPUS


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
