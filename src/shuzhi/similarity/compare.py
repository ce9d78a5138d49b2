"""Comparing documents: a pair (compare) or a whole round at once (compare_all)."""

from __future__ import annotations

import multiprocessing
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
from .core.allpairs import round_pairs
from .core.clusters import near_identical_clusters, representatives
from .core.formulas import formula_list
from .core.settings import DEFAULT, Settings
from .core.shingle import Fingerprint, fingerprint

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

    comparisons: list[Comparison]
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
    `review` does while the reports are checked; ``docs`` then need only their ``text`` (and ``source``).
    """
    s = _resolve(settings)
    docs = [_as_doc(d) for d in docs]
    fl = tuple(formulas) if formulas is not None else formula_list()
    fps = list(fingerprints) if fingerprints is not None else [fingerprint(d.text, s, fl) for d in docs]
    texts = [d.text for d in docs]
    clusters = near_identical_clusters([f.signature if len(f.shingles) else None for f in fps], s.bands)
    rep_of = representatives(clusters)
    keep = [i for i in range(len(docs)) if i not in rep_of]
    found: list[tuple] = []
    if len(keep) >= 2:
        kfps = [fps[i] for i in keep]
        # Every author distinct and no fragment ever common: nothing learnt from the round itself.
        rp = round_pairs(kfps, np.arange(len(keep)), len(keep) + 1, s.bands)
        may_match = rp.matched_bound() >= s.min_chars
        selected = np.flatnonzero(may_match | (rp.jaccard >= s.near_duplicate))
        for i, j, a, b, nd, m in _align_pairs([texts[i] for i in keep], kfps, rp, selected, s, jobs):
            found.append((keep[i], keep[j], a, b, nd, m))
    for m_i, r_i in rep_of.items():
        a_cov, b_cov, nd, matches = compare_fingerprints(texts[r_i], fps[r_i], texts[m_i], fps[m_i])
        if matches or nd >= s.near_duplicate:
            found.append((r_i, m_i, a_cov, b_cov, nd, matches))
    for i, j in outside_pairs(fps, clusters):
        a_cov, b_cov, nd, matches = compare_fingerprints(texts[i], fps[i], texts[j], fps[j])
        if matches or nd >= s.near_duplicate:
            found.append((i, j, a_cov, b_cov, nd, matches))
    found.sort(key=lambda t: (t[0], t[1]))
    comparisons = [Comparison(docs[i], docs[j], a, b, nd, m, a_index=i, b_index=j) for i, j, a, b, nd, m in found]
    return RoundComparisons(comparisons, clusters)


def outside_pairs(fps: list[Fingerprint], clusters: list[list[int]]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of a cluster member and a report outside its cluster sharing a winnowed fingerprint
    that the member's representative lacks.

    A member is aligned with its representative only, not with the rest of its cluster; but what it wrote beyond
    the template (a passage taken from a third colleague) is not in the representative, so the representative's
    pairs cannot show it. Those fingerprints still find the reports that share them, as in every other pair of the
    round (never through LSH bands: the member's document-level likeness is its representative's). Spark forms
    the same pairs (shuzhi.spark.copying, array_except).
    """
    if not clusters:
        return []
    n = len(fps)
    uniq = [np.unique(f.winnowed[1]) for f in fps]
    H = np.concatenate(uniq) if n else np.zeros(0, np.uint64)
    D = np.repeat(np.arange(n, dtype=np.int64), [len(u) for u in uniq])
    o = np.argsort(H, kind="stable")
    H, D = H[o], D[o]
    label = np.full(n, -1, dtype=np.int64)
    for c, members in enumerate(clusters):
        label[members] = c
    out: set[tuple[int, int]] = set()
    for c, members in enumerate(clusters):
        rep = members[0]
        for m in members[1:]:
            extra = np.setdiff1d(uniq[m], uniq[rep], assume_unique=True)
            if not len(extra):
                continue
            lo, hi = np.searchsorted(H, extra, "left"), np.searchsorted(H, extra, "right")
            others = np.unique(np.concatenate([D[a:b] for a, b in zip(lo.tolist(), hi.tolist(), strict=True)]))
            for d in others[label[others] != c].tolist():
                out.add((min(m, d), max(m, d)))
    return sorted(out)


# What the forked workers of _align_pairs read (inherited, never pickled): texts, fingerprints, pairs.
_ROUND: tuple | None = None


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


def _fork_context():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None
