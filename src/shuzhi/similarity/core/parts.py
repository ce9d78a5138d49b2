"""A batch's fingerprints computed in parts where texts are read, joined where they are stored (index add).

`Index.add` fingerprints a batch's texts as bulk.fingerprint_batches does: in chunks of texts joined by
paragraph breaks, winnowed over the joined sequence, so that a window across two texts (their edges)
adds a few postings that the texts alone would not have — the index's postings depend on where the
chunks are cut. Here each reading worker fingerprints the texts of its own list (``list_prints``): the
signatures, band keys and counted characters of a text depend on the text alone, and so does the
winnowing of every position whose windows all lie inside the text (its interior). Of the first and last
w − 1 positions (its edges) it keeps the hashes that decide them. Once the batch's chunks are known,
``assemble`` winnows the edges of each chunk's texts in their order with their neighbours' — the very
windows the joined sequence has — and returns the BatchPrints that fingerprinting the chunks would have.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .bulk import BatchPrints, _hashes, _keep_heap, _layout, _signatures
from .hashing import INVALID
from .settings import Settings
from .winnow import _sliding, winnow


@dataclass
class ListPrints:
    """The parts of a list of texts (see the module): ``keys`` are the 32-bit fingerprints of the texts'
    interiors as fingerprint << 32 | text number, sorted, unique; ``edges[edge_at[i]:edge_at[i + 1]]`` are
    text i's edge hashes (a long text's first and last 2w − 2, a short text's all), ``codes[i]`` its kept
    characters."""

    settings: Settings
    formulas: tuple[str, ...]
    keys: np.ndarray
    edges: np.ndarray
    edge_at: np.ndarray
    codes: np.ndarray
    signatures: np.ndarray
    bands: np.ndarray
    chars: np.ndarray
    text_keys: list[str] | None = None  # the texts' content keys, when the reader gave them (index.files.text_key)


def _long(valid: np.ndarray, w: int) -> np.ndarray:
    """Texts with an interior: more valid k-grams than their two edge runs of 2w − 2 hold."""
    return valid > 4 * w - 4


def list_prints(texts: list[str], settings: Settings, formulas: tuple[str, ...]) -> ListPrints:
    """The parts of ``texts`` (each fingerprinted as in any chunk; see the module)."""
    n, k, w = len(texts), settings.kgram, settings.window
    _keep_heap()
    h, doc_of, per_doc, chars = _hashes(texts, settings, formulas)
    sig, bands = _signatures(h, doc_of, n, settings)
    start = np.cumsum(per_doc) - per_doc
    codes = per_doc.copy()
    codes[:-1] -= 1  # the join's breaks are not the texts'
    valid = np.maximum(codes - k + 1, 0)
    long_ = _long(valid, w)
    # Interior: the positions [w − 1, valid − w] of a long text, whose every window lies inside it.
    sel = winnow(h, w) if long_.any() else np.zeros(0, np.int64)
    d = doc_of[sel]
    rel = sel - start[d]
    inner = long_[d] & (rel >= w - 1) & (rel <= valid[d] - w)
    keys = _unique(((h[sel[inner]] >> np.uint64(32)) << np.uint64(32)) | d[inner].astype(np.uint64))
    # Edges: a long text's first and last 2w − 2 hashes (what its first and last w − 1 positions' windows
    # reach inside it), a short text's all.
    e = 2 * w - 2
    lens = np.where(long_, 2 * e, valid)
    edge_at = np.r_[0, np.cumsum(lens)]
    src = np.repeat(start - edge_at[:-1], lens) + np.arange(int(edge_at[-1]))
    # A long text's tail: its last e hashes, after its first e.
    tail = np.repeat(long_, lens) & (np.arange(int(edge_at[-1])) - np.repeat(edge_at[:-1], lens) >= e)
    src[tail] += np.repeat(valid - 2 * e, lens)[tail]
    return ListPrints(settings, formulas, keys, h[src], edge_at, codes, sig, bands, chars)


def assemble(
    parts: list[tuple[ListPrints, int] | None],
    lengths: list[int],
    groups: list[int],
    settings: Settings,
    formulas: tuple[str, ...],
) -> BatchPrints | None:
    """The BatchPrints of fingerprinting the texts (given by their parts and ``lengths``, their len()) with
    ``settings`` and ``formulas`` in the runs of equal ``groups`` as Index._prints does: each run cut into
    chunks by bulk._layout, winnowed chunk by chunk, the postings numbered across all the texts. None when
    a text has no parts (None) or a part was made with other settings or formulas."""
    if any(p is None for p in parts):
        return None
    # Each list's texts in the batch: (its ListPrints, their numbers there, their numbers in the batch).
    lists: dict[int, tuple[ListPrints, list[int], list[int]]] = {}
    for j, (lp, i) in enumerate(parts):
        if id(lp) not in lists:
            lists[id(lp)] = (lp, [], [])
        lists[id(lp)][1].append(i)
        lists[id(lp)][2].append(j)
    if any(lp.settings != settings or lp.formulas != formulas for lp, _, _ in lists.values()):
        return None
    k, w = settings.kgram, settings.window
    n = len(parts)
    by_list = [(lp, np.array(own, dtype=np.int64), np.array(at, dtype=np.int64)) for lp, own, at in lists.values()]

    def gathered(field: str, shape=()) -> np.ndarray:
        out = np.empty((n, *shape), dtype=getattr(by_list[0][0], field).dtype)
        for lp, own, at in by_list:
            out[at] = getattr(lp, field)[own]
        return out

    # The chunks, as fingerprint_batches cuts each group's texts.
    chunks: list[tuple[int, int]] = []
    lo = 0
    while lo < n:
        hi = lo
        while hi < n and groups[hi] == groups[lo]:
            hi += 1
        chunks += [(lo + a, lo + b) for a, b in _layout(lengths[lo:hi])]
        lo = hi
    codes = gathered("codes").astype(np.int64)
    valid = np.maximum(codes - k + 1, 0)
    long_ = _long(valid, w)
    estart = np.empty(n, dtype=np.int64)
    elen = np.empty(n, dtype=np.int64)
    for lp, own, at in by_list:
        estart[at] = lp.edge_at[own]
        elen[at] = lp.edge_at[own + 1] - lp.edge_at[own]
    # Each text's edges, then the k-grams over the break after it (INVALID: min(codes + 1, k) of them), as in
    # the joined sequence; the last text of a chunk has no break after it.
    sep = np.minimum(codes + 1, k)
    last = np.array([b - 1 for _, b in chunks], dtype=np.int64)
    sep[last] = 0
    glen = elen + sep
    gstart = np.r_[0, np.cumsum(glen)[:-1]]
    g = np.full(int(glen.sum()), INVALID, dtype=np.uint64)
    for lp, _, at in by_list:  # each text's edges to its place in g
        size = elen[at]
        offset = np.repeat(np.r_[0, np.cumsum(size)[:-1]], size)
        within = np.arange(int(size.sum())) - offset
        g[np.repeat(gstart[at], size) + within] = lp.edges[np.repeat(estart[at], size) + within]
    doc = np.repeat(np.arange(n, dtype=np.int64), glen)
    rel = np.arange(len(g)) - np.repeat(gstart, glen)
    # Positions decided here: all of a short text's, a long text's first and last w − 1.
    mine = rel < np.repeat(elen, glen)
    lg = np.repeat(long_, glen)
    mine &= ~lg | (rel < w - 1) | (rel >= np.repeat(elen, glen) - (w - 1))
    # Chunks: where each starts in g, and its length as the joined sequence has it (codes − k + 1 k-grams:
    # past a last text of fewer than k − 1 codes, the k-grams over the break before it are not there).
    cfirst = np.array([a for a, _ in chunks], dtype=np.int64)
    cstart = gstart[cfirst] if n else cfirst
    cend = gstart[last] + glen[last]
    clen = cend - cstart - np.maximum(k - 1 - codes[last], 0)
    chunk_of = np.repeat(np.arange(len(chunks)), cend - cstart)
    cut = np.zeros(len(g), dtype=bool)  # positions past the end of their chunk's joined sequence
    for c in np.flatnonzero(clen < cend - cstart):
        cut[cstart[c] + max(int(clen[c]), 0) : cend[c]] = True
    sel = np.zeros(len(g), dtype=bool)
    if len(g) >= w:
        wmin = _sliding(g, w, np.minimum)
        # A window across two chunks is no window of either (winnow's zero padding at a sequence's ends).
        j = np.arange(len(wmin))
        wmin[(chunk_of[j] != chunk_of[j + w - 1]) | cut[j + w - 1]] = 0
        pad = np.zeros(w - 1, dtype=g.dtype)
        best = _sliding(np.concatenate((pad, wmin, pad)), w, np.maximum)
        sel = g == best
    # A chunk shorter than a window is one window (winnow's w = n): its minimum.
    for c in np.flatnonzero(clen < w):
        a, b = int(cstart[c]), int(cstart[c] + max(int(clen[c]), 0))
        sel[cstart[c] : cend[c]] = False
        if b > a:
            sel[a + winnow(g[a:b], w)] = True
    sel &= mine & (g != INVALID) & ~cut
    # The interiors' keys, text numbers made the batch's: each list's keys stay sorted (its texts keep their
    # order), so one stable sort merges the lists' runs (not a sort of every key).
    runs = [_unique(((g[sel] >> np.uint64(32)) << np.uint64(32)) | doc[sel].astype(np.uint64))]
    low = np.uint64(0xFFFFFFFF)
    for lp, own, at in by_list:
        number = np.full(len(lp.codes), -1, dtype=np.int64)
        number[own] = at
        j = number[(lp.keys & low).astype(np.int64)]
        keep = j >= 0
        runs.append((lp.keys[keep] & ~low) | j[keep].astype(np.uint64))
    key = np.concatenate(runs)
    key.sort(kind="stable")
    key = _unique(key, ordered=True)
    return BatchPrints(
        (key >> np.uint64(32)).astype(np.uint32),
        (key & np.uint64(0xFFFFFFFF)).astype(np.int64),
        gathered("signatures", (settings.num_perm,)),
        gathered("bands", (settings.bands,)),
        gathered("chars"),
    )


def _unique(key: np.ndarray, ordered: bool = False) -> np.ndarray:
    """The distinct values of ``key``, sorted (np.unique hashes first in numpy 2: several times slower)."""
    if not ordered:
        key = np.sort(key)
    return key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
