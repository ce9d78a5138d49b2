"""allpairs._equal_len reads each walk's block as a row of the sides' sliding windows (#17): the same lengths as the
walk by positions it replaces, right and left, with runs ending on a pad, at a text's first or last character, of
zero characters, and longer than many blocks."""

from __future__ import annotations

import numpy as np
import pytest

from shuzhi.similarity.core import allpairs


def _by_positions(side_a, side_b, ga, gb, step: int, block: int) -> np.ndarray:
    """_equal_len before: an array of positions per character of each block."""
    out = np.zeros(len(ga), dtype=np.int64)
    todo = np.arange(len(ga))
    steps = np.arange(block, dtype=np.int64) * step
    done = 0
    while len(todo):
        ia = ga[todo, None] + done * step + steps
        ib = gb[todo, None] + done * step + steps
        diff = side_a[ia] != side_b[ib]
        hit = diff.any(axis=1)
        out[todo[hit]] = done + diff[hit].argmax(axis=1)
        out[todo[~hit]] = done + block
        todo = todo[~hit]
        done += block
    return out


def _sides(rng: np.random.Generator, block: int):
    """Two texts side by side as _sides frames them (pads that differ between the sides), sharing long stretches."""
    a = rng.integers(0, 4, 3_000).astype(np.uint32)  # a small alphabet: many short equal stretches
    b = a.copy()
    flips = rng.choice(len(b), 60, replace=False)
    b[flips] += 1  # mismatches here and there; long equal runs between them
    pad_a, pad_b = np.full(block, 0xFFFFFFF2, np.uint32), np.full(block, 0xFFFFFFF3, np.uint32)
    side_a = np.concatenate((pad_a, a[:1500], [0xFFFFFFF2], a[1500:], pad_a)).astype(np.uint32)
    side_b = np.concatenate((pad_b, b[:1500], [0xFFFFFFF3], b[1500:], pad_b)).astype(np.uint32)
    return side_a, side_b


@pytest.mark.parametrize("block", [1, 3, 32])
def test_walks_are_those_by_positions(block):
    rng = np.random.default_rng(block)
    side_a, side_b = _sides(rng, block)
    inner = np.arange(block, len(side_a) - block)
    for step in (1, -1):
        ga = np.r_[inner, rng.choice(inner, 500)]
        # The same place on both sides (long walks), a nearby one, and the texts' first and last characters.
        gb = np.where(rng.random(len(ga)) < 0.7, ga, np.clip(ga + rng.integers(-3, 4, len(ga)), block, len(ga) - 1))
        gb = np.clip(gb, block, len(side_b) - block - 1)
        ga = np.r_[ga, block, len(side_a) - block - 1]
        gb = np.r_[gb, block, len(side_b) - block - 1]
        got = allpairs._equal_len(side_a, side_b, ga, gb, step, block)
        want = _by_positions(side_a, side_b, ga, gb, step, block)
        assert np.array_equal(got, want)
        assert (want == 0).any() and want.max() > 4 * block  # mismatches at once and walks of many blocks


def test_no_walks():
    side = np.zeros(70, np.uint32)
    assert allpairs._equal_len(side, side + 1, np.zeros(0, np.int64), np.zeros(0, np.int64), 1, 32).shape == (0,)
