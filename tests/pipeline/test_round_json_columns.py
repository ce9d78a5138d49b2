"""A round's comparison in results.json written straight from its arrays (#17): the same text as the objects' path."""

from __future__ import annotations

import json
import math
import random

import numpy as np
import pytest

from helpers.round_files import SEEDS_DIR, gov_paragraphs, swapped
from shuzhi.pipeline.copying import PairList, PassageMap, _pair_dict, _passage_dict, compare_round
from shuzhi.pipeline.runner import check_round
from shuzhi.rules.config import Config

COMPACT = {"ensure_ascii": False, "separators": (",", ":")}
# Floats whose repr is easy to get wrong: negative zero, the smallest subnormal, more digits than %g gives,
# exponents both ways, and the values next to 1.
EDGES = [-0.0, 0.0, 5e-324, 0.1 + 0.2, 1e16, 1.5e-7, 1 / 3, 0.9999999999999999, 1.0000000000000002, 123456789.125]


@pytest.fixture(scope="module")
def copying(tmp_path_factory):
    """A real round of 12 reports on 4 seeds, half of each seed's long paragraphs swapped for paragraphs of the
    government work reports (as benchmarks/review_speed.py makes its rounds): pairs and passages abound."""
    d = tmp_path_factory.mktemp("round")
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SEEDS_DIR.glob("0*.txt"))[:4]]
    pool = gov_paragraphs()
    rng = random.Random(17)
    for k in range(12):
        lines = swapped(seeds[k % 4], pool, rng)
        (d / f"r{k}.txt").write_text("\n".join(lines), encoding="utf-8")
    rnd = check_round([d], config=Config(), jobs=1)
    cp = compare_round([r.document for r in rnd.results])
    assert isinstance(cp.pairs, PairList) and isinstance(cp.passages, PassageMap)
    assert len(cp.pairs) >= 10 and sum(len(cp.passages[i]) for i in cp.passages) >= 50
    return cp


def _old(cp) -> str:
    """What results.json held before: every Pair and Passage made, turned into a dict and dumped."""
    return json.dumps(cp.to_dict(), **COMPACT)


def test_the_comparison_written_from_the_arrays_is_the_objects_text(copying):
    assert "".join(copying.json_chunks()) == _old(copying)
    assert "".join(copying.json_chunks(batch=3)) == _old(copying)
    for i in copying.passages:
        assert copying.passages.json_of(i) == json.dumps(
            [i, [_passage_dict(x) for x in copying.passages[i]]], **COMPACT
        )
    n = len(copying.pairs)
    assert copying.pairs.json_rows(0, n) == json.dumps([_pair_dict(p) for p in copying.pairs], **COMPACT)[1:-1]


def test_edge_floats_are_written_as_the_json_encoder_writes_them(copying):
    f = copying.passages.found
    saved = f.identity.copy(), f.a_copied.copy(), f.near.copy()
    try:
        f.identity[: len(EDGES)] = EDGES
        f.identity[len(EDGES) : 2 * len(EDGES)] = EDGES[::-1]
        f.a_copied[:] = np.resize(EDGES, len(f.a_copied))
        f.near[:] = np.resize(EDGES[::-1], len(f.near))
        text = "".join(copying.json_chunks())
        assert text == _old(copying)
        assert '"identity":-0.0' in text and '"identity":5e-324' in text and '"identity":0.30000000000000004' in text
    finally:
        f.identity[:], f.a_copied[:], f.near[:] = saved


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_values_that_are_not_finite_go_through_the_encoder(copying, bad):
    f = copying.passages.found
    saved = f.identity.copy(), f.b_copied.copy()
    try:
        f.identity[1] = bad
        f.b_copied[0] = bad
        assert copying.passages.json_of(int(f.a[copying.passages._pair_of[1]])) is None
        text = "".join(copying.json_chunks())
        assert text == _old(copying)
        assert json.dumps(bad) in text  # NaN, Infinity, -Infinity: the encoder's words
    finally:
        f.identity[:], f.b_copied[:] = saved


def test_every_float_of_a_whole_column_round_trips(copying):
    # Random doubles over many magnitudes, read back by json.loads to the same bits.
    rng = np.random.default_rng(17)
    f = copying.passages.found
    saved = f.identity.copy()
    try:
        f.identity[:] = rng.standard_normal(len(f.identity)) * 10.0 ** rng.integers(-20, 20, len(f.identity))
        text = "".join(copying.json_chunks())
        assert text == _old(copying)
        back = json.loads(text)
        assert [x["identity"] for _, ps in back["passages"] for x in ps] == [
            x.identity for i in copying.passages for x in copying.passages[i]
        ]
    finally:
        f.identity[:] = saved


def test_passage_rows_from_the_arrays_are_the_passages(copying):
    """PassageMap.rows(i) (the report pages' passages, #17) is each Passage's fields, in the same order."""
    for i in copying.passages:
        assert copying.passages.rows(i) == [
            (p.start, p.end, p.other, p.other_start, p.other_end, p.chars, p.identity) for p in copying.passages[i]
        ]
    assert copying.passages.rows(10**6) == []
