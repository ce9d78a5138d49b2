"""Fingerprint text and character k-gram hashes, vectorized with numpy (the basis of both tiers)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .settings import Settings

_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)
# An impossible hash: k-grams that touch a masked formula get it and are never selected.
INVALID = np.uint64(0xFFFFFFFFFFFFFFFF)
_BASE = np.uint64(0x100000001B3)


# CJK Extension A, CJK Unified Ideographs, Hangul syllables: all letters (Lo), unchanged by NFKC
# (tests/similarity check the table against the character-by-character definition).
_SELF_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xAC00, 0xD7A4))


def _build_table() -> np.ndarray:
    """Codepoint → fingerprint codepoint for the BMP; 0 drops the character.

    Letters and numbers are kept (ASCII lower-cased); every decimal digit becomes
    '0' so that a changed figure does not hide a copied sentence; punctuation,
    spaces and symbols are dropped.
    """
    table = np.zeros(0x10000, dtype=np.uint32)
    # Blocks whose every character is a letter that NFKC leaves alone map to themselves: set at
    # once, not looked up one by one (a third of the work of every process that fingerprints).
    for a, b in _SELF_BLOCKS:
        table[a:b] = np.arange(a, b, dtype=np.uint32)
    skip = np.zeros(0x10000, dtype=bool)
    for a, b in _SELF_BLOCKS:
        skip[a:b] = True
    for cp in np.flatnonzero(~skip).tolist():
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat == "Nd":
            table[cp] = ord("0")
        elif cat[0] in "LN":
            folded = unicodedata.normalize("NFKC", ch)  # full-width Ｇ → G
            if len(folded) == 1 and ord(folded) < 128:
                table[cp] = ord(folded.lower())
            else:
                table[cp] = cp
    # Paragraph breaks are kept (and masked): a run never crosses one, so a
    # generic title followed by a generic opening is not one "copied" passage.
    table[10] = 10
    return table


_TABLE: np.ndarray | None = None


def _table() -> np.ndarray:
    global _TABLE
    if _TABLE is None:
        _TABLE = _build_table()
    return _TABLE


def codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def fingerprint_codes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(codes, positions): the kept, mapped characters and their offsets in ``text``."""
    cps = codepoints(text)
    mapped = _table()[np.minimum(cps, 0xFFFF)]
    wide = cps > 0xFFFF
    if wide.any():  # outside the BMP: kept as they are (rare CJK extensions)
        mapped[wide] = cps[wide]
    keep = np.flatnonzero(mapped)
    return mapped[keep], keep


def fingerprint_text(text: str) -> str:
    codes, _ = fingerprint_codes(text)
    return codes.astype("<u4").tobytes().decode("utf-32-le")


def mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer: spreads a polynomial hash over all 64 bits (in place when it can)."""
    h = h.copy() if not h.flags.writeable or not h.flags.owndata else h
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


def kgram_hashes(codes: np.ndarray, k: int) -> np.ndarray:
    """64-bit hash of every k-gram of ``codes`` (len(codes) − k + 1 values)."""
    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    c = codes.astype(np.uint64)
    h = c[:n].copy()
    for j in range(1, k):
        h *= _BASE
        h += c[j : j + n]
    return mix64(h)


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
    def paragraph(self) -> np.ndarray:
        """Paragraph number of every fingerprint character."""
        return np.cumsum(self.codes == 10)

    @cached_property
    def valid(self) -> np.ndarray:
        return self.hashes != INVALID

    @cached_property
    def winnowed(self) -> tuple[np.ndarray, np.ndarray]:
        """(positions, 64-bit hashes) of the fingerprints selected by winnowing."""
        from .winnow import winnow

        p = winnow(self.hashes, self.settings.window)
        return p, self.hashes[p]

    @cached_property
    def shingles(self) -> np.ndarray:
        """The set of valid k-gram hashes, sorted (for exact Jaccard)."""
        return np.unique(self.hashes[self.valid])

    @cached_property
    def signature(self) -> np.ndarray:
        from .minhash import signature

        return signature(self.hashes[self.valid], self.settings.num_perm)

    def sentinel_codes(self, sentinel: int) -> np.ndarray:
        """The codes with masked characters replaced by ``sentinel`` (cached: a round aligns each text many times)."""
        cache = self.__dict__.setdefault("_sentinel_codes", {})
        if sentinel not in cache:
            cache[sentinel] = np.where(self.masked, np.uint32(sentinel), self.codes)
        return cache[sentinel]

    def text_span(self, a: int, b: int) -> tuple[int, int]:
        """Source-text span of fingerprint characters [a, b)."""
        if b <= a:
            p = int(self.pos[a]) if a < len(self.pos) else self.text_len
            return p, p
        return int(self.pos[a]), int(self.pos[b - 1]) + 1


def fingerprint(text: str, settings: Settings, formulas: tuple[str, ...] = ()) -> Fingerprint:
    """Fingerprint a text: map, mask formulas, hash every k-gram."""
    from .formulas import formula_mask_codes

    codes, pos = fingerprint_codes(text)
    k = settings.kgram
    if formulas and len(codes):
        masked = formula_mask_codes(codes, formulas)
    else:
        masked = np.zeros(len(codes), dtype=bool)
    masked |= codes == 10
    h = kgram_hashes(codes, k)
    if masked.any() and len(h):
        from .winnow import _sliding

        # A k-gram is invalid when any of its k characters is masked.
        h[_sliding(masked.view(np.uint8), k, np.maximum).view(bool)] = INVALID
    return Fingerprint(len(text), codes, pos, masked, h, settings)
