"""sources._cover (a report's characters inside its matches, formulas excluded) gives what marking each match's span
one at a time gave: spans overlapping, nested, touching, empty, at either end of the text, over formulas."""

from __future__ import annotations

import random

import numpy as np

import shuzhi
from conftest import seed
from shuzhi.similarity.compare import Match
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint
from shuzhi.similarity.sources import _cover


def _cover_one_by_one(fp, matches) -> np.ndarray:
    cover = np.zeros(len(fp.codes), dtype=bool)
    for m in matches:
        i0 = int(np.searchsorted(fp.pos, m.a_start, "left"))
        i1 = int(np.searchsorted(fp.pos, m.a_end, "left"))
        cover[i0:i1] = True
    return cover & ~fp.masked


def test_cover_as_one_span_at_a_time():
    text = shuzhi.load(seed(0)).text
    fp = fingerprint(text, DEFAULT, formula_list()).compact()
    assert fp.masked.any()
    rng = random.Random(7)
    n = len(text)
    for _ in range(300):
        matches = []
        for _ in range(rng.choice([0, 1, 2, 5, 30])):
            a = rng.choice([0, n, rng.randrange(n + 1)])
            b = min(n, a + rng.choice([0, 1, 13, 200, n]))
            matches.append(Match(a, b, 0, 0, b - a, 1.0))
        if matches and rng.random() < 0.3:  # a span again, and one inside another
            m = rng.choice(matches)
            matches += [m, Match(m.a_start + 1, max(m.a_start + 1, m.a_end - 1), 0, 0, 0, 1.0)]
        assert np.array_equal(_cover(fp, matches), _cover_one_by_one(fp, matches))
