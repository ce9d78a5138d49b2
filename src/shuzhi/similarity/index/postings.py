"""Sorted posting arrays on disk: vectorized lookups across segments and a bounded-memory merge."""

from __future__ import annotations

import contextlib
import itertools
import mmap
import os
from pathlib import Path

import numpy as np
from numpy.lib.format import open_memmap

# Keys (hashes) and the document ids beside them, per kind of posting.
PAIRS = (("fp", "fpdoc"), ("band", "banddoc"))
ARRAYS = tuple(a for pair in PAIRS for a in pair)
# The lookup directory of each key array, stored beside it when the segment is written or merged
# (optional: a segment written before has none, and gets one computed when it is opened).
DIRS = tuple(key + "dir" for key, _ in PAIRS)


# A directory of the top DIR_BITS bits of the (uniform) 32-bit keys turns a
# binary search over a whole segment into one over a bucket of a few hundred keys:
# fewer cache misses on large memory-mapped segments.
DIR_BITS = 16
DIR_MIN = 1 << 20  # smaller arrays stay in cache: plain searchsorted


def directory(keys: np.ndarray) -> np.ndarray:
    """dir[b] = first position whose key has top bits ≥ b (2**DIR_BITS + 1 entries)."""
    bounds = np.arange((1 << DIR_BITS) + 1, dtype=np.uint64) << np.uint64(32 - DIR_BITS)
    return np.searchsorted(keys, bounds, "left").astype(np.int64)


def needs_directory(keys: np.ndarray) -> bool:
    return len(keys) >= DIR_MIN


def _search(keys: np.ndarray, dirs: np.ndarray | None, q: np.ndarray, side: str) -> np.ndarray:
    if dirs is None:
        return np.searchsorted(keys, q, side)
    b = (q >> np.uint32(32 - DIR_BITS)).astype(np.int64)
    lo, hi = dirs[b], dirs[b + 1]
    last = len(keys) - 1
    # Vectorized binary search of every query inside its own bucket.
    while True:
        active = lo < hi
        if not active.any():
            return lo
        mid = (lo + hi) // 2
        v = keys[np.minimum(mid, last)]
        go = ((v < q) if side == "left" else (v <= q)) & active
        lo = np.where(go, mid + 1, lo)
        hi = np.where(active & ~go, mid, hi)


def _search_file(keys: np.memmap, dirs: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(left, right) positions of every query key, reading only each query's bucket from the file.

    The same answer as searching the memory-mapped array, without mapping it: a page fault on a
    mapped file brings its neighbours into the process too, and a thousand queries into a large
    segment would fault in hundreds of megabytes (what `check --index` on a 100,000-document index
    held in memory). One read of a few hundred keys per bucket instead.
    """
    b = (q >> np.uint32(32 - DIR_BITS)).astype(np.int64)
    buckets = np.unique(b)
    firsts = np.asarray(dirs[buckets], dtype=np.int64)
    lasts = np.asarray(dirs[buckets + 1], dtype=np.int64)
    # The buckets are consecutive key ranges: read one after the other, they form one sorted array,
    # and each query's place in it lies inside its own bucket.
    fd = os.open(keys.filename, os.O_RDONLY)
    try:
        size = keys.dtype.itemsize
        parts = [
            os.pread(fd, size * int(z - a), keys.offset + size * int(a)) for a, z in zip(firsts, lasts, strict=True)
        ]
    finally:
        os.close(fd)
    cat = np.frombuffer(b"".join(parts), dtype=keys.dtype)
    starts = np.concatenate(([0], np.cumsum(lasts - firsts)[:-1])).astype(np.int64)
    k = np.searchsorted(buckets, b)
    shift = firsts[k] - starts[k]  # position in the file = position in cat + shift
    left = np.searchsorted(cat, q, "left").astype(np.int64) + shift
    right = np.searchsorted(cat, q, "right").astype(np.int64) + shift
    return left, right


def release(arr: np.ndarray) -> None:
    """Give back the pages a query faulted in of a memory-mapped segment array (the file stays in the page cache).

    A query's scattered reads touch a page for each few postings; kept mapped, those pages add up over the
    segments to a resident size that grows with the index. Dropped after each read, the process holds one
    array's touched pages at a time; a later read faults them in again from the cache.
    """
    mm = getattr(arr, "_mmap", None)
    if mm is not None and hasattr(mmap, "MADV_DONTNEED"):
        with contextlib.suppress(OSError, ValueError):
            mm.madvise(mmap.MADV_DONTNEED)


def lookup(segs: list[dict[str, np.ndarray]], key: str, q: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per segment, the [lo, hi) range of every query key."""
    los, his = [], []
    for s in segs:
        keys = s[key]
        stored = s.get(key + "dir") if len(keys) >= DIR_MIN else None
        if isinstance(stored, np.memmap) and isinstance(keys, np.memmap) and keys.filename and keys.dtype == np.uint32:
            lo, hi = _search_file(keys, stored, q)
            los.append(lo)
            his.append(hi)
            continue
        dirs = s.get(key + "dir") if len(keys) >= DIR_MIN else None
        if dirs is None and len(keys) >= DIR_MIN:
            # A segment written before directories were stored: computed once per open segment
            # (a pass over the whole key array, which is why new segments store theirs).
            dirs = s[key + "dir"] = directory(keys)
        los.append(_search(keys, dirs, q, "left"))
        his.append(_search(keys, dirs, q, "right"))
        release(keys)
    return los, his


def gather(
    segs: list[dict[str, np.ndarray]],
    docs_key: str,
    los: list[np.ndarray],
    his: list[np.ndarray],
    select: np.ndarray | None = None,
    cap: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(document ids, query index) of the postings in the ranges, for the selected queries.

    ``cap`` bounds how many postings of one query are read in all (segments in order).
    """
    docs, which = [], []
    idx_q = np.flatnonzero(select) if select is not None else np.arange(len(los[0]) if los else 0)
    left = np.full(len(idx_q), cap if cap is not None else np.iinfo(np.int64).max, dtype=np.int64)
    for seg, lo, hi in zip(segs, los, his, strict=False):
        lo_s, hi_s = lo[idx_q], hi[idx_q]
        n = np.minimum(hi_s - lo_s, left)
        left -= n
        total = int(n.sum())
        if not total:
            continue
        starts = np.cumsum(n) - n
        pos = np.repeat(lo_s - starts, n) + np.arange(total)
        docs.append(seg[docs_key][pos])
        release(seg[docs_key])
        which.append(np.repeat(idx_q, n))
    if not docs:
        return np.zeros(0, np.uint32), np.zeros(0, np.int64)
    return np.concatenate(docs), np.concatenate(which)


def distinct_per_query(which: np.ndarray, values: np.ndarray, n_queries: int) -> np.ndarray:
    """Number of distinct ``values`` per query index."""
    if not len(which):
        return np.zeros(n_queries, dtype=np.int64)
    order = np.lexsort((values, which))
    w, v = which[order], values[order]
    new = np.r_[True, (w[1:] != w[:-1]) | (v[1:] != v[:-1])]
    return np.bincount(w[new], minlength=n_queries)


def write_merged(
    segs: list[dict[str, np.ndarray]], directory: Path, name: str, removed: np.ndarray, partition: int = 4_000_000
) -> tuple[int, int]:
    """Merge segments into new files ``name.*.npy``, dropping removed documents.

    Memory stays bounded: the key space is cut into ranges of about ``partition``
    postings, each merged and written on its own into a memory-mapped output.
    Returns (passage postings written, documents whose postings were dropped).
    """
    written = 0
    dropped: set[int] = set()
    for key, docs_key in PAIRS:
        total = sum(len(s[key]) for s in segs)
        # Upper bound of the output; trimmed by copying once the removed are known.
        tmp_k = directory / f"{name}.{key}.npy.tmp"
        tmp_d = directory / f"{name}.{docs_key}.npy.tmp"
        out_k = open_memmap(tmp_k, mode="w+", dtype=np.uint32, shape=(total,))
        out_d = open_memmap(tmp_d, mode="w+", dtype=np.uint32, shape=(total,))
        parts = max(1, -(-total // partition))
        bounds = np.linspace(0, 2**32, parts + 1).astype(np.uint64)
        pos = 0
        for lo, hi in itertools.pairwise(bounds):
            ks, ds = [], []
            for s in segs:
                a = int(np.searchsorted(s[key], lo, "left"))
                b = int(np.searchsorted(s[key], hi, "left")) if hi < 2**32 else len(s[key])
                ks.append(np.asarray(s[key][a:b]))
                ds.append(np.asarray(s[docs_key][a:b]))
            k = np.concatenate(ks)
            d = np.concatenate(ds)
            if len(removed):
                keep = ~np.isin(d, removed)
                if not keep.all():
                    dropped.update(np.unique(d[~keep]).tolist())
                k, d = k[keep], d[keep]
            order = np.argsort(k, kind="stable")
            out_k[pos : pos + len(k)] = k[order]
            out_d[pos : pos + len(k)] = d[order]
            pos += len(k)
        for tmp, out in ((tmp_k, out_k), (tmp_d, out_d)):
            final = directory / tmp.name[: -len(".tmp")]
            if pos < total:  # removed documents dropped: copy the used prefix in chunks
                exact = directory / (tmp.name + "2")
                small = open_memmap(exact, mode="w+", dtype=np.uint32, shape=(pos,))
                for i in range(0, pos, partition):
                    j = min(pos, i + partition)
                    small[i:j] = out[i:j]
                small.flush()
                del small
                tmp.unlink()
                tmp = exact
            else:
                out.flush()
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, final)
        del out_k, out_d, out
        keys = np.load(directory / f"{name}.{key}.npy", mmap_mode="r", allow_pickle=False)
        if needs_directory(keys):
            write_directory(directory / f"{name}.{key}dir.npy", keys)
        del keys
        if key == "fp":
            written = pos
    return written, len(dropped)


def write_directory(path: Path, keys: np.ndarray) -> None:
    """Store the lookup directory of a key array beside it (written to a temporary name, fsynced, renamed)."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        np.save(f, directory(keys), allow_pickle=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
