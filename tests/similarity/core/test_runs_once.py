"""The run extension walks each exact run once, not once per seed inside it (allpairs._runs), with the same runs."""

from __future__ import annotations

import numpy as np

import shuzhi
import shuzhi.similarity.core.allpairs as allpairs
from conftest import seed
from shuzhi.similarity.core.align import exact_runs, seed_pairs
from shuzhi.similarity.core.allpairs import round_pairs
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint


def _texts() -> list[str]:
    """Reports sharing long paragraphs (many seeds per run), short edits inside them, a refrain and a hash-free one."""
    seeds = [shuzhi.load(seed(i)).text for i in range(3)]
    para = seeds[0][200:1400]
    edited = para[:300] + "某某" + para[302:700] + "，" + para[701:]
    return [
        "本人开篇。\n" + para + "\n结尾。",
        seeds[1][:500] + "\n" + edited + "\n" + para[100:400],
        seeds[2][:400] + "\n" + para[500:900] + para[500:900],
        "另一份。\n" + seeds[1][:500],
        "",
    ]


def test_each_run_walked_once_same_runs(monkeypatch):
    fl = formula_list()
    fps = [fingerprint(t, DEFAULT, fl) for t in _texts()]
    walks = []
    real = allpairs._equal_len

    def counting(side_a, side_b, ga, gb, step, block):
        walks.append(len(ga))
        return real(side_a, side_b, ga, gb, step, block)

    monkeypatch.setattr(allpairs, "_equal_len", counting)
    n = len(fps)
    rp = round_pairs(fps, np.arange(n), n + 1, DEFAULT.bands)
    seeds = sum(len(seed_pairs(fps[i], fps[j])) for i, j in rp.pairs.tolist())
    runs = 0
    for p, (i, j) in enumerate(rp.pairs.tolist()):
        want = sorted((r.a0, r.a1, r.b0, r.b1) for r in exact_runs(fps[i], fps[j], seed_pairs(fps[i], fps[j])))
        got = sorted((r.a0, r.a1, r.b0, r.b1) for r in rp.run_list(p))
        assert got == want
        runs += len(want)
    # Every seed was walked twice (right and left) before; now far fewer walks than seeds.
    assert seeds > 200 and runs < seeds / 5
    assert sum(walks) < seeds
