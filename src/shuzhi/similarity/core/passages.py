"""A round's aligned passages made matches for many pairs at once: text spans, identity, coverage of both sides.

What compare_fingerprints does with one pair's passages, in columns: every passage's span in the source texts
(Fingerprint.text_span), its identity (rapidfuzz Indel over those spans), those of at least ``min_identity`` kept,
and each pair's coverage of A and B (its kept passages' characters, formulas excluded, over the text's counted
characters) and the characters of A its matches cover (overlaps once).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import Indel

from .chains import side_by_side_breaks
from .shingle import Fingerprint


class Matches(NamedTuple):
    """Per pair: coverage of A and of B (0.0 without a kept passage), characters of A covered, number of matches;
    per kept match, in the passages' order: (a_start, a_end, b_start, b_end, chars) and identity; per pair, the
    counted characters of A and of B its matches cover (formulas excluded: the numerators of a_copied, b_copied)."""

    a_copied: np.ndarray
    b_copied: np.ndarray
    chars: np.ndarray
    count: np.ndarray
    m: np.ndarray
    identity: np.ndarray
    a_counted: np.ndarray
    b_counted: np.ndarray


class Lookup:
    """A round's fingerprints read by document and position without a loop over documents: every fingerprint's
    ``pos`` in one array (each fingerprint's ``pos`` becomes a view of it: the same values, held once), the masked
    characters' places in one sorted array, each document's counted characters, and the paragraph breaks of all
    documents side by side (``breaks``: document d's at d << 32 onward). ``pos_at(doc, x)`` is
    ``fps[doc].pos[x]`` and ``masked_before(doc, x)`` the masked characters of ``fps[doc]`` before ``x``, for arrays
    of documents and positions (0 <= x < len(pos), and x <= len(pos) for masked_before)."""

    def __init__(self, fps: list[Fingerprint]):
        lens = np.array([len(f.pos) for f in fps], np.int64)
        self.off = off = np.r_[0, np.cumsum(lens)].astype(np.int64)
        self.pos = np.concatenate([f.pos for f in fps]) if fps else np.zeros(0, np.int64)
        for f, o, n in zip(fps, off.tolist(), lens.tolist(), strict=False):
            f.pos = self.pos[o : o + n]
        self.masked = (
            np.concatenate([np.flatnonzero(f.masked) + o for f, o in zip(fps, off.tolist(), strict=False)])
            if fps
            else np.zeros(0, np.int64)
        )
        self.chars = np.array([f.chars for f in fps], np.int64)
        # Paragraph breaks of every document side by side: document d's at d << 32 onward (chains.chain_round).
        self.breaks = side_by_side_breaks(fps, list(range(len(fps))))

    def pos_at(self, doc: np.ndarray, x: np.ndarray) -> np.ndarray:
        return self.pos[self.off[doc] + x].astype(np.int64)

    def masked_before(self, doc: np.ndarray, x: np.ndarray) -> np.ndarray:
        base = self.off[doc]
        return np.searchsorted(self.masked, base + x) - np.searchsorted(self.masked, base)


def _by_document(fps: list[Fingerprint], doc: np.ndarray, at: np.ndarray, what) -> np.ndarray:
    """what(fps[d], positions) for the positions ``at`` of each document ``doc``, gathered in one pass per document."""
    out = np.zeros(len(at), np.int64)
    if not len(at):
        return out
    order = np.argsort(doc, kind="stable")
    d = doc[order]
    cut = np.flatnonzero(np.r_[True, d[1:] != d[:-1], True])
    for lo, hi in zip(cut[:-1].tolist(), cut[1:].tolist(), strict=True):
        rows = order[lo:hi]
        out[rows] = what(fps[int(d[lo])], at[rows])
    return out


def _union_by_pair(pair: np.ndarray, s: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The parts of intervals [s, e) not covered by an earlier one of their pair (sorted by (pair, s), each pair's
    running end): (start, end) of each part, end <= start where nothing is new. Their lengths add up to the union."""
    o = np.lexsort((s, pair))
    pair, s, e = pair[o], s[o], e[o]
    seg = np.cumsum(np.r_[True, pair[1:] != pair[:-1]]) - 1 if len(pair) else pair
    shift = seg.astype(np.int64) << 32
    reach = np.maximum.accumulate(e + shift) - shift
    first = np.r_[True, seg[1:] != seg[:-1]] if len(seg) else np.zeros(0, bool)
    prev = np.where(first, s, np.r_[0, reach[:-1]])
    lo = np.maximum(s, prev)
    out_lo, out_hi = np.empty_like(lo), np.empty_like(e)
    out_lo[o], out_hi[o] = lo, e
    return out_lo, out_hi


def _masked_before(fp: Fingerprint, at: np.ndarray) -> np.ndarray:
    return np.searchsorted(np.flatnonzero(fp.masked), at)


def _coverage(fps, pair, doc, s, e, npairs: int, lookup: Lookup | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per pair, the share of its document's counted characters inside the spans [s, e), formulas excluded, and
    the number of those characters."""
    lo, hi = _union_by_pair(pair, s, e)
    new = hi > lo
    pair, doc, lo, hi = pair[new], doc[new], lo[new], hi[new]
    if lookup is not None:
        counted = (hi - lo) - (lookup.masked_before(doc, hi) - lookup.masked_before(doc, lo))
        chars = lookup.chars[doc]
    else:
        counted = (hi - lo) - (_by_document(fps, doc, hi, _masked_before) - _by_document(fps, doc, lo, _masked_before))
        chars = np.array([fps[d].chars for d in doc.tolist()], np.int64)
    cover = np.bincount(pair, weights=counted, minlength=npairs).astype(np.int64)
    total = np.zeros(npairs, np.int64)
    total[pair] = chars
    return np.where(cover > 0, cover / np.maximum(total, 1), 0.0), cover


def round_matches(
    passages: np.ndarray,
    pairs: np.ndarray,
    texts: list[str],
    fps: list[Fingerprint],
    min_identity: float,
    lookup: Lookup | None = None,
) -> Matches:
    """The matches of ``passages`` — (pair, a0, a1, b0, b1, matched) rows in fingerprint characters, each pair's in
    order, pairs ascending (chains.chain_round, those of at least min_chars) — for ``pairs`` (i, j) of ``texts``.
    ``lookup``: Lookup(fps), when made once for many calls (a round's slices): no loop over the documents."""
    npairs = len(pairs)
    q = passages[:, 0]
    i, j = pairs[q, 0], pairs[q, 1]
    a0, a1, b0, b1 = passages[:, 1], passages[:, 2], passages[:, 3], passages[:, 4]
    # Fingerprint.text_span of runs (never empty): the first character's place to just after the last one's.
    if lookup is not None:
        ta0, ta1 = lookup.pos_at(i, a0), lookup.pos_at(i, a1 - 1) + 1
        tb0, tb1 = lookup.pos_at(j, b0), lookup.pos_at(j, b1 - 1) + 1
    else:
        ta0 = _by_document(fps, i, a0, lambda f, x: f.pos[x])
        ta1 = _by_document(fps, i, a1 - 1, lambda f, x: f.pos[x]) + 1
        tb0 = _by_document(fps, j, b0, lambda f, x: f.pos[x])
        tb1 = _by_document(fps, j, b1 - 1, lambda f, x: f.pos[x]) + 1
    ident = np.array(
        [
            Indel.normalized_similarity(texts[x][s:e], texts[y][u:v])
            for x, y, s, e, u, v in zip(
                i.tolist(), j.tolist(), ta0.tolist(), ta1.tolist(), tb0.tolist(), tb1.tolist(), strict=True
            )
        ],
        np.float64,
    )
    keep = ident >= min_identity
    q, i, j = q[keep], i[keep], j[keep]
    a_cov, a_counted = _coverage(fps, q, i, a0[keep], a1[keep], npairs, lookup)
    b_cov, b_counted = _coverage(fps, q, j, b0[keep], b1[keep], npairs, lookup)
    ta0, ta1 = ta0[keep], ta1[keep]
    lo, hi = _union_by_pair(q, ta0, ta1)
    chars = np.bincount(q, weights=np.maximum(hi - lo, 0), minlength=npairs).astype(np.int64)
    m = np.stack((ta0, ta1, tb0[keep], tb1[keep], passages[keep, 5]), axis=1).astype(np.int64)
    count = np.bincount(q, minlength=npairs).astype(np.int64)
    return Matches(a_cov, b_cov, chars, count, m.reshape(-1, 5), ident[keep], a_counted, b_counted)
