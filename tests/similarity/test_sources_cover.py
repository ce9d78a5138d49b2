"""sources._cover (a report's characters inside its matches, formulas excluded) gives what marking each match's span
one at a time gave: spans overlapping, nested, touching, empty, at either end of the text, over formulas; and
build_report's coverage (all sources, others' only) is the union of each source's cover, as it was computed."""

from __future__ import annotations

import random

import numpy as np

import shuzhi
from conftest import seed
from shuzhi.similarity.compare import Match
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.similarity.core.shingle import fingerprint
from shuzhi.similarity.sources import Source, _cover, build_report


def _cover_one_by_one(fp, matches) -> np.ndarray:
    cover = np.zeros(len(fp.codes), dtype=bool)
    for m in matches:
        i0 = int(np.searchsorted(fp.pos, m.a_start, "left"))
        i1 = int(np.searchsorted(fp.pos, m.a_end, "left"))
        cover[i0:i1] = True
    return cover & ~fp.masked


def _random_matches(rng: random.Random, n: int) -> list[Match]:
    matches = []
    for _ in range(rng.choice([0, 1, 2, 5, 30])):
        a = rng.choice([0, n, rng.randrange(n + 1)])
        b = min(n, a + rng.choice([0, 1, 13, 200, n]))
        matches.append(Match(a, b, 0, 0, b - a, 1.0))
    if matches and rng.random() < 0.3:  # a span again, and one inside another
        m = rng.choice(matches)
        matches += [m, Match(m.a_start + 1, max(m.a_start + 1, m.a_end - 1), 0, 0, 0, 1.0)]
    return matches


def _fingerprint():
    text = shuzhi.load(seed(0)).text
    fp = fingerprint(text, DEFAULT, formula_list()).compact()
    assert fp.masked.any()
    return text, fp


def test_cover_as_one_span_at_a_time():
    text, fp = _fingerprint()
    rng = random.Random(7)
    for _ in range(300):
        matches = _random_matches(rng, len(text))
        assert np.array_equal(_cover(fp, matches), _cover_one_by_one(fp, matches))


def test_report_cover_as_source_by_source():
    text, fp = _fingerprint()
    rng = random.Random(11)
    for _ in range(60):
        sources = [
            Source(f"r{k}.txt", rng.random(), 0.0, _random_matches(rng, len(text)), own=rng.random() < 0.3)
            for k in range(rng.choice([0, 1, 3, 12]))
        ]
        union = np.zeros(len(fp.codes), dtype=bool)
        others = union.copy()
        for s in sources:
            c = _cover_one_by_one(fp, s.matches)
            union |= c
            if not s.own:
                others |= c
        report = build_report(fp, sources)
        assert report.total == float(union.sum()) / fp.chars
        assert report.excluding_own == float(others.sum()) / fp.chars
