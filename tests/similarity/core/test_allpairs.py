"""star_pairs (one document against many, what shuzhi.spark aligns per document) gives exactly the runs and
Jaccard that the pair-by-pair functions give, so its pre-alignment filter drops only pairs that align to nothing."""

from __future__ import annotations

import numpy as np

import shuzhi
from conftest import CORPUS, seed
from shuzhi.similarity.compare import compare_fingerprints, jaccard
from shuzhi.similarity.core.align import MAX_REPEATS, exact_runs, seed_pairs
from shuzhi.similarity.core.allpairs import given_pairs, star_pairs
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint


def _texts() -> list[str]:
    seeds = [shuzhi.load(seed(i)).text for i in range(5)]
    laws = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "laws").glob("000[5-7]_*.txt"))]
    a = seeds[0]
    refrain = "坚持问题导向狠抓落实。" * (MAX_REPEATS + 3)  # a refrain over the repeat limit seeds nothing
    return [
        a,
        *seeds[1:],
        *laws,
        "本人到任后主要抓了三件事。\n" + a[400:700] + "\n" + seeds[3][100:300],  # passages of A and of seed 3
        a.replace("。", "；", 5),  # a near-duplicate of A
        refrain + a[900:960],
        "",  # nothing to fingerprint
    ]


def test_star_pairs_matches_pair_by_pair():
    fl = formula_list()
    fps = [fingerprint(t, DEFAULT, fl) for t in _texts()]
    fa, fbs = fps[0], fps[1:]
    rp = star_pairs(fa, fbs)
    assert rp.pairs.tolist() == [[0, i] for i in range(1, len(fps))]
    bound = rp.matched_bound()
    for p, fb in enumerate(fbs):
        want = sorted((r.a0, r.a1, r.b0, r.b1) for r in exact_runs(fa, fb, seed_pairs(fa, fb)))
        got = sorted((r.a0, r.a1, r.b0, r.b1) for r in rp.run_list(p))
        assert got == want
        assert bound[p] == sum(r[1] - r[0] for r in want)
        assert rp.jaccard[p] == jaccard(fa, fb)
    # The planted passages and the near-duplicate pass the filter; the empty text has nothing.
    texts = _texts()
    selected = (bound >= DEFAULT.min_chars) | (rp.jaccard >= DEFAULT.near_duplicate)
    assert selected[len(texts) - 5] and selected[len(texts) - 4] and not selected[len(texts) - 2]
    # A pair the filter drops aligns to nothing pair by pair.
    for p in np.flatnonzero(~selected).tolist():
        _a, _b, nd, matches = compare_fingerprints(texts[0], fa, texts[p + 1], fbs[p])
        assert not matches and nd < DEFAULT.near_duplicate


def test_given_pairs_matches_pair_by_pair():
    """Many first documents at once (what shuzhi.spark aligns per partition), either document first, in slabs."""
    fl = formula_list()
    fps = [fingerprint(t, DEFAULT, fl) for t in _texts()]
    n = len(fps)
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (i + 2 * j) % 3]
    for slab in (1 << 22, 7):
        rp = given_pairs(fps, np.array(pairs), slab=slab)
        assert rp.pairs.tolist() == [list(p) for p in pairs]
        bound = rp.matched_bound()
        for p, (i, j) in enumerate(pairs):
            want = sorted((r.a0, r.a1, r.b0, r.b1) for r in exact_runs(fps[i], fps[j], seed_pairs(fps[i], fps[j])))
            got = sorted((r.a0, r.a1, r.b0, r.b1) for r in rp.run_list(p))
            assert got == want, (i, j)
            assert bound[p] == sum(r[1] - r[0] for r in want)
            assert rp.jaccard[p] == jaccard(fps[i], fps[j])
