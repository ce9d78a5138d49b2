"""Normalization of raw extracted text into the analysed text, keeping a map back to the source."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

import numpy as np

from ..model.document import Excluded, Unit
from .residue import find_residue

# Full-width digits, Latin letters, percent sign and full stop become ASCII for
# analysis (1:1, so offsets are unchanged). Chinese punctuation (，：（）) stays.
_FULLWIDTH = {0xFF10 + i: 0x30 + i for i in range(10)}
_FULLWIDTH.update({0xFF21 + i: 0x41 + i for i in range(26)})
_FULLWIDTH.update({0xFF41 + i: 0x61 + i for i in range(26)})
_FULLWIDTH.update({0xFF05: 0x25, 0xFF0E: 0x2E, 0xFF0B: 0x2B})

# Finding the few full-width characters and replacing just those is ~10x faster
# than str.translate over a whole Chinese text (translate works per character).
_FULLWIDTH_RE = re.compile("[" + "".join(map(chr, sorted(_FULLWIDTH))) + "]")


def _to_ascii(m: re.Match) -> str:
    return chr(_FULLWIDTH[ord(m.group())])


# A document is analysed through a simplified view when more than this share of its
# Chinese characters are traditional-only (in OpenCC's character table). A simplified
# report may hold a few such characters (乾隆, a quoted name), never anywhere near 5 %.
TRADITIONAL_SHARE = 0.05
_CJK_RE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_SAMPLE_SLICE = 600


@cache
def _t2s_pairs() -> tuple[str, str]:
    """OpenCC's traditional -> simplified characters, 1:1 (see data/t2s_chars.toml)."""
    data = tomllib.loads(resources.files("shuzhi.text").joinpath("t2s_chars.toml").read_text(encoding="utf-8"))
    return data["traditional"], data["simplified"]


@cache
def _traditional_set() -> frozenset[str]:
    return frozenset(_t2s_pairs()[0])


@cache
def _t2s_table() -> dict[int, int]:
    trad, simp = _t2s_pairs()
    return dict(zip(map(ord, trad), map(ord, simp), strict=False))


def _sample(raw: str) -> str:
    """Head, middle and tail of ``raw`` (_SAMPLE_SLICE characters each), or all of a short text."""
    n = len(raw)
    if n <= 3 * _SAMPLE_SLICE:
        return raw
    mid = (n - _SAMPLE_SLICE) // 2
    return raw[:_SAMPLE_SLICE] + raw[mid : mid + _SAMPLE_SLICE] + raw[-_SAMPLE_SLICE:]


def detect_script(raw: str) -> str:
    """ "traditional" when more than TRADITIONAL_SHARE of the Chinese characters are traditional-only, else "simplified".

    Counted over a sample (head, middle, tail) because this runs on every document:
    traditional reports hold 25–35 % traditional-only characters throughout, far above the
    5 % line, so 1,800 characters decide it. A set test (~20 µs per 1,000 characters, a
    third of a regex class of 3,000 characters) stops at once for the usual simplified
    report, whose sample holds no traditional character at all.
    """
    sample = _sample(raw)
    traditional = _traditional_set()
    if traditional.isdisjoint(sample):
        return "simplified"
    cjk = len(_CJK_RE.findall(sample))
    n_traditional = sum(map(traditional.__contains__, sample))
    return "traditional" if cjk and n_traditional > TRADITIONAL_SHARE * cjk else "simplified"


_HWS = " \t\r\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\x00"
# A separator is a maximal run of whitespace; it holds a paragraph break when it holds a newline.
# (Written as one class, not "spaces-newline-spaces | spaces": the same matches, and the regex engine
# skips straight to the next whitespace instead of trying two alternatives at every character.)
_SEP = re.compile(f"[{_HWS}\\n]+")
_WORDISH = re.compile(r"[0-9A-Za-z.%]")


def _is_wordish(ch: str) -> bool:
    return bool(_WORDISH.match(ch))


def normalize(raw: str, units: list[Unit], excluded: list[Excluded]) -> tuple[str, np.ndarray]:
    """Return the analysed text and ``to_raw`` (len(text)+1 raw indices).

    - full-width digits/letters/% become ASCII;
    - excluded spans (vendor residue) and soft line breaks are dropped;
    - whitespace inside a line is dropped between Chinese characters and
      collapsed to one space between Latin words or numbers;
    - blank lines are dropped: paragraphs are separated by exactly one newline.
    """
    work = _FULLWIDTH_RE.sub(_to_ascii, raw)
    if excluded or any(u.soft_break for u in units):
        pieces = []
        cuts: list[tuple[int, int]] = [(e.raw_start, e.raw_end) for e in excluded]
        for u in units:
            if u.soft_break and u.raw_end < len(work) and work[u.raw_end] == "\n":
                cuts.append((u.raw_end, u.raw_end + 1))
        cuts.sort()
        pos = 0
        for a, b in cuts:
            if a < pos:
                a = pos
            if b <= a:
                continue
            pieces.append(work[pos:a])
            pieces.append("\x00" * (b - a))
            pos = b
        pieces.append(work[pos:])
        work = "".join(pieces)

    out: list[str] = []
    starts: list[int] = []
    lens: list[int] = []
    last = 0
    n = len(work)
    for m in _SEP.finditer(work):
        a, b = m.span()
        if a > last:
            out.append(work[last:a])
            starts.append(last)
            lens.append(a - last)
        last = b
        if not out:  # leading whitespace
            continue
        if b >= n:  # trailing whitespace
            continue
        sep = m.group()
        if "\n" in sep:
            out.append("\n")
            starts.append(a + sep.index("\n"))
            lens.append(1)
        else:
            prev = out[-1][-1]
            nxt = work[b]
            if prev != "\n" and _is_wordish(prev) and _is_wordish(nxt):
                out.append(" ")
                starts.append(a)
                lens.append(1)
    if last < n:
        out.append(work[last:])
        starts.append(last)
        lens.append(n - last)
    text = "".join(out)
    if lens:
        L = np.asarray(lens, dtype=np.int64)
        S = np.asarray(starts, dtype=np.int64)
        offs = np.concatenate(([0], np.cumsum(L)[:-1]))
        to_raw = np.repeat(S - offs, L) + np.arange(int(L.sum()), dtype=np.int64)
        end = int(to_raw[-1]) + 1 if len(to_raw) else 0
        to_raw = np.append(to_raw, end)
    else:
        to_raw = np.zeros(1, dtype=np.int64)
    return text, to_raw


_WORD_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%")  # = _WORDISH


def _separator(work: str):
    """What normalize_text puts for each whitespace run: the same choice normalize() makes."""
    n = len(work)
    words = _WORD_CHARS

    def repl(m: re.Match) -> str:
        a, b = m.span()
        if a == 0 or b >= n:  # leading or trailing whitespace
            return ""
        if "\n" in m.group():
            return "\n"
        return " " if work[a - 1] in words and work[b] in words else ""

    return repl


def normalize_text(raw: str, excluded: list[Excluded]) -> str:
    """normalize()'s text alone, for a source without soft line breaks (a .txt): no map back to the source.

    The index stores and fingerprints only the analysed text; building ``to_raw`` and the units
    (a numpy array and an object per line) is most of what loading a .txt costs.
    """
    work = _FULLWIDTH_RE.sub(_to_ascii, raw)
    if excluded:
        pieces = []
        pos = 0
        for a, b in sorted((e.raw_start, e.raw_end) for e in excluded):
            a = max(a, pos)
            if b <= a:
                continue
            pieces.append(work[pos:a])
            pieces.append("\x00" * (b - a))
            pos = b
        pieces.append(work[pos:])
        work = "".join(pieces)
    return _SEP.sub(_separator(work), work)


def analysed_text(raw: str, residue_signals: dict[str, str] | None = None) -> str:
    """The analysed text of a plain-text source: prepare(raw, units_from_lines(raw))[1], only faster."""
    view = raw.translate(_t2s_table()) if detect_script(raw) == "traditional" else raw
    return normalize_text(view, find_residue(view, residue_signals))


def prepare(
    raw: str, units: list[Unit], residue_signals: dict[str, str] | None = None
) -> tuple[str, str, np.ndarray, list[Excluded]]:
    """(script, analysed text, to_raw, excluded residue) of a raw text: what a Document is built from.

    ``residue_signals`` is a config's merged placeholders.residue_signals (the built-in table by default)."""
    script = detect_script(raw)
    # A traditional report is analysed through its simplified view: every word list and
    # pattern (residue included) is simplified. One character for one, so the view's
    # offsets are raw's offsets and to_raw still points into the source as written.
    view = raw.translate(_t2s_table()) if script == "traditional" else raw
    excluded = find_residue(view, residue_signals)
    text, to_raw = normalize(view, units, excluded)
    return script, text, to_raw, excluded


def units_from_lines(raw: str) -> list[Unit]:
    """Units for plain text: one per line, 1-based line numbers."""
    units = []
    append = units.append
    pos = 0
    for i, n in enumerate(map(len, raw.split("\n")), start=1):
        append(Unit(pos, pos + n, i))
        pos += n + 1
    return units
