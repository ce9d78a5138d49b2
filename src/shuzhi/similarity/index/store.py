"""The persistent copy index: SQLite (WAL) for documents and settings, append-only numpy segments for postings."""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from ..core.bulk import BatchPrints, fingerprint_batches
from ..core.formulas import formula_list, formulas_digest
from ..core.minhash import band_keys
from ..core.parts import assemble
from ..core.settings import Settings
from ..core.shingle import Fingerprint, fingerprint
from .files import (
    ANON_BIT,
    AUTHORS_NAME,
    DB_NAME,
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    MAX_SEGMENTS,
    SCHEMA,
    TEMPLATE_AUTHOR,
    DocMeta,
    IndexedDoc,
    IndexFileError,
    _fsync_dir,
    _now,
    _random_access,
    _write_npys,
    broken_database,
    item_key,
    synced_by_checkpoint,
    text_key,
)
from .postings import (
    ARRAYS,
    DIRS,
    directory,
    distinct_per_query,
    gather,
    lookup,
    needs_directory,
    write_merged,
)

__all__ = [
    "KINDS",
    "MAX_SEGMENTS",
    "DocMeta",
    "Index",
    "IndexFileError",
    "IndexedDoc",
    "text_key",
]


class Index:
    """A copy-detection index in a directory.

    Crash safety: a batch of documents becomes visible in one SQLite transaction,
    committed only after its segment files are written, fsynced and renamed into
    place; files of a batch that never committed are ignored and removed on the
    next write. Memory: ``add`` holds one batch; queries memory-map the segments.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        create: bool = False,
        settings: Settings | None = None,
        formulas: Sequence[str] | None = None,
    ):
        self.path = Path(path)
        db = self.path / DB_NAME
        if not db.exists():
            if not create:
                raise IndexFileError(
                    f"索引目录 {self.path} 不存在或不是 shuzhi 索引。请先运行 `shuzhi index add --index {self.path} 文件…` 建立索引。",
                    code="E301",
                    source=str(self.path),
                )
            if self.path.exists() and not self.path.is_dir():
                raise IndexFileError(f"{self.path} 不是目录", code="E301", source=str(self.path))
            self.path.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(db), timeout=60, isolation_level=None)
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as e:  # not a database at all (was an internal error, exit 4)
            self.db.close()
            if isinstance(e, sqlite3.OperationalError):  # locked, unreadable: said as it is
                raise
            raise broken_database(self.path) from e
        self.db.execute("PRAGMA synchronous=FULL")
        meta = self._read_meta()
        if not meta:
            if not create:
                raise IndexFileError(
                    f"{self.path} 不是 shuzhi 索引（缺少格式信息）", code="E301", source=str(self.path)
                )
            self._init(settings or Settings(), tuple(formulas) if formulas is not None else formula_list())
            meta = self._read_meta()
        if meta.get("format") != FORMAT:
            raise IndexFileError(f"{self.path} 不是 shuzhi 索引", code="E301", source=str(self.path))
        version = int(meta.get("version", "0"))
        if version != FORMAT_VERSION:
            raise IndexFileError(
                f"索引格式版本 {version} 不受支持（本版本 shuzhi 读写版本 {FORMAT_VERSION}）。请用本版本重新建立索引。",
                code="E303",
                source=str(self.path),
            )
        self.settings = Settings.from_dict(json.loads(meta["settings"]))
        self.formulas: tuple[str, ...] = tuple(json.loads(meta["formulas"]))
        self._segments: list[dict[str, np.ndarray]] | None = None
        self._loaded_generation: str | None = None

    # ---- format ------------------------------------------------------------
    def _read_meta(self) -> dict[str, str]:
        try:
            return dict(self.db.execute("SELECT key, value FROM meta"))
        except sqlite3.OperationalError:
            return {}
        except sqlite3.DatabaseError as e:
            raise broken_database(self.path) from e

    def _init(self, settings: Settings, formulas: tuple[str, ...]) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for stmt in SCHEMA.strip().split(";"):
                if stmt.strip():
                    self.db.execute(stmt)
            rows = {
                "format": FORMAT,
                "version": str(FORMAT_VERSION),
                "settings": json.dumps(settings.to_dict(), sort_keys=True),
                "formulas": json.dumps(list(formulas), ensure_ascii=False),
                "formulas_digest": formulas_digest(formulas),
                "created": _now(),
            }
            self.db.executemany("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", rows.items())
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._segments = None
        with contextlib.suppress(sqlite3.Error):  # fold the WAL back into the database so the directory stays compact
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------
    def _bump(self) -> None:
        """Every committed change bumps the generation, so open readers reload."""
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES ('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def _generation(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return row[0] if row else None

    def _cleanup_orphans(self) -> None:
        known = {r[0] for r in self.db.execute("SELECT name FROM segments")}
        for p in self.path.glob("seg-*"):
            name = p.name.split(".")[0]
            if name not in known:
                with contextlib.suppress(OSError):
                    p.unlink()

    def _author_ids(self, metas: list[DocMeta], doc_ids: np.ndarray) -> np.ndarray:
        """Author id per document: one INSERT for all new names and one SELECT, not two round trips per document."""
        # New names get ids in order of first appearance, as when added one by one.
        names = list(dict.fromkeys(m.person for m in metas if m.kind != "template" and m.person))
        ids: dict[str, int] = {}
        if names:
            self.db.executemany("INSERT OR IGNORE INTO authors(name) VALUES (?)", ((n,) for n in names))
            for i in range(0, len(names), 500):
                chunk = names[i : i + 500]
                ids.update(
                    self.db.execute(f"SELECT name, id FROM authors WHERE name IN ({','.join('?' * len(chunk))})", chunk)
                )
        out = np.empty(len(metas), dtype=np.uint32)
        for j, (m, doc_id) in enumerate(zip(metas, doc_ids.tolist(), strict=False)):
            if m.kind == "template":
                out[j] = TEMPLATE_AUTHOR
            elif not m.person:
                out[j] = ANON_BIT | doc_id
            else:
                out[j] = ids[m.person]
        return out

    def add(
        self,
        items: Iterable[tuple[str, DocMeta] | tuple[str, DocMeta, tuple]],
        *,
        batch: int = 2000,
        merge: bool = True,
        group: int | None = None,
        threads: int = 1,
    ) -> list[tuple[str, int | None]]:
        """Add (text, meta) pairs; returns (source, new id or None if already indexed) per item.

        Each batch is committed on its own, so an interrupted add keeps every batch before it.
        ``group``: documents are fingerprinted ``group`` items at a time within a batch, so that the index
        holds exactly the postings that batches of ``group`` would have written (the bulk fingerprinting
        of a batch depends on where it is cut, by a few postings in ten thousand), in one transaction and
        one segment instead of one per group. ``threads``: fingerprinting in that many threads (the same postings).
        An item's third field, when there: its fingerprints' parts made where it was read (core.parts).
        """
        out: list[tuple[str, int | None]] = []
        pending: list[tuple[str, DocMeta]] = []
        for item in items:
            pending.append(item)
            if len(pending) >= batch:
                out.extend(self._add_batch(pending, group, threads))
                pending = []
                if merge:
                    self._merge_policy()
        if pending:
            out.extend(self._add_batch(pending, group, threads))
            if merge:
                self._merge_policy()
        return out

    def _add_batch(
        self, items: list[tuple[str, DocMeta]], group: int | None = None, threads: int = 1
    ) -> list[tuple[str, int | None]]:
        with synced_by_checkpoint(self.db, self.path / f"{DB_NAME}-wal"):  # one sync fewer, as durable
            return self._write_batch(items, group, threads)

    def _write_batch(self, items, group, threads) -> list[tuple[str, int | None]]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._cleanup_orphans()
            keys = [item_key(it) for it in items]
            existing: set[str] = set()
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                existing.update(
                    r[0]
                    for r in self.db.execute(
                        f"SELECT key FROM docs WHERE removed = 0 AND key IN ({','.join('?' * len(chunk))})", chunk
                    )
                )
            new: list[int] = []
            result: list[tuple[str, int | None]] = []
            for i, (key, it) in enumerate(zip(keys, items, strict=False)):
                if key in existing:
                    result.append((it[1].source or "", None))
                    continue
                existing.add(key)
                new.append(i)
                result.append((it[1].source or "", -1))
            if not new:
                self.db.execute("COMMIT")
                return [(src, None) for src, _ in result]
            first = int(self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM docs").fetchone()[0])
            ids = np.arange(first, first + len(new), dtype=np.int64)
            texts = [items[i][0] for i in new]
            parts = [items[i][2] if len(items[i]) > 2 else None for i in new]  # fingerprinted as read (parts.py)
            bp = self._prints(texts, [i // group for i in new] if group else [0] * len(new), threads, parts)
            seg_name = f"seg-{uuid.uuid4().hex[:16]}"
            self.db.execute(
                "INSERT INTO segments(name, docs, postings, created) VALUES (?, ?, ?, ?)",
                (seg_name, len(new), len(bp.fp), _now()),
            )
            now = _now()
            metas = [items[i][1] for i in new]
            authors = self._author_ids(metas, ids)
            # Text as UTF-16: 2 bytes per Chinese character, no compression cost.
            rows = [
                (
                    doc_id,
                    keys[i],
                    m.source,
                    m.person,
                    m.unit,
                    m.year,
                    m.round,
                    m.kind,
                    chars,
                    now,
                    text.encode("utf-16-le"),
                )
                for doc_id, i, m, chars, text in zip(ids.tolist(), new, metas, bp.chars.tolist(), texts, strict=False)
            ]
            self.db.executemany(
                "INSERT INTO docs(id, key, source, person, unit, year, round, kind, chars, added, text)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            bands = bp.bands.ravel()
            band_docs = np.repeat(ids, bp.bands.shape[1]).astype(np.uint32)
            order = np.argsort(bands, kind="stable")
            arrays = {
                "fp": bp.fp,
                "fpdoc": ids[bp.fpdoc].astype(np.uint32),
                "band": bands[order],
                "banddoc": band_docs[order],
            }
            self._write_authors(first, authors)
            files = [(self.path / f"{seg_name}.{name}.npy", arrays[name]) for name in ARRAYS]
            files += [
                (self.path / f"{seg_name}.{key}dir.npy", directory(arrays[key]))
                for key in ("fp", "band")
                if needs_directory(arrays[key])
            ]
            # Every file on disk (authors.u32 fsynced with the segment files), then their names, then the commit.
            _write_npys(files, together=threads > 1, written=(self.path / AUTHORS_NAME,))
            _fsync_dir(self.path)
            self._bump()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._segments = None
        it = iter(ids.tolist())
        return [(src, next(it) if i == -1 else None) for src, i in result]

    def _prints(self, texts: list[str], groups: list[int] | None, threads: int = 1, parts=None) -> BatchPrints:
        """fingerprint_batch() of the texts, in the runs of equal ``groups`` (each text's group number) when
        given: what separate batches would have computed, postings numbered across all the texts.
        ``threads``: the runs' chunks fingerprinted in that many threads (the same postings). ``parts``: each
        text's (ListPrints, number) when it was fingerprinted where it was read: joined, the same postings."""
        s = self.settings
        if groups and parts and (joined := assemble(parts, [len(t) for t in texts], groups, s, self.formulas)):
            return joined  # else a text without parts, or parts made with other settings or formulas
        if groups is None or len(set(groups)) < 2:
            return fingerprint_batches([texts], s, self.formulas, threads=threads)[0]
        bounds, lo = [], 0
        for _, run in itertools.groupby(groups):
            bounds.append((lo, lo + len(list(run))))
            lo = bounds[-1][1]
        parts = fingerprint_batches([texts[a:b] for a, b in bounds], s, self.formulas, threads=threads)
        keys = [
            (bp.fp.astype(np.uint64) << np.uint64(32)) | (bp.fpdoc + a).astype(np.uint64)
            for bp, (a, _) in zip(parts, bounds, strict=True)
        ]
        key = np.concatenate(keys)
        # Fingerprint, then document: as one batch orders them (no key repeats across groups). Each group's
        # keys are sorted already: a stable sort (timsort for 64-bit keys) merges the runs (laws: 24 -> 1.5 ms).
        key.sort(kind="stable")
        return BatchPrints(
            (key >> np.uint64(32)).astype(np.uint32),
            (key & np.uint64(0xFFFFFFFF)).astype(np.int64),
            np.concatenate([p.signatures for p in parts]),
            np.concatenate([p.bands for p in parts]),
            np.concatenate([p.chars for p in parts]),
        )

    def _write_authors(self, first: int, authors: np.ndarray) -> None:
        # One uint32 per document id, written in place: ids of a rolled-back batch
        # are reused, so their stale entries are simply overwritten.
        p = self.path / AUTHORS_NAME
        with open(p, "r+b" if p.exists() else "w+b") as f:
            f.seek(first * 4)
            f.write(authors.astype("<u4").tobytes())

    def remove(self, keys_or_sources: Iterable[str]) -> int:
        """Mark documents removed (by content key, source path or id); returns how many."""
        n = 0
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for k in keys_or_sources:
                cur = self.db.execute(
                    "UPDATE docs SET removed = 1 WHERE removed = 0 AND (key = ? OR source = ? OR CAST(id AS TEXT) = ?)",
                    (k, k, k),
                )
                n += cur.rowcount
            self._bump()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return n

    # ---- reading -------------------------------------------------------------
    def _load_segments(self) -> list[dict[str, np.ndarray]]:
        gen = self._generation()
        if self._segments is None or gen != self._loaded_generation:
            self._loaded_generation = gen
            segs = []
            for (name,) in self.db.execute("SELECT name FROM segments WHERE docs > 0 ORDER BY id"):
                try:
                    seg = {a: _random_access(self.path / f"{name}.{a}.npy") for a in ARRAYS}
                    for d in DIRS:  # stored lookup directories: a query reads only the buckets it needs
                        p = self.path / f"{name}.{d}.npy"
                        if p.exists():
                            seg[d] = _random_access(p)
                    segs.append(seg)
                except (OSError, ValueError) as e:
                    raise IndexFileError(
                        f"索引段 {name} 缺失或损坏，索引无法使用。请删除索引目录 {self.path} 后用 "
                        "`shuzhi index add` 重新建立索引。",
                        code="E304",
                        source=str(self.path),
                    ) from e
            self._segments = segs
            self._removed = np.array(
                [r[0] for r in self.db.execute("SELECT id FROM docs WHERE removed = 1")], dtype=np.int64
            )
            p = self.path / AUTHORS_NAME
            self._authors = (
                np.memmap(p, dtype="<u4", mode="r") if p.exists() and p.stat().st_size else np.zeros(0, "<u4")
            )
        return self._segments

    def fingerprint(self, text: str) -> Fingerprint:
        return fingerprint(text, self.settings, self.formulas)

    def candidates(
        self, fp: Fingerprint, *, exclude: Iterable[int] = (), limit: int = 200
    ) -> tuple[list[tuple[int, int, int]], np.ndarray]:
        """Documents that share passage fingerprints or an LSH band with ``fp``.

        Returns ([(doc id, shared fingerprints, shared bands)], common): the ``limit``
        best candidates by shared fingerprints, then shared bands, where ``common`` holds the 32-bit fingerprints found in
        the reports of more than ``max_authors`` distinct authors (common language).
        Work per query is bounded: a fingerprint's postings are read in full only
        when they are few (≤ M); otherwise a bounded probe decides it is common.
        """
        segs = self._load_segments()
        _, h = fp.winnowed
        q = np.unique((h >> np.uint64(32)).astype(np.uint32))
        qb = np.unique(band_keys(fp.signature, self.settings.bands))
        m = self.settings.max_authors
        los, his = lookup(segs, "fp", q)
        counts = np.zeros(len(q), dtype=np.int64)
        for lo, hi in zip(los, his, strict=False):
            counts += hi - lo
        frequent = counts > m
        common_mask = np.zeros(len(q), dtype=bool)
        if frequent.any():
            # Probe M+1 postings first: with distinct authors that already proves the
            # fingerprint common; read more only when authors repeat.
            for cap in (m + 1, 4 * (m + 1), None):
                todo = frequent & ~common_mask
                if not todo.any():
                    break
                docs, which = gather(segs, "fpdoc", los, his, todo, cap=cap)
                authors = self._authors[docs]
                real = authors != TEMPLATE_AUTHOR
                common_mask |= distinct_per_query(which[real], authors[real], len(q)) > m
        fp_docs, _ = gather(segs, "fpdoc", los, his, ~common_mask & (counts > 0))
        blos, bhis = lookup(segs, "band", qb)
        band_docs, _ = gather(segs, "banddoc", blos, bhis)
        ids_f, cnt_f = np.unique(fp_docs, return_counts=True)
        ids_b, cnt_b = np.unique(band_docs, return_counts=True)
        ids = np.union1d(ids_f, ids_b)
        shared_f = np.zeros(len(ids), dtype=np.int64)
        shared_b = np.zeros(len(ids), dtype=np.int64)
        shared_f[np.searchsorted(ids, ids_f)] = cnt_f
        shared_b[np.searchsorted(ids, ids_b)] = cnt_b
        drop = np.concatenate((self._removed, np.fromiter(exclude, dtype=np.int64)))
        keep = ~np.isin(ids, drop) if len(drop) else np.ones(len(ids), dtype=bool)
        ids, shared_f, shared_b = ids[keep], shared_f[keep], shared_b[keep]
        order = np.lexsort((ids, -shared_b, -shared_f))[:limit]
        out = list(zip(ids[order].tolist(), shared_f[order].tolist(), shared_b[order].tolist(), strict=False))
        return out, q[common_mask]

    # ---- merging segments -----------------------------------------------------
    def compact(self, names: Sequence[str] | None = None) -> int:
        """Merge segments (all by default) into one, dropping removed documents' postings.

        Crash-safe like add: the merged files are committed in one transaction and
        the old ones deleted only afterwards. Returns the number of segments merged.
        """
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._cleanup_orphans()
            rows = list(self.db.execute("SELECT id, name FROM segments WHERE docs > 0 ORDER BY id"))
            if names is not None:
                rows = [r for r in rows if r[1] in set(names)]
            removed = np.array(
                [r[0] for r in self.db.execute("SELECT id FROM docs WHERE removed = 1")], dtype=np.uint32
            )
            if len(rows) < 2 and not (rows and len(removed)):
                self.db.execute("COMMIT")
                return 0
            segs = [
                {a: np.load(self.path / f"{n}.{a}.npy", mmap_mode="r", allow_pickle=False) for a in ARRAYS}
                for _, n in rows
            ]
            ids = [r[0] for r in rows]
            marks = ",".join("?" * len(ids))
            name = f"seg-{uuid.uuid4().hex[:16]}"
            postings, dropped = write_merged(segs, self.path, name, removed)
            del segs
            _fsync_dir(self.path)
            n_docs = (
                self.db.execute(f"SELECT COALESCE(SUM(docs), 0) FROM segments WHERE id IN ({marks})", ids).fetchone()[0]
                - dropped
            )
            self.db.execute(
                "INSERT INTO segments(name, docs, postings, created) VALUES (?, ?, ?, ?)",
                (name, n_docs, postings, _now()),
            )
            self.db.execute(f"DELETE FROM segments WHERE id IN ({marks})", ids)
            self._bump()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        for _, n in rows:
            for a in ARRAYS + DIRS:
                with contextlib.suppress(OSError):
                    (self.path / f"{n}.{a}.npy").unlink()
        self._segments = None
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(rows)

    def _merge_policy(self) -> None:
        """Tiered merging: four segments of the same size class (×4) become one, so a
        query looks at O(log n) segments and each posting is rewritten O(log n) times;
        then the smallest segments are merged until at most MAX_SEGMENTS remain, so the
        number of segments a query opens does not grow with the index."""
        while True:
            rows = list(self.db.execute("SELECT name, docs FROM segments WHERE docs > 0 ORDER BY id"))
            tiers: dict[int, list[str]] = {}
            for name, docs in rows:
                tiers.setdefault(int(math.log(max(docs, 1), 4)), []).append(name)
            full = [names for names in tiers.values() if len(names) >= 4]
            if full:
                self.compact(full[0][:4])
                continue
            if len(rows) > MAX_SEGMENTS:
                smallest = sorted(rows, key=lambda r: r[1])[: len(rows) - MAX_SEGMENTS + 1]
                self.compact([name for name, _ in smallest])
                continue
            return

    def doc(self, doc_id: int) -> tuple[IndexedDoc, str]:
        row = self.db.execute(
            "SELECT id, key, source, person, unit, year, round, kind, chars, removed, text FROM docs WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise IndexFileError(f"索引中没有编号为 {doc_id} 的文档", code="E305", source=str(self.path))
        meta = DocMeta(row[2], row[3], row[4], row[5], row[6], row[7])
        return IndexedDoc(row[0], row[1], meta, row[8], bool(row[9])), bytes(row[10]).decode("utf-16-le")

    def find_key(self, key: str) -> IndexedDoc | None:
        row = self.db.execute(
            "SELECT id FROM docs WHERE key = ? AND removed = 0 ORDER BY id LIMIT 1", (key,)
        ).fetchone()
        return self.doc(int(row[0]))[0] if row else None

    def docs(self, *, include_removed: bool = False) -> Iterator[IndexedDoc]:
        q = "SELECT id, key, source, person, unit, year, round, kind, chars, removed FROM docs"
        if not include_removed:
            q += " WHERE removed = 0"
        for row in self.db.execute(q + " ORDER BY id"):
            yield IndexedDoc(
                row[0], row[1], DocMeta(row[2], row[3], row[4], row[5], row[6], row[7]), row[8], bool(row[9])
            )

    def listing(self) -> list[dict]:
        """The documents in the index as plain dicts (read-only; for `shuzhi index list`)."""
        cols = ("id", "key", "source", "person", "unit", "year", "round", "kind", "chars", "added")
        rows = self.db.execute(f"SELECT {', '.join(cols)} FROM docs WHERE removed = 0 ORDER BY id")
        return [dict(zip(cols, row, strict=False)) for row in rows]

    def stats(self) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        files = [p for p in self.path.iterdir() if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "settings": self.settings.to_dict(),
            "formulas": len(self.formulas),
            "documents": one("SELECT COUNT(*) FROM docs WHERE removed = 0"),
            "removed": one("SELECT COUNT(*) FROM docs WHERE removed = 1"),
            "templates": one("SELECT COUNT(*) FROM docs WHERE removed = 0 AND kind = 'template'"),
            "authors": one("SELECT COUNT(*) FROM authors"),
            "segments": one("SELECT COUNT(*) FROM segments WHERE docs > 0"),
            "postings": one("SELECT COALESCE(SUM(postings), 0) FROM segments"),
            "characters": one("SELECT COALESCE(SUM(chars), 0) FROM docs WHERE removed = 0"),
            "bytes": size,
        }
