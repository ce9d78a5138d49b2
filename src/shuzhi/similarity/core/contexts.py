"""Seed contexts: what a pair sharing one fingerprint must also share to hold a passage (a filter before alignment).

A pair whose only shared fingerprint (not common language) occurs once in each document has exactly one seed,
so at most one exact run: the seed's k-gram extended by ``l`` equal characters to the left and ``r`` to the right
(align.exact_runs). A passage needs ``min_chars`` matched characters, so ``l + k + r >= min_chars``, hence
``max(l, r) >= c`` with ``c = ceil((min_chars - k) / 2)`` (4 for the defaults 13 and 5): the ``c`` characters
before the seed, or the ``c`` after its k-gram, are the same in both documents. Each winnowed fingerprint carries
a hash of those two contexts; a pair whose lone seed agrees on neither cannot hold a passage, and need not be
aligned. Where a context cannot extend a run (the text's edge, a masked formula or paragraph break inside it),
its hash is a value of that document and position alone, so it agrees with no other document's (but by a 2^-32
accident, which only keeps a pair). A fingerprint selected twice or more in a document (several seeds) has no
context (None): it never excludes a pair.
"""

from __future__ import annotations

import zlib

import numpy as np

from .shingle import Fingerprint

_MUL = np.uint64(0x9E3779B97F4A7C15)
_BASE = np.uint64(0x100000001B3)
_LOW = np.uint64(0xFFFFFFFF)


def context_width(min_chars: int, kgram: int) -> int:
    """Characters either side of a lone seed of which one side must agree: ceil((min_chars − kgram) / 2)."""
    return (min_chars - kgram + 1) // 2


def _mix32(x: np.ndarray) -> np.ndarray:
    """A 32-bit hash of 64-bit values (the high half of a multiplicative mix)."""
    x = x ^ (x >> np.uint64(29))
    return ((x * _MUL) >> np.uint64(32)) & _LOW


def _window_hash(codes: np.ndarray, starts: np.ndarray, width: int) -> np.ndarray:
    """A 64-bit polynomial hash of codes[s : s + width] for every start s (all windows inside the codes)."""
    h = np.zeros(len(starts), dtype=np.uint64)
    for i in range(width):
        h = h * _BASE + codes[starts + i].astype(np.uint64) + np.uint64(1)
    return h


def seed_contexts(fp: Fingerprint) -> tuple[np.ndarray, list[int | None]]:
    """(the unique winnowed hashes, sorted; per hash its context: (left32 << 32 | right32) as a signed 64-bit
    integer, or None when the hash is selected more than once in the text)."""
    pos, hashes = fp.winnowed
    uh, first, count = np.unique(hashes, return_index=True, return_counts=True)
    if not len(uh):
        return uh, []
    s = fp.settings
    c, k = context_width(s.min_chars, s.kgram), s.kgram
    codes, masked = fp.codes, fp.masked
    n = len(codes)
    p = pos[first].astype(np.int64)
    # Masked characters (formulas, paragraph breaks) stop every run: a context holding one extends nothing.
    blocked = np.r_[0, np.cumsum(masked, dtype=np.int64)]
    left_ok = (p >= c) & (blocked[np.maximum(p, c)] - blocked[np.maximum(p - c, 0)] == 0)
    r0 = p + k
    right_ok = (r0 + c <= n) & (blocked[np.minimum(r0 + c, n)] - blocked[np.minimum(r0, n)] == 0)
    salt = np.uint64(zlib.crc32(codes.astype(np.uint32).tobytes()) | (n << 32))
    # A context that cannot extend a run: a value of this document and position only.
    lone_left = _mix32(salt ^ (p.astype(np.uint64) * np.uint64(4) + np.uint64(1)))
    lone_right = _mix32(salt ^ (p.astype(np.uint64) * np.uint64(4) + np.uint64(2)))
    left = np.where(left_ok, _mix32(_window_hash(codes, np.where(left_ok, p - c, 0), c)), lone_left)
    right = np.where(right_ok, _mix32(_window_hash(codes, np.where(right_ok, r0, 0), c)), lone_right)
    packed = ((left << np.uint64(32)) | right).view(np.int64).tolist()
    return uh, [None if m > 1 else v for v, m in zip(packed, count.tolist(), strict=True)]
