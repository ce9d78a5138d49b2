"""A review round spools each checked document to disk as its report comes back, keeping only a light stand-in."""

from __future__ import annotations

from pathlib import Path

from conftest import seed
from helpers.round_files import make_round
from shuzhi.loaders import load
from shuzhi.model.document import Document
from shuzhi.pipeline.isolation import check_file_safely
from shuzhi.pipeline.runner import check_round
from shuzhi.pipeline.spool import RoundText, Spool, full_document
from shuzhi.review import review
from shuzhi.rules.config import Config


def test_a_review_round_keeps_stand_ins_not_documents_and_removes_its_spool(tmp_path):
    rv = review([make_round(tmp_path)], tmp_path / "out", jobs=2)
    results = rv.round.results
    assert len(results) == 5
    for r in results:
        assert isinstance(r.document, RoundText) and not isinstance(r.document, Document)
        assert r.document.text == load(r.source).text
        assert not Path(r.document.path).exists()  # the spool went with the round
    assert len(list((tmp_path / "out" / "annotated").glob("*.docx"))) == 5


def test_keep_sees_each_whole_document_once_as_it_comes_back(tmp_path):
    d = make_round(tmp_path)
    seen: list[tuple[int, str]] = []

    def keep(i, result):
        assert isinstance(result.document, Document) and len(result.document.to_raw) == len(result.document.text) + 1
        seen.append((i, result.source))

    rnd = check_round([d], config=Config(), jobs=2, keep=keep)
    entries = {i: e.source for i, e in enumerate(rnd.entries) if e.result is not None}
    assert sorted(seen) == sorted(entries.items())  # every checked report once; bad files never


def test_the_stand_in_agrees_with_its_document_and_reads_it_back(tmp_path):
    result = check_file_safely(seed(0), Config(), None, source=str(seed(0)))
    doc = result.document
    with Spool(tmp_path) as spool:
        light = spool.put(0, doc)
        assert (light.source, light.key, light.format, light.text) == (doc.source, doc.key, doc.format, doc.text)
        assert light.char_count == doc.char_count and light.paragraphs == doc.paragraphs
        assert [c.to_dict() for c in light.claims] == [c.to_dict() for c in doc.claims]
        assert light.meta.kinds == doc.meta.kinds
        result.document = light
        back = full_document(result)
        assert back.text == doc.text and list(back.to_raw) == list(doc.to_raw)
        assert back.position(len(doc.text) // 2) == doc.position(len(doc.text) // 2)
    assert not spool.dir.exists()
