"""`shuzhi index add` from files: the light path indexes the same texts and years as a full load, bad files listed."""

from __future__ import annotations

import docx

import shuzhi
from conftest import seed
from shuzhi.cli import main
from shuzhi.pipeline.indexing import read_all
from shuzhi.similarity.index.from_files import read_for_index
from shuzhi.similarity.index.store import Index


def _files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(5):
        (d / f"s{i}.txt").write_bytes(seed(i).read_bytes())
    (d / "gbk.txt").write_bytes("2021年度某县副县长述职报告\n本人认真履职，完成全年任务。\r\n".encode("gb18030"))
    w = docx.Document()
    w.add_paragraph("2020年度副镇长述职报告")
    w.add_paragraph("一年来，本人分管农业农村工作，完成了全年任务。")
    w.save(str(d / "w.docx"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\n \t")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    return d


def test_light_reads_equal_full_loads_and_bad_files_are_coded(tmp_path):
    d = _files(tmp_path)
    files = [(p, str(p)) for p in sorted(d.iterdir())]
    for jobs in (1, 2):
        reads = list(read_all(files, jobs=jobs))
        assert [r.source for r in reads] == [s for _, s in files]  # in order, one per file
        errors = {r.source.rsplit("/", 1)[1]: r.error["code"] for r in reads if r.error}
        assert errors == {"empty.txt": "E101", "blank.txt": "E101", "broken.docx": "E103"}
        for (path, _), r in zip(files, reads, strict=True):
            if r.error is None:
                doc = shuzhi.load(path)
                assert (r.text, r.year) == (doc.text, doc.meta.year), path.name
    assert read_for_index(d / "gbk.txt", "gbk.txt").year == 2021


def test_index_add_from_files_stores_what_a_full_load_gives(tmp_path):
    d = _files(tmp_path)
    assert main(["index", "add", "--index", str(tmp_path / "ix"), "--jobs", "2", str(d)]) == 0
    with Index(tmp_path / "ix") as ix:
        stored = {x.meta.source: (ix.doc(x.id)[1], x.meta.year) for x in ix.docs()}
    good = [p for p in sorted(d.iterdir()) if p.name not in ("empty.txt", "blank.txt", "broken.docx")]
    assert len(stored) == len(good) == 7
    for p in good:
        doc = shuzhi.load(p)
        assert stored[str(p)] == (doc.text, doc.meta.year)
