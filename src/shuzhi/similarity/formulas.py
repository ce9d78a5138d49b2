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
