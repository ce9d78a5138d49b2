"""Index.add(group=N): one transaction and one segment holding exactly the postings that batches of N give."""

from __future__ import annotations

import sys

from conftest import ROOT, seed
from shuzhi.similarity.index.store import DocMeta, Index

sys.path.insert(0, str(ROOT / "benchmarks"))
from index_same import content


def _texts() -> list[str]:
    # Paragraphs of the seed reports, some of them twice (a text already indexed is skipped).
    paras = [p for i in range(5) for p in seed(i).read_text(encoding="utf-8").split("\n") if len(p) > 20]
    return paras[:40] + paras[:5] + paras[40:70]


def _build(path, texts, **kw):
    with Index(path, create=True) as ix:
        added = ix.add(((t, DocMeta(source=f"d{i}", person=f"p{i % 4}")) for i, t in enumerate(texts)), **kw)
        segments = ix.stats()["segments"]
    return added, segments


def test_grouped_batch_holds_what_separate_batches_hold(tmp_path):
    texts = _texts()
    added_a, _ = _build(tmp_path / "a", texts, batch=8, merge=False)
    added_b, segments = _build(tmp_path / "b", texts, batch=1000, group=8)
    assert added_a == added_b
    assert segments == 1
    a, b = content(tmp_path / "a"), content(tmp_path / "b")
    assert set(a) == set(b)
    for k in a:
        if k == "docs":  # rows as added, the time of adding aside (not in content())
            assert a[k] == b[k]
        elif hasattr(a[k], "tolist"):
            assert a[k].tolist() == b[k].tolist(), k
        else:
            assert a[k] == b[k], k
    assert len(a["fp postings"]) > 1000
