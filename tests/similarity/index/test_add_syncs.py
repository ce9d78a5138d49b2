"""`Index.add` is on disk when it returns, with fewer syncs (issue #17, docs/bench/user-wait.md §3g).

- authors.u32 is fsynced together with the segment files (in the same threads), not on its own before them;
- the batch's commit is not synced by itself: a checkpoint right after it syncs the WAL and then the database,
  so when add() returns the database file alone holds the batch (before, a small batch stayed in the WAL
  until the close); when a reader keeps the checkpoint from copying, the WAL is fsynced instead;
- the connection is back to synchronous=FULL afterwards, also when the batch failed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading

import pytest

from conftest import seed
from shuzhi.similarity.index.store import DocMeta, Index


def _texts(n: int) -> list[str]:
    return [seed(i % 5).read_text(encoding="utf-8") + f"\n第{i}份。" for i in range(n)]


def _recording_fsyncs(monkeypatch) -> list[tuple[str, int]]:
    seen: list[tuple[str, int]] = []
    real = os.fsync

    def fsync(fd):
        seen.append((os.readlink(f"/proc/self/fd/{fd}"), threading.get_ident()))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


def _docs_in_database_file_alone(ix_dir, tmp_path) -> int:
    """The documents a reader finds in index.sqlite without its WAL (what a crash would leave on disk,
    were the WAL lost): copied alone and opened read-only."""
    alone = tmp_path / "alone.sqlite"
    shutil.copyfile(ix_dir / "index.sqlite", alone)
    db = sqlite3.connect(f"file:{alone}?immutable=1", uri=True)
    try:
        return db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
    finally:
        db.close()


def test_a_batch_is_in_the_database_file_when_add_returns(tmp_path):
    ix = Index(tmp_path / "ix", create=True)
    try:
        ix.add((t, DocMeta(source=f"d{i}")) for i, t in enumerate(_texts(3)))
        # Before: a small batch (below SQLite's automatic checkpoint) was only in the synced WAL until close.
        assert _docs_in_database_file_alone(tmp_path / "ix", tmp_path) == 3
        assert ix.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again
    finally:
        ix.close()


def test_with_a_reader_in_the_way_the_wal_itself_is_fsynced(tmp_path, monkeypatch):
    ix = Index(tmp_path / "ix", create=True)
    ix.add([(_texts(1)[0], DocMeta(source="first"))])
    reader = sqlite3.connect(str(tmp_path / "ix" / "index.sqlite"))
    reader.execute("BEGIN")
    assert reader.execute("SELECT COUNT(*) FROM docs").fetchone()[0] == 1  # holds its snapshot
    try:
        seen = _recording_fsyncs(monkeypatch)
        ix.add((t, DocMeta(source=f"d{i}")) for i, t in enumerate(_texts(4)[1:]))
        assert any(path.endswith("index.sqlite-wal") for path, _ in seen), seen
    finally:
        reader.rollback()
        reader.close()
        ix.close()
    with Index(tmp_path / "ix") as again:
        assert len(again.listing()) == 4


def test_authors_are_fsynced_with_the_segment_files(tmp_path, monkeypatch):
    seen = _recording_fsyncs(monkeypatch)
    with Index(tmp_path / "ix", create=True) as ix:
        ix.add(((t, DocMeta(source=f"d{i}", person=f"p{i}")) for i, t in enumerate(_texts(6))), threads=2)
    main = threading.get_ident()
    authors = [t for path, t in seen if path.endswith("authors.u32")]
    segments = [t for path, t in seen if ".npy" in path]
    assert len(authors) == 1 and len(segments) >= 4
    # In the pool's threads, as the segment files (before: in this thread, on its own, before them).
    assert authors[0] != main and all(t != main for t in segments)


def test_a_failed_batch_leaves_the_connection_full(tmp_path, monkeypatch):
    from shuzhi.similarity.index import store

    def broken(*args, **kwargs):
        raise OSError("disk full")

    with Index(tmp_path / "ix", create=True) as ix:
        monkeypatch.setattr(store, "_write_npys", broken)
        with pytest.raises(OSError):
            ix.add([(_texts(1)[0], DocMeta(source="a"))])
        monkeypatch.undo()
        assert ix.db.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert ix.listing() == []
        ix.add([(_texts(1)[0], DocMeta(source="a"))])
        assert [d["source"] for d in ix.listing()] == ["a"]
