"""A round done by two processes gives exactly what one gives: the pairs, the copy findings, every output."""

from __future__ import annotations

import gc
import json

import pytest

import shuzhi
from conftest import seed
from shuzhi.pipeline.copying import add_copy_findings, compare_round
from shuzhi.review import review
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document
from shuzhi.similarity.compare import compare_all


def _variants() -> list[str]:
    """Six versions of each seed, each missing a different few lines: many overlapping pairs."""
    out = []
    for i in range(5):
        lines = seed(i).read_text(encoding="utf-8").split("\n")
        for k in range(6):
            out.append("\n".join(line for n, line in enumerate(lines) if n < 3 or (n + k) % 6))
    return out


@pytest.fixture(scope="module")
def docs():
    return [shuzhi.loads(t, source=f"v{i}.txt") for i, t in enumerate(_variants())]


def _key(comparisons):
    return [
        (c.a_index, c.b_index, c.a_copied, c.b_copied, c.near_duplicate, [vars(m) for m in c.matches])
        for c in comparisons
    ]


def test_pairs_aligned_in_two_processes_are_the_same_list(docs):
    one = compare_all(docs, jobs=1)
    two = compare_all(docs, jobs=2)
    assert len(one) >= 64  # enough pairs that the work is really split
    assert _key(two) == _key(one)


def test_copy_findings_in_two_processes_are_the_same(docs):
    config = Config()
    found = {}
    for jobs in (1, 2):
        results = [check_document(d, config) for d in docs]
        copying = compare_round([r.document for r in results], jobs=jobs)
        add_copy_findings(results, copying, config, jobs=jobs)
        found[jobs] = [([f.to_dict() for f in r.findings], r.profile.get("copy_round")) for r in results]
    assert found[2] == found[1]
    assert any(f["code"] == "C301" for fs, _ in found[1] for f in fs)


def test_review_with_two_workers_writes_the_same_results(tmp_path):
    src = tmp_path / "round"
    src.mkdir()
    for i, t in enumerate(_variants()[:12]):
        (src / f"v{i:02d}.txt").write_text(t, encoding="utf-8")
    out = {}
    for jobs in (1, 2):
        rv = review([src], tmp_path / f"out{jobs}", jobs=jobs)
        assert rv.round.jobs == jobs
        assert gc.get_freeze_count() == 0  # objects frozen for the forked workers are handed back to the collector
        out[jobs] = json.loads((tmp_path / f"out{jobs}" / "results.json").read_text(encoding="utf-8"))
        pages = sorted(p.name for p in (tmp_path / f"out{jobs}" / "reports").glob("*.html"))
        words = sorted(p.name for p in (tmp_path / f"out{jobs}" / "annotated").glob("*.docx"))
        assert len(pages) == len(words) == 12
    # The round's part of results.json says how many workers ran (for the dashboard `--from` writes again).
    assert (out[1]["round"].pop("jobs"), out[2]["round"].pop("jobs")) == (1, 2)
    assert out[2] == out[1]
