"""Winnowing (Schleimer, Wilkerson, Aiken 2003): one fingerprint per window, vectorized."""

from __future__ import annotations

import numpy as np

from .hashing import INVALID


def _sliding(h: np.ndarray, w: int, op) -> np.ndarray:
    """op-reduction of every window of w values (len(h) − w + 1 results), in O(log w) passes."""
    out = h
    span = 1
    while span * 2 <= w:
        out = op(out[:-span], out[span:])
        span *= 2
    n = len(h) - w + 1
    if span < w:
        out = op(out[:n], out[w - span : w - span + n])
    return out[:n]


def winnow(hashes: np.ndarray, w: int) -> np.ndarray:
    """Positions of the selected k-gram hashes, ascending.

    A position is selected when its hash is the minimum of some window of ``w``
    consecutive hashes (all tied positions are kept). So any run of w shared
    k-grams — k + w − 1 shared characters — has the same window minimum in both
    documents, and both select a fingerprint with that hash. INVALID hashes
    (formulas, paragraph breaks) are never selected.
    """
    n = len(hashes)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n < w:
        w = n
    window_min = _sliding(hashes, w, np.minimum)
    # The largest window minimum over the windows that contain each position.
    pad = np.zeros(w - 1, dtype=hashes.dtype)
    best = _sliding(np.concatenate((pad, window_min, pad)), w, np.maximum)
    return np.flatnonzero((hashes == best) & (hashes != INVALID))
