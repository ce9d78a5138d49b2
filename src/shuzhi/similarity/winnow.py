"""Winnowing (Schleimer, Wilkerson, Aiken 2003): one fingerprint per window, vectorized."""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .shingle import INVALID


def winnow(hashes: np.ndarray, w: int) -> np.ndarray:
    """Positions of the selected k-gram hashes, ascending.

    In every window of ``w`` consecutive hashes the minimum is selected (the
    rightmost one on ties, as robust winnowing does), so any run of w shared
    k-grams — k + w − 1 shared characters — shares at least one selected
    fingerprint. INVALID hashes (formulas) are never selected.
    """
    n = len(hashes)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n <= w:
        i = n - 1 - int(np.argmin(hashes[::-1]))
        sel = np.array([i], dtype=np.int64)
    else:
        win = sliding_window_view(hashes, w)
        # argmin on the reversed window gives the rightmost minimum.
        sel = np.arange(n - w + 1) + (w - 1 - np.argmin(win[:, ::-1], axis=1))
        sel = np.unique(sel)
    return sel[hashes[sel] != INVALID]
