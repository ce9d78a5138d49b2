"""Seed contexts (issue #12's filter before alignment): a pair whose one shared fingerprint has no agreeing side
context never holds a passage; a pair sharing a run of min_chars characters always has one."""

from __future__ import annotations

import random

import numpy as np

from shuzhi.similarity.compare import compare_fingerprints
from shuzhi.similarity.core.contexts import context_width, seed_contexts
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint


def _cjk(rng: random.Random, n: int) -> str:
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(n))


def _lone(fa, fb):
    """The contexts of the fingerprints the two texts share, in A and in B."""
    ua, ca = seed_contexts(fa)
    ub, cb = seed_contexts(fb)
    ia = {h: c for h, c in zip(ua.tolist(), ca, strict=True)}
    ib = {h: c for h, c in zip(ub.tolist(), cb, strict=True)}
    return [(ia[h], ib[h]) for h in set(ia) & set(ib)]


def _agree(x, y) -> bool:
    if x is None or y is None:
        return True
    return (x >> 32) == (y >> 32) or (x & 0xFFFFFFFF) == (y & 0xFFFFFFFF)


def test_width_of_the_defaults():
    assert context_width(DEFAULT.min_chars, DEFAULT.kgram) == 4
    assert context_width(5, 5) == 0 and context_width(14, 5) == 5


def test_a_pair_with_one_shared_fingerprint_holds_a_passage_only_if_a_context_agrees():
    """Random texts sharing one run of 5–30 characters (so one fingerprint at most, for a short run), at the start,
    in the middle and the end of a text and beside a paragraph break: whenever the pair has a passage, some shared
    fingerprint's contexts agree; whenever every shared fingerprint disagrees, the alignment finds nothing."""
    rng = random.Random(7)
    fl = formula_list()
    seen = {"passage": 0, "dropped": 0}
    for trial in range(400):
        run = _cjk(rng, rng.randrange(5, 31))
        where = trial % 4
        a_head, b_head = _cjk(rng, rng.randrange(0, 200)), _cjk(rng, rng.randrange(0, 200))
        if where == 0:
            a, b = run + _cjk(rng, 300), b_head + run + _cjk(rng, 300)
        elif where == 1:
            a, b = a_head + run + _cjk(rng, 300), b_head + run
        elif where == 2:
            a, b = a_head + "\n" + run + "\n" + _cjk(rng, 200), b_head + run + _cjk(rng, 200)
        else:
            a, b = a_head + run + _cjk(rng, 200), b_head + "。" + run + _cjk(rng, 200)
        fa, fb = fingerprint(a, DEFAULT, fl), fingerprint(b, DEFAULT, fl)
        shared = _lone(fa, fb)
        _, _, _, matches = compare_fingerprints(a, fa, b, fb)
        if matches:
            seen["passage"] += 1
            assert any(_agree(x, y) for x, y in shared), (trial, len(run))
        if len(shared) == 1 and not _agree(*shared[0]):
            seen["dropped"] += 1
            assert not matches, (trial, len(run))
        if len(run) >= DEFAULT.min_chars:
            assert matches and shared
    # Both kinds occur: the test would pass vacuously otherwise.
    assert seen["passage"] > 100 and seen["dropped"] > 20


def test_a_fingerprint_selected_twice_has_no_context():
    rng = random.Random(3)
    refrain = _cjk(rng, 12)
    fp = fingerprint(_cjk(rng, 100) + refrain + _cjk(rng, 100) + refrain + _cjk(rng, 50), DEFAULT, ())
    _pos, h = fp.winnowed
    uh, contexts = seed_contexts(fp)
    twice = {x for x, m in zip(*np.unique(h, return_counts=True), strict=True) if m > 1}
    assert twice
    assert [c is None for c in contexts] == [x in twice for x in uh.tolist()]
    assert len(uh) == len(contexts) and np.array_equal(uh, np.unique(h))
