"""Index segments store their lookup directory; the merge policy bounds how many segments a query opens."""

from __future__ import annotations

import numpy as np
import pytest

import shuzhi
from conftest import seed
from shuzhi.similarity.index import postings
from shuzhi.similarity.index.store import MAX_SEGMENTS, DocMeta, Index
from shuzhi.similarity.sources import check_against_index


@pytest.fixture(scope="module")
def paras():
    docs = [shuzhi.load(seed(i)) for i in range(5)]
    return [d.text[s:e] for d in docs for s, e in d.paragraphs if 120 <= e - s <= 400][:40]


@pytest.fixture
def small_dir_min(monkeypatch):
    """Directories for every segment, however small: the tests' indexes are far below a million postings."""
    monkeypatch.setattr(postings, "DIR_MIN", 1)


def _answers(ix, probes):
    return [[(s.source, round(s.copied, 6)) for s in check_against_index(p, ix).sources] for p in probes]


def test_added_and_merged_segments_store_their_directory(tmp_path, paras, small_dir_min):
    with Index(tmp_path / "ix", create=True) as ix:
        for i in range(3):
            ix.add([(p, DocMeta(source=f"b{i}-{j}", person=f"p{j}")) for j, p in enumerate(paras[i::3])], merge=False)
        names = [n for (n,) in ix.db.execute("SELECT name FROM segments")]
        for n in names:
            for key in ("fp", "band"):
                stored = np.load(tmp_path / "ix" / f"{n}.{key}dir.npy")
                keys = np.load(tmp_path / "ix" / f"{n}.{key}.npy")
                assert np.array_equal(stored, postings.directory(keys))
        probes = paras[:6]
        before = _answers(ix, probes)
        assert ix.compact() == 3
        [merged] = [n for (n,) in ix.db.execute("SELECT name FROM segments")]
        keys = np.load(tmp_path / "ix" / f"{merged}.fp.npy")
        assert np.array_equal(np.load(tmp_path / "ix" / f"{merged}.fpdir.npy"), postings.directory(keys))
        # The old segments' directories went with them.
        assert sorted(p.name.split(".")[0] for p in (tmp_path / "ix").glob("seg-*")) == [merged] * 6
        assert _answers(ix, probes) == before


def test_opening_an_index_reads_the_stored_directory_instead_of_computing_it(tmp_path, paras, small_dir_min):
    with Index(tmp_path / "ix", create=True) as ix:
        ix.add([(p, DocMeta(source=f"d{j}")) for j, p in enumerate(paras)])
        expect = _answers(ix, paras[:5])
    with Index(tmp_path / "ix") as ix:  # a new process's first query: cold
        got = _answers(ix, paras[:5])
        seg = ix._load_segments()[0]
        # Memory-mapped from the file, not rebuilt over the whole key array.
        assert isinstance(seg["fpdir"], np.memmap) and isinstance(seg["banddir"], np.memmap)
    assert got == expect


def test_a_segment_written_without_a_directory_still_answers_the_same(tmp_path, paras, small_dir_min):
    with Index(tmp_path / "ix", create=True) as ix:
        ix.add([(p, DocMeta(source=f"d{j}")) for j, p in enumerate(paras)])
        expect = _answers(ix, paras[:5])
    for p in (tmp_path / "ix").glob("*dir.npy"):  # as an index built by an older shuzhi
        p.unlink()
    with Index(tmp_path / "ix") as ix:
        assert _answers(ix, paras[:5]) == expect
        assert not isinstance(ix._load_segments()[0]["fpdir"], np.memmap)  # computed on open


def test_automatic_merging_bounds_the_number_of_segments(tmp_path, paras):
    with Index(tmp_path / "many", create=True) as ix:
        counts = []
        for j, p in enumerate(paras):  # one small batch after another, as `index add` run per file
            ix.add([(p, DocMeta(source=f"d{j}", person=f"p{j}"))])
            counts.append(ix.stats()["segments"])
        assert max(counts) <= MAX_SEGMENTS
        many = _answers(ix, paras[:8])
        assert ix.stats()["documents"] == len(paras)
    with Index(tmp_path / "one", create=True) as ix:
        ix.add([(p, DocMeta(source=f"d{j}", person=f"p{j}")) for j, p in enumerate(paras)])
        assert _answers(ix, paras[:8]) == many


def test_reading_only_the_buckets_from_the_file_equals_searchsorted(tmp_path):
    rng = np.random.default_rng(9)
    keys = np.sort(
        np.concatenate([rng.integers(0, 2**32, 300_000, dtype=np.uint64), np.full(4000, 77_777), [0, 2**32 - 1]])
    ).astype(np.uint32)
    np.save(tmp_path / "k.npy", keys)
    postings.write_directory(tmp_path / "kdir.npy", keys)
    mapped = np.load(tmp_path / "k.npy", mmap_mode="r")
    stored = np.load(tmp_path / "kdir.npy", mmap_mode="r")
    q = np.unique(
        np.concatenate([rng.integers(0, 2**32, 5000, dtype=np.uint64), keys[::1009], [0, 77_777, 2**32 - 1]]).astype(
            np.uint32
        )
    )
    left, right = postings._search_file(mapped, stored, q)
    assert np.array_equal(left, np.searchsorted(keys, q, "left"))
    assert np.array_equal(right, np.searchsorted(keys, q, "right"))


def _resident_kb(directory) -> dict[str, int]:
    """Resident kB of this process's mappings of the index's segment arrays, by file name (Linux smaps)."""
    out: dict[str, int] = {}
    current = None
    with open("/proc/self/smaps") as f:
        for line in f:
            head = line.split()
            if head and "-" in head[0] and not head[0].endswith(":"):
                path = head[5] if len(head) > 5 else ""
                current = path if path.startswith(str(directory)) else None
            elif current and head[0] == "Rss:":
                name = current.rsplit("/", 1)[-1]
                out[name] = out.get(name, 0) + int(head[1])
    return out


def test_a_query_gives_back_the_pages_it_read_of_the_segment_arrays(tmp_path, paras):
    """A cold check held every page its scattered reads touched of every segment: 112 MB on a 100,000-document index
    (48 MB of them the postings' pages). After a query the segments' key and posting arrays hold no resident pages."""
    with Index(tmp_path / "ix", create=True) as ix:
        for i in range(3):
            ix.add([(p, DocMeta(source=f"b{i}-{j}", person=f"p{j}")) for j, p in enumerate(paras[i::3])], merge=False)
    with Index(tmp_path / "ix") as ix:
        found = _answers(ix, paras[:4])
        mapped = _resident_kb(tmp_path / "ix")
        arrays = {
            n: kb for n, kb in mapped.items() if n.endswith((".fp.npy", ".fpdoc.npy", ".band.npy", ".banddoc.npy"))
        }
        assert len(arrays) == 12  # three segments' four arrays, all mapped
        assert arrays == dict.fromkeys(arrays, 0)
        assert all(f for f in found)  # each probe found its own paragraph: the arrays were read
