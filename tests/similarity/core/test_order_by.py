"""allpairs._order_by: the order of np.lexsort((z, y, x)) from one int64 key where it fits (#17)."""

from __future__ import annotations

import numpy as np
import pytest

from shuzhi.similarity.core.allpairs import _order_by


@pytest.mark.parametrize("seed", range(6))
def test_order_is_lexsorts(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 5_000))
    x = rng.integers(0, [1, 3, 50, 10**5, 7, 2][seed], n)
    y = rng.integers(-(10**4), 10**4, n)  # diagonals: negative too
    z = rng.integers(0, 10**5, n)
    o, want = _order_by(x, y, z), np.lexsort((z, y, x))
    rows = lambda k: np.stack((x[k], y[k], z[k]))  # noqa: E731
    assert np.array_equal(rows(o), rows(want))  # the same rows in the same order (equal rows in any order)
    distinct = np.unique(np.stack((x, y, z)), axis=1).shape[1] == n
    if distinct:
        assert np.array_equal(o, want)


def test_values_far_from_zero():
    """Spans counted from each column's least value: positions late in long texts, diagonals all negative."""
    rng = np.random.default_rng(3)
    x = rng.integers(0, 4, 3_000)
    y = rng.integers(-(10**6) - 50, -(10**6), 3_000)
    z = rng.integers(10**6, 10**6 + 40, 3_000)
    o, want = _order_by(x, y, z), np.lexsort((z, y, x))
    assert np.array_equal(np.stack((x[o], y[o], z[o])), np.stack((x[want], y[want], z[want])))


def test_keys_too_wide_for_one_int64_are_lexsorted():
    x = np.array([3, 1, 2, 1], np.int64)
    y = np.array([0, 2**40, -(2**40), 5], np.int64)
    z = np.array([2**40, 0, 7, -(2**40)], np.int64)
    assert np.array_equal(_order_by(x, y, z), np.lexsort((z, y, x)))


def test_nothing_to_order():
    e = np.zeros(0, np.int64)
    assert _order_by(e, e, e).shape == (0,)
