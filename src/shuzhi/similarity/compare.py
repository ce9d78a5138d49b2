"""Comparing documents: a pair (compare) or a whole round at once (compare_all)."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz.distance import Indel

from ..loaders import loads
from ..model.document import Document
from .core.align import Passage, Run, align
from .core.allpairs import RoundPairs, RoundSlices, _ranges, round_pairs
from .core.chains import chain_round
from .core.clusters import near_identical_clusters, outside_pairs, representatives
from .core.formulas import formula_list
from .core.passages import round_matches
from .core.settings import DEFAULT, Settings
from .core.shingle import Fingerprint, fingerprint
from .workers import _fork_context, _jaccards_beside, _release_heap, _trim_heap

JSON_VERSION = 1


@dataclass
class Match:
    """A copied passage: [a_start, a_end) of A matches [b_start, b_end) of B (offsets into doc.text)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    chars: int  # characters of A inside exact shared runs (letters and numbers)
    identity: float  # edit similarity of the two spans (rapidfuzz Indel, 0–1)

    def side_dict(self, doc: Document | None, start: int, end: int) -> dict[str, Any]:
        d: dict[str, Any] = {"start": start, "end": end}
        if doc is not None:
            p0, p1 = doc.span_position(start, end)
            d.update(line=p0.line, column=p0.column, end_line=p1.line, end_column=p1.column)
            if p0.page is not None:
                d.update(page=p0.page, end_page=p1.page)
        return d


@dataclass
class Comparison:
    """How much of A is found in B and of B in A, and where."""

    a: Document | None
    b: Document | None
    a_copied: float
    b_copied: float
    near_duplicate: float
    matches: list[Match] = field(default_factory=list)
    a_index: int | None = None
    b_index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": JSON_VERSION,
            "a": {"source": self.a.source if self.a is not None else None},
            "b": {"source": self.b.source if self.b is not None else None},
            "similarity": {
                "a_copied": round(self.a_copied, 4),
                "b_copied": round(self.b_copied, 4),
                "near_duplicate": round(self.near_duplicate, 4),
            },
            "matches": [
                {
                    "a": m.side_dict(self.a, m.a_start, m.a_end),
                    "b": m.side_dict(self.b, m.b_start, m.b_end),
                    "chars": m.chars,
                    "identity": round(m.identity, 4),
                }
                for m in self.matches
            ],
        }


def union_length(spans: list[tuple[int, int]]) -> int:
    """Characters covered by the spans (overlaps counted once)."""
    total = 0
    end = -1
    for a, b in sorted(spans):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


@dataclass
class Found:
    """Compared pairs of a round held as columns, not as objects: the round's comparisons in a few arrays.

    Pair p: documents ``a[p]`` < ``b[p]`` (positions in the round), ``a_copied``, ``b_copied``, ``near``
    (near-duplicate score), ``chars`` (characters of A covered by its matches, overlaps once); its matches are rows
    ``m_start[p]:m_start[p + 1]`` of ``m`` (a_start, a_end, b_start, b_end, chars) and ``identity``. A round of
    hundreds of reports sharing a template has hundreds of thousands of these: as Comparison and Match objects they
    were gigabytes.
    """

    a: np.ndarray
    b: np.ndarray
    a_copied: np.ndarray
    b_copied: np.ndarray
    near: np.ndarray
    chars: np.ndarray
    m_start: np.ndarray
    m: np.ndarray
    identity: np.ndarray

    def __len__(self) -> int:
        return len(self.a)

    @classmethod
    def of(cls, rows: list[tuple]) -> Found:
        """From (i, j, a_copied, b_copied, near_duplicate, matches) rows."""
        ms = [m for r in rows for m in r[5]]
        return cls(
            np.array([r[0] for r in rows], dtype=np.int64),
            np.array([r[1] for r in rows], dtype=np.int64),
            np.array([r[2] for r in rows], dtype=np.float64),
            np.array([r[3] for r in rows], dtype=np.float64),
            np.array([r[4] for r in rows], dtype=np.float64),
            np.array([union_length([(m.a_start, m.a_end) for m in r[5]]) for r in rows], dtype=np.int64),
            np.r_[0, np.cumsum([len(r[5]) for r in rows], dtype=np.int64)].astype(np.int64),
            np.array([(m.a_start, m.a_end, m.b_start, m.b_end, m.chars) for m in ms], dtype=np.int64).reshape(-1, 5),
            np.array([m.identity for m in ms], dtype=np.float64),
        )

    @classmethod
    def join(cls, parts: list[Found]) -> Found:
        if not parts:
            return cls.of([])
        starts, base = [np.zeros(1, np.int64)], 0
        for f in parts:
            starts.append(f.m_start[1:] + base)
            base += int(f.m_start[-1])
        return cls(
            *(
                np.concatenate([getattr(f, k) for f in parts])
                for k in ("a", "b", "a_copied", "b_copied", "near", "chars")
            ),
            np.concatenate(starts),
            np.concatenate([f.m for f in parts]).reshape(-1, 5),
            np.concatenate([f.identity for f in parts]),
        )

    def take(self, order: np.ndarray) -> Found:
        """The pairs in ``order``, their matches with them."""
        counts = np.diff(self.m_start)[order]
        rows = np.repeat(self.m_start[:-1][order], counts) + _ranges(counts)
        return Found(
            self.a[order],
            self.b[order],
            self.a_copied[order],
            self.b_copied[order],
            self.near[order],
            self.chars[order],
            np.r_[0, np.cumsum(counts)].astype(np.int64),
            self.m[rows].reshape(-1, 5),
            self.identity[rows],
        )

    def matches(self, p: int) -> list[Match]:
        lo, hi = int(self.m_start[p]), int(self.m_start[p + 1])
        return [
            Match(a0, a1, b0, b1, c, x)
            for (a0, a1, b0, b1, c), x in zip(self.m[lo:hi].tolist(), self.identity[lo:hi].tolist(), strict=True)
        ]


class ComparisonList(Sequence):
    """The Comparisons of a Found, made one at a time when read (a list of them all would not fit a big round)."""

    def __init__(self, found: Found, docs: Sequence):
        self.found, self.docs = found, docs
        self._by_doc: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.found)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[x] for x in range(*k.indices(len(self)))]
        f = self.found
        if k < 0:
            k += len(f)
        if not 0 <= k < len(f):
            raise IndexError(k)
        i, j = int(f.a[k]), int(f.b[k])
        return Comparison(
            self.docs[i],
            self.docs[j],
            float(f.a_copied[k]),
            float(f.b_copied[k]),
            float(f.near[k]),
            f.matches(k),
            a_index=i,
            b_index=j,
        )

    def positions(self, i: int) -> list[int]:
        """The positions (in order) of the comparisons of document i."""
        if self._by_doc is None:
            f = self.found
            owner = np.concatenate((f.a, f.b))
            order = np.argsort(owner, kind="stable")
            self._by_doc = (np.searchsorted(owner[order], np.arange(len(self.docs) + 1)), order % max(len(f), 1))
        bounds, order = self._by_doc
        return np.sort(order[bounds[i] : bounds[i + 1]]).tolist()

    def involving(self, i: int) -> list[Comparison]:
        """The comparisons of document i (A or B), in order: ``[self[k] for k in self.positions(i)]``, their
        columns read once for all of them (a round's report is in hundreds of pairs, with thousands of matches)."""
        k = np.asarray(self.positions(i), dtype=np.int64)
        if not len(k):
            return []
        f, docs = self.found, self.docs
        lo = f.m_start[k]
        counts = f.m_start[k + 1] - lo
        rows = np.repeat(lo, counts) + _ranges(counts)
        matches = list(map(Match, *f.m[rows].T.tolist(), f.identity[rows].tolist()))
        out = []
        at = 0
        for a, b, ac, bc, near, n in zip(
            *(x[k].tolist() for x in (f.a, f.b, f.a_copied, f.b_copied, f.near)), counts.tolist(), strict=True
        ):
            out.append(Comparison(docs[a], docs[b], ac, bc, near, matches[at : at + n], a_index=a, b_index=b))
            at += n
        return out

    def seen_from(self, i: int) -> list[tuple[int, float, float, list[Match]]]:
        """Each comparison of document i as i sees it, in the order of ``involving(i)``: (the other document's
        position, i's share copied, the near-duplicate score, the matches with i's span first), straight from the
        columns (no Comparison, no match made twice to turn it round)."""
        k = np.asarray(self.positions(i), dtype=np.int64)
        if not len(k):
            return []
        f = self.found
        lo = f.m_start[k]
        counts = f.m_start[k + 1] - lo
        rows = np.repeat(lo, counts) + _ranges(counts)
        is_b = f.b[k] == i
        m = f.m[rows]
        turned = np.repeat(is_b, counts)[:, None]
        mine, theirs = np.where(turned, m[:, 2:4], m[:, 0:2]), np.where(turned, m[:, 0:2], m[:, 2:4])
        matches = list(map(Match, *mine.T.tolist(), *theirs.T.tolist(), m[:, 4].tolist(), f.identity[rows].tolist()))
        out = []
        at = 0
        for other, copied, near, n in zip(
            np.where(is_b, f.a[k], f.b[k]).tolist(),
            np.where(is_b, f.b_copied[k], f.a_copied[k]).tolist(),
            f.near[k].tolist(),
            counts.tolist(),
            strict=True,
        ):
            out.append((other, copied, near, matches[at : at + n]))
            at += n
        return out


def _coverage(fp: Fingerprint, spans: list[tuple[int, int]]) -> float:
    """Share of A's counted characters inside the spans, formulas excluded (they are never copying)."""
    if not fp.chars:
        return 0.0
    cover = np.zeros(len(fp.codes), dtype=bool)
    for a0, a1 in spans:
        cover[a0:a1] = True
    cover &= ~fp.masked
    return float(cover.sum()) / fp.chars


def jaccard(fa: Fingerprint, fb: Fingerprint) -> float:
    """Exact Jaccard similarity of the two k-gram sets (formulas excluded)."""
    sa, sb = fa.shingles, fb.shingles
    if not len(sa) or not len(sb):
        return 0.0
    inter = len(np.intersect1d(sa, sb, assume_unique=True))
    return inter / (len(sa) + len(sb) - inter)


def compare_fingerprints(
    text_a: str,
    fa: Fingerprint,
    text_b: str,
    fb: Fingerprint,
    ignore: np.ndarray | None = None,
    runs: list[Run] | None = None,
    near_duplicate: float | None = None,
) -> tuple[float, float, float, list[Match]]:
    """(a_copied, b_copied, near_duplicate, matches) of two fingerprinted texts.

    ``runs`` (align.exact_runs) and ``near_duplicate`` (the exact Jaccard) may be given when computed
    for a whole round at once: the result is the same.
    """
    s = fa.settings
    passages: list[Passage] = align(fa, fb, ignore, runs)
    matches: list[Match] = []
    kept: list[Passage] = []
    for p in passages:
        a0, a1 = fa.text_span(p.a0, p.a1)
        b0, b1 = fb.text_span(p.b0, p.b1)
        ident = Indel.normalized_similarity(text_a[a0:a1], text_b[b0:b1])
        if ident < s.min_identity:
            continue
        kept.append(p)
        matches.append(Match(a0, a1, b0, b1, p.matched, float(ident)))
    if not kept:  # nothing covered: skip two array passes (most pairs of a round)
        return 0.0, 0.0, jaccard(fa, fb) if near_duplicate is None else near_duplicate, matches
    a_cov = _coverage(fa, [(p.a0, p.a1) for p in kept])
    b_cov = _coverage(fb, [(p.b0, p.b1) for p in kept])
    return a_cov, b_cov, jaccard(fa, fb) if near_duplicate is None else near_duplicate, matches


def _resolve(settings: Settings | None) -> Settings:
    if settings is None:
        return DEFAULT
    if isinstance(settings, dict):
        return Settings.from_dict(settings)
    return settings


def _as_doc(d: Document | str) -> Document:
    """A string is loaded as a text; anything else is a document (or a stand-in with its ``text`` and ``source``)."""
    return loads(d) if isinstance(d, str) else d


def compare(
    a: Document, b: Document, settings: Settings | None = None, *, formulas: Sequence[str] | None = None
) -> Comparison:
    """Compare two documents: copied passages with offsets in both, coverage of each, near-duplicate score."""
    s = _resolve(settings)
    a, b = _as_doc(a), _as_doc(b)
    fl = tuple(formulas) if formulas is not None else formula_list()
    fa, fb = fingerprint(a.text, s, fl), fingerprint(b.text, s, fl)
    a_cov, b_cov, nd, matches = compare_fingerprints(a.text, fa, b.text, fb)
    return Comparison(a, b, a_cov, b_cov, nd, matches)


def compare_all(
    docs: list[Document],
    settings: Settings | None = None,
    *,
    authors: Sequence[str | None] | None = None,
    formulas: Sequence[str] | None = None,
    jobs: int = 1,
) -> list[Comparison]:
    """Compare every pair of a round efficiently; only pairs with a match or a near-duplicate score come back.

    ``jobs`` > 1 aligns the candidate pairs in that many forked processes (the same result, in the same order).

    Candidate pairs come from an in-memory index of the winnowed fingerprints and
    of the MinHash LSH bands, so unrelated pairs are never aligned. A fingerprint in
    the reports of more than ``settings.max_authors`` distinct authors (``authors``,
    one per document; by default every document is its own author) is common
    language and is not used.
    """
    s = _resolve(settings)
    docs = [_as_doc(d) for d in docs]
    fl = tuple(formulas) if formulas is not None else formula_list()
    fps = [fingerprint(d.text, s, fl) for d in docs]
    n = len(docs)
    if authors is None:
        author_ids = np.arange(n)
    else:
        if len(authors) != n:
            raise ValueError("authors must name one author (or None) per document")
        names: dict[str, int] = {}
        author_ids = np.array([names.setdefault(a, len(names)) if a else n + 10_000 + i for i, a in enumerate(authors)])

    rp = round_pairs(fps, author_ids, s.max_authors, s.bands)
    # A passage needs runs of at least min_chars characters in all; pairs without
    # them can only be near-duplicates, which their Jaccard alone decides.
    may_match = rp.matched_bound() >= s.min_chars
    selected = np.flatnonzero(may_match | (rp.jaccard >= s.near_duplicate))
    texts = [d.text for d in docs]
    found = _align_pairs(texts, fps, rp, selected, s, jobs)
    return [Comparison(docs[i], docs[j], a, b, nd, m, a_index=i, b_index=j) for i, j, a, b, nd, m in found]


@dataclass
class RoundComparisons:
    """A round compared with itself: the pairs with something in common, and its near-identical clusters."""

    comparisons: Sequence[Comparison]  # a ComparisonList: made one at a time when read
    clusters: list[list[int]]  # positions in the round, the representative first


def compare_round_docs(
    docs: list[Document],
    settings: Settings | None = None,
    *,
    formulas: Sequence[str] | None = None,
    jobs: int = 1,
    fingerprints: Sequence[Fingerprint] | None = None,
) -> RoundComparisons:
    """Every pair of a round as `review` compares it (and `shuzhi corpus` on Spark, the same way).

    Two differences from compare_all, both so that a county whose reports all come from one template is caught:

    - no common language is learnt from the reports under review: were the fragments shared by more than
      ``max_authors`` of them discounted, the more reports copied one text, the less of it would be seen.
      Only the curated formulas (``formulas``) are masked;
    - near-identical reports (shuzhi.similarity.core.clusters) form a cluster: its members are aligned with its
      representative only, every other report with every other as usual; a member still meets the reports outside
      its cluster through the fingerprints its representative lacks (outside_pairs), never through LSH bands. The comparisons come back ordered by
      (a, b), a < b.

    ``fingerprints``: the documents' fingerprints when already taken (with the same settings and formulas), as
    `review` does while the reports are checked; ``docs`` then need only their ``text`` (and ``source``). Their
    ``shingles`` and ``winnowed`` (the k-gram sets and the seeds) are dropped once every Jaccard and seed of the
    round is known: a compact fingerprint (Fingerprint.compact) cannot make them again, and nothing after the
    comparison reads them (the copy rules read positions, masks and lengths).
    """
    s = _resolve(settings)
    docs = [_as_doc(d) for d in docs]
    fl = tuple(formulas) if formulas is not None else formula_list()
    fps = list(fingerprints) if fingerprints is not None else [fingerprint(d.text, s, fl) for d in docs]
    texts = [d.text for d in docs]
    clusters = near_identical_clusters([f.signature if len(f.shingles) else None for f in fps], s.bands)
    rep_of = representatives(clusters)
    keep = [i for i in range(len(docs)) if i not in rep_of]
    kfps = [fps[i] for i in keep]
    # With workers, the Jaccards' work on the k-gram sets (most of theirs) is done in a process forked now, while
    # this one aligns the pairs outside the slices and makes the slices' candidate pairs (it waited for both).
    jaccard_of = _jaccards_beside(kfps) if jobs > 1 and len(keep) >= 2 else None
    # Pairs aligned outside the slices, first: each cluster member with its representative, then the members' pairs
    # with the rest (outside_pairs).
    found: list[tuple] = []
    for i, j in [(r_i, m_i) for m_i, r_i in rep_of.items()] + outside_pairs(fps, clusters):
        a_cov, b_cov, nd, matches = compare_fingerprints(texts[i], fps[i], texts[j], fps[j])
        if matches or nd >= s.near_duplicate:
            found.append((i, j, a_cov, b_cov, nd, matches))
    slices = None
    if len(keep) >= 2:
        # Every author distinct and no fragment ever common: nothing learnt from the round itself. The pairs are
        # made and aligned a slice at a time (RoundSlices: the same pairs and runs as round_pairs).
        slices = RoundSlices(kfps, s.bands, work=1 << 17, jaccard_of=jaccard_of)
    # Every seed and Jaccard of the round is known: the winnowed fingerprints and k-gram sets (half of a compact
    # fingerprint) are spent, and go before the aligning workers are forked (they would inherit them), with the
    # texts with sentinels that aligning the pairs above cached.
    for f in fps:
        for spent in ("shingles", "winnowed", "_sentinel_codes"):
            f.__dict__.pop(spent, None)
    parts: list[Found] = []
    if slices is not None:
        at = np.array(keep, dtype=np.int64)
        for part in _align_slices([texts[i] for i in keep], kfps, slices, s, jobs):
            part.a, part.b = at[part.a], at[part.b]
            parts.append(part)
    every = Found.join([*parts, Found.of(found)])
    every = every.take(np.lexsort((every.b, every.a)))  # ordered by (a, b); each pair once
    return RoundComparisons(ComparisonList(every, docs), clusters)


# What the forked workers of _align_pairs read (inherited, never pickled): texts, fingerprints, pairs.
_ROUND: tuple | None = None
_ROUND_PARENT: int | None = None  # the process of _align_slices (its workers are the others)


def _align_range(bounds: tuple[int, int]) -> list[tuple]:
    texts, fps, rp, selected, s = _ROUND
    out = []
    for p in selected[bounds[0] : bounds[1]].tolist():
        i, j = int(rp.pairs[p, 0]), int(rp.pairs[p, 1])
        a_cov, b_cov, nd, matches = compare_fingerprints(
            texts[i], fps[i], texts[j], fps[j], runs=rp.run_list(p), near_duplicate=float(rp.jaccard[p])
        )
        if matches or nd >= s.near_duplicate:
            out.append((i, j, a_cov, b_cov, nd, matches))
    return out


def _align_pairs(texts, fps, rp, selected: np.ndarray, s: Settings, jobs: int) -> list[tuple]:
    """Align the candidate pairs, in ``jobs`` forked processes when there are many: the same list, in order."""
    global _ROUND
    _ROUND = (texts, fps, rp, selected, s)
    try:
        ctx = _fork_context()
        n = len(selected)
        if jobs <= 1 or ctx is None or n < 64:
            return _align_range((0, n))
        parts = max(jobs * 8, 1)
        bounds = [(n * k // parts, n * (k + 1) // parts) for k in range(parts)]
        try:
            with ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
                return [x for chunk in pool.map(_align_range, bounds) for x in chunk]
        except BrokenProcessPool:  # a worker died: align here
            return _align_range((0, n))
    finally:
        _ROUND = None


def align_in_bulk(pairs, jac, run_start, runs, texts, fps, s: Settings, lookup=None):
    """The matches of many pairs (i, j) of ``texts`` at once, from their exact runs (pair q's: rows
    ``run_start[q]:run_start[q + 1]`` of ``runs``) and Jaccards ``jac``: every pair's runs chained at once (the
    passages of align.chain), those of at least min_chars made matches (compare_fingerprints' identity and
    coverage) — the same as compare_fingerprints pair by pair; ``lookup``: passages.Lookup(fps), made once for many
    calls. Returns (Matches, the Jaccards as floats, the pairs
    worth keeping: a match or a near-duplicate score)."""
    passages = chain_round(runs, run_start, pairs, fps, s.max_gap, None if lookup is None else lookup.breaks)
    mt = round_matches(passages[passages[:, 5] >= s.min_chars], pairs, texts, fps, s.min_identity, lookup)
    near = np.asarray(jac, np.float64)
    return mt, near, (mt.count > 0) | (near >= s.near_duplicate)


def _align_found(task: tuple) -> Found:
    """Align the pairs of a task (pairs, Jaccard, run starts, runs: the selected pairs of a slice, or part of them)."""
    texts, fps, held, _selected, s = _ROUND
    pairs, jac, run_start, runs = task
    mt, near, keep = align_in_bulk(pairs, jac, run_start, runs, texts, fps, s, getattr(held, "lookup", None))
    out = Found(
        pairs[keep, 0],
        pairs[keep, 1],
        mt.a_copied[keep],
        mt.b_copied[keep],
        near[keep],
        mt.chars[keep],
        np.r_[0, np.cumsum(mt.count[keep])].astype(np.int64),
        mt.m,
        mt.identity,
    )
    if os.getpid() != _ROUND_PARENT:  # an aligning worker: the task's objects given back, not kept as free heap
        _trim_heap()
    return out


def _tasks(rp: RoundPairs, s: Settings, parts: int) -> list[tuple]:
    """The pairs of a slice worth aligning, in ``parts`` tasks for _align_found (each carrying its own runs)."""
    may_match = rp.matched_bound() >= s.min_chars
    selected = np.flatnonzero(may_match | (rp.jaccard >= s.near_duplicate))
    out = []
    n = len(selected)
    for k in range(parts):
        sel = selected[n * k // parts : n * (k + 1) // parts]
        if not len(sel) and out:
            continue
        counts = rp.run_start[sel + 1] - rp.run_start[sel]
        rows = np.repeat(rp.run_start[sel], counts) + _ranges(counts)
        out.append((rp.pairs[sel], rp.jaccard[sel], np.r_[0, np.cumsum(counts)], rp.runs[rows]))
    return out


def _align_slices(texts, fps, slices: RoundSlices, s: Settings, jobs: int):
    """Found of each slice of a round's pairs, in order; in ``jobs`` forked processes when there are many pairs.

    Each worker makes a slice's seeds and runs and aligns its pairs (_slice_found): the parent only collects. At
    most a few slices are submitted ahead (memory bounded). The same pairs and matches as _align_pairs.
    """
    global _ROUND, _ROUND_PARENT
    _ROUND, _ROUND_PARENT = (texts, fps, slices, None, s), os.getpid()
    try:
        ctx = _fork_context()
        done = 0
        if jobs > 1 and ctx is not None and len(slices.pairs) >= 64:
            try:
                with ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
                    # Forked with the parent's free heap given back (a page written after the fork is copied).
                    _release_heap()
                    pool.submit(int).result()  # (a fork pool starts all its workers at its first task)
                    pending: deque = deque()
                    for k in range(len(slices)):
                        pending.append(pool.submit(_slice_found, k))
                        while len(pending) > 2 * jobs:
                            yield pending.popleft().result()
                            done += 1
                    while pending:
                        yield pending.popleft().result()
                        done += 1
                return
            except BrokenProcessPool:  # a worker died: the rest here
                pass
        for k in range(done, len(slices)):
            yield _slice_found(k)
    finally:
        _ROUND = _ROUND_PARENT = None


def _slice_found(k: int) -> Found:
    """The Found of slice k of the round's pairs: its runs made and its pairs aligned, in this process."""
    _texts, _fps, slices, _selected, s = _ROUND
    return Found.join([_align_found(t) for t in _tasks(slices.slice(k), s, 1)])
