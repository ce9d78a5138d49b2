"""RoundSlices (a round's pairs made a slice of first documents at a time, so memory stays bounded) gives exactly
round_pairs' candidate pairs, runs and Jaccard for a round with nothing common; jaccards' result does not depend on
its memory budget."""

from __future__ import annotations

import numpy as np
import pytest

import shuzhi
from conftest import seed
from shuzhi.similarity.core.align import MAX_REPEATS
from shuzhi.similarity.core.allpairs import RoundSlices, jaccards, round_pairs
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint


def _texts() -> list[str]:
    """The seeds, each three times with a different third of its lines gone, passages pasted across, a refrain."""
    seeds = [shuzhi.load(seed(i)).text for i in range(5)]
    out = []
    for k, s in enumerate(seeds):
        lines = s.split("\n")
        out += ["\n".join(x for n, x in enumerate(lines) if (n + v) % 3) for v in range(3)]
        out.append("本人主要抓了三件事。\n" + seeds[(k + 1) % 5][300:700] + "\n" + s[100:400])
    out.append("坚持问题导向狠抓落实。" * (MAX_REPEATS + 3) + seeds[0][900:960])
    out.append("")
    return out


@pytest.fixture(scope="module")
def fps():
    fl = formula_list()
    return [fingerprint(t, DEFAULT, fl).compact() for t in _texts()]


@pytest.mark.parametrize("work", [1, 5_000, 1 << 30])
def test_round_slices_are_round_pairs(fps, work):
    n = len(fps)
    want = round_pairs(fps, np.arange(n), n + 1, DEFAULT.bands)
    rs = RoundSlices(fps, DEFAULT.bands, work=work)
    if work == 1:
        assert len(rs) >= n - 2  # a slice per document (the last ones pair with nothing later)
    assert np.array_equal(rs.pairs, want.pairs) and len(want.pairs) > 50
    assert np.array_equal(rs.jaccard, want.jaccard)
    for k in range(len(rs)):
        p0, p1 = rs.spans[k]
        got = rs.slice(k)
        assert np.array_equal(got.pairs, want.pairs[p0:p1])
        for q in range(p1 - p0):
            assert got.run_list(q) == want.run_list(p0 + q)
        assert np.array_equal(got.matched_bound(), want.matched_bound()[p0:p1])


def test_jaccards_do_not_depend_on_the_memory_budget(fps):
    n = len(fps)
    i, j = np.triu_indices(n, 1)
    pairs = np.stack((i, j), axis=1)
    big = jaccards(fps, pairs)
    for chunk_words, budget in ((1 << 19, 16 << 20), (64, 1024), (1, 8)):
        assert np.array_equal(jaccards(fps, pairs, chunk_words, budget), big)
    # Exact: the k-gram sets' Jaccard, pair by pair.
    for a, b, x in zip(i.tolist(), j.tolist(), big.tolist(), strict=True):
        sa, sb = fps[a].shingles, fps[b].shingles
        inter = len(np.intersect1d(sa, sb))
        assert x == (inter / (len(sa) + len(sb) - inter) if len(sa) and len(sb) else 0.0)


def test_text_arrays_are_the_sentinel_codes_without_keeping_them():
    """_sides lays out every text with its formulas as sentinels, as sentinel_codes, but leaves no copy on the
    fingerprints (a round of hundreds would hold two per report); paragraph numbers are found from the breaks'
    positions, the same as a number per character."""
    from shuzhi.similarity.core.allpairs import _sides

    fl = formula_list()
    fps = [fingerprint(t, DEFAULT, fl).compact() for t in _texts()]
    side_a, side_b, off = _sides(fps)
    assert not any("_sentinel_codes" in f.__dict__ for f in fps)
    for f, o in zip(fps, off.tolist(), strict=True):
        assert np.array_equal(side_a[o : o + len(f.codes)], f.sentinel_codes(0xFFFFFFF0))
        assert np.array_equal(side_b[o : o + len(f.codes)], f.sentinel_codes(0xFFFFFFF1))
        at = np.arange(len(f.codes))
        assert np.array_equal(f.paragraph_of(at), np.cumsum(f.codes == 10))
    assert fps[0].masked.any()  # formulas were masked: the sentinels were really tested
