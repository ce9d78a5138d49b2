"""What the round comparison holds while its pairs are aligned (#17: a 500-report round's peak memory was there).

The aligning workers are forked processes: every page of the parent at the fork is theirs too, and any page the
parent writes afterwards is copied. So the parent drops what it no longer needs before the fork, the workers are
started before the first slice's seeds and runs exist, and aligning keeps nothing per character on a fingerprint.
"""

from __future__ import annotations

import os

import numpy as np

import shuzhi
from conftest import seed
from shuzhi.similarity.compare import _align_slices, compare_fingerprints, compare_round_docs
from shuzhi.similarity.core.allpairs import RoundSlices
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint


def _texts() -> list[str]:
    """Six versions of each seed, each missing a different few lines (many overlapping pairs), and an exact copy
    of two of them (near-identical clusters: their members are aligned outside the slices)."""
    out = []
    for i in range(5):
        lines = seed(i).read_text(encoding="utf-8").split("\n")
        for k in range(6):
            out.append("\n".join(line for n, line in enumerate(lines) if n < 3 or (n + k) % 6))
    return [*out, out[0], out[7]]


def _key(comparisons) -> list:
    return [
        (c.a_index, c.b_index, c.a_copied, c.b_copied, c.near_duplicate, [vars(m) for m in c.matches])
        for c in comparisons
    ]


def test_aligning_keeps_no_array_per_character_on_the_fingerprints():
    """A round's workers align every report with hundreds of others: a paragraph number per character cached on
    each fingerprint was 17 MB in each worker at 500 reports. The paragraphs come from the breaks' positions."""
    a, b = _texts()[:2]
    fl = formula_list()
    fa, fb = fingerprint(a, DEFAULT, fl).compact(), fingerprint(b, DEFAULT, fl).compact()
    before = {id(f): set(vars(f)) for f in (fa, fb)}
    *_, matches = compare_fingerprints(a, fa, b, fb)
    assert matches  # two versions of one seed: passages were really chained
    for f in (fa, fb):
        per_char = [
            k
            for k in set(vars(f)) - before[id(f)]
            if isinstance(vars(f)[k], np.ndarray) and len(vars(f)[k]) == len(f.codes)
        ]
        assert per_char == []
        assert np.array_equal(f.paragraph_of(np.arange(len(f.codes))), np.cumsum(f.codes == 10))


def test_the_round_spends_its_fingerprints_seeds_and_kgram_sets_and_compares_the_same():
    texts = _texts()
    docs = [shuzhi.loads(t, source=f"v{i}.txt") for i, t in enumerate(texts)]
    fl = formula_list()
    fps = [fingerprint(d.text, DEFAULT, fl).compact() for d in docs]
    given = compare_round_docs(docs, formulas=fl, fingerprints=fps, jobs=2)
    fresh = compare_round_docs(docs, formulas=fl, jobs=1)
    assert given.clusters and given.clusters == fresh.clusters
    assert len(given.comparisons) >= 64
    assert _key(given.comparisons) == _key(fresh.comparisons)
    for f in fps:  # half of a compact fingerprint, not inherited by the aligning workers
        assert not {"shingles", "winnowed", "_sentinel_codes"} & set(vars(f))


class _Watched(RoundSlices):
    """A round's slices noting which process made each slice's seeds and runs (in a file: workers write it too)."""

    def slice(self, k: int):
        with open(self.log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return super().slice(k)


def test_slices_are_made_by_the_aligning_workers(tmp_path):
    """The parent makes no slice: each worker makes the seeds and runs of the slices it aligns. Making them was the
    parent's serial numpy work, the longest part of the comparison once the pairs were chained in bulk; and no
    worker inherits a slice's seeds and runs from the parent (forked after one, the workers kept the pages the
    parent then freed or wrote: at 500 reports ~40 MB counted beside the parent's)."""
    texts = _texts()
    fl = formula_list()
    fps = [fingerprint(t, DEFAULT, fl).compact() for t in texts]
    slices = _Watched(fps, DEFAULT.bands, work=2000)
    slices.log = tmp_path / "pids"
    assert len(slices) >= 3 and len(slices.pairs) >= 64
    parts = list(_align_slices(texts, fps, slices, DEFAULT, 2))
    assert len(parts) == len(slices)
    pids = [int(x) for x in slices.log.read_text(encoding="utf-8").split()]
    assert len(pids) == len(slices) and os.getpid() not in pids and 1 <= len(set(pids)) <= 2
    one = list(_align_slices(texts, fps, slices, DEFAULT, 1))  # without workers: the same Found, slice by slice
    for x, y in zip(parts, one, strict=True):
        assert all(np.array_equal(getattr(x, k), getattr(y, k)) for k in ("a", "b", "near", "m", "identity"))
