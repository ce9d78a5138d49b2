"""Document tier: MinHash signatures by one-permutation hashing, Jaccard estimates, LSH band keys."""
from __future__ import annotations

import numpy as np

from .shingle import mix64

_EMPTY = np.uint32(0xFFFFFFFF)


def signature(hashes: np.ndarray, num_perm: int) -> np.ndarray:
    """A ``num_perm``-slot MinHash signature of a set of 64-bit shingle hashes.

    One-permutation hashing (Li, Owen & Zhang 2012): each shingle's hash picks a
    bin (low bits) and competes for that bin's minimum (high bits); empty bins are
    filled from the next non-empty bin to the right (rotation densification,
    Shrivastava & Li 2014). The fraction of equal slots estimates Jaccard
    similarity like classic MinHash, at one hash per shingle instead of ``num_perm``.
    """
    sig = np.full(num_perm, _EMPTY, dtype=np.uint32)
    if len(hashes) == 0:
        return sig
    bins = (hashes % np.uint64(num_perm)).astype(np.intp)
    vals = (hashes >> np.uint64(32)).astype(np.uint32)
    np.minimum.at(sig, bins, vals)
    empty = sig == _EMPTY
    if empty.any() and not empty.all():
        idx = np.arange(num_perm)
        full = np.flatnonzero(~empty)
        # next non-empty bin to the right, circularly
        nxt = full[np.searchsorted(full, idx) % len(full)]
        dist = (nxt - idx) % num_perm
        filled = sig[nxt] ^ (dist.astype(np.uint32) * np.uint32(0x9E3779B1))
        sig = np.where(empty, filled, sig).astype(np.uint32)
    return sig


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or (a == _EMPTY).all() or (b == _EMPTY).all():
        return 0.0
    return float(np.mean(a == b))


def band_keys(sig: np.ndarray, bands: int) -> np.ndarray:
    """One 32-bit key per LSH band (the band number is mixed in, so bands never collide)."""
    rows = sig.reshape(-1, bands, len(sig) // bands).astype(np.uint64) if sig.ndim == 1 else None
    assert rows is not None
    r = rows[0]
    h = np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        for j in range(r.shape[1]):
            h = mix64(h ^ r[:, j])
    return (h >> np.uint64(32)).astype(np.uint32)
