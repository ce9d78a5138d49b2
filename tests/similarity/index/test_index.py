"""The on-disk index: incremental add, metadata, suppression, CNKI metrics, crash safety, format."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import numpy as np
import pytest

import shuzhi
from conftest import ROOT, seed
from shuzhi.model.errors import ShuzhiError
from shuzhi.similarity.core.settings import Settings
from shuzhi.similarity.index.store import DocMeta, Index
from shuzhi.similarity.sources import check_against_index

PASSAGE = "全年新修农村公路三十公里，改造危旧桥梁四座，所有行政村通上了客车，群众出行难的问题基本解决。"


@pytest.fixture(scope="module")
def seeds():
    return [shuzhi.load(seed(i)) for i in range(5)]


def _para(doc, n):
    return [doc.text[s:e] for s, e in doc.paragraphs if 150 <= e - s <= 400][n]


def test_add_is_incremental_and_deduplicates(tmp_path, seeds):
    with Index(tmp_path / "ix", create=True) as ix:
        ids = ix.add([(d.text, DocMeta(source=d.source, person=f"p{i}", year=2023)) for i, d in enumerate(seeds[:3])])
        assert [i for _, i in ids] == [1, 2, 3]
    with Index(tmp_path / "ix") as ix:  # reopened: a second add appends
        again = ix.add([(seeds[0].text, DocMeta(source="copy-of-0")), (seeds[3].text, DocMeta(source="s3"))])
        assert again == [("copy-of-0", None), ("s3", 4)]
        st = ix.stats()
        assert st["documents"] == 4 and st["authors"] == 3 and st["segments"] == 2
        assert st["settings"]["min_chars"] == 13
        info, text = ix.doc(2)
        assert text == seeds[1].text and info.meta.person == "p1" and info.meta.year == 2023


def test_sources_offsets_and_cnki_metrics(tmp_path, seeds):
    own_last_year = _para(seeds[0], 1)
    colleague = _para(seeds[2], 2)
    with Index(tmp_path / "ix", create=True) as ix:
        ix.add(
            [
                (seeds[0].text, DocMeta(source="zhang-2023", person="张三", year=2023)),
                (seeds[2].text, DocMeta(source="li-2024", person="李四", year=2024)),
                (seeds[4].text, DocMeta(source="template", kind="template")),
            ]
        )
        new = "今年本人分管交通，亲自督办了农村公路改造。\n"
        text = shuzhi.loads(new + own_last_year + "\n" + colleague).text
        r = check_against_index(text, ix, person="张三")
        by = {s.source: s for s in r.sources}
        assert set(by) == {"zhang-2023", "li-2024"}
        assert by["zhang-2023"].own and not by["li-2024"].own
        m = by["zhang-2023"].matches[0]
        assert text[m.a_start : m.a_end] == seeds[0].text[m.b_start : m.b_end]
        assert seeds[0].text.index(own_last_year) - 1 <= m.b_start <= seeds[0].text.index(own_last_year) + 1
        # 总文字复制比 counts both sources, the other figure only the colleague.
        assert r.total == pytest.approx(by["zhang-2023"].copied + by["li-2024"].copied, abs=0.01)
        assert r.excluding_own == pytest.approx(by["li-2024"].copied, abs=0.01)
        assert r.max_single == max(s.copied for s in r.sources)
        assert 0.8 < r.total < 1.0  # only the first new sentence is not copied


def test_frequency_suppression_counts_distinct_authors_not_templates(tmp_path, seeds):
    bodies = [_para(seeds[i], 0) for i in range(5)]
    with Index(tmp_path / "ix", create=True, settings=Settings(max_authors=2)) as ix:
        # The passage in three reports by three authors: common language at M = 2.
        ix.add([(bodies[i] + "\n" + PASSAGE, DocMeta(source=f"r{i}", person=f"p{i}")) for i in range(3)])
        r = check_against_index(bodies[3] + "\n" + PASSAGE, ix)
        assert r.sources == []
    with Index(tmp_path / "iy", create=True, settings=Settings(max_authors=2)) as ix:
        # Two authors and two templates: templates are sources, not authors, so it is copying.
        ix.add([(bodies[i] + "\n" + PASSAGE, DocMeta(source=f"r{i}", person=f"p{i}")) for i in range(2)])
        ix.add([(bodies[i] + "\n" + PASSAGE, DocMeta(source=f"t{i}", kind="template")) for i in (2, 4)])
        r = check_against_index(bodies[3] + "\n" + PASSAGE, ix)
        assert {s.source for s in r.sources} == {"r0", "r1", "t2", "t4"}


def test_remove_hides_a_document(tmp_path, seeds):
    with Index(tmp_path / "ix", create=True) as ix:
        ix.add([(seeds[0].text, DocMeta(source="a")), (seeds[1].text, DocMeta(source="b"))])
        probe = _para(seeds[0], 1)
        assert [s.source for s in check_against_index(probe, ix).sources] == ["a"]
        assert ix.remove(["a"]) == 1
    with Index(tmp_path / "ix") as ix:
        assert check_against_index(probe, ix).sources == []
        assert ix.stats()["removed"] == 1


def test_settings_and_formulas_are_recorded_and_used(tmp_path):
    with Index(tmp_path / "ix", create=True, settings=Settings(min_chars=20), formulas=("本县农村公路",)) as ix:
        pass
    with Index(tmp_path / "ix", settings=Settings()) as ix:  # settings of an existing index win
        assert ix.settings.min_chars == 20 and ix.formulas == ("本县农村公路",)


def test_bad_index_directories_give_coded_chinese_errors(tmp_path):
    with pytest.raises(ShuzhiError) as e:
        Index(tmp_path / "missing")
    assert e.value.code == "E301" and "shuzhi index add" in e.value.message
    with Index(tmp_path / "ix", create=True):
        pass
    db = sqlite3.connect(tmp_path / "ix" / "index.sqlite")
    db.execute("UPDATE meta SET value = '99' WHERE key = 'version'")
    db.commit()
    db.close()
    with pytest.raises(ShuzhiError) as e:
        Index(tmp_path / "ix")
    assert e.value.code == "E303" and "99" in e.value.message


def test_no_pickles_on_disk(tmp_path, seeds):
    import numpy as np

    with Index(tmp_path / "ix", create=True) as ix:
        ix.add([(seeds[0].text, DocMeta(source="a"))])
    arrays = sorted((tmp_path / "ix").glob("*.npy"))
    assert arrays, "the index wrote no segment arrays"
    for p in arrays:
        arr = np.load(p, allow_pickle=False)  # raises if an object array had been pickled
        assert arr.dtype != object and arr.dtype.kind in "uif", (p.name, arr.dtype)


KILL_SCRIPT = r"""
import sys, shuzhi
from pathlib import Path
from shuzhi.similarity.index import DocMeta, Index
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("0*.txt"))]
ix = Index(sys.argv[1], create=True)
ix.add([(texts[0], DocMeta(source="committed", person="王五"))])
print("first batch committed", flush=True)
def items():
    i = 0
    while True:  # an endless add, killed from outside
        i += 1
        yield (texts[i % len(texts)] + f"\n变体{i}" * (i % 7 + 1) + str(i), DocMeta(source=f"v{i}", person="王五"))
ix.add(items(), batch=40)
"""


def test_killed_add_leaves_a_usable_index(tmp_path, seeds):
    ixdir = tmp_path / "ix"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(ixdir), str(seed(0).parent)], stdout=subprocess.PIPE, env=env
    )
    assert proc.stdout.readline().strip() == b"first batch committed"
    time.sleep(1.5)  # some batches commit, one is in flight
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Index(ixdir) as ix:
        st = ix.stats()
        assert st["documents"] > 1  # the first batch and the batches committed before the kill
        # no half-written batch is visible: every document has its postings
        assert st["documents"] == ix.db.execute("SELECT SUM(docs) FROM segments").fetchone()[0]
        r = check_against_index(_para(seeds[0], 1), ix)
        assert "committed" in {s.source for s in r.sources}
        before = st["documents"]
        ix.add([(seeds[1].text + "\n新的一份", DocMeta(source="after-crash"))])
        assert ix.stats()["documents"] == before + 1
        # Files of the batch that never committed are gone after the next write.
        names = {row[0] for row in ix.db.execute("SELECT name FROM segments")}
        assert {p.name.split(".")[0] for p in ixdir.glob("seg-*")} <= names


def test_segments_merge_and_compact_keeps_answers(tmp_path, seeds):
    paras = [_para(seeds[i], j) for i in range(4) for j in range(2)] + [_para(seeds[4], 0), _para(seeds[0], 2)]
    with Index(tmp_path / "ix", create=True) as ix:
        for i, p in enumerate(paras):  # one batch per document: ten tiny segments
            ix.add([(p, DocMeta(source=f"d{i}", person=f"p{i}"))], merge=False)
        assert ix.stats()["segments"] == 10
        before = {p: [s.source for s in check_against_index(p, ix).sources] for p in paras}
        ix.remove(["d3"])
        assert ix.compact() == 10
        st = ix.stats()
        assert st["segments"] == 1 and st["postings"] < sum(1 for _ in paras) * 1000
        for p in paras:
            expect = [s for s in before[p] if s != "d3"]
            assert [s.source for s in check_against_index(p, ix).sources] == expect
        assert not any((tmp_path / "ix").glob("*.tmp*"))
        # The automatic policy keeps the number of segments small while adding.
        for i in range(12):
            ix.add([(paras[i % 10] + f"\n第{i}版补充说明：这是新加的一句话{i}。", DocMeta(source=f"e{i}"))])
        assert ix.stats()["segments"] <= 4


def test_an_open_reader_sees_later_adds_and_removals(tmp_path, seeds):
    writer = Index(tmp_path / "ix", create=True)
    reader = Index(tmp_path / "ix")
    probe = _para(seeds[0], 1)
    assert check_against_index(probe, reader).sources == []
    writer.add([(seeds[0].text, DocMeta(source="a"))])
    assert [s.source for s in check_against_index(probe, reader).sources] == ["a"]
    writer.remove(["a"])
    assert check_against_index(probe, reader).sources == []
    writer.close()
    reader.close()


def test_bucket_directory_search_equals_searchsorted():
    from shuzhi.similarity.index.postings import _search, directory

    rng = np.random.default_rng(5)
    keys = np.sort(
        np.concatenate(
            [rng.integers(0, 2**32, 200_000, dtype=np.uint64), np.full(5000, 123456789), [0, 2**32 - 1]]
        ).astype(np.uint32)
    )
    q = np.unique(
        np.concatenate([rng.integers(0, 2**32, 3000, dtype=np.uint64), keys[::997], [0, 123456789, 2**32 - 1]]).astype(
            np.uint32
        )
    )
    d = directory(keys)
    for side in ("left", "right"):
        assert np.array_equal(_search(keys, d, q, side), np.searchsorted(keys, q, side))


def test_a_batch_of_documents_too_short_to_fingerprint_is_indexed(tmp_path, seeds):
    # A batch whose documents are all shorter than a passage yields no fingerprint
    # at all; it must still be stored (and found again by its text), not crash.
    with Index(tmp_path / "ix", create=True) as ix:
        added = ix.add([("无。", DocMeta(source="a")), ("", DocMeta(source="b")), ("同上", DocMeta(source="c"))])
        assert [i for _, i in added] == [1, 2, 3]
        assert ix.doc(3)[1] == "同上"
        ix.add([(seeds[0].text, DocMeta(source="s0"))])
        assert ix.stats()["documents"] == 4
