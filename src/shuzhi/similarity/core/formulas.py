"""Mandatory formulas (以习近平同志为核心的党中央…) found in a text so they are masked before fingerprinting."""

from __future__ import annotations

import hashlib
from functools import lru_cache

import ahocorasick
import numpy as np

from ...lexicons.loader import builtin
from .hashing import fingerprint_text


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
    """(first-character table, second-character table, sorted first-trigram keys, longest formula, needs full scan)."""
    keys = [k for k in (fingerprint_text(f) for f in formulas) if len(k) >= 2]
    first = np.zeros(0x10000, dtype=bool)
    second = np.zeros(0x10000, dtype=bool)
    full_scan = False
    trigrams = []
    for k in keys:
        if len(k) < 3 or ord(k[0]) >= 0x10000 or ord(k[1]) >= 0x10000:
            full_scan = True  # too short or too rare to prefilter: scan everything
            continue
        first[ord(k[0])] = True
        second[ord(k[1])] = True
        trigrams.append((ord(k[0]) << 42) | (ord(k[1]) << 21) | ord(k[2]))
    # Sorted and distinct without np.unique: numpy 2's unique imports numpy.ma (its masked-array check),
    # 15-30 ms of CPU in every `shuzhi index add` process that otherwise never needs it.
    tri = np.array(sorted(set(trigrams)), dtype=np.uint64)
    return first, second, tri, max((len(k) for k in keys), default=0), full_scan


def formula_mask_codes(codes: np.ndarray, formulas: tuple[str, ...]) -> np.ndarray:
    """formula_mask() of the fingerprint text given as codes, several times faster.

    Only positions whose first three characters begin some formula are candidates
    (two table lookups and a binary search in numpy); Aho–Corasick then runs on the
    few windows around them instead of the whole text.
    """
    mask = np.zeros(len(codes), dtype=bool)
    if not formulas or len(codes) < 2 or _automaton(formulas) is None:
        return mask
    first, second, tri, longest, full_scan = _prefilter(formulas)
    if full_scan or not len(tri):
        return formula_mask(codes.astype("<u4").tobytes().decode("utf-32-le"), formulas)
    if len(codes) < 3:
        return mask
    # Codes above the BMP index the table's last entry (0xFFFF, a noncharacter: False).
    cand = np.flatnonzero(np.take(first, codes[:-2], mode="clip"))
    cand = cand[np.take(second, codes[cand + 1], mode="clip")]
    if not len(cand):
        return mask
    key = (codes[cand].astype(np.uint64) << np.uint64(42)) | (codes[cand + 1].astype(np.uint64) << np.uint64(21))
    key |= codes[cand + 2].astype(np.uint64)
    idx = np.minimum(np.searchsorted(tri, key), len(tri) - 1)
    starts = cand[tri[idx] == key]
    if not len(starts):
        return mask
    # Windows of `longest` characters from each start, overlapping ones merged; all
    # scanned by Aho–Corasick in one string, separated by a space (never in a key:
    # fingerprint text has no spaces), so no match spans two windows.
    brk = np.flatnonzero(np.diff(starts) > longest) + 1
    w_lo = starts[np.r_[0, brk]]
    w_hi = np.minimum(len(codes), starts[np.r_[brk - 1, len(starts) - 1]] + longest)
    lens = w_hi - w_lo
    w_off = np.cumsum(lens + 1) - (lens + 1)  # where each window starts in the joined string
    src = np.repeat(w_lo - (np.cumsum(lens) - lens), lens) + np.arange(int(lens.sum()))
    joined = np.full(int(w_off[-1] + lens[-1]), 0x20, dtype=np.uint32)
    joined[src + np.repeat(w_off - w_lo, lens)] = codes[src]
    hits = np.array(
        list(_automaton(formulas).iter(joined.astype("<u4").tobytes().decode("utf-32-le"))), dtype=np.int64
    ).reshape(-1, 2)
    if not len(hits):
        return mask
    end, length = hits[:, 0], hits[:, 1]
    w = np.searchsorted(w_off, end, "right") - 1
    first = end - w_off[w] + w_lo[w] - length + 1  # in codes
    mask[np.repeat(first, length) + np.arange(int(length.sum())) - np.repeat(np.cumsum(length) - length, length)] = True
    return mask
