"""Fingerprinting a whole batch of texts in one pass of numpy work (index builds)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .formulas import formula_mask_codes
from .hashing import INVALID, _table, codepoints, kgram_hashes
from .minhash import band_keys_many, densify_many
from .settings import Settings
from .winnow import _sliding, winnow

_EMPTY = np.uint32(0xFFFFFFFF)


@dataclass
class BatchPrints:
    """Per batch: passage postings (32-bit fingerprint, local doc number), signatures, band keys."""

    fp: np.ndarray  # uint32, sorted, unique per document
    fpdoc: np.ndarray  # local document number (0..n-1) of each fingerprint
    signatures: np.ndarray  # (n, num_perm) uint32
    bands: np.ndarray  # (n, bands) uint32
    chars: np.ndarray  # counted characters per document


# Work in chunks of about this many characters: numpy temporaries stay in cache
# instead of faulting in fresh pages (several times faster than one huge pass).
CHUNK_CHARS = 200_000

_heap_kept = False


def _keep_heap() -> None:
    """Let the chunks' temporaries (~1.6 MB each) be reused instead of page-faulted anew.

    glibc serves blocks above its mmap threshold (128 KiB at start) by mmap, and
    gives freed heap back to the OS above twice that; both thresholds rise to the
    size of the largest mmapped block freed (at most 32 MiB). Without this, every
    temporary of every chunk faults its pages in again: the document tier of 2,000
    documents took 0.19 s instead of 0.09 s. Allocating and freeing one untouched
    24 MiB block once raises them (no page is touched; elsewhere it does nothing).
    """
    global _heap_kept
    if not _heap_kept:
        _heap_kept = True
        block = np.empty(24 << 20, dtype=np.uint8)
        del block


def fingerprint_batch(
    texts: list[str], settings: Settings, formulas: tuple[str, ...], *, passages: bool = True
) -> BatchPrints:
    """The same fingerprints as shingle.fingerprint() per text, computed for all texts at once."""
    return fingerprint_batches([texts], settings, formulas, passages=passages)[0]


def _layout(sizes: list[int]) -> list[tuple[int, int]]:
    """The (lo, hi) runs of texts of these len()s fingerprinted together: about CHUNK_CHARS characters each."""
    out = []
    lo = 0
    while lo < len(sizes):
        hi, size = lo, 0
        while hi < len(sizes) and (hi == lo or size + sizes[hi] <= CHUNK_CHARS):
            size += sizes[hi]
            hi += 1
        out.append((lo, hi))
        lo = hi
    return out


def fingerprint_batches(
    batches: list[list[str]],
    settings: Settings,
    formulas: tuple[str, ...],
    *,
    passages: bool = True,
    threads: int = 1,
) -> list[BatchPrints]:
    """fingerprint_batch() of each batch. ``threads`` > 1: their chunks are fingerprinted in that many threads
    (numpy lets go of the interpreter in its loops and sorts, so a second core does part of the work); the
    chunks are cut as one batch at a time cuts them and joined in order, so the results are the same."""
    _keep_heap()
    jobs = [(b, lo, hi) for b, texts in enumerate(batches) for lo, hi in _layout([len(t) for t in texts])]

    def one(job):
        b, lo, hi = job
        return _chunk(batches[b][lo:hi], lo, settings, formulas, passages)

    if threads > 1 and len(jobs) > 1:
        done = [one(jobs[0])]  # the first in this thread: the shared tables and automata are built once
        done += _pool(threads).map(one, jobs[1:])
    else:
        done = [one(j) for j in jobs]
    per_batch: list[list] = [[] for _ in batches]
    for (b, _, _), part in zip(jobs, done, strict=True):
        per_batch[b].append(part)
    if threads > 1 and len(batches) > 1:
        return list(_pool(threads).map(lambda parts: _combine(parts, settings), per_batch))
    return [_combine(parts, settings) for parts in per_batch]


_POOLS: dict[tuple[int, int], ThreadPoolExecutor] = {}


def _pool(threads: int) -> ThreadPoolExecutor:
    # Per process: a forked child has none of its parent's threads, so it starts its own pool.
    key = (os.getpid(), threads)
    if key not in _POOLS:
        _one_arena()
        _POOLS[key] = ThreadPoolExecutor(threads, thread_name_prefix="shuzhi-fingerprint")
    return _POOLS[key]


def _one_arena() -> None:
    """glibc gives each new thread a heap of its own, whose pages all fault in afresh (the 600 longest laws:
    5,000 more page faults in two threads than in one); with one heap the threads reuse what _keep_heap
    kept. Elsewhere than glibc, nothing."""
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(-8, 1)  # M_ARENA_MAX
    except (ImportError, OSError, AttributeError):
        pass


def _combine(parts: list, settings: Settings) -> BatchPrints:
    # One sort of all (fingerprint, document) keys orders the postings and makes
    # them unique per document (keys are distinct after that: no stable sort needed).
    key = np.concatenate([part[0] for part in parts]) if parts else np.zeros(0, np.uint64)
    key.sort()
    key = key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
    p = settings.num_perm
    return BatchPrints(
        (key >> np.uint64(32)).astype(np.uint32),
        (key & np.uint64(0xFFFFFFFF)).astype(np.int64),
        np.concatenate([part[1] for part in parts]) if parts else np.zeros((0, p), np.uint32),
        np.concatenate([part[2] for part in parts]) if parts else np.zeros((0, settings.bands), np.uint32),
        np.concatenate([part[3] for part in parts]) if parts else np.zeros(0, np.int64),
    )


def _chunk(
    texts: list[str], first_doc: int, settings: Settings, formulas: tuple[str, ...], passages: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(unsorted fingerprint << 32 | document number keys, signatures, band keys, counted characters) of texts.

    Texts are joined with paragraph breaks, which are masked, so no k-gram spans two
    texts. Winnowing over the joined sequence keeps, for every window inside one
    text, that window's minimum: the guarantee of winnow() holds for each text.
    """
    h, doc_of, _, chars = _hashes(texts, settings, formulas)
    key = np.zeros(0, np.uint64)
    if passages:
        sel = winnow(h, settings.window)
        key = (h[sel] >> np.uint64(32)) << np.uint64(32)
        key |= (doc_of[sel] + first_doc).astype(np.uint64)
    sig, bands = _signatures(h, doc_of, len(texts), settings)
    return key, sig, bands, chars


def _hashes(
    texts: list[str], settings: Settings, formulas: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(k-gram hashes of the texts joined by paragraph breaks, INVALID where masked; the text of each code;
    codes per text, the join's break counted with the text before it; counted characters per text)."""
    n = len(texts)
    codes, per_doc = _codes_per_doc(texts)
    doc_of = np.repeat(np.arange(n, dtype=np.int64), per_doc)
    breaks = codes == 10
    masked = breaks
    if formulas and len(codes):
        masked = breaks | formula_mask_codes(codes, formulas)
    k = settings.kgram
    h = kgram_hashes(codes, k)
    if len(h):
        h[_sliding(masked.view(np.uint8), k, np.maximum).view(bool)] = INVALID
    # Counted characters: all kept ones but the paragraph breaks (few: counted apart).
    chars = per_doc - np.bincount(doc_of[np.flatnonzero(breaks)], minlength=n)
    return h, doc_of, per_doc, chars


def _signatures(h: np.ndarray, doc_of: np.ndarray, n: int, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """(MinHash signatures, band keys) of the ``n`` texts whose k-gram hashes are ``h`` (each text's alone)."""
    p = settings.num_perm
    # INVALID k-grams need no filtering here: their value (all ones) is the empty
    # slot's, so the minimum is unchanged wherever they land.
    sig = np.full(n * p, _EMPTY, dtype=np.uint32)
    if p & (p - 1) == 0:  # a power of two: the bin is the low bits, no 64-bit division
        slot = (h & np.uint64(p - 1)).astype(np.int64)
        slot |= doc_of[: len(h)] << (p.bit_length() - 1)
    else:
        slot = (h % np.uint64(p)).astype(np.int64)
        slot += doc_of[: len(h)] * p
    np.minimum.at(sig, slot, (h >> np.uint64(32)).astype(np.uint32))
    sig = densify_many(sig.reshape(n, p))
    return sig, band_keys_many(sig, settings.bands)


def _codes_per_doc(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """fingerprint_codes() of the texts joined by paragraph breaks, and how many codes each text has.

    The join's own breaks are counted with the text before them; without positions
    (which only a single text's alignment needs) it is two passes cheaper.
    """
    cps = codepoints("\n".join(texts))
    mapped = np.take(_table(), cps, mode="clip")
    if len(cps) and int(cps.max()) > 0xFFFF:  # outside the BMP: kept as they are (rare CJK extensions)
        wide = cps > 0xFFFF
        mapped[wide] = cps[wide]
    kept = mapped != 0
    bounds = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    # One False past the end: an empty last text starts there.
    per_doc = np.add.reduceat(np.r_[kept, False], bounds, dtype=np.int64)
    return mapped[kept], per_doc
