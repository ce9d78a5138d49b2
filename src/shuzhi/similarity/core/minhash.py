"""Document tier: MinHash signatures by one-permutation hashing, Jaccard estimates, LSH band keys."""

from __future__ import annotations

import numpy as np

from .hashing import mix64

_EMPTY = np.uint32(0xFFFFFFFF)


def densify(sig: np.ndarray) -> np.ndarray:
    """Fill empty bins from the next non-empty bin to the right, circularly
    (rotation densification, Shrivastava & Li 2014)."""
    empty = sig == _EMPTY
    if not empty.any() or empty.all():
        return sig
    num_perm = len(sig)
    idx = np.arange(num_perm)
    full = np.flatnonzero(~empty)
    nxt = full[np.searchsorted(full, idx) % len(full)]
    dist = (nxt - idx) % num_perm
    filled = sig[nxt] ^ (dist.astype(np.uint32) * np.uint32(0x9E3779B1))
    return np.where(empty, filled, sig).astype(np.uint32)


def densify_many(sigs: np.ndarray) -> np.ndarray:
    """densify() of every row of an (n, num_perm) array at once (the same values; no loop per document).

    Each empty bin takes the next non-empty bin to its right, circularly: over the row written twice, the
    first non-empty position at or after each bin, found by a running minimum from the right.
    """
    empty = sigs == _EMPTY
    some = empty.any(axis=1)
    rows = np.flatnonzero(some & ~empty.all(axis=1))
    if not len(rows):
        return sigs
    sub, hole = sigs[rows], empty[rows]
    p = sigs.shape[1]
    pos = np.arange(2 * p)
    full = np.concatenate((~hole, ~hole), axis=1)
    nxt = np.minimum.accumulate(np.where(full, pos, 2 * p)[:, ::-1], axis=1)[:, ::-1][:, :p]
    dist = (nxt - pos[:p]) % p
    filled = np.take_along_axis(sub, nxt % p, axis=1) ^ (dist.astype(np.uint32) * np.uint32(0x9E3779B1))
    out = sigs.copy()
    out[rows] = np.where(hole, filled, sub)
    return out


def signature(hashes: np.ndarray, num_perm: int) -> np.ndarray:
    """A ``num_perm``-slot MinHash signature of a set of 64-bit shingle hashes.

    One-permutation hashing (Li, Owen & Zhang 2012): each shingle's hash picks a
    bin (low bits) and competes for that bin's minimum (high bits); empty bins are
    densified. The fraction of equal slots estimates Jaccard similarity like classic
    MinHash, at one hash per shingle instead of ``num_perm``.
    """
    sig = np.full(num_perm, _EMPTY, dtype=np.uint32)
    if len(hashes) == 0:
        return sig
    np.minimum.at(sig, (hashes % np.uint64(num_perm)).astype(np.intp), (hashes >> np.uint64(32)).astype(np.uint32))
    return densify(sig)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or (a == _EMPTY).all() or (b == _EMPTY).all():
        return 0.0
    return float(np.mean(a == b))


def band_keys_many(sigs: np.ndarray, bands: int) -> np.ndarray:
    """(n, bands) 32-bit LSH keys; the band number is mixed in, so bands never collide."""
    n, p = sigs.shape
    rows = sigs.reshape(n, bands, p // bands).astype(np.uint64)
    h = np.broadcast_to(np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15), (n, bands))
    for j in range(rows.shape[2]):
        h = mix64(h ^ rows[:, :, j])
    return (h >> np.uint64(32)).astype(np.uint32)


def band_keys(sig: np.ndarray, bands: int) -> np.ndarray:
    """The LSH keys of one signature."""
    return band_keys_many(sig.reshape(1, -1), bands)[0]
