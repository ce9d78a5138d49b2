"""A round's comparison held as columns (similarity.compare.Found: pairs and passages made when read, the
results.json part written piece by piece) says exactly what the lists of objects said."""

from __future__ import annotations

import json

import pytest

import shuzhi
from conftest import seed
from shuzhi.pipeline.copying import PairList, PassageMap, add_copy_findings, compare_round, summarize
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document
from shuzhi.similarity.compare import ComparisonList


def _texts() -> list[str]:
    """Versions of each seed missing a few lines (many overlapping pairs), and two copies of one (a cluster)."""
    out = []
    for i in range(5):
        lines = seed(i).read_text(encoding="utf-8").split("\n")
        for k in range(4):
            out.append("\n".join(line for n, line in enumerate(lines) if n < 3 or (n + k) % 4))
    out += [out[0], out[0].replace("。", "；", 3)]
    return out


@pytest.fixture(scope="module")
def docs():
    return [shuzhi.loads(t, source=f"v{i:02d}.txt") for i, t in enumerate(_texts())]


def test_columns_say_what_the_objects_said(docs):
    cp = compare_round(docs)
    assert isinstance(cp.comparisons, ComparisonList) and isinstance(cp.pairs, PairList)
    assert isinstance(cp.passages, PassageMap) and cp.clusters
    objects = summarize(list(cp.comparisons), docs)  # the summary of the same comparisons as objects
    assert len(cp.pairs) > 25 and sum(map(len, objects.passages.values())) > 100
    assert list(cp.pairs) == objects.pairs and cp.pairs == objects.pairs
    assert list(cp.passages) == list(objects.passages)  # the same reports, in the same order
    assert all(cp.passages[i] == ps for i, ps in objects.passages.items())
    assert list(cp.ratio.items()) == list(objects.ratio.items())
    assert list(cp.largest.items()) == list(objects.largest.items())
    objects.clusters = cp.clusters
    assert cp.to_dict() == objects.to_dict()
    for i in range(len(docs)):
        for j in range(len(docs)):
            if i != j:
                assert cp.pair_score(i, j) == objects.pair_score(i, j)
    # The comparisons of one report, made when asked, are those of the whole list that name it.
    whole = list(cp.comparisons)
    for i in (0, 7, len(docs) - 1):
        mine = [(c.a_index, c.b_index, c.matches) for c in whole if i in (c.a_index, c.b_index)]
        assert [(c.a_index, c.b_index, c.matches) for c in cp.comparisons.involving(i)] == mine


@pytest.mark.parametrize("batch", [1, 7, 4096])
def test_results_json_part_written_piece_by_piece_is_the_same_text(docs, batch):
    cp = compare_round(docs)
    whole = json.dumps(cp.to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert "".join(cp.json_chunks(batch=batch)) == whole


def test_copy_findings_from_columns_are_those_from_objects(docs):
    config = Config()
    found = []
    for columns in (True, False):
        results = [check_document(d, config) for d in docs]
        cp = compare_round([r.document for r in results])
        if not columns:
            cp.comparisons = list(cp.comparisons)
        add_copy_findings(results, cp, config)
        found.append([([f.to_dict() for f in r.findings], r.profile.get("copy_round")) for r in results])
    assert found[0] == found[1]
    assert sum(f["code"] == "C301" for fs, _ in found[0] for f in fs) > 20
