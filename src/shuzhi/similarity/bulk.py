"""Fingerprinting a whole batch of texts in one pass of numpy work (index builds)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .formulas import formula_mask_codes
from .minhash import band_keys_many, densify
from .settings import Settings
from .shingle import INVALID, fingerprint_codes, kgram_hashes
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


def fingerprint_batch(texts: list[str], settings: Settings, formulas: tuple[str, ...], *,
                      passages: bool = True) -> BatchPrints:
    """The same fingerprints as shingle.fingerprint() per text, computed for all texts at once."""
    parts: list[BatchPrints] = []
    offsets: list[int] = []
    lo = 0
    while lo < len(texts):
        hi, size = lo, 0
        while hi < len(texts) and (hi == lo or size + len(texts[hi]) <= CHUNK_CHARS):
            size += len(texts[hi])
            hi += 1
        parts.append(_chunk(texts[lo:hi], settings, formulas, passages))
        offsets.append(lo)
        lo = hi
    if len(parts) == 1:
        return parts[0]
    key = np.concatenate([(p.fp.astype(np.uint64) << np.uint64(32)) | (p.fpdoc + off).astype(np.uint64)
                          for p, off in zip(parts, offsets)])
    key.sort(kind="stable")  # sorted runs: a merge, not a full sort
    return BatchPrints(
        (key >> np.uint64(32)).astype(np.uint32),
        (key & np.uint64(0xFFFFFFFF)).astype(np.int64),
        np.concatenate([p.signatures for p in parts]),
        np.concatenate([p.bands for p in parts]),
        np.concatenate([p.chars for p in parts]),
    )


def _chunk(texts: list[str], settings: Settings, formulas: tuple[str, ...], passages: bool) -> BatchPrints:
    """The same fingerprints as shingle.fingerprint() per text, computed for all texts at once.

    Texts are joined with paragraph breaks, which are masked, so no k-gram spans two
    texts. Winnowing over the joined sequence keeps, for every window inside one
    text, that window's minimum: the guarantee of winnow() holds for each text.
    """
    n = len(texts)
    k, p = settings.kgram, settings.num_perm
    joined = "\n".join(texts)
    codes, pos = fingerprint_codes(joined)
    starts = np.cumsum([0] + [len(t) + 1 for t in texts])
    per_doc = np.diff(np.searchsorted(pos, starts))
    doc_of = np.repeat(np.arange(n, dtype=np.int64), per_doc)
    breaks = codes == 10
    masked = breaks.copy()
    if formulas and len(codes):
        masked |= formula_mask_codes(codes, formulas)
    h = kgram_hashes(codes, k)
    if len(h):
        h[_sliding(masked.view(np.uint8), k, np.maximum).view(bool)] = INVALID
    chars = np.bincount(doc_of[~breaks], minlength=n)

    if passages:
        sel = winnow(h, settings.window)
        # One sort of (fingerprint, document) orders the postings and makes them unique per document.
        key = (h[sel] >> np.uint64(32)) << np.uint64(32)
        key |= doc_of[sel].astype(np.uint64)
        key.sort()
        key = key[np.r_[True, key[1:] != key[:-1]]]
        fp = (key >> np.uint64(32)).astype(np.uint32)
        fpdoc = (key & np.uint64(0xFFFFFFFF)).astype(np.int64)
    else:
        fp, fpdoc = np.zeros(0, np.uint32), np.zeros(0, np.int64)

    valid = h != INVALID
    hv = h[valid]
    dv = doc_of[: len(h)][valid]
    sig = np.full(n * p, _EMPTY, dtype=np.uint32)
    np.minimum.at(sig, dv * p + (hv % np.uint64(p)).astype(np.int64), (hv >> np.uint64(32)).astype(np.uint32))
    sig = sig.reshape(n, p)
    for i in np.flatnonzero((sig == _EMPTY).any(axis=1)):
        sig[i] = densify(sig[i])
    return BatchPrints(fp, fpdoc, sig, band_keys_many(sig, settings.bands), chars)
