"""pyahocorasick's iter_long over only the stretches of a text that can hold a phrase (same matches)."""

from __future__ import annotations

import numpy as np

# pyahocorasick looks a character up among a trie node's children one by one, so at the
# root (one child per distinct first character: ~175 for the dimension cues) every
# character of the text costs a long scan. Most of a report cannot hold any phrase; this
# module hands the automaton only the stretches that can, and gets the same matches:
#
# A "barrier" is a character that occurs in no phrase. When iter_long reads one it has no
# transition from any state: it reports what it was holding and is back at the root with
# nothing pending after it, exactly as at the start of a new search. So the stretch from
# just after a barrier through the next barrier (included) is searched the same way
# whatever precedes it, and stretches can be searched on their own, or glued together
# (each one ends with its barrier). A stretch holding no phrase yields nothing, so only
# the stretches where a phrase can start are kept: a position whose two characters are a
# two-character phrase, or whose three are the first three of a longer one (hashed: a
# necessary test; a phrase never spans a barrier, so it starts in the stretch it is in).
# The last stretch of the window ends at the window's end, as in the plain search.
MIN_SCAN = 1024  # shorter windows are searched directly: the set-up would cost more (laws: 4096 -> 1024 took
# the 399 laws under 4,096 characters from 104 to 59 ms CPU)
# Automata with fewer distinct first characters scan the root fast enough on their own (the
# 12 superseded-regulation names: 5 ms plain, 8 ms with the set-up, over gov-reports).
MIN_FIRST_CHARACTERS = 32
_HASH_BITS = 20
_HASH_MASK = (1 << _HASH_BITS) - 1
_HASH_FACTOR = np.uint32(40503)
_HASH_MASK32 = np.uint32(_HASH_MASK)
_CACHE_SIZE = 32


def _bigram_hash(first, second):
    return (first.astype(np.int64) * int(_HASH_FACTOR) + second) & _HASH_MASK


def _pair_hash32(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """_bigram_hash of uint32 code arrays, in uint32 (the low bits do not depend on the wrap-around)."""
    h = first * _HASH_FACTOR
    h += second
    h &= _HASH_MASK32
    return h


def _triple_hash32(pair: np.ndarray, third: np.ndarray) -> np.ndarray:
    """A hash of three characters from the hash of the first two (_pair_hash32) and the third."""
    h = pair * _HASH_FACTOR
    h += third
    h &= _HASH_MASK32
    return h


class _Tables:
    """Per automaton: character flags (1 in some phrase, 2 starts one, 4 is one) and a bigram filter."""

    def __init__(self, automaton):
        self.automaton = automaton  # kept so the cache key (its id) cannot be reused
        words = [w for w in automaton if w]
        codes = sorted({ord(c) for w in words for c in w})
        # One spare entry past the largest code: characters beyond it are barriers.
        self.flags = np.zeros((codes[-1] if codes else 0) + 2, np.uint8)
        self.flags[codes] = 1
        self.singles = False
        bigram = np.zeros(1 << _HASH_BITS, bool)  # the first two characters of a phrase
        pairs = np.zeros(1 << _HASH_BITS, bool)  # a phrase of two characters
        triples = np.zeros(1 << _HASH_BITS, bool)  # the first three characters of a longer phrase
        for w in words:
            self.flags[ord(w[0])] |= 2
            if len(w) == 1:
                self.flags[ord(w[0])] |= 4
                self.singles = True
                continue
            bigram[_bigram_hash(np.array([ord(w[0])]), ord(w[1]))] = True
            pair = _pair_hash32(np.array([ord(w[0])], np.uint32), np.array([ord(w[1])], np.uint32))
            if len(w) == 2:
                pairs[pair] = True
            else:
                triples[_triple_hash32(pair, np.array([ord(w[2])], np.uint32))] = True
        self.bigram = bigram
        self.pairs = pairs
        self.triples = triples
        self.worth_it = len({w[0] for w in words}) >= MIN_FIRST_CHARACTERS


_tables: dict[int, _Tables] = {}


def _tables_of(automaton) -> _Tables:
    t = _tables.get(id(automaton))
    if t is None or t.automaton is not automaton:
        if len(_tables) >= _CACHE_SIZE:
            _tables.pop(next(iter(_tables)))
        t = _tables[id(automaton)] = _Tables(automaton)
    return t


# What search_ahead found, per (automaton, text, start, end) by identity: handed out by iter_long, each once.
_ahead: dict[tuple[int, int, int, int], tuple[object, str, list]] = {}
# Between two windows searched together: a barrier (beyond every table: the clipped lookup reads a barrier).
_SEPARATOR = np.array([0x10FFFF], np.uint32)


def iter_long(automaton, text: str, start: int, end: int) -> list[tuple[int, object]]:
    """``list(automaton.iter_long(text, start, end))``: (index of the last character, value) pairs."""
    kept = _ahead.pop((id(automaton), id(text), start, end), None)
    if kept is not None and kept[0] is automaton and kept[1] is text:
        return kept[2]
    if end - start < MIN_SCAN:
        return list(automaton.iter_long(text, start, end))
    t = _tables_of(automaton)
    if not t.worth_it:
        return list(automaton.iter_long(text, start, end))
    codes = np.frombuffer(text[start:end].encode("utf-32-le", "surrogatepass"), np.uint32)
    return _search(automaton, t, codes, start)


def _search(automaton, t: _Tables, codes: np.ndarray, offset: int = 0) -> list[tuple[int, object]]:
    """iter_long over the code points ``codes`` (positions in them plus ``offset``), searching only the stretches
    that can hold a phrase (see the top of this module)."""
    flags = t.flags.take(codes, mode="clip")  # codes past the table read its last entry (a barrier)
    first = np.flatnonzero(flags[:-1] & 2)
    # _bigram_hash in uint32: the low _HASH_BITS of a product and a sum do not depend on the higher bits,
    # so the wrap-around at 2**32 changes nothing (and no int64 copies are made).
    h = codes[first] * _HASH_FACTOR
    h += codes[1:][first]
    h &= _HASH_MASK32
    sel = t.bigram[h]
    cand = first[sel]
    # Of those, where a phrase can start: its two characters a phrase, or its three a longer one's first three.
    pair = h[sel]
    ok = t.pairs[pair]
    inside = cand < len(codes) - 2  # a third character in the window
    ok[inside] |= t.triples[_triple_hash32(pair[inside], codes[2:][cand[inside]])]
    cand = cand[ok]
    if t.singles:
        cand = np.union1d(cand, np.flatnonzero(flags & 4))
    if not len(cand):
        return []
    barrier = (flags & 1) == 0
    # Stretch number of each character: barriers before it, its own barrier excluded (a
    # barrier closes the stretch it ends): the running count up to the character before.
    stretch = np.empty(len(codes), np.int32)
    stretch[0] = 0
    np.cumsum(barrier[:-1], dtype=np.int32, out=stretch[1:])
    wanted = np.zeros(int(stretch[-1]) + 1, bool)
    wanted[stretch[cand]] = True
    kept = np.flatnonzero(wanted[stretch])
    glued = codes[kept].tobytes().decode("utf-32-le", "surrogatepass")
    found = list(automaton.iter_long(glued))
    if not found:
        return []
    where = (kept[np.fromiter((i for i, _ in found), np.int64, len(found))] + offset).tolist()
    return [(i, v) for i, (_, v) in zip(where, found, strict=False)]


def iter_long_many(automaton, windows: list[tuple[str, int, int]]) -> list[list[tuple[int, object]]]:
    """``[iter_long(automaton, text, start, end) for text, start, end in windows]``, the long windows searched as
    one: their code points joined with a barrier between two (a barrier sends the automaton back to its root
    with nothing pending, as a window's end does), one pre-filter and one automaton search for all. Over the
    768 laws in groups of 64 windows: the dimension cues 99 -> 69 ms, the formulas 40 -> 31 ms."""
    t = _tables_of(automaton)
    out: list[list[tuple[int, object]] | None] = [None] * len(windows)
    long = []
    for k, (text, start, end) in enumerate(windows):
        if end - start < MIN_SCAN or not t.worth_it:
            out[k] = iter_long(automaton, text, start, end)
        else:
            long.append(k)
    if long:
        parts = []
        offsets = []
        at = 0
        for k in long:
            text, start, end = windows[k]
            parts.append(np.frombuffer(text[start:end].encode("utf-32-le", "surrogatepass"), np.uint32))
            parts.append(_SEPARATOR)
            offsets.append(at)
            at += end - start + 1
        found = _search(automaton, t, np.concatenate(parts))
        where = np.fromiter((i for i, _ in found), np.int64, len(found))
        values = [v for _, v in found]
        offs = np.array(offsets, np.int64)
        which = np.searchsorted(offs, where, side="right") - 1  # the window of each match, in order
        local = (where - offs[which] + np.array([windows[k][1] for k in long], np.int64)[which]).tolist()
        bounds = np.searchsorted(which, np.arange(len(long) + 1)).tolist()
        for w, k in enumerate(long):
            a, b = bounds[w], bounds[w + 1]
            out[k] = list(zip(local[a:b], values[a:b], strict=True))
    return out  # type: ignore[return-value]


def search_ahead(searches: list[tuple[object, list[tuple[str, int, int]]]]) -> None:
    """For each (automaton, windows): search the windows together (iter_long_many) and keep what each gives,
    for iter_long to hand out once when asked for the same window of the same text. What was kept before is
    dropped (pipeline.grouped asks for a group's windows before its analyses ask for them one by one)."""
    _ahead.clear()
    for automaton, windows in searches:
        if automaton is None:
            continue
        for (text, start, end), found in zip(windows, iter_long_many(automaton, windows), strict=True):
            _ahead[(id(automaton), id(text), start, end)] = (automaton, text, found)
