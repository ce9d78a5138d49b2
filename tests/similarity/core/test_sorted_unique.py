"""shingle.sorted_unique: the same array as np.unique, for the k-gram sets every fingerprint builds."""

from __future__ import annotations

import numpy as np

from shuzhi.similarity.core.shingle import sorted_unique


def test_sorted_unique_equals_np_unique():
    rng = np.random.default_rng(4)
    cases = [
        np.zeros(0, np.uint64),
        np.array([7], np.uint64),
        np.array([3, 3, 3], np.uint64),
        rng.integers(0, 2**63, 5_000, dtype=np.int64).view(np.uint64),
        rng.integers(0, 50, 5_000).astype(np.uint64),  # many repeats
        np.array([2**64 - 1, 0, 2**63, 2**64 - 1], np.uint64),  # the top bit set
    ]
    for values in cases:
        got, want = sorted_unique(values), np.unique(values)
        assert got.dtype == want.dtype and np.array_equal(got, want)
        assert values.size == 0 or not np.shares_memory(got, values)  # the caller's array untouched


def test_jaccards_are_exact_in_any_column_block_and_chunk():
    """jaccard.jaccards (its columns found for all documents at once): the exact Jaccard of the k-gram sets, with
    one column block or many, one chunk of documents or many."""
    from types import SimpleNamespace

    from shuzhi.similarity.core import jaccard

    rng = np.random.default_rng(9)
    pool = rng.integers(0, 2**63, 3_000, dtype=np.int64).view(np.uint64)
    sets = [np.unique(rng.choice(pool, int(rng.integers(0, 400)))) for _ in range(40)]
    sets[3] = np.zeros(0, np.uint64)  # a text without k-grams: Jaccard 0
    fps = [SimpleNamespace(shingles=s) for s in sets]
    pairs = np.array([(i, j) for i in range(40) for j in range(i + 1, 40)], dtype=np.int64)
    plain = [set(s.tolist()) for s in sets]
    want = np.array(
        [len(plain[i] & plain[j]) / len(plain[i] | plain[j]) if plain[i] and plain[j] else 0.0 for i, j in pairs]
    )
    original = jaccard._shared_columns
    for budget, chunk, keys in ((64 << 20, 1 << 21, 1 << 18), (8 * 40 * 3, 50, 37), (8 * 40, 1, 1), (64 << 20, 7, 5)):
        jaccard._shared_columns = lambda s, sh, chunk=chunk: original(s, sh, chunk)
        try:
            got = jaccard.jaccards(fps, pairs, chunk_words=64, budget_bytes=budget, chunk_keys=keys)
        finally:
            jaccard._shared_columns = original
        assert np.array_equal(got, want)


def test_jaccards_memory_stays_near_the_kgrams_it_is_given():
    """A round's Jaccards hold the documents' shared columns (one int64 a k-gram) and one column block's bitsets,
    not several arrays of every key of a block at once: on 14eb267 a 500-report round's jaccards peaked at 159 MB
    (2.5x the 64 MB before it); here about 70 MB. Measured with tracemalloc, which numpy reports to."""
    import tracemalloc
    from types import SimpleNamespace

    from shuzhi.similarity.core import jaccard

    rng = np.random.default_rng(11)
    pool = rng.integers(0, 2**63, 600_000, dtype=np.int64).view(np.uint64)
    sets = [np.unique(rng.choice(pool, 10_000)) for _ in range(300)]  # nearly every k-gram shared, as in a round
    fps = [SimpleNamespace(shingles=s) for s in sets]
    pairs = np.array([(i, j) for i in range(300) for j in range(i + 1, 300, 7)], dtype=np.int64)
    kgrams = sum(len(s) for s in sets) * 8
    budget = 4 << 20
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        jaccard.jaccards(fps, pairs, chunk_words=1 << 19, budget_bytes=budget)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    # The concatenated k-grams while the shared ones are found, or the keys beside one block: about one copy of
    # the k-grams plus the bitsets and the chunks' temporaries (~16 MB) — not six copies of a block's keys.
    assert peak < 2 * kgrams + budget + (24 << 20), (peak >> 20, kgrams >> 20)


def test_jaccards_of_a_few_pairs_by_lookup_equal_the_bitsets():
    """A few of the documents' pairs (a shuzhi.spark cell's candidates) go by lookups (_jaccards_by_lookup), every
    pair of a round by bitsets: the same exact values either way, with empty sets, identical sets, a pair given
    twice or in either order, a document paired with many, and lookups cut into chunks of any size."""
    from types import SimpleNamespace

    from shuzhi.similarity.core import jaccard

    rng = np.random.default_rng(21)
    pool = rng.integers(0, 2**63, 5_000, dtype=np.int64).view(np.uint64)
    sets = [np.unique(rng.choice(pool, int(rng.integers(0, 600)))) for _ in range(300)]
    sets[5] = sets[6] = np.zeros(0, np.uint64)
    sets[7] = sets[8].copy()
    # k-grams alike in their low bits (the lookup's table of flags): every one passes the flags, only the search
    # can tell them apart — 12 and 13 share a few, 14 holds 12's values moved in their high bits only.
    low = (rng.integers(0, 2**40, 400, dtype=np.int64).astype(np.uint64) << np.uint64(jaccard.LOOKUP_BITS)) | np.uint64(
        7
    )
    sets[12], sets[13] = np.unique(low[:300]), np.unique(low[250:])
    sets[14] = np.unique(sets[12] ^ np.uint64(1 << 60))
    fps = [SimpleNamespace(shingles=s) for s in sets]
    few = [(int(i), int(j)) for i, j in rng.integers(0, 300, (400, 2))]
    few += [(5, 6), (5, 9), (7, 8), (8, 7), (10, 11), (10, 11), (12, 13), (13, 12), (12, 14), (14, 13)]
    few += [(0, j) for j in range(1, 300, 3)]
    pairs = np.array(few, dtype=np.int64)
    assert len(pairs) * jaccard.SPARSE_PAIRS < 300 * 299 // 2  # the lookup path is the one taken
    plain = [set(s.tolist()) for s in sets]
    want = np.array(
        [len(plain[i] & plain[j]) / len(plain[i] | plain[j]) if plain[i] and plain[j] else 0.0 for i, j in pairs]
    )
    assert np.array_equal(jaccard.jaccards(fps, pairs), want)
    for chunk in (1, 37, 1_000, 1 << 21):
        assert np.array_equal(jaccard._jaccards_by_lookup(fps, pairs, chunk=chunk), want)
    dense, jaccard.SPARSE_PAIRS = jaccard.SPARSE_PAIRS, 10**12  # every pair by bitsets
    try:
        assert np.array_equal(jaccard.jaccards(fps, pairs), want)
    finally:
        jaccard.SPARSE_PAIRS = dense
