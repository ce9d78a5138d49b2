"""The index directory's format: its SQLite schema, document records, and arrays written durably."""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import mmap
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...model.errors import ShuzhiError

FORMAT = "shuzhi-copy-index"
FORMAT_VERSION = 1
DB_NAME = "index.sqlite"
AUTHORS_NAME = "authors.u32"
KINDS = ("report", "template")
# The automatic merge policy keeps at most this many segments: a query's cost grows with it.
MAX_SEGMENTS = 6
# Author id of a template: a template is a source, never an author, so it does not
# count towards frequency suppression.
TEMPLATE_AUTHOR = 0xFFFFFFFF
# Documents without a person are each their own author.
ANON_BIT = 0x80000000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, docs INTEGER NOT NULL,
    postings INTEGER NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, source TEXT, person TEXT, unit TEXT,
    year INTEGER, round TEXT, kind TEXT NOT NULL, chars INTEGER NOT NULL, added TEXT NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0, text BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS docs_key ON docs(key);
CREATE INDEX IF NOT EXISTS docs_source ON docs(source);
CREATE INDEX IF NOT EXISTS docs_removed ON docs(id) WHERE removed = 1;
"""


class IndexFileError(ShuzhiError):
    """A problem with an index directory (E3xx)."""

    def __init__(self, message: str, code: str = "E301", source: str | None = None):
        super().__init__(message, code=code, source=source)


def broken_database(path: Path) -> IndexFileError:
    """E301 for an index whose file SQLite cannot read as a database (SQLite's own words, English, stay on the
    chained error, not in the reviewer's message)."""
    return IndexFileError(
        f"{path} 中的索引文件 {DB_NAME} 已损坏或不是 SQLite 数据库，无法打开。请从备份恢复该目录，或换一个新目录重建索引。",
        source=str(path),
    )


@dataclass
class DocMeta:
    """What the index knows about a document besides its text."""

    source: str | None = None
    person: str | None = None
    unit: str | None = None
    year: int | None = None
    round: str | None = None
    kind: str = "report"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise IndexFileError(f"文档类型应为 report 或 template，得到“{self.kind}”", code="E302")


@dataclass
class IndexedDoc:
    id: int
    key: str
    meta: DocMeta
    chars: int
    removed: bool = False


def text_key(text: str) -> str:
    """Identity of a document's content: re-adding the same text is a no-op."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def item_key(item: tuple) -> str:
    """text_key() of an Index.add item's text: the one its reader gave with its fingerprints' parts, if any."""
    parts = item[2] if len(item) > 2 else None
    if parts is not None and parts[0].text_keys is not None:
        return parts[0].text_keys[parts[1]]
    return text_key(item[0])


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_npy(path: Path, arr: np.ndarray) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        np.save(f, arr, allow_pickle=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _write_npys(
    files: list[tuple[Path, np.ndarray]], *, together: bool = False, written: tuple[Path, ...] = ()
) -> None:
    """_write_npy() of each (path, array). ``together``: all written to their temporary names first, then
    fsynced at once in threads (the disk takes the flushes together instead of one after the other), then
    renamed: each file is on disk before its name is, as one by one. ``written``: files already written in
    place (authors.u32) whose fsync joins the others' (``together``) or is done first (one by one)."""
    if not together or len(files) + len(written) < 2:
        for path in written:
            _fsync_path(path)
        for path, arr in files:
            _write_npy(path, arr)
        return
    opened = []
    try:
        for path in written:
            opened.append((open(path, "rb"), None, path))  # noqa: SIM115 (closed below): fsync is per file
        for path, arr in files:
            tmp = path.with_name(path.name + ".tmp")
            f = open(tmp, "wb")  # noqa: SIM115 (closed below, after the fsyncs)
            opened.append((f, tmp, path))
            np.save(f, arr, allow_pickle=False)
            f.flush()
        with ThreadPoolExecutor(len(opened)) as ex:
            list(ex.map(lambda o: os.fsync(o[0].fileno()), opened))
    finally:
        for f, _, _ in opened:
            f.close()
    for _, tmp, path in opened:
        if tmp is not None:
            os.replace(tmp, path)


def _fsync_path(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


@contextlib.contextmanager
def synced_by_checkpoint(db, wal: Path):
    """A write transaction (in the block) committed without its own sync, then made durable by a checkpoint.

    A FULL commit syncs the WAL, and the checkpoint after it (the close's) syncs the WAL again before it
    copies the pages into the database and the database after. Here the commit is NORMAL (no sync: still
    atomic, a crash before the checkpoint loses the whole transaction, whose segment files are orphans that
    the next write removes) and the checkpoint at once makes it durable: one sync fewer, and on disk before
    the block's caller returns, as before. When a reader keeps the checkpoint from copying every page, the
    WAL is synced here, as FULL would have done. The connection is FULL again after the block."""
    db.execute("PRAGMA synchronous=NORMAL")  # not allowed inside a transaction: set before it begins
    try:
        yield
    finally:
        with contextlib.suppress(Exception):  # what the block raised matters more
            db.execute("PRAGMA synchronous=FULL")
    busy, log, done = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    if busy or log != done:
        with contextlib.suppress(FileNotFoundError):
            _fsync_path(wal)


def _random_access(path: Path) -> np.ndarray:
    """A segment array memory-mapped for a query's scattered reads.

    A query reads a few keys in each of a thousand buckets; the kernel's read-ahead would fault in
    the pages around every one of them (hundreds of megabytes of a large index for one check), so
    read-ahead is switched off for these mappings.
    """
    arr = np.load(path, mmap_mode="r", allow_pickle=False)
    mm = getattr(arr, "_mmap", None)
    if mm is not None and hasattr(mmap, "MADV_RANDOM"):
        with contextlib.suppress(OSError, ValueError):
            mm.madvise(mmap.MADV_RANDOM)
    return arr
