"""Mandatory formulas (以习近平同志为核心的党中央…) found in a text so they are masked before fingerprinting."""
from __future__ import annotations

import hashlib
from functools import lru_cache

import ahocorasick
import numpy as np

from ..lexicons import builtin


def formula_list(extra: tuple[str, ...] = (), lexicons=None) -> tuple[str, ...]:
    """The curated lists (rules/data/formulas.toml: mandatory + stock), or a config's merged ones."""
    if lexicons is not None:
        merged = [*lexicons.get("formulas.mandatory"), *lexicons.get("formulas.stock"), *extra]
        return tuple(dict.fromkeys(f for f in merged if f))
    data = builtin()
    base = [*data.get("formulas.mandatory", []), *data.get("formulas.stock", [])]
    out = [f for f in (*base, *extra) if f]
    return tuple(dict.fromkeys(out))


def formulas_digest(formulas: tuple[str, ...]) -> str:
    return hashlib.sha1("\n".join(sorted(formulas)).encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=8)
def _automaton(formulas: tuple[str, ...]):
    # Formulas are matched in the fingerprint text (punctuation dropped, digits
    # unified), so 增强“四个意识” and 增强四个意识 are the same formula.
    from .shingle import fingerprint_text

    a = ahocorasick.Automaton()
    n = 0
    for f in formulas:
        key = fingerprint_text(f)
        if len(key) >= 2:
            a.add_word(key, len(key))
            n += 1
    if not n:
        return None
    a.make_automaton()
    return a


def formula_mask(fp_text: str, formulas: tuple[str, ...]) -> np.ndarray:
    """A bool per character of a fingerprint text: True inside an occurrence of a formula."""
    mask = np.zeros(len(fp_text), dtype=bool)
    if not formulas or not fp_text:
        return mask
    auto = _automaton(formulas)
    if auto is None:
        return mask
    hits = np.array(list(auto.iter(fp_text)), dtype=np.int64).reshape(-1, 2)
    if not len(hits):
        return mask
    # Coverage by a difference array: +1 where a formula starts, −1 after it ends.
    diff = np.zeros(len(fp_text) + 1, dtype=np.int32)
    np.add.at(diff, hits[:, 0] - hits[:, 1] + 1, 1)
    np.add.at(diff, hits[:, 0] + 1, -1)
    return np.cumsum(diff[:-1]) > 0


@lru_cache(maxsize=8)
def _prefilter(formulas: tuple[str, ...]):
    """(first-character table, sorted first-trigram keys, longest formula, needs full scan)."""
    from .shingle import fingerprint_text

    keys = [k for k in (fingerprint_text(f) for f in formulas) if len(k) >= 2]
    first = np.zeros(0x10000, dtype=bool)
    full_scan = False
    trigrams = []
    for k in keys:
        if len(k) < 3 or ord(k[0]) >= 0x10000:
            full_scan = True  # too short or too rare to prefilter: scan everything
            continue
        first[ord(k[0])] = True
        trigrams.append((ord(k[0]) << 42) | (ord(k[1]) << 21) | ord(k[2]))
    tri = np.unique(np.array(trigrams, dtype=np.uint64))
    return first, tri, max((len(k) for k in keys), default=0), full_scan


def formula_mask_codes(codes: np.ndarray, formulas: tuple[str, ...]) -> np.ndarray:
    """formula_mask() of the fingerprint text given as codes, several times faster.

    Only positions whose first three characters begin some formula are candidates
    (a table lookup and a binary search in numpy); Aho–Corasick then runs on the
    few windows around them instead of the whole text.
    """
    mask = np.zeros(len(codes), dtype=bool)
    if not formulas or len(codes) < 2 or _automaton(formulas) is None:
        return mask
    first, tri, longest, full_scan = _prefilter(formulas)
    if full_scan or not len(tri):
        return formula_mask(codes.astype("<u4").tobytes().decode("utf-32-le"), formulas)
    if len(codes) < 3:
        return mask
    cand = np.flatnonzero(first[np.minimum(codes[:-2], 0xFFFF)])
    if not len(cand):
        return mask
    c = codes.astype(np.uint64)
    key = (c[cand] << np.uint64(42)) | (c[cand + 1] << np.uint64(21)) | c[cand + 2]
    idx = np.minimum(np.searchsorted(tri, key), len(tri) - 1)
    starts = cand[tri[idx] == key]
    auto = _automaton(formulas)
    lo = hi = -1
    for s in starts.tolist() + [None]:
        if s is not None and s <= hi:
            hi = max(hi, s + longest)
            continue
        if lo >= 0:  # scan the finished window
            window = codes[lo:hi].astype("<u4").tobytes().decode("utf-32-le")
            for end, length in auto.iter(window):
                mask[lo + end - length + 1: lo + end + 1] = True
        if s is not None:
            lo, hi = s, min(len(codes), s + longest)
    return mask
