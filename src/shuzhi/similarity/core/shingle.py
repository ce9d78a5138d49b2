"""Fingerprints of a text: kept characters, formula masks, k-gram hashes, winnowed and MinHash views (both tiers)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .formulas import formula_mask_codes
from .hashing import INVALID, fingerprint_codes, kgram_hashes
from .minhash import signature
from .settings import Settings
from .winnow import _sliding, winnow


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique(values), by a sort and a comparison of neighbours: numpy 2's np.unique hashes first and sorts
    the result, 2.7x slower on a report's 5,000 k-gram hashes (0.79 against 0.30 ms) — paid again by every
    alignment cell that fingerprints the report (shuzhi.spark)."""
    out = np.sort(values)
    return out[np.r_[True, out[1:] != out[:-1]]] if len(out) else out


@dataclass
class Fingerprint:
    """Everything both tiers need about one text, computed once.

    ``codes``/``pos``: the fingerprint text (letters and numbers only) and where each
    of its characters is in the source text. ``masked``: characters inside a mandatory
    formula. ``hashes``: every k-gram's hash, INVALID where it touches a formula.
    """

    text_len: int
    codes: np.ndarray
    pos: np.ndarray
    masked: np.ndarray
    hashes: np.ndarray
    settings: Settings

    @cached_property
    def chars(self) -> int:
        """Characters that count (letters and numbers, formulas included)."""
        return int(len(self.codes) - np.count_nonzero(self.codes == 10))

    @cached_property
    def newlines(self) -> np.ndarray:
        """Positions of the paragraph breaks (code 10) among the fingerprint characters, in order: a few hundred a
        report, where a paragraph number per character would be 4 bytes each (17 MB in each of a 500-report
        round's aligning workers)."""
        return np.flatnonzero(self.codes == 10).astype(np.int32)

    def paragraph_of(self, at) -> np.ndarray:
        """Paragraph number of the fingerprint characters at positions ``at``: the breaks at or before each, which
        is ``np.cumsum(codes == 10)[at]``."""
        return np.searchsorted(self.newlines, at, "right")

    @cached_property
    def valid(self) -> np.ndarray:
        return self.hashes != INVALID

    @cached_property
    def winnowed(self) -> tuple[np.ndarray, np.ndarray]:
        """(positions, 64-bit hashes) of the fingerprints selected by winnowing."""
        p = winnow(self.hashes, self.settings.window)
        return p, self.hashes[p]

    @cached_property
    def shingles(self) -> np.ndarray:
        """The set of valid k-gram hashes, sorted (for exact Jaccard)."""
        return sorted_unique(self.hashes[self.valid])

    @cached_property
    def signature(self) -> np.ndarray:
        return signature(self.hashes[self.valid], self.settings.num_perm)

    def sentinel_codes(self, sentinel: int, out: np.ndarray | None = None) -> np.ndarray:
        """The codes with masked characters replaced by ``sentinel`` (cached: a round aligns each text many times);
        with ``out``, written there and nothing kept (a round's concatenated sides hold hundreds)."""
        if out is not None:
            out[:] = self.codes
            out[self.masked] = sentinel
            return out
        cache = self.__dict__.setdefault("_sentinel_codes", {})
        if sentinel not in cache:
            cache[sentinel] = np.where(self.masked, np.uint32(sentinel), self.codes)
        return cache[sentinel]

    def compact(self, signature: bool = True) -> Fingerprint:
        """This fingerprint holding only what comparing it needs, for a round that keeps one per report.

        The winnowed, shingle and MinHash views are computed, then the hash of every k-gram (and the mask of the
        valid ones) they were made from is dropped, and positions are kept as 32-bit integers: about half the
        memory. Nothing a comparison reads changes. ``signature=False``: no MinHash signature (aligning given
        pairs, as shuzhi.spark's cells do, never reads it; asking for it afterwards fails loudly).
        """
        _ = self.winnowed, self.shingles, self.chars, self.newlines
        if signature:
            _ = self.signature
        self.__dict__.pop("valid", None)
        self.hashes = None  # type: ignore[assignment]  # spent: a view needing it again would fail loudly
        if self.text_len < 2**31:
            self.pos = self.pos.astype(np.int32)
        return self

    def text_span(self, a: int, b: int) -> tuple[int, int]:
        """Source-text span of fingerprint characters [a, b)."""
        if b <= a:
            p = int(self.pos[a]) if a < len(self.pos) else self.text_len
            return p, p
        return int(self.pos[a]), int(self.pos[b - 1]) + 1


def fingerprint(text: str, settings: Settings, formulas: tuple[str, ...] = ()) -> Fingerprint:
    """Fingerprint a text: map, mask formulas, hash every k-gram."""
    codes, pos = fingerprint_codes(text)
    k = settings.kgram
    masked = formula_mask_codes(codes, formulas) if formulas and len(codes) else np.zeros(len(codes), dtype=bool)
    masked |= codes == 10
    h = kgram_hashes(codes, k)
    if masked.any() and len(h):
        # A k-gram is invalid when any of its k characters is masked.
        h[_sliding(masked.view(np.uint8), k, np.maximum).view(bool)] = INVALID
    return Fingerprint(len(text), codes, pos, masked, h, settings)
