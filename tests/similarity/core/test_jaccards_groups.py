"""jaccard.jaccards with the shared k-grams held by the same documents as one weighted bit (#17): the exact Jaccards
of brute force, whatever the blocks, the chunks, and when two sets of documents have the same sums."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from shuzhi.similarity.core import jaccard


def _round(seed: int, n: int = 60):
    """Sets of k-grams made as a round's reports are: paragraphs of a shared pool (each a run of k-grams held by
    every report that took it), some k-grams of a report's own, repeats, an empty report and two identical ones."""
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 2**63, 40_000, dtype=np.int64).view(np.uint64)
    cut = np.sort(rng.choice(np.arange(1, 20_000), 80, replace=False))
    pool = np.split(values[:20_000], cut)  # 81 paragraphs of 1 to a few hundred k-grams
    own = values[20_000:]
    sets = []
    for d in range(n):
        took = rng.choice(len(pool), int(rng.integers(0, 12)), replace=False)
        parts = [pool[k] for k in took] + [own[d * 200 : d * 200 + int(rng.integers(0, 200))]]
        sets.append(np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.uint64))
    sets[4] = np.zeros(0, np.uint64)
    sets[7] = sets[8].copy()
    return [SimpleNamespace(shingles=s) for s in sets]


def _brute(fps, pairs) -> np.ndarray:
    plain = [set(f.shingles.tolist()) for f in fps]
    return np.array(
        [len(plain[i] & plain[j]) / len(plain[i] | plain[j]) if plain[i] and plain[j] else 0.0 for i, j in pairs]
    )


def _all_pairs(n: int) -> np.ndarray:
    return np.array([(i, j) for i in range(n) for j in range(i + 1, n)], dtype=np.int64)


@pytest.mark.parametrize("seed", range(3))
def test_weighted_groups_give_the_exact_jaccards(seed):
    fps = _round(seed)
    pairs = _all_pairs(len(fps))
    want = _brute(fps, pairs)
    n = len(fps)
    # One block or many (one word a block), one chunk of keys or many, few pairs at a time or all.
    for budget, chunk_keys, chunk_words in ((64 << 20, 1 << 18, 1 << 22), (8 * n, 997, 1), (8 * n * 3, 53, 64)):
        got = jaccard.jaccards(fps, pairs, chunk_words=chunk_words, budget_bytes=budget, chunk_keys=chunk_keys)
        assert np.array_equal(got, want)


def test_groups_are_the_sets_of_documents_holding_a_column():
    fps = _round(5)
    sets = [f.shingles for f in fps]
    allh = np.concatenate(sets)
    u, c = np.unique(allh, return_counts=True)
    shared = u[c >= 2]
    keys = jaccard._shared_columns(sets, shared)
    width = len(shared) + 1
    group, first = jaccard._same_documents(keys, width, len(shared), len(fps), 1 << 10)
    holders: dict[int, list[int]] = {}
    for k in keys.tolist():
        holders.setdefault(k % width, []).append(k // width)
    by_set: dict[tuple, set] = {}
    for col, docs in holders.items():
        by_set.setdefault(tuple(docs), set()).add(int(group[col]))
    assert all(len(g) == 1 for g in by_set.values())  # one set of documents, one group
    assert len({g for gs in by_set.values() for g in gs}) == len(by_set)  # and one group, one set
    assert len(by_set) < len(shared) / 5  # the pool's paragraphs are groups of many columns
    # Each group's first column is its smallest.
    smallest = {}
    for col in sorted(holders):
        smallest.setdefault(int(group[col]), col)
    assert sorted(np.flatnonzero(first).tolist()) == sorted(smallest.values())


def test_sets_of_documents_with_the_same_sums_are_told_apart(monkeypatch):
    """Every document numbered 0: every column of a count in one group until the check sees it; every column then
    its own group, the same Jaccards."""
    fps = _round(7)
    pairs = _all_pairs(len(fps))
    zeros = lambda n: (np.zeros(n, np.uint64), np.zeros(n, np.uint64))  # noqa: E731
    monkeypatch.setattr(jaccard, "_document_numbers", zeros)
    seen = []
    original = jaccard._same_documents
    monkeypatch.setattr(jaccard, "_same_documents", lambda *a: seen.append(original(*a)) or seen[-1])
    assert np.array_equal(jaccard.jaccards(fps, pairs, budget_bytes=8 * len(fps) * 2), _brute(fps, pairs))
    group, first = seen[0]
    assert first.all() and np.array_equal(group, np.arange(len(group)))
