"""Sorted posting arrays on disk: vectorized lookups across segments and a bounded-memory merge."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import numpy as np
from numpy.lib.format import open_memmap

# Keys (hashes) and the document ids beside them, per kind of posting.
PAIRS = (("fp", "fpdoc"), ("band", "banddoc"))
ARRAYS = tuple(a for pair in PAIRS for a in pair)


# A directory of the top DIR_BITS bits of the (uniform) 32-bit keys turns a
# binary search over a whole segment into one over a bucket of a few hundred keys:
# fewer cache misses on large memory-mapped segments.
DIR_BITS = 16
DIR_MIN = 1 << 20  # smaller arrays stay in cache: plain searchsorted


def directory(keys: np.ndarray) -> np.ndarray:
    """dir[b] = first position whose key has top bits ≥ b (2**DIR_BITS + 1 entries)."""
    bounds = np.arange((1 << DIR_BITS) + 1, dtype=np.uint64) << np.uint64(32 - DIR_BITS)
    return np.searchsorted(keys, bounds, "left").astype(np.int64)


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


def lookup(segs: list[dict[str, np.ndarray]], key: str, q: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per segment, the [lo, hi) range of every query key."""
    los, his = [], []
    for s in segs:
        keys = s[key]
        dirs = s.get(key + "dir") if len(keys) >= DIR_MIN else None
        if dirs is None and len(keys) >= DIR_MIN:
            dirs = s[key + "dir"] = directory(keys)  # computed once per open segment
        los.append(_search(keys, dirs, q, "left"))
        his.append(_search(keys, dirs, q, "right"))
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
        if key == "fp":
            written = pos
    return written, len(dropped)
