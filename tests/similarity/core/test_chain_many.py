"""chains.chain_round (every pair's runs chained at once, in numpy) gives align.chain's passages, in chain's order:
on random runs built to hit chain's look-back of 8 passages and its join of neighbouring passages, and on the runs
of a round made from the corpus; and a round's Found is the one compare_fingerprints gives pair by pair."""

from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import pytest

import shuzhi
import shuzhi.similarity.compare as compare
import shuzhi.similarity.core.chains as chains
from conftest import CORPUS, seed
from helpers.round_files import swapped
from shuzhi.similarity.core.align import Run, chain
from shuzhi.similarity.core.allpairs import round_pairs
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint


class _Text:
    """What chain and chain_round read of a fingerprint: its paragraph breaks."""

    def __init__(self, newlines: list[int]):
        self.newlines = np.array(sorted(newlines), dtype=np.int32)

    def paragraph_of(self, at) -> np.ndarray:
        return np.searchsorted(self.newlines, at, "right")


def _random_runs(rng: random.Random, length_a: int, length_b: int) -> list[tuple[int, int, int]]:
    """(a0, b0, length) of one pair: chains of runs a small gap apart (some overlapping by up to 3, some in reversed
    B order), joins and near misses, and lone short runs interleaved to fill the look-back."""
    out: dict[tuple[int, int], int] = {}
    for _ in range(rng.randint(1, 14)):
        kind = rng.random()
        a, b = rng.randrange(length_a), rng.randrange(length_b)
        if kind < 0.45:  # a chain: each run a gap (or a small overlap) after the last, B forward or backward
            back = rng.random() < 0.3
            for _ in range(rng.randint(2, 12)):
                n = rng.randint(5, 30)
                out.setdefault((a, b), n)
                a += n + rng.randint(-3, 24)
                b += (-(n + rng.randint(-3, 24))) if back else n + rng.randint(-3, 24)
                if rng.random() < 0.15:  # a near miss elsewhere in B, then back on the diagonal
                    out.setdefault((a + rng.randint(0, 5), rng.randrange(length_b)), rng.randint(5, 12))
        elif kind < 0.8:  # lone short runs close together in A: they fill the last 8 passages
            for _ in range(rng.randint(3, 15)):
                out.setdefault((a + rng.randint(0, 60), rng.randrange(length_b)), rng.randint(5, 12))
        else:  # runs of one small region of both: grown passages become near their neighbours
            for _ in range(rng.randint(3, 10)):
                out.setdefault((a + rng.randint(0, 50), b + rng.randint(0, 50)), rng.randint(3, 20))
    return sorted((a0, b0, n) for (a0, b0), n in out.items() if a0 >= 0 and b0 >= 0)


def _random_round(rng: random.Random, pairs: int):
    docs, pair_rows, runs, run_start = [], [], [], [0]
    for _ in range(pairs):
        texts = []
        for _ in range(2):
            length = rng.randint(100, 900)
            para = rng.choice([25, 60, 200, 2000])
            texts.append((length, _Text(rng.sample(range(length), max(1, length // para)))))
        docs += [t for _, t in texts]
        pair_rows.append((len(docs) - 2, len(docs) - 1))
        runs += _random_runs(rng, texts[0][0], texts[1][0])
        run_start.append(len(runs))
    return (
        docs,
        np.array(pair_rows, np.int64).reshape(-1, 2),
        np.array(runs, np.int64).reshape(-1, 3),
        np.array(run_start, np.int64),
    )


def _chained_one_by_one(docs, pairs, runs, run_start, max_gap: int) -> np.ndarray:
    rows = []
    for q, (i, j) in enumerate(pairs.tolist()):
        rl = [Run(a0, a0 + n, b0, b0 + n) for a0, b0, n in runs[run_start[q] : run_start[q + 1]].tolist()]
        rows += [(q, p.a0, p.a1, p.b0, p.b1, p.matched) for p in chain(rl, max_gap, docs[i], docs[j])]
    return np.array(rows, np.int64).reshape(-1, 6)


def _differences(seed_: int, max_gap: int, pairs: int = 300) -> int:
    docs, prs, runs, run_start = _random_round(random.Random(seed_), pairs)
    want = _chained_one_by_one(docs, prs, runs, run_start, max_gap)
    got = chains.chain_round(runs, run_start, prs, docs, max_gap)
    if want.shape != got.shape:
        return max(len(want), len(got))
    return int((want != got).any(axis=1).sum())


@pytest.fixture
def counted(monkeypatch):
    """How often chain_many met each of chain's couplings: a run given to a passage beyond the look-back (that
    pair chained by chain itself), and neighbouring passages joined."""
    seen = {"fell": 0, "joined": 0}
    real_many, real_join = chains.chain_many, chains._join

    def many(*args, **kw):
        rows, fell = real_many(*args, **kw)
        seen["fell"] += len(fell)
        return rows, fell

    def join(p, pairs, run_pair, para_a, para_b, a0, fa1, fb0, fb1, root, max_gap):
        real_join(p, pairs, run_pair, para_a, para_b, a0, fa1, fb0, fb1, root, max_gap)
        seen["joined"] += int((root[p] != p).sum())

    monkeypatch.setattr(chains, "chain_many", many)
    monkeypatch.setattr(chains, "_join", join)
    return seen


@pytest.mark.parametrize("max_gap", [20, 5, 0])
def test_random_runs_chain_as_chain(counted, max_gap):
    for s in range(4):
        assert _differences(1000 * max_gap + s, max_gap) == 0
    # The cases met both couplings many times (else this test would prove little).
    assert counted["fell"] >= 10 and counted["joined"] >= 1


@pytest.mark.parametrize("window", [7, 9])
def test_a_wrong_look_back_is_seen(monkeypatch, window):
    """The random cases tell a look-back of 7 or 9 passages from chain's 8."""
    monkeypatch.setattr(chains, "LOOK_BACK", window)
    assert sum(_differences(s, 20) for s in range(4)) > 0


def test_a_missing_join_is_seen(monkeypatch):
    monkeypatch.setattr(chains, "_join", lambda *args: None)
    assert sum(_differences(s, 20) for s in range(4)) > 0


def test_empty_and_runless_pairs():
    docs = [_Text([5]), _Text([])]
    pairs = np.array([[0, 1], [0, 1], [0, 1]], np.int64)
    runs = np.array([[2, 3, 6]], np.int64)
    got = chains.chain_round(runs, np.array([0, 0, 1, 1]), pairs, docs, 20)
    assert got.tolist() == [[1, 2, 8, 3, 9, 6]]
    assert chains.chain_round(np.zeros((0, 3), np.int64), np.zeros(4, np.int64), pairs, docs, 20).shape == (0, 6)


def _corpus_texts() -> list[str]:
    """Reports as a round's are made: the seeds' skeletons, paragraphs of the government work reports swapped in and
    appended, a few edited in place (a replaced name, a dropped clause)."""
    rng = random.Random(17)
    pool = [
        p.strip()
        for f in sorted((CORPUS / "gov-reports").glob("gwr_*.txt"))[:6]
        for p in Path(f).read_text(encoding="utf-8").split("\n")
        if len(p.strip()) >= 40
    ]
    seeds = [shuzhi.load(seed(i)).text.split("\n") for i in range(5)]
    out = []
    for i in range(16):
        lines = swapped(seeds[i % 5], pool, rng)
        lines += [rng.choice(pool) for _ in range(12)]
        for k in rng.sample(range(len(lines)), 6):
            x = lines[k]
            if len(x) > 40:
                at = rng.randrange(10, len(x) - 20)
                lines[k] = x[:at] + rng.choice(["某某", "，", "", "二〇二四年"]) + x[at + rng.randint(0, 6) :]
        out.append("\n".join(lines))
    return out


@pytest.fixture(scope="module")
def corpus_round():
    texts = _corpus_texts()
    fl = formula_list()
    fps = [fingerprint(t, DEFAULT, fl).compact() for t in texts]
    n = len(fps)
    return texts, fps, round_pairs(fps, np.arange(n), n + 1, DEFAULT.bands)


def test_corpus_runs_chain_as_chain(corpus_round, counted):
    _, fps, rp = corpus_round
    want = _chained_one_by_one(fps, rp.pairs, rp.runs, rp.run_start, DEFAULT.max_gap)
    got = chains.chain_round(rp.runs, rp.run_start, rp.pairs, fps, DEFAULT.max_gap)
    assert len(rp.pairs) > 100 and len(want) > 3_000
    assert np.array_equal(got, want)
    assert counted["joined"] > 0


def test_round_found_as_pair_by_pair(corpus_round):
    """_align_found (chain_round, then identity and coverage) gives compare_fingerprints' rows for every pair."""
    texts, fps, rp = corpus_round
    rows = []
    for p, (i, j) in enumerate(rp.pairs.tolist()):
        a_cov, b_cov, nd, matches = compare.compare_fingerprints(
            texts[i], fps[i], texts[j], fps[j], runs=rp.run_list(p), near_duplicate=float(rp.jaccard[p])
        )
        if matches or nd >= DEFAULT.near_duplicate:
            rows.append((i, j, a_cov, b_cov, nd, matches))
    want = compare.Found.of(rows)
    compare._ROUND, compare._ROUND_PARENT = (texts, fps, None, None, DEFAULT), os.getpid()
    try:
        got = compare._align_found((rp.pairs, rp.jaccard, rp.run_start, rp.runs))
    finally:
        compare._ROUND = compare._ROUND_PARENT = None
    assert int(want.m_start[-1]) > 300
    # Formulas (masked: not counted in the coverage) inside some of the matches.
    owner = np.repeat(want.a, np.diff(want.m_start)).tolist()
    spans = [fps[i].pos.searchsorted([x, y]).tolist() for i, (x, y) in zip(owner, want.m[:, :2].tolist(), strict=True)]
    assert sum(bool(fps[i].masked[lo:hi].any()) for i, (lo, hi) in zip(owner, spans, strict=True)) > 10
    for k in ("a", "b", "a_copied", "b_copied", "near", "chars", "m_start", "m", "identity"):
        assert np.array_equal(getattr(got, k), getattr(want, k)), k
