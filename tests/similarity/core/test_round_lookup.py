"""passages.Lookup (a round's fingerprint positions and masked characters in flat arrays, made once for all its
slices) reads what the fingerprints hold, and round_matches through it gives the matches of the per-document loop
it replaces; chain_round through its paragraph breaks gives the same passages."""

from __future__ import annotations

import random

import numpy as np

import shuzhi
from conftest import seed
from shuzhi.similarity.core.allpairs import round_pairs
from shuzhi.similarity.core.chains import chain_round
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.passages import Lookup, round_matches
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint


def _texts() -> list[str]:
    """The seeds in pieces pasted across each other, with formulas (masked characters) and an empty text."""
    rng = random.Random(5)
    seeds = [shuzhi.load(seed(i)).text for i in range(5)]
    formulas = formula_list()
    out = []
    for k in range(12):
        s = seeds[k % 5]
        lines = s.split("\n")
        rng.shuffle(lines)
        lines.insert(rng.randrange(len(lines)), rng.choice(formulas) + seeds[(k + 1) % 5][200:500])
        out.append("\n".join(lines[: rng.randint(min(10, len(lines)), len(lines))]))
    out.append("")
    out.append(seeds[2][:300])
    return out


def _fps(texts):
    fl = formula_list()
    return [fingerprint(t, DEFAULT, fl).compact() for t in texts]


def test_lookup_reads_the_fingerprints():
    fps = _fps(_texts())
    old_pos = [f.pos.copy() for f in fps]
    masked = [f.masked.copy() for f in fps]
    assert sum(int(m.sum() - (f.codes == 10).sum()) for m, f in zip(masked, fps, strict=True)) > 20  # formulas
    lk = Lookup(fps)
    rng = np.random.default_rng(3)
    docs = np.array([d for d, f in enumerate(fps) if len(f.pos)])
    doc = rng.choice(docs, 20_000)
    size = np.array([len(fps[d].pos) for d in doc.tolist()])
    x = (rng.random(len(doc)) * size).astype(np.int64)
    assert np.array_equal(lk.pos_at(doc, x), [old_pos[d][i] for d, i in zip(doc.tolist(), x.tolist(), strict=True)])
    ends = np.r_[x, size]  # masked_before reaches the text's end too
    both = np.r_[doc, doc]
    want = [int(masked[d][:i].sum()) for d, i in zip(both.tolist(), ends.tolist(), strict=True)]
    assert np.array_equal(lk.masked_before(both, ends), want)
    assert np.array_equal(lk.chars, [f.chars for f in fps])
    for f, p in zip(fps, old_pos, strict=True):  # the fingerprints hold the same positions, as views of one array
        assert np.array_equal(f.pos, p) and f.pos.dtype == p.dtype
        assert f.pos.base is lk.pos or len(p) == 0


def test_round_matches_through_the_lookup_as_document_by_document():
    texts = _texts()
    fps = _fps(texts)
    n = len(fps)
    rp = round_pairs(fps, np.arange(n), n + 1, DEFAULT.bands)
    passages = chain_round(rp.runs, rp.run_start, rp.pairs, fps, DEFAULT.max_gap)
    # The paragraphs through the round's breaks (numbered over every document): the same passages.
    breaks = Lookup(fps).breaks
    assert np.array_equal(chain_round(rp.runs, rp.run_start, rp.pairs, fps, DEFAULT.max_gap, breaks), passages)
    sub = np.flatnonzero(rp.pairs[:, 0] >= 3)  # pairs of later documents only: other numbers, the same passages
    rs = np.r_[0, np.cumsum(rp.run_start[sub + 1] - rp.run_start[sub])]
    rows = np.concatenate([np.arange(rp.run_start[q], rp.run_start[q + 1]) for q in sub.tolist()])
    want_sub = chain_round(rp.runs[rows], rs, rp.pairs[sub], fps, DEFAULT.max_gap)
    assert len(want_sub) > 100
    assert np.array_equal(chain_round(rp.runs[rows], rs, rp.pairs[sub], fps, DEFAULT.max_gap, breaks), want_sub)
    passages = passages[passages[:, 5] >= DEFAULT.min_chars]
    want = round_matches(passages, rp.pairs, texts, fps, DEFAULT.min_identity)
    got = round_matches(passages, rp.pairs, texts, fps, DEFAULT.min_identity, Lookup(fps))
    assert int(want.count.sum()) > 50 and float(want.a_copied.max()) > 0
    for k in want._fields:
        assert np.array_equal(getattr(got, k), getattr(want, k)), k
