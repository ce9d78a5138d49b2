"""A round's Jaccards with workers (#17): the work on the k-gram sets done in a process forked before the candidate
pairs are made (workers._jaccards_beside), the same values as jaccard.jaccards; made in the round's own process
when that process fails."""

from __future__ import annotations

import os

import numpy as np
import pytest

from shuzhi.similarity import workers
from shuzhi.similarity.core import jaccard
from shuzhi.similarity.core.allpairs import RoundSlices
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint

needs_fork = pytest.mark.skipif(workers._fork_context() is None, reason="no fork on this system")


def _fps(seed: int = 3, n: int = 24):
    """Reports made of a pool of paragraphs (shared k-grams held by the same reports), a text of their own, an empty
    report and two identical ones."""
    rng = np.random.default_rng(seed)
    chars = np.array(list("经济社会发展改革创新生态环境民生保障基层治理干部作风学习教育项目资金监督考核"))
    pool = ["".join(rng.choice(chars, int(rng.integers(30, 120)))) for _ in range(12)]
    texts = []
    for _ in range(n):
        took = rng.choice(len(pool), int(rng.integers(0, 6)), replace=False)
        own = "".join(rng.choice(chars, int(rng.integers(0, 80))))
        texts.append("\n".join([pool[k] for k in took] + [own]))
    texts[4] = ""
    texts[9] = texts[10]
    return [fingerprint(t, DEFAULT).compact() for t in texts]


def _all_pairs(n: int) -> np.ndarray:
    return np.array([(i, j) for i in range(n) for j in range(i + 1, n)], dtype=np.int64).reshape(-1, 2)


@pytest.mark.parametrize("kw", [{}, RoundSlices.JACCARD, {"chunk_words": 1, "budget_bytes": 8 * 24}])
def test_jaccards_later_gives_jaccards(kw):
    fps = _fps()
    later = jaccard.jaccards_later(fps)
    dense = _all_pairs(len(fps))
    for pairs in (dense, dense[::40], dense[:0]):  # every pair (bitsets), a few (by lookup), none
        assert np.array_equal(later(pairs, **kw), jaccard.jaccards(fps, pairs, **kw))
    assert later(dense, **kw).max() == 1.0  # the identical two


@needs_fork
def test_round_jaccards_made_beside_in_another_process(tmp_path, monkeypatch):
    fps = _fps(7)
    where = tmp_path / "pids"
    real = jaccard._Columns.__init__

    def noting(self, *a, **k):
        with where.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        real(self, *a, **k)

    monkeypatch.setattr(jaccard._Columns, "__init__", noting)
    beside = RoundSlices(fps, DEFAULT.bands, work=50, jaccard_of=workers._jaccards_beside(fps))
    pids = where.read_text().split()
    assert pids and str(os.getpid()) not in pids  # the k-gram sets' columns were made in the forked process
    where.unlink()
    here = RoundSlices(fps, DEFAULT.bands, work=50)
    assert where.read_text().split() == [str(os.getpid())]
    n = len(fps)
    assert np.array_equal(beside.pairs, here.pairs) and len(here.pairs) * jaccard.SPARSE_PAIRS >= n * (n - 1) // 2
    assert np.array_equal(beside.jaccard, here.jaccard)


@needs_fork
def test_round_jaccards_made_here_when_the_forked_process_fails(monkeypatch):
    fps = _fps(11)

    def failing(_fps):
        os._exit(3)  # the forked process dies without a word

    monkeypatch.setattr(workers, "jaccards_later", failing)
    of = workers._jaccards_beside(fps)
    pairs = _all_pairs(len(fps))
    assert np.array_equal(of(pairs), jaccard.jaccards(fps, pairs, **RoundSlices.JACCARD))


def test_beside_without_fork_answers_none(monkeypatch):
    monkeypatch.setattr(workers, "_fork_context", lambda: None)
    assert workers.Beside(lambda: lambda x: x).call(1) is None
