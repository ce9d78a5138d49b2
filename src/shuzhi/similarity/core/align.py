"""Passage tier: shared fingerprints extended to exact runs, runs chained into edited passages."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .shingle import Fingerprint

# A fingerprint repeated more often than this inside one document (a refrain) is
# not used as a seed: it says nothing about where a passage came from.
MAX_REPEATS = 8


@dataclass
class Run:
    """An exact shared run, in fingerprint characters: A[a0:a1] == B[b0:b1]."""

    a0: int
    a1: int
    b0: int
    b1: int


@dataclass
class Passage:
    """Runs chained across small edits; spans in fingerprint characters of A and B."""

    runs: list[Run] = field(default_factory=list)
    a0: int = 0
    a1: int = 0
    b0: int = 0
    b1: int = 0

    def add(self, r: Run) -> None:
        if not self.runs:
            self.a0, self.a1, self.b0, self.b1 = r.a0, r.a1, r.b0, r.b1
        else:
            self.a0, self.a1 = min(self.a0, r.a0), max(self.a1, r.a1)
            self.b0, self.b1 = min(self.b0, r.b0), max(self.b1, r.b1)
        self.runs.append(r)

    @property
    def matched(self) -> int:
        """Characters of A inside exact shared runs (overlaps counted once)."""
        cover = np.zeros(self.a1 - self.a0, dtype=bool)
        for r in self.runs:
            cover[r.a0 - self.a0 : r.a1 - self.a0] = True
        return int(cover.sum())


def _extend(ca: np.ndarray, cb: np.ndarray, pa: int, pb: int, k: int) -> Run:
    # Right: compare the tails after the seed k-gram.
    la = len(ca) - pa
    lb = len(cb) - pb
    n = min(la, lb)
    eq = ca[pa : pa + n] == cb[pb : pb + n]
    stop = np.flatnonzero(~eq)
    right = int(stop[0]) if len(stop) else n
    # Left: compare reversed heads before the seed.
    m = min(pa, pb)
    if m:
        eql = ca[pa - m : pa][::-1] == cb[pb - m : pb][::-1]
        stopl = np.flatnonzero(~eql)
        left = int(stopl[0]) if len(stopl) else m
    else:
        left = 0
    return Run(pa - left, pa + right, pb - left, pb + right)


def top32(h: np.ndarray) -> np.ndarray:
    """The 32-bit fingerprint an index stores for a 64-bit k-gram hash."""
    return (h >> np.uint64(32)).astype(np.uint32)


def seed_pairs(fa: Fingerprint, fb: Fingerprint, ignore: np.ndarray | None = None) -> list[tuple[int, int]]:
    """(position in A, position in B) of every selected fingerprint the two share,
    except those whose 32-bit fingerprint is in ``ignore`` (common language)."""
    pa, ha = fa.winnowed
    pb, hb = fb.winnowed
    if not len(pa) or not len(pb):
        return []
    common = np.intersect1d(ha, hb)
    if ignore is not None and len(ignore):
        common = common[~np.isin(top32(common), ignore)]
    if not len(common):
        return []
    ia = np.flatnonzero(np.isin(ha, common))
    ib = np.flatnonzero(np.isin(hb, common))
    by_hash: dict[int, list[int]] = {}
    for i in ib:
        by_hash.setdefault(int(hb[i]), []).append(int(pb[i]))
    pairs = []
    for i in ia:
        bs = by_hash.get(int(ha[i]), ())
        if len(bs) > MAX_REPEATS:
            continue
        for q in bs:
            pairs.append((int(pa[i]), q))
    return pairs


def exact_runs(fa: Fingerprint, fb: Fingerprint, pairs: list[tuple[int, int]]) -> list[Run]:
    """Maximal exact runs around the seeds (outside formulas), each found once."""
    k = fa.settings.kgram
    # Masked formula characters get sentinels that differ between A and B, so a
    # run never extends into a formula.
    ca, cb = fa.sentinel_codes(0xFFFFFFF0), fb.sentinel_codes(0xFFFFFFF1)
    runs: list[Run] = []
    seen: dict[int, list[tuple[int, int]]] = {}
    for a, b in sorted(pairs):
        d = b - a
        if any(s <= a < e for s, e in seen.get(d, ())):
            continue
        if not np.array_equal(ca[a : a + k], cb[b : b + k]):
            continue  # a hash collision, not a shared k-gram
        r = _extend(ca, cb, a, b, k)
        seen.setdefault(d, []).append((r.a0, r.a1))
        runs.append(r)
    return runs


def _interval_gap(s0: int, e0: int, s1: int, e1: int) -> int:
    """Distance between intervals [s0,e0) and [s1,e1); 0 when they touch or overlap."""
    return max(0, s1 - e0, s0 - e1)


def chain(runs: list[Run], max_gap: int, fa: Fingerprint, fb: Fingerprint) -> list[Passage]:
    """Chain runs that are close in both documents and in the same paragraph of each:
    survives replaced characters, changed names and figures (a short gap) and
    swapped clauses (B order reversed inside the passage)."""
    para_a, para_b = fa.paragraph, fb.paragraph

    def near(p: Passage | Run, r: Run) -> bool:
        # Overlap in A or in B means a repeated phrase matched elsewhere, not an edit.
        if min(p.a1, r.a1) - max(p.a0, r.a0) > 2 or min(p.b1, r.b1) - max(p.b0, r.b0) > 2:
            return False
        return (
            _interval_gap(p.a0, p.a1, r.a0, r.a1) <= max_gap
            and _interval_gap(p.b0, p.b1, r.b0, r.b1) <= max_gap
            and para_a[p.a0] == para_a[r.a0]
            and para_b[p.b0] == para_b[r.b0]
        )

    passages: list[Passage] = []
    for r in sorted(runs, key=lambda r: (r.a0, r.b0)):
        best = None
        for p in reversed(passages[-8:]):
            if near(p, r):
                best = p
                break
        if best is None:
            best = Passage()
            passages.append(best)
        best.add(r)
    # Merging can make two passages overlap: join them.
    merged: list[Passage] = []
    for p in sorted(passages, key=lambda p: p.a0):
        if merged:
            q = merged[-1]
            if near(q, Run(p.a0, p.a1, p.b0, p.b1)):
                for r in p.runs:
                    q.add(r)
                continue
        merged.append(p)
    return merged


def align(
    fa: Fingerprint, fb: Fingerprint, ignore: np.ndarray | None = None, runs: list[Run] | None = None
) -> list[Passage]:
    """Copied passages of A in B: chained runs with at least N matched characters.

    ``runs``: the exact_runs() of A and B when already known (compare_all finds
    them for a whole round at once); ``ignore`` is then not used.
    """
    s = fa.settings
    if runs is None:
        runs = exact_runs(fa, fb, seed_pairs(fa, fb, ignore))
    return [p for p in chain(runs, s.max_gap, fa, fb) if p.matched >= s.min_chars]
