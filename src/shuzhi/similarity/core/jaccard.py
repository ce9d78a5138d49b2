"""Exact Jaccard similarity of the k-gram sets of many pairs of documents at once (shuzhi.similarity.core.allpairs:
a round's all pairs by bitsets over their shared k-grams, a Spark cell's few pairs by lookups)."""

from __future__ import annotations

import sys

import numpy as np

from .shingle import Fingerprint


def _shared_columns(sets: list[np.ndarray], shared: np.ndarray, chunk: int = 1 << 18) -> np.ndarray:
    """Every document's k-grams that are among ``shared`` (sorted), as keys d·(len(shared) + 1) + column,
    ascending (each set is sorted): found a chunk of about ``chunk`` k-grams at a time, so that no array of every
    k-gram of the round is held beside the keys."""
    width = len(shared) + 1
    out, lo, held = [], 0, 0
    for hi, sh in enumerate(sets, 1):
        held += len(sh)
        if held < chunk and hi < len(sets):
            continue
        cat = np.concatenate(sets[lo:hi])
        if len(cat) and len(shared):
            col = np.searchsorted(shared, cat)
            hit = shared[np.minimum(col, len(shared) - 1)] == cat
            doc = np.repeat(np.arange(lo, hi, dtype=np.int64), [len(x) for x in sets[lo:hi]])
            out.append(doc[hit] * width + col[hit])
        lo, held = hi, 0
    return np.concatenate(out) if out else np.zeros(0, np.int64)


# Fewer pairs than one in SPARSE_PAIRS of all pairs of the documents (a shuzhi.spark cell's candidates: about one in
# a hundred): each pair's intersection looked up (_jaccards_by_lookup) rather than bitsets over every k-gram shared
# by two of the documents, whose columns alone cost more than the pairs' lookups (a cell of 5,250 reports of 5,000
# characters and 100,000 pairs: 20 s by bitsets, 8.5 s by lookups). A round compares every pair: bitsets.
SPARSE_PAIRS = 20


# The filter of _jaccards_by_lookup: a set's k-grams marked in a table of 2^LOOKUP_BITS flags by their low bits (a
# report's ~5,000 k-grams fill 2 % of 262,144: a 256 KiB table, in the core's cache); a k-gram whose flag is not set
# is not in the set, and only the others are searched for. The same intersections: the flags only spare searches
# whose answer is no. (16 bits before: 8 % of the k-grams looked up in vain; 18 bits: the lookups of a Spark cell's
# pairs −23 % CPU, the same values.)
LOOKUP_BITS = 18
MASK32 = np.uint32((1 << LOOKUP_BITS) - 1)


def _low_bits(h: np.ndarray) -> np.ndarray:
    """The LOOKUP_BITS low bits of 64-bit hashes: read through a 32-bit view where the machine is little-endian (no
    pass over the 64-bit values)."""
    low = h.view(np.uint32)[::2] if sys.byteorder == "little" else (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return low & MASK32


def _jaccards_by_lookup(fps: list[Fingerprint], pairs: np.ndarray, chunk: int = 1 << 21) -> np.ndarray:
    """jaccards for a few of the documents' pairs: each pair's smaller k-gram set looked up in the other's (sorted),
    the pairs grouped by the set looked up in (it stays in the cache), at most about ``chunk`` lookups at once.
    A lookup is a binary search only where the set's table of flags (LOOKUP_BITS) says the k-gram may be there:
    a cell's candidate pairs share a tenth of their k-grams or less, and the search was 80 % of this function."""
    sets = [f.shingles for f in fps]
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    a, b = pairs[:, 0], pairs[:, 1]
    swap = sizes[a] > sizes[b]
    small, big = np.where(swap, b, a), np.where(swap, a, b)
    order = np.lexsort((small, big))
    by = big[order]
    inter = np.zeros(len(pairs), np.int64)
    cut = np.flatnonzero(np.r_[True, by[1:] != by[:-1], True])
    flags = np.zeros(1 << LOOKUP_BITS, bool)  # one table, each set's flags cleared after its pairs
    for lo, hi in zip(cut[:-1].tolist(), cut[1:].tolist(), strict=True):
        target = sets[int(by[lo])]
        if not len(target):
            continue
        last = len(target) - 1
        slots = _low_bits(target)
        flags[slots] = True
        group = order[lo:hi]
        m = sizes[small[group]]
        ends = np.cumsum(m)
        k0 = 0
        while k0 < len(group):
            done = int(ends[k0 - 1]) if k0 else 0
            k1 = max(k0 + 1, int(np.searchsorted(ends, done + chunk, "right")))
            sel, mm = group[k0:k1], m[k0:k1]
            k0 = k1
            if not mm.sum():
                continue
            q = np.concatenate([sets[x] for x in small[sel].tolist()])
            hit = flags[_low_bits(q)]
            maybe = np.flatnonzero(hit)
            at = np.searchsorted(target, q[maybe])
            np.minimum(at, last, out=at)
            hit[maybe] = target[at] == q[maybe]
            some = mm > 0
            inter[sel[some]] = np.add.reduceat(hit, (np.cumsum(mm) - mm)[some])
        flags[slots] = False
    union = sizes[a] + sizes[b] - inter
    empty = (sizes[a] == 0) | (sizes[b] == 0)
    return np.where(empty, 0.0, inter / np.maximum(union, 1))


def _document_numbers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Two random 64-bit numbers per document (fixed: the same every run), whose sums name a set of documents."""
    rng = np.random.default_rng(20261207)
    top = np.iinfo(np.uint64).max
    return rng.integers(0, top, n, dtype=np.uint64, endpoint=True), rng.integers(
        0, top, n, dtype=np.uint64, endpoint=True
    )


def _same_documents(keys: np.ndarray, width: int, ncols: int, n: int, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """The columns (shared k-grams) grouped by the documents that hold them: (group of each column, numbered from 0;
    whether a column is its group's first, its smallest). ``keys``: d·width + column of every document's columns,
    ascending.

    Columns held by exactly the same documents add the same to every pair's intersection: a round's pool paragraphs
    give hundreds of k-grams each held by one set of reports (a 500-report round: 624,352 columns, 54,598 sets).
    Grouped by two sums (modulo 2^64) of a random number per document and their count, then checked exactly: every
    column's documents are found among its group's first column's, whose count it has. When the check fails (two
    sets of documents with the same sums), every column is its own group.
    """
    r1, r2 = _document_numbers(n)
    s1, s2 = np.zeros(ncols, np.uint64), np.zeros(ncols, np.uint64)
    size = np.zeros(ncols, np.int64)
    for lo in range(0, len(keys), chunk):
        d, c = np.divmod(keys[lo : lo + chunk], width)
        np.add.at(s1, c, r1[d])
        np.add.at(s2, c, r2[d])
        np.add.at(size, c, 1)
    order = np.lexsort((s2, s1, size))  # stable: a group's columns ascending, its first the smallest
    new = np.empty(ncols, bool)
    new[:1] = True
    x = size[order]
    np.not_equal(x[1:], x[:-1], out=new[1:])
    for y in (s1, s2):
        x = y[order]
        new[1:] |= x[1:] != x[:-1]
    del s1, s2, size, x
    first_col = order[new]
    group = np.empty(ncols, np.int64)
    group[order] = np.cumsum(new) - 1
    del order, new
    first = np.zeros(ncols, bool)
    first[first_col] = True
    # The check: each key of a column that is not its group's first, found as the same document's key of the first.
    for lo in range(0, len(keys), chunk):
        d, c = np.divmod(keys[lo : lo + chunk], width)
        other = ~first[c]
        want = d[other] * width + first_col[group[c[other]]]
        at = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
        if not np.array_equal(keys[at], want):
            return np.arange(ncols, dtype=np.int64), np.ones(ncols, bool)
    return group, first


def jaccards(
    fps: list[Fingerprint],
    pairs: np.ndarray,
    chunk_words: int = 1 << 22,
    budget_bytes: int = 64 << 20,
    chunk_keys: int = 1 << 18,
) -> np.ndarray:
    """Exact Jaccard of the k-gram sets of every pair, by popcounts of bitsets over the shared k-grams (for a few of
    the documents' pairs, by looking each pair's k-grams up: _jaccards_by_lookup, the same values).

    The shared k-grams held by the same documents are one bit, weighted by how many they are (_same_documents): a
    round's bitsets are an eighth of one bit a k-gram. Memory stays bounded: the bits are cut into blocks whose
    bitsets for all documents fit ``budget_bytes``; intersections add up over blocks. The documents' columns are
    found once, a chunk of documents at a time (_shared_columns): no loop over the documents, whose cost a cell of
    shuzhi.spark paid for every text it holds.
    """
    if not len(pairs):
        return np.zeros(0)
    n = len(fps)
    if len(pairs) * SPARSE_PAIRS < n * (n - 1) // 2:
        return _jaccards_by_lookup(fps, pairs)
    return _Columns(fps, chunk_keys).jaccards(pairs, chunk_words, budget_bytes)


def jaccards_later(fps: list[Fingerprint], chunk_keys: int = 1 << 18):
    """``jaccards(fps, pairs, ...)`` in two steps: what needs only the documents (their shared k-grams as columns,
    grouped: most of the work) done now, before the pairs are known; returns the function of ``(pairs, chunk_words,
    budget_bytes)`` giving the same values as jaccards for any pairs (a few pairs: by lookup, as jaccards)."""
    columns = _Columns(fps, chunk_keys)

    def of(pairs: np.ndarray, chunk_words: int = 1 << 22, budget_bytes: int = 64 << 20) -> np.ndarray:
        if not len(pairs):
            return np.zeros(0)
        n = len(fps)
        if len(pairs) * SPARSE_PAIRS < n * (n - 1) // 2:
            return _jaccards_by_lookup(fps, pairs)
        return columns.jaccards(pairs, chunk_words, budget_bytes)

    return of


class _Columns:
    """The documents' shared k-grams as columns, those held by the same documents one bit (jaccards' first part)."""

    def __init__(self, fps: list[Fingerprint], chunk_keys: int):
        self.n = n = len(fps)
        self.chunk_keys = chunk_keys
        sets = [f.shingles for f in fps]
        self.sizes = np.array([len(s) for s in sets], dtype=np.int64)
        # Only k-grams of two or more documents can be in an intersection: their sorted values are the columns.
        allh = np.concatenate(sets) if sets else np.zeros(0, np.uint64)
        allh.sort(kind="stable")  # runs of sorted sets: merged (timsort), 1.8x faster than quicksort on a cell's
        shared = allh[1:][allh[1:] == allh[:-1]] if len(allh) else allh
        del allh
        shared = shared[np.r_[True, shared[1:] != shared[:-1]]] if len(shared) else shared  # sorted: distinct values
        ncols = len(shared)
        self.keys = _shared_columns(sets, shared)
        del shared
        self.words = 0
        if len(self.keys):
            self.width = width = ncols + 1
            self.group, self.first = _same_documents(self.keys, width, ncols, n, chunk_keys)
            group = self.group
            # One bit a group: the groups of one weight (number of columns) side by side, each weight's from a new
            # word, so that a word's popcount times its weight is what its bits add to an intersection.
            weight = np.bincount(group)
            by_weight = np.argsort(weight, kind="stable")
            w_sorted = weight[by_weight]
            cls_new = np.r_[True, w_sorted[1:] != w_sorted[:-1]]
            cls = np.cumsum(cls_new) - 1
            cls_size = np.bincount(cls)
            cls_words = -(-cls_size // 64)
            cls_word0 = np.cumsum(cls_words) - cls_words
            self.bit = bit = np.empty(len(by_weight), np.int64)
            bit[by_weight] = (
                cls_word0[cls] * 64 + np.arange(len(by_weight)) - np.repeat(np.flatnonzero(cls_new), cls_size)
            )
            self.word_weight = np.repeat(w_sorted[cls_new], cls_words).astype(np.int64)
            self.words = int(cls_words.sum())

    def jaccards(self, pairs: np.ndarray, chunk_words: int, budget_bytes: int) -> np.ndarray:
        n, keys, words, chunk_keys = self.n, self.keys, self.words, self.chunk_keys
        inter = np.zeros(len(pairs), dtype=np.int64)
        block = max(1, budget_bytes // (8 * n))  # words per document per block
        for w0 in range(0, words, block):
            bw = min(block, words - w0)
            bits = np.zeros((n, bw), dtype=np.uint64)
            flat = bits.reshape(-1)
            # Each document's bits of this block: its keys of the groups' first columns (each bit once: a sum of
            # distinct powers of two is their OR), a chunk of keys at a time.
            for lo in range(0, len(keys), chunk_keys):
                d, c = np.divmod(keys[lo : lo + chunk_keys], self.width)
                m = self.first[c]
                d, b = d[m], self.bit[self.group[c[m]]] - w0 * 64
                inside = (b >= 0) & (b < bw * 64)
                d, b = d[inside], b[inside]
                np.add.at(flat, d * bw + (b >> 6), np.left_shift(np.uint64(1), (b & 63).astype(np.uint64)))
                del d, c, m, b, inside
            ww = self.word_weight[w0 : w0 + bw]
            step = max(1, chunk_words // bw)
            for lo in range(0, len(pairs), step):
                p = pairs[lo : lo + step]
                # Integers (no BLAS: its threads cost more than these sums on a busy machine).
                inter[lo : lo + step] += (np.bitwise_count(bits[p[:, 0]] & bits[p[:, 1]]) * ww).sum(axis=1)
            del bits, flat
        sizes = self.sizes
        union = sizes[pairs[:, 0]] + sizes[pairs[:, 1]] - inter
        empty = (sizes[pairs[:, 0]] == 0) | (sizes[pairs[:, 1]] == 0)
        return np.where(empty, 0.0, inter / np.maximum(union, 1))
