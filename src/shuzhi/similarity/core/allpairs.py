"""All-pairs work of a round, vectorized: candidate pairs, seed positions per pair, exact Jaccard per pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from .align import MAX_REPEATS, Run, top32
from .jaccard import jaccards
from .minhash import band_keys_many
from .passages import Lookup
from .shingle import Fingerprint


def _group_pairs(group_start: np.ndarray, group_size: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) positions of every pair x < y inside each group [start, start + size) of a sorted array."""
    sizes = group_size.astype(np.int64)
    keep = sizes >= 2
    starts, sizes = group_start[keep].astype(np.int64), sizes[keep]
    if not len(sizes):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    # Element x of a group pairs with the (size − 1 − offset) elements after it.
    elem = np.repeat(starts, sizes) + _ranges(sizes)
    after = np.repeat(starts + sizes, sizes) - elem - 1
    x = np.repeat(elem, after)
    y = x + 1 + _ranges(after)
    return x, y


def _ranges(sizes: np.ndarray) -> np.ndarray:
    """concatenate([arange(s) for s in sizes]) without a Python loop."""
    total = int(sizes.sum())
    if not total:
        return np.zeros(0, np.int64)
    first = np.cumsum(sizes) - sizes
    return np.arange(total, dtype=np.int64) - np.repeat(first, sizes)


def _band_pairs(fps: list[Fingerprint], bands: int) -> np.ndarray:
    """Pairs of documents sharing an LSH band key, coded ``a * n + b`` (a < b), sorted and unique."""
    n = len(fps)
    if not n:
        return np.zeros(0, np.int64)
    sigs = np.stack([f.signature for f in fps])
    keys = band_keys_many(sigs, bands).ravel()
    kd = np.repeat(np.arange(n, dtype=np.int64), bands)
    o = np.lexsort((kd, keys))
    keys, kd = keys[o], kd[o]
    b_start = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    bx, by = _group_pairs(b_start, np.diff(np.r_[b_start, len(keys)]))
    code = np.unique(kd[bx] * n + kd[by])
    return code[(code // n) != (code % n)]  # the same document twice in one band bucket


@dataclass
class RoundPairs:
    """Candidate pairs (i < j, sorted) with their exact shared runs and exact Jaccard."""

    pairs: np.ndarray  # (P, 2) int64
    run_start: np.ndarray  # runs of pair p: rows run_start[p]:run_start[p + 1] of runs
    runs: np.ndarray  # (R, 3) int64: a0, b0, length; sorted by (a0, b0) within a pair
    jaccard: np.ndarray  # (P,) float
    common: np.ndarray  # sorted 32-bit fingerprints suppressed as common language

    def run_list(self, p: int) -> list[Run]:
        rows = self.runs[self.run_start[p] : self.run_start[p + 1]].tolist()
        return [Run(a0, a0 + n, b0, b0 + n) for a0, b0, n in rows]

    def matched_bound(self) -> np.ndarray:
        """Per pair, an upper bound of the characters of A in any passage: the sum of its run lengths."""
        pair_of = np.repeat(np.arange(len(self.pairs)), np.diff(self.run_start))
        return np.bincount(pair_of, weights=self.runs[:, 2], minlength=len(self.pairs))


def round_pairs(fps: list[Fingerprint], author_ids: np.ndarray, max_authors: int, bands: int) -> RoundPairs:
    """The same candidates and seeds as comparing every pair one by one, computed for the round at once.

    Candidates: documents sharing a winnowed fingerprint that is in the reports of at
    most ``max_authors`` distinct authors, or sharing an LSH band. Seeds of (i, j): every
    (position in i, position in j) of a shared fingerprint whose 32-bit form is not
    common, unless it occurs more than MAX_REPEATS times in j (as align.seed_pairs).
    """
    n = len(fps)
    occ_h = [f.winnowed[1] for f in fps]
    occ_p = [f.winnowed[0] for f in fps]
    H = np.concatenate(occ_h) if n else np.zeros(0, np.uint64)
    P = np.concatenate(occ_p).astype(np.int64) if n else np.zeros(0, np.int64)
    D = np.repeat(np.arange(n, dtype=np.int64), [len(h) for h in occ_h])
    # Occurrences sorted by (hash, document, position).
    order = np.lexsort((P, D, H))
    H, D, P = H[order], D[order], P[order]

    # One posting per (hash, document): groups of the unique postings by hash.
    first_hd = np.r_[True, (H[1:] != H[:-1]) | (D[1:] != D[:-1])] if len(H) else np.zeros(0, bool)
    UH, UD = H[first_hd], D[first_hd]
    g_start = np.flatnonzero(np.r_[True, UH[1:] != UH[:-1]]) if len(UH) else np.zeros(0, np.int64)
    g_size = np.diff(np.r_[g_start, len(UH)])
    # Distinct authors per hash group.
    ua = author_ids[UD]
    g_of = np.repeat(np.arange(len(g_start)), g_size)
    o = np.lexsort((ua, g_of))
    new = np.r_[True, (g_of[o][1:] != g_of[o][:-1]) | (ua[o][1:] != ua[o][:-1])] if len(o) else np.zeros(0, bool)
    g_authors = np.bincount(g_of[o][new], minlength=len(g_start))
    multi = g_size >= 2
    is_common = multi & (g_authors > max_authors)
    common32 = np.unique(top32(UH[g_start[is_common]]))
    x, y = _group_pairs(g_start[multi & ~is_common], g_size[multi & ~is_common])
    cand = [UD[x] * n + UD[y]]

    # Document tier: documents sharing an LSH band key.
    cand.append(_band_pairs(fps, bands))
    code = np.unique(np.concatenate(cand))
    code = code[(code // n) != (code % n)] if n else code
    pairs = np.stack((code // n, code % n), axis=1) if n else np.zeros((0, 2), np.int64)

    # Seeds: occurrence pairs of shared, non-common hashes, A = lower document.
    ok = ~np.isin(top32(H), common32)
    Hs, Ds, Ps = H[ok], D[ok], P[ok]
    # Pairs of (hash, document) groups first, then their occurrences: a refrain
    # repeated in many documents never expands to pairs that the repeat limit drops.
    hd_start = (
        np.flatnonzero(np.r_[True, (Hs[1:] != Hs[:-1]) | (Ds[1:] != Ds[:-1])]) if len(Hs) else np.zeros(0, np.int64)
    )
    hd_count = np.diff(np.r_[hd_start, len(Hs)])
    gh = Hs[hd_start]
    h_start = np.flatnonzero(np.r_[True, gh[1:] != gh[:-1]]) if len(gh) else np.zeros(0, np.int64)
    gx, gy = _group_pairs(h_start, np.diff(np.r_[h_start, len(gh)]))
    gx, gy = gx[hd_count[gy] <= MAX_REPEATS], gy[hd_count[gy] <= MAX_REPEATS]  # B's repeat limit
    cx, cy = hd_count[gx], hd_count[gy]
    per = cx * cy
    which = np.repeat(np.arange(len(gx)), per)
    k = _ranges(per)
    sx = hd_start[gx][which] + k // cy[which]
    sy = hd_start[gy][which] + k % cy[which]
    scode = Ds[sx] * n + Ds[sy]
    o = np.lexsort((Ps[sy], Ps[sx], scode))
    scode, sa, sb = scode[o], Ps[sx][o], Ps[sy][o]
    # A non-common hash always makes its pair a candidate: every seed belongs to a pair.
    pair_of = np.searchsorted(code, scode)
    runs, run_pair = _runs(fps, pair_of, pairs, sa, sb)
    run_start = np.searchsorted(run_pair, np.arange(len(pairs) + 1))
    return RoundPairs(pairs, run_start, runs, jaccards(fps, pairs), common32)


class RoundSlices:
    """round_pairs of a round with nothing common (every author distinct), computed a slice of pairs at a time.

    The same candidate pairs, in the same order, with the same exact runs and Jaccard as
    ``round_pairs(fps, np.arange(n), n + 1, bands)``; but where round_pairs holds every seed of the round at once
    (for a round whose reports share a template and a pool of paragraphs, tens of millions: gigabytes), the seeds
    and runs here are made for the pairs of a few consecutive first documents at a time, about ``work`` (group pair
    or seed) elements each, so memory stays bounded whatever the round's size. ``pairs`` and ``jaccard`` (every
    candidate pair's, computed once) are the whole round's; ``slice(k)`` gives the RoundPairs of slice k (its pairs
    are rows ``spans[k]`` of ``pairs``). ``jaccard_of``: a function giving ``jaccards(fps, pairs, **JACCARD)``.
    """

    # jaccards' blocks: smaller than round_pairs', the same sums, a quarter of the memory.
    JACCARD: ClassVar[dict[str, int]] = {"chunk_words": 1 << 19, "budget_bytes": 16 << 20}

    def __init__(self, fps: list[Fingerprint], bands: int, work: int = 1 << 18, jaccard_of=None):
        self.fps = fps
        n = self.n = len(fps)
        occ = [f.winnowed for f in fps]
        H = np.concatenate([h for _, h in occ]) if n else np.zeros(0, np.uint64)
        P = np.concatenate([q for q, _ in occ]).astype(np.int64) if n else np.zeros(0, np.int64)
        D = np.repeat(np.arange(n, dtype=np.int64), [len(h) for _, h in occ])
        order = np.lexsort((P, D, H))
        H, D, self.P = H[order], D[order], P[order]
        del order, P
        # (hash, document) groups, and the hash groups of those.
        hd = np.flatnonzero(np.r_[True, (H[1:] != H[:-1]) | (D[1:] != D[:-1])]) if len(H) else np.zeros(0, np.int64)
        self.hd_start, self.hd_count = hd, np.diff(np.r_[hd, len(H)])
        gh, self.gd = H[hd], D[hd]
        del H, D
        h_start = np.flatnonzero(np.r_[True, gh[1:] != gh[:-1]]) if len(gh) else np.zeros(0, np.int64)
        h_end = np.repeat(np.r_[h_start[1:], len(gh)], np.diff(np.r_[h_start, len(gh)]))
        del gh
        g = np.arange(len(h_end), dtype=np.int64)
        # A (hash, document) group pairs with the later groups of its hash (later documents).
        self.later = h_end - g - 1
        # The groups of each document that pair with a later one, ascending: a slice reads its documents' (each
        # slice scanned every group of the round: 234 scans of 902,744 groups for the 500-report round).
        pairing = np.flatnonzero(self.later > 0)
        self.by_doc = pairing[np.argsort(self.gd[pairing], kind="stable")]
        self.doc_at = np.searchsorted(self.gd[self.by_doc], np.arange(n + 1))
        del pairing
        ok = np.where(self.hd_count <= MAX_REPEATS, self.hd_count, 0)  # B's repeat limit
        cs = np.cumsum(ok)
        seeds = self.hd_count * (cs[h_end - 1] - cs) if len(cs) else np.zeros(0, np.int64)
        cost = np.bincount(self.gd, weights=self.later + seeds, minlength=n) if n else np.zeros(0)
        # Document tier: documents sharing an LSH band key (as round_pairs).
        self.band = _band_pairs(fps, bands)
        # Slices of consecutive first documents, about ``work`` elements each.
        self.docs: list[tuple[int, int]] = []
        lo, acc = 0, 0.0
        for d, c in enumerate(cost.tolist()):
            if d > lo and acc + c > work:
                self.docs.append((lo, d))
                lo, acc = d, 0.0
            acc += c
        if n:
            self.docs.append((lo, n))
        codes = [self._candidates(d0, d1) for d0, d1 in self.docs]
        self.code = np.concatenate(codes) if codes else np.zeros(0, np.int64)
        self.pairs = np.stack((self.code // n, self.code % n), axis=1) if n else np.zeros((0, 2), np.int64)
        self.spans = [
            (int(np.searchsorted(self.code, d0 * n)), int(np.searchsorted(self.code, d1 * n))) for d0, d1 in self.docs
        ]
        # ``jaccard_of(pairs)``: the same values made elsewhere (compare_round_docs: in a process forked before this
        # began, whose work on the k-gram sets overlapped the candidates' above).
        self.jaccard = jaccard_of(self.pairs) if jaccard_of is not None else jaccards(fps, self.pairs, **self.JACCARD)
        self.sides = _sides(fps) if n else None
        self.lookup = Lookup(fps)  # the slices' matches read positions through it (round_matches)

    def __len__(self) -> int:
        return len(self.docs)

    def _group_pairs_of(self, d0: int, d1: int) -> tuple[np.ndarray, np.ndarray]:
        """(x, y): every pair of (hash, document) groups of one hash, x's document in [d0, d1), y's a later one."""
        xs = np.sort(self.by_doc[self.doc_at[d0] : self.doc_at[d1]])
        per = self.later[xs]
        x = np.repeat(xs, per)
        return x, x + 1 + _ranges(per)

    def _candidates(self, d0: int, d1: int) -> np.ndarray:
        """Sorted codes i * n + j of the candidate pairs whose first document is in [d0, d1)."""
        n = self.n
        x, y = self._group_pairs_of(d0, d1)
        b = self.band[(self.band >= d0 * n) & (self.band < d1 * n)]
        return np.unique(np.concatenate((self.gd[x] * n + self.gd[y], b)))

    def slice(self, k: int) -> RoundPairs:
        """The RoundPairs of slice k: rows spans[k] of ``pairs``, their runs and Jaccard."""
        (d0, d1), (p0, p1) = self.docs[k], self.spans[k]
        n, P = self.n, self.P
        pairs = self.pairs[p0:p1]
        x, y = self._group_pairs_of(d0, d1)
        keep = self.hd_count[y] <= MAX_REPEATS
        x, y = x[keep], y[keep]
        cx, cy = self.hd_count[x], self.hd_count[y]
        per = cx * cy
        which = np.repeat(np.arange(len(x)), per)
        kk = _ranges(per)
        sx = self.hd_start[x][which] + kk // cy[which]
        sy = self.hd_start[y][which] + kk % cy[which]
        del kk
        scode = self.gd[x][which] * n + self.gd[y][which]
        del which, x, y
        pair_of = np.searchsorted(self.code[p0:p1], scode)
        del scode
        runs, run_pair = _runs(self.fps, pair_of, pairs, P[sx], P[sy], chunk=1 << 14, sides=self.sides)
        run_start = np.searchsorted(run_pair, np.arange(len(pairs) + 1))
        return RoundPairs(pairs, run_start, runs, self.jaccard[p0:p1], np.zeros(0, np.uint32))


def star_pairs(fa: Fingerprint, fbs: list[Fingerprint]) -> RoundPairs:
    """round_pairs' exact runs and Jaccard for the pairs (A, B) of one document A with each document of ``fbs``.

    Pairs p = (0, i + 1), one per document of ``fbs``, A always the first (the earlier document of each pair,
    as in a round). Seeds: every (position in A, position in B) of a shared winnowed fingerprint, unless it occurs
    more than MAX_REPEATS times in B (as align.seed_pairs); nothing is common language (as compare_round_docs).
    So ``matched_bound`` and ``jaccard`` decide which pairs can hold a passage or be near-duplicates before any
    is aligned, exactly as a round's pairs are chosen; shuzhi.spark aligns its candidates this way, per document.
    """
    fps = [fa, *fbs]
    n = len(fps)
    pairs = np.stack((np.zeros(n - 1, np.int64), np.arange(1, n, dtype=np.int64)), axis=1)
    pa, ha = fa.winnowed
    occ = [f.winnowed for f in fbs]
    H = np.concatenate([h for _, h in occ]) if occ else np.zeros(0, np.uint64)
    P = np.concatenate([p for p, _ in occ]).astype(np.int64) if occ else np.zeros(0, np.int64)
    D = np.repeat(np.arange(1, n, dtype=np.int64), [len(h) for _, h in occ])
    order = np.lexsort((P, D, H))
    H, D, P = H[order], D[order], P[order]
    if len(H):  # B's repeat limit: (hash, document) groups of more than MAX_REPEATS occurrences seed nothing
        first = np.r_[True, (H[1:] != H[:-1]) | (D[1:] != D[:-1])]
        group = np.cumsum(first) - 1
        ok = np.bincount(group)[group] <= MAX_REPEATS
        H, D, P = H[ok], D[ok], P[ok]
    lo, hi = np.searchsorted(H, ha, "left"), np.searchsorted(H, ha, "right")
    per = (hi - lo).astype(np.int64)
    ai = np.repeat(np.arange(len(ha), dtype=np.int64), per)
    bi = np.repeat(lo.astype(np.int64), per) + _ranges(per)
    sa, sb, pair_of = pa[ai].astype(np.int64), P[bi], D[bi] - 1
    runs, run_pair = _runs(fps, pair_of, pairs, sa, sb)
    run_start = np.searchsorted(run_pair, np.arange(len(pairs) + 1))
    return RoundPairs(pairs, run_start, runs, jaccards(fps, pairs), np.zeros(0, np.uint32))


def given_pairs(
    fps: list[Fingerprint], pairs: np.ndarray, slab: int = 1 << 22, common: np.ndarray | None = None
) -> RoundPairs:
    """star_pairs for many first documents at once: the exact runs and Jaccard of the given pairs (i, j) of ``fps``.

    ``pairs``: (P, 2) distinct pairs of positions in ``fps``, i the pair's first document (seeds are (position in
    i, position in j); any order of i and j). The same runs and Jaccard as star_pairs(fps[i], [fps[j]]) for every
    pair, computed in bulk as round_pairs computes a round: seeds from the postings of every shared winnowed
    fingerprint (B's repeat limit, nothing common), enumerated from the first documents only, in slabs of at most
    ``slab`` (fingerprint, document) pairs, so memory stays bounded; only pairs of ``pairs`` are kept.
    shuzhi.spark aligns the candidate pairs of a partition this way.

    ``common``: 32-bit fingerprints of common language (as round_pairs' ``common``, or an index's): a winnowed
    fingerprint whose 32-bit form is among them seeds nothing (as align.seed_pairs with ``ignore``).
    """
    n = len(fps)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    npairs = len(pairs)
    pcode = pairs[:, 0] * n + pairs[:, 1]
    porder = np.argsort(pcode, kind="stable")
    psorted = pcode[porder]
    occ = [f.winnowed for f in fps]
    H = np.concatenate([h for _, h in occ]) if n else np.zeros(0, np.uint64)
    P = np.concatenate([q for q, _ in occ]).astype(np.int64) if n else np.zeros(0, np.int64)
    D = np.repeat(np.arange(n, dtype=np.int64), [len(h) for _, h in occ])
    common32 = np.unique(np.asarray(common, dtype=np.uint32)) if common is not None else np.zeros(0, np.uint32)
    if len(common32):
        # Sorted and distinct: a binary search per fingerprint (np.isin sorted both sides together: 3.0 of a
        # Spark cell's 31.8 s at 5,000 synthesized reports).
        t = top32(H)
        at = np.minimum(np.searchsorted(common32, t), len(common32) - 1)
        ok = common32[at] != t
        H, D, P = H[ok], D[ok], P[ok]
    # By (hash, document, position): the concatenation is by (document, position) already (positions ascending,
    # winnow's contract), so a stable sort on the hash alone gives it — half a lexsort's time on three keys (a
    # Spark cell of 5,250 synthesized reports: 2.5 of its 13.4 s in lexsort).
    in_order = bool(np.all((D[1:] > D[:-1]) | ((D[1:] == D[:-1]) & (P[1:] > P[:-1])))) if len(H) > 1 else True
    order = np.argsort(H, kind="stable") if in_order else np.lexsort((P, D, H))
    H, D, P = H[order], D[order], P[order]
    # (hash, document) groups, and hash groups of those.
    hd_start = np.flatnonzero(np.r_[True, (H[1:] != H[:-1]) | (D[1:] != D[:-1])]) if len(H) else np.zeros(0, np.int64)
    hd_count = np.diff(np.r_[hd_start, len(H)])
    gh, gd = H[hd_start], D[hd_start]
    h_start = np.flatnonzero(np.r_[True, gh[1:] != gh[:-1]]) if len(gh) else np.zeros(0, np.int64)
    h_size = np.diff(np.r_[h_start, len(gh)])
    h_of = np.repeat(np.arange(len(h_start)), h_size)
    # A (hash, document) group of a first document pairs with every other group of its hash.
    is_first = np.zeros(n, dtype=bool)
    is_first[pairs[:, 0]] = True
    xs = np.flatnonzero(is_first[gd] & (h_size[h_of] >= 2))
    per = h_size[h_of[xs]]
    ends = np.cumsum(per)
    sa_parts, sb_parts, pair_parts = [], [], []
    lo = 0
    while lo < len(xs):
        hi = int(np.searchsorted(ends, (ends[lo - 1] if lo else 0) + slab, "right"))
        hi = max(hi, lo + 1)
        gx = np.repeat(xs[lo:hi], per[lo:hi])
        gy = np.repeat(h_start[h_of[xs[lo:hi]]], per[lo:hi]) + _ranges(per[lo:hi])
        keep = (gy != gx) & (hd_count[gy] <= MAX_REPEATS)  # B's repeat limit
        gx, gy = gx[keep], gy[keep]
        code = gd[gx] * n + gd[gy]
        at = np.minimum(np.searchsorted(psorted, code), max(npairs - 1, 0))
        hit = psorted[at] == code if npairs else np.zeros(len(code), bool)
        gx, gy, which = gx[hit], gy[hit], porder[at[hit]]
        cx, cy = hd_count[gx], hd_count[gy]
        m = cx * cy
        w = np.repeat(np.arange(len(gx)), m)
        k = _ranges(m)
        sa_parts.append(P[hd_start[gx][w] + k // cy[w]])
        sb_parts.append(P[hd_start[gy][w] + k % cy[w]])
        pair_parts.append(which[w])
        lo = hi
    sa = np.concatenate(sa_parts) if sa_parts else np.zeros(0, np.int64)
    sb = np.concatenate(sb_parts) if sb_parts else np.zeros(0, np.int64)
    pair_of = np.concatenate(pair_parts) if pair_parts else np.zeros(0, np.int64)
    runs, run_pair = _runs(fps, pair_of, pairs, sa, sb)
    run_start = np.searchsorted(run_pair, np.arange(npairs + 1))
    return RoundPairs(pairs, run_start, runs, jaccards(fps, pairs), common32)


def _sides(fps: list[Fingerprint], block: int = 32) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All texts in one array per side, each framed by a pad: (side_a, side_b, offset of each text).

    Masked characters and pads differ between the sides, so no run crosses a formula or a text's end.
    Text i starts at off[i]; one pad between texts, a block of pads at either end (a walk reads whole blocks).
    """
    lens = np.array([len(f.codes) for f in fps], dtype=np.int64)
    off = block + np.cumsum(lens + 1) - lens - 1
    side_a = np.full(int(off[-1] + lens[-1] + block), 0xFFFFFFF2, dtype=np.uint32)
    side_b = np.full(len(side_a), 0xFFFFFFF3, dtype=np.uint32)
    for f, o in zip(fps, off.tolist(), strict=False):
        f.sentinel_codes(0xFFFFFFF0, out=side_a[o : o + len(f.codes)])
        f.sentinel_codes(0xFFFFFFF1, out=side_b[o : o + len(f.codes)])
    return side_a, side_b, off


def _runs(
    fps: list[Fingerprint],
    pair_of: np.ndarray,
    pairs: np.ndarray,
    sa: np.ndarray,
    sb: np.ndarray,
    block: int = 32,
    chunk: int = 1 << 16,
    sides: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The maximal exact runs around the seeds, as align.exact_runs finds them pair by pair.

    The seeds are extended in numpy, all at once, the first of each (pair, diagonal) at a time: a seed inside a run
    found already would give that same run, and one whose k-gram crosses the run's end (or any seed whose k-gram
    differs: a hash collision) gives none, so neither is walked; the runs are those of extending every seed, each
    kept once. Returns ((a0, b0, length) rows sorted by (pair, a0, b0), pair of each row).
    ``sides``: _sides(fps, block), when made once for many calls.
    """
    if not len(sa):
        return np.zeros((0, 3), np.int64), np.zeros(0, np.int64)
    k = fps[0].settings.kgram
    side_a, side_b, off = sides if sides is not None else _sides(fps, block)
    ga = off[pairs[pair_of, 0]] + sa
    gb = off[pairs[pair_of, 1]] + sb

    def walk(ia: np.ndarray, ib: np.ndarray, step: int) -> np.ndarray:
        parts = [
            _equal_len(side_a, side_b, ia[i : i + chunk], ib[i : i + chunk], step, block)
            for i in range(0, len(ia), chunk)
        ]
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)

    # Seeds of one pair and diagonal in A order, extended the first of them at a time: a seed starting before the
    # right end e of the run found from an earlier seed on its diagonal is inside that run (the same run again) or
    # its k-gram crosses the mismatch at e (a collision: no run), so it is not extended. A long shared paragraph
    # holds a seed every few characters, each of which walked the whole run again.
    diag = sb - sa
    o = _order_by(pair_of, diag, sa)
    gnew = np.r_[True, (pair_of[o][1:] != pair_of[o][:-1]) | (diag[o][1:] != diag[o][:-1])]
    grp = np.empty(len(o), np.int64)
    grp[o] = np.cumsum(gnew) - 1
    right = np.full(len(sa), -1, np.int64)
    gend = np.full(int(grp.max()) + 1, np.iinfo(np.int64).min, np.int64)
    # The seeds not yet walked nor inside a run found, in order: each round walks the first of each group and drops
    # those it covers, so the array shrinks (the whole order was filtered again every round).
    idx, g = o, grp[o]
    while len(idx):
        head = np.r_[True, g[1:] != g[:-1]]
        first = idx[head]
        r = walk(ga[first], gb[first], 1)
        right[first] = r
        ok = r >= k
        gend[grp[first[ok]]] = ga[first[ok]] + r[ok]
        rest, g = idx[~head], g[~head]
        left_of = ga[rest] >= gend[g]
        idx, g = rest[left_of], g[left_of]
    ext = np.flatnonzero(right >= k)
    left = np.zeros(len(sa), np.int64)
    left[ext] = walk(ga[ext] - 1, gb[ext] - 1, -1)
    ok = right >= k  # the seed's k-gram really is shared
    a0, b0 = (sa - left)[ok], (sb - left)[ok]
    length, pair = (left + right)[ok], pair_of[ok]
    o = _order_by(pair, a0, b0)
    a0, b0, length, pair = a0[o], b0[o], length[o], pair[o]
    first = np.r_[True, (pair[1:] != pair[:-1]) | (a0[1:] != a0[:-1]) | (b0[1:] != b0[:-1])]
    return np.stack((a0[first], b0[first], length[first]), axis=1), pair[first]


def _order_by(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    """np.lexsort((z, y, x)): the order by x, then y, then z, of non-negative x and any ints y, z; as one int64 key
    x·(span of y)·(span of z) + … sorted once where that fits (rows equal in all three may come in another order:
    the callers' are either distinct or the same row twice)."""
    if not len(x):
        return np.zeros(0, np.int64)
    y0, z0 = int(y.min()), int(z.min())
    ny, nz = int(y.max()) - y0 + 1, int(z.max()) - z0 + 1
    if (int(x.max()) + 1) * ny * nz >= 1 << 63:
        return np.lexsort((z, y, x))
    return np.argsort((x * ny + (y - y0)) * nz + (z - z0))


def _equal_len(
    side_a: np.ndarray, side_b: np.ndarray, ga: np.ndarray, gb: np.ndarray, step: int, block: int
) -> np.ndarray:
    """Per start pair, how many characters are equal walking from (ga, gb) by ``step`` (pads stop every walk).

    A block of ``block`` characters of each walk at a time, read as rows of the sides' sliding windows (of the sides
    reversed, walking left): no array of positions per character."""
    out = np.zeros(len(ga), dtype=np.int64)
    if not len(ga):
        return out
    if step == 1:
        wa, wb, pa, pb = _windows(side_a, block), _windows(side_b, block), ga, gb
    else:
        wa, wb = _windows(side_a[::-1], block), _windows(side_b[::-1], block)
        pa, pb = len(side_a) - 1 - ga, len(side_b) - 1 - gb
    todo = np.arange(len(ga))
    done = 0
    while len(todo):
        diff = wa[pa[todo] + done] != wb[pb[todo] + done]
        first = diff.argmax(axis=1)  # the first difference (0 when there is none)
        hit = diff[np.arange(len(todo)), first]
        out[todo] = done + np.where(hit, first, block)
        todo = todo[~hit]
        done += block
    return out


def _windows(side: np.ndarray, block: int) -> np.ndarray:
    """Every ``block`` consecutive characters of ``side`` as a row (a view: nothing copied)."""
    return np.lib.stride_tricks.sliding_window_view(side, block)
