"""ComparisonList.involving reads a report's columns once for all its pairs (#17): the same Comparisons, with the same
Matches, as making each of them alone (ComparisonList[k])."""

from __future__ import annotations

import numpy as np
import pytest

from shuzhi.similarity.compare import ComparisonList, Found


class _Doc:
    def __init__(self, i: int):
        self.source, self.text = f"r{i}.txt", "x" * 10


def _found(rng: np.random.Generator, n_docs: int, n_pairs: int) -> Found:
    """Random pairs (a < b, some documents in none), each with 0 to 6 matches, in (a, b) order."""
    a = rng.integers(0, n_docs - 1, n_pairs)
    b = a + 1 + (rng.integers(0, 10**6, n_pairs) % (n_docs - 1 - a))
    code = np.unique(a * n_docs + b)
    a, b = code // n_docs, code % n_docs
    n = len(a)
    counts = rng.choice([0, 0, 1, 2, 6], n)
    total = int(counts.sum())
    return Found(
        a.astype(np.int64),
        b.astype(np.int64),
        rng.random(n),
        rng.random(n),
        np.where(rng.random(n) < 0.1, -0.0, rng.random(n)),
        rng.integers(0, 500, n),
        np.r_[0, np.cumsum(counts)].astype(np.int64),
        rng.integers(0, 10_000, (total, 5)).astype(np.int64),
        rng.random(total),
    )


@pytest.mark.parametrize("seed", range(5))
def test_involving_is_each_comparison_made_alone(seed):
    rng = np.random.default_rng(seed)
    n_docs = int(rng.integers(2, 40))
    docs = [_Doc(i) for i in range(n_docs)]
    cl = ComparisonList(_found(rng, n_docs, int(rng.integers(0, 300))), docs)
    seen = 0
    for i in range(n_docs):
        alone = [cl[k] for k in cl.positions(i)]
        got = cl.involving(i)
        assert got == alone
        # The same documents (the objects themselves), ints and floats as the columns hold them.
        assert all(x.a is y.a and x.b is y.b for x, y in zip(got, alone, strict=True))
        assert all(type(m.a_start) is int and type(m.identity) is float for c in got for m in c.matches)
        seen += sum(len(c.matches) for c in got)
    assert seen == 2 * len(cl.found.identity)  # every match seen from both of its reports


def test_a_report_in_no_pair_has_no_comparisons():
    docs = [_Doc(i) for i in range(3)]
    f = Found(
        *(np.zeros(0, t) for t in (np.int64, np.int64, float, float, float, np.int64)),
        np.zeros(1, np.int64),
        np.zeros((0, 5), np.int64),
        np.zeros(0),
    )
    assert ComparisonList(f, docs).involving(1) == []
