"""Fingerprints made where the files are read (similarity.core.parts), joined where they are stored.

`index add`'s workers fingerprint the texts of each list they read; Index.add joins the parts: the same
postings, signatures and band keys as fingerprinting the batch's chunks (a window across two texts of a
chunk adds postings that neither text has alone, so the edges are winnowed again with their neighbours).
"""

from __future__ import annotations

import random
import types

import numpy as np
import pytest

from conftest import seed
from shuzhi.pipeline.indexing import read_all
from shuzhi.similarity.core import bulk
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.parts import assemble, list_prints
from shuzhi.similarity.core.settings import Settings
from shuzhi.similarity.index import store
from shuzhi.similarity.index.store import DocMeta, Index

FIELDS = ("fp", "fpdoc", "signatures", "bands", "chars")
WORDS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也能而子那得着下自之年过发后里如家多"


def _reference(texts, groups, settings, formulas):
    return Index._prints(types.SimpleNamespace(settings=settings, formulas=formulas), texts, groups, 1)


def _parts(texts, settings, formulas, rng):
    """Each text's (ListPrints, number), the texts cut into lists as the workers get them."""
    out, i = [], 0
    while i < len(texts):
        m = rng.randint(1, 9)
        lp = list_prints(texts[i : i + m], settings, formulas)
        out += [(lp, j) for j in range(len(texts[i : i + m]))]
        i += m
    return out


@pytest.mark.parametrize("trial", range(60))
def test_joined_parts_are_the_chunks_fingerprints(trial, monkeypatch):
    rng = random.Random(trial)
    formulas = formula_list()
    settings = Settings(min_chars=rng.choice([5, 9, 13, 20]), kgram=rng.choice([2, 3, 5]))
    texts = []
    for _ in range(rng.randint(1, 40)):
        # Empty, shorter than a k-gram, shorter than a window, long; paragraph breaks, digits, formulas.
        size = rng.choice([0, 1, 3, 4, 5, 8, 12, 30, 60, 200, 1000])
        t = "".join(rng.choice(WORDS + "\n，。 0123abc") for _ in range(size))
        if rng.random() < 0.2:
            t += rng.choice(formulas) + t[: rng.randint(0, 10)]
        texts.append(t)
    # Small chunks: many texts at the chunks' ends; groups of a few texts.
    monkeypatch.setattr(bulk, "CHUNK_CHARS", rng.choice([50, 200, 1000, 200_000]))
    size = rng.choice([1, 3, 7, 500])
    groups = [i // size for i in range(len(texts))]
    got = assemble(_parts(texts, settings, formulas, rng), [len(t) for t in texts], groups, settings, formulas)
    want = _reference(texts, groups, settings, formulas)
    for name in FIELDS:
        a, b = getattr(got, name), getattr(want, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name


def test_the_edges_add_postings_that_the_texts_alone_do_not_have():
    # What the joining is for: texts winnowed alone lose the windows across their neighbours.
    formulas = formula_list()
    texts = [p for i in range(3) for p in seed(i).read_text(encoding="utf-8").split("\n") if len(p) > 20]
    s = Settings()
    alone = {(f, d) for d, t in enumerate(texts) for f in bulk.fingerprint_batch([t], s, formulas).fp.tolist()}
    want = _reference(texts, [0] * len(texts), s, formulas)
    pairs = set(zip(want.fp.tolist(), want.fpdoc.tolist(), strict=True))
    assert pairs > alone
    got = assemble(
        [(list_prints([t], s, formulas), 0) for t in texts], [len(t) for t in texts], [0] * len(texts), s, formulas
    )
    assert set(zip(got.fp.tolist(), got.fpdoc.tolist(), strict=True)) == pairs


def test_parts_of_other_settings_or_formulas_are_not_joined():
    texts = ["本人认真履行职责，完成了全年目标任务。" * 3, "抓好农业农村工作，推进乡村振兴。" * 2]
    formulas = formula_list()
    parts = [(list_prints(texts, Settings(min_chars=20), formulas), i) for i in range(2)]
    assert assemble(parts, [len(t) for t in texts], [0, 0], Settings(), formulas) is None
    parts = [(list_prints(texts, Settings(), formulas[1:]), i) for i in range(2)]
    assert assemble(parts, [len(t) for t in texts], [0, 0], Settings(), formulas) is None


def _files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    paras = [p for i in range(5) for p in seed(i).read_text(encoding="utf-8").split("\n") if len(p) > 20]
    for i in range(64):  # the last four are the first four again: skipped as already indexed
        (d / f"p{i:03d}.txt").write_text(paras[i % 60] + "\n" + paras[(i % 60 * 7) % len(paras)], encoding="utf-8")
    (d / "bad.txt").write_bytes(b"")  # an error among them
    return sorted((p, p.name) for p in d.iterdir())


def _segments(path):
    return {p.name.split(".", 1)[1]: p.read_bytes() for p in sorted(path.glob("seg-*"))}


@pytest.mark.parametrize("settings", [Settings(), Settings(min_chars=9)])
def test_an_index_from_the_workers_parts_is_the_index_fingerprinted_at_once(tmp_path, monkeypatch, settings):
    files = _files(tmp_path)
    formulas = formula_list()
    reads = read_all(files, jobs=2, prints=(Settings(), formulas))
    assert sum(r.prints is not None for r in reads) == len(files) - 1  # all but the empty file
    joined = []
    real = store.assemble
    monkeypatch.setattr(store, "assemble", lambda *a: joined.append(real(*a)) or joined[-1])

    def build(name, with_parts):
        with Index(tmp_path / name, create=True, settings=settings, formulas=formulas) as ix:
            ok = [r for r in reads if r.error is None]
            items = [(r.text, DocMeta(source=r.source), *([r.prints] if with_parts else [])) for r in ok]
            return ix.add(items, batch=20_000, group=7, threads=2)

    added = build("a", False)
    assert added == build("b", True) and sum(i is None for _, i in added) == 4  # the four again: skipped
    # Without parts nothing is joined; with them, when the index has the settings they were made with.
    assert len(joined) == 2 and joined[0] is None and (joined[1] is None) == (settings != Settings())
    a, b = _segments(tmp_path / "a"), _segments(tmp_path / "b")
    assert a == b and len(a) >= 4


def test_index_add_joins_its_workers_parts(tmp_path, monkeypatch):
    from shuzhi.cli import main

    files = _files(tmp_path)
    joined = []
    real = store.assemble
    monkeypatch.setattr(store, "assemble", lambda *a: joined.append(real(*a)) or joined[-1])
    assert main(["index", "add", "--jobs", "2", "--index", str(tmp_path / "cli"), str(tmp_path / "in")]) == 0
    assert len(joined) == 1 and joined[0] is not None
    reads = [r for r in read_all(files, jobs=1) if r.error is None]
    with Index(tmp_path / "ref", create=True) as ix:
        ix.add([(r.text, DocMeta(source=r.source)) for r in reads], batch=20_000, group=500)
    assert _segments(tmp_path / "cli") == _segments(tmp_path / "ref")


def test_the_readers_content_keys_decide_the_duplicates(tmp_path):
    from shuzhi.similarity.index.files import text_key

    files = _files(tmp_path)
    reads = [r for r in read_all(files, jobs=2, prints=(Settings(), formula_list())) if r.error is None]
    assert all(r.prints[0].text_keys[r.prints[1]] == text_key(r.text) for r in reads)
    # Index.add takes the key the reader gave (it does not hash the text again): a planted one is stored.
    lp, i = reads[0].prints
    lp.text_keys[i] = "planted"
    with Index(tmp_path / "ix", create=True) as ix:
        ix.add([(r.text, DocMeta(source=r.source), r.prints) for r in reads], batch=20_000, group=500)
        assert next(d.key for d in ix.docs()) == "planted"
        assert sorted(d.key for d in ix.docs())[:-1] == sorted({text_key(r.text) for r in reads[1:]})
