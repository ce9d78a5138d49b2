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
        if len(self.runs) == 1:  # most passages of a round: one short run
            r = self.runs[0]
            return max(0, r.a1 - max(r.a0, self.a0))
        total, end = 0, self.a0
        for a0, a1 in sorted((r.a0, r.a1) for r in self.runs):
            if a1 > end:
                total += a1 - max(a0, end)
                end = a1
        return total


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
    ordered = sorted(runs, key=lambda r: (r.a0, r.b0))
    if not ordered:
        return []
    # The paragraph of every run's start in A and in B, looked up at once; a passage carries the paragraphs of
    # its own start (the run that gave it its a0 / b0), so no array is indexed one element at a time.
    para_a = fa.paragraph_of([r.a0 for r in ordered]).tolist()
    para_b = fb.paragraph_of([r.b0 for r in ordered]).tolist()

    def near(p: list, a0: int, a1: int, b0: int, b1: int, pa: int, pb: int) -> bool:
        # p: [a0, a1, b0, b1, paragraph of a0 in A, paragraph of b0 in B, runs].
        # Overlap in A or in B means a repeated phrase matched elsewhere, not an edit.
        return (
            p[4] == pa
            and p[5] == pb
            and min(p[1], a1) - max(p[0], a0) <= 2
            and min(p[3], b1) - max(p[2], b0) <= 2
            and max(0, a0 - p[1], p[0] - a1) <= max_gap
            and max(0, b0 - p[3], p[2] - b1) <= max_gap
        )

    def grow(p: list, a0: int, a1: int, b0: int, b1: int, pa: int, pb: int) -> None:
        if a0 < p[0]:
            p[0], p[4] = a0, pa
        if b0 < p[2]:
            p[2], p[5] = b0, pb
        p[1], p[3] = max(p[1], a1), max(p[3], b1)

    passages: list[list] = []
    for r, pa, pb in zip(ordered, para_a, para_b, strict=True):
        best = None
        a0, a1, b0, b1 = r.a0, r.a1, r.b0, r.b1
        for p in reversed(passages[-8:]):
            # near(p, …) inlined, its cheapest test (the same paragraphs, which most runs fail) first.
            if (
                p[4] == pa
                and p[5] == pb
                and min(p[1], a1) - max(p[0], a0) <= 2
                and min(p[3], b1) - max(p[2], b0) <= 2
                and max(0, a0 - p[1], p[0] - a1) <= max_gap
                and max(0, b0 - p[3], p[2] - b1) <= max_gap
            ):
                best = p
                break
        if best is None:
            passages.append([a0, a1, b0, b1, pa, pb, [r]])
        else:
            grow(best, a0, a1, b0, b1, pa, pb)
            best[6].append(r)
    # Merging can make two passages overlap: join them.
    merged: list[list] = []
    for p in sorted(passages, key=lambda p: p[0]):
        if merged and near(merged[-1], *p[:6]):
            q = merged[-1]
            grow(q, *p[:6])
            q[6].extend(p[6])
            continue
        merged.append(p)
    return [Passage(p[6], p[0], p[1], p[2], p[3]) for p in merged]


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
