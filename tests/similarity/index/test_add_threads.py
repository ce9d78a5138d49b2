"""`index add` fingerprints in threads and opens its index while the workers read (issue #17): the same index.

- bulk.fingerprint_batches(threads=2): each batch's chunks cut as one batch at a time cuts them, done in two
  threads and joined in order: the same arrays as fingerprint_batch() of each batch alone.
- Index.add(threads=2): the same documents, postings and files as threads=1.
- read_all(while_reading=...): called once, in this process, while the workers are alive; at once when there
  is nothing to read; what it raises stops the workers and is raised.
"""

from __future__ import annotations

import multiprocessing
import random
import sys
import threading

import numpy as np
import pytest

from conftest import ROOT, seed
from shuzhi.pipeline.indexing import read_all
from shuzhi.similarity.core import bulk
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.settings import Settings
from shuzhi.similarity.index.store import DocMeta, Index

sys.path.insert(0, str(ROOT / "benchmarks"))
from index_same import content


def _texts(n: int = 90) -> list[str]:
    paras = [p for i in range(5) for p in seed(i).read_text(encoding="utf-8").split("\n") if len(p) > 10]
    rng = random.Random(17)
    return [rng.choice(paras) + rng.choice(paras) for _ in range(n)] + paras[:3]  # three texts twice


def _same(a, b) -> None:
    for name in ("fp", "fpdoc", "signatures", "bands", "chars"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and np.array_equal(x, y), name


def test_batches_in_threads_are_the_batches_one_by_one(monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_CHARS", 700)  # many chunks per batch: the cut between them matters
    texts = _texts()
    batches = [texts[:30], texts[30:31], [], texts[31:]]
    s, f = Settings(), tuple(formula_list())
    assert len(bulk._layout([len(t) for t in batches[0]])) > 5
    alone = [bulk.fingerprint_batch(b, s, f) for b in batches]
    for threads in (1, 2, 3):
        for got, want in zip(bulk.fingerprint_batches(batches, s, f, threads=threads), alone, strict=True):
            _same(got, want)
    # The chunks did go to more than one thread.
    seen = set()
    chunk = bulk._chunk

    def recording(*args):
        seen.add(threading.get_ident())
        return chunk(*args)

    monkeypatch.setattr(bulk, "_chunk", recording)
    bulk.fingerprint_batches(batches, s, f, threads=2)
    assert len(seen) >= 2


def test_add_in_threads_builds_the_same_index(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_CHARS", 900)
    texts = _texts()
    built = {}
    for threads in (1, 2):
        path = tmp_path / f"t{threads}"
        with Index(path, create=True) as ix:
            metas = (DocMeta(source=f"d{i}", person=f"p{i % 5}") for i in range(len(texts)))
            added = ix.add(zip(texts, metas, strict=True), batch=1000, group=25, threads=threads)
        built[threads] = (added, content(path))
    assert built[1][0] == built[2][0]
    a, b = built[1][1], built[2][1]
    assert set(a) == set(b)
    for k in a:
        if hasattr(a[k], "tolist"):
            assert a[k].tolist() == b[k].tolist(), k
        else:
            assert a[k] == b[k], k
    assert len(a["fp postings"]) > 1000
    files = {
        threads: sorted(p.read_bytes() for p in (tmp_path / f"t{threads}").glob("seg-*.npy")) for threads in (1, 2)
    }
    assert files[1] == files[2]


def _files(tmp_path, n: int):
    d = tmp_path / "in"
    d.mkdir()
    out = []
    for i in range(n):
        p = d / f"r{i}.txt"
        p.write_bytes(seed(i % 5).read_bytes())
        out.append((p, p.name))
    return out


def test_while_reading_runs_once_while_the_workers_are_alive(tmp_path):
    calls = []

    def hook():
        calls.append(len(multiprocessing.active_children()))

    reads = read_all(_files(tmp_path, 12), jobs=2, while_reading=hook)
    assert calls == [2]
    assert [r.source for r in reads] == [f"r{i}.txt" for i in range(12)] and all(r.error is None for r in reads)
    calls.clear()
    assert read_all([], jobs=2, while_reading=hook) == [] and calls == [0]


def test_what_while_reading_raises_stops_the_workers(tmp_path):
    class Stop(Exception):
        pass

    def hook():
        raise Stop

    with pytest.raises(Stop):
        read_all(_files(tmp_path, 12), jobs=2, while_reading=hook)
    assert multiprocessing.active_children() == []


def test_an_index_that_cannot_be_opened_while_reading_is_still_e301(tmp_path):
    from conftest import run_cli

    ix = tmp_path / "ix"
    ix.mkdir()
    (ix / "index.sqlite").write_bytes(b"not a database, " * 64)  # the index's file, broken
    files = _files(tmp_path, 20)
    r = run_cli("index", "add", "--jobs", "2", "--index", str(ix), str(files[0][0].parent))
    assert r.returncode == 2 and "E301" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert (ix / "index.sqlite").read_bytes() == b"not a database, " * 64
    assert "file is not a database" not in r.stderr, r.stderr  # SQLite's English stays out of the message
