"""Normalization of raw extracted text into the analysed text, keeping a map back to the source."""

from __future__ import annotations

import pkgutil
import re
import tomllib
from functools import cache

import numpy as np

from ..model.document import Excluded, LineUnits, Unit
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
_SAMPLE_SLICE = 600


@cache
def _t2s_pairs() -> tuple[str, str]:
    """OpenCC's traditional -> simplified characters, 1:1 (see data/t2s_chars.toml)."""
    data = tomllib.loads(
        pkgutil.get_data("shuzhi.text", "t2s_chars.toml").decode("utf-8")
    )  # not importlib.resources: 7 ms of imports
    return data["traditional"], data["simplified"]


@cache
def _traditional_table() -> np.ndarray:
    """Traditional-only characters as a lookup by code point (see _code_table)."""
    return _code_table(_t2s_pairs()[0])


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


def _codes(text: str) -> np.ndarray:
    """The code points of ``text``."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


def _lookup(table: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``table`` (see _code_table) at every code point."""
    return table.take(codes, mode="clip")  # = table[np.minimum(codes, len(table) - 1)], without the copy


def _code_table(chars: str) -> np.ndarray:
    """A lookup by code point: True for ``chars`` (one spare False entry past the largest, for all above)."""
    codes = [ord(c) for c in chars]
    table = np.zeros(max(codes) + 2, bool)
    table[codes] = True
    return table


def detect_script(raw: str) -> str:
    """ "traditional" when more than TRADITIONAL_SHARE of the Chinese characters are traditional-only, else "simplified".

    Counted over a sample (head, middle, tail) because this runs on every document:
    traditional reports hold 25–35 % traditional-only characters throughout, far above the
    5 % line, so 1,800 characters decide it. Looked up over the code points at once (a set
    test per character cost 0.25 ms a document).
    """
    codes = _codes(_sample(raw))
    n_traditional = int(np.count_nonzero(_lookup(_traditional_table(), codes)))
    if not n_traditional:
        return "simplified"
    cjk = int(np.count_nonzero(((codes >= 0x4E00) & (codes <= 0x9FFF)) | ((codes >= 0x3400) & (codes <= 0x4DBF))))
    return "traditional" if cjk and n_traditional > TRADITIONAL_SHARE * cjk else "simplified"


_HWS = " \t\r\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\x00"
# A separator is a maximal run of whitespace; it holds a paragraph break when it holds a newline.
# (Written as one class, not "spaces-newline-spaces | spaces": the same matches, and the regex engine
# skips straight to the next whitespace instead of trying two alternatives at every character.)
_SEP = re.compile(f"[{_HWS}\\n]+")
# Latin letters, digits, "." and "%": a space between two of them is kept (one), else dropped.
_WORD_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%"


# normalize_text cuts lines with str.split(), whose whitespace (str.isspace) is _HWS but for these: the
# ones split() cuts at and _SEP keeps, and the ones _SEP drops (zero-width space, BOM, NUL) and split() keeps.
# (tests/text/test_light_text.py computes it again.)
_SPLIT_DIFFERS = (
    "\x00\x1c\x1d\x1e\x1f\x85\u1680\u2000\u2001\u2004\u2005\u2006\u2007\u2008\u200a\u200b\u2028\u2029\u202f\u205f\ufeff"
)
_WORDS = frozenset(_WORD_CHARS)


# One table read per code point gives what normalize() asks of a character: whitespace (_HWS and the newline),
# wordish (after the full-width ones become ASCII) and full-width. Its last entry (0) stands for every code above.
_SPACE, _WORDISH, _WIDE = 1, 2, 4
_NORMALIZE_FLAGS = np.zeros(max(_FULLWIDTH) + 2, np.uint8)
_NORMALIZE_FLAGS[[ord(c) for c in _HWS + "\n"]] |= _SPACE
_NORMALIZE_FLAGS[[ord(c) for c in _WORD_CHARS]] |= _WORDISH
_NORMALIZE_FLAGS[list(_FULLWIDTH)] |= _WIDE
_NORMALIZE_FLAGS[[c for c, a in _FULLWIDTH.items() if chr(a) in _WORD_CHARS]] |= _WORDISH
_WIDE_TO_ASCII = np.arange(max(_FULLWIDTH) + 1, dtype=np.uint32)
_WIDE_TO_ASCII[list(_FULLWIDTH)] = list(_FULLWIDTH.values())


def normalize(raw: str, units: list[Unit], excluded: list[Excluded]) -> tuple[str, np.ndarray]:
    """Return the analysed text and ``to_raw`` (len(text)+1 raw indices).

    - full-width digits/letters/% become ASCII;
    - excluded spans (vendor residue) and soft line breaks are dropped;
    - whitespace inside a line is dropped between Chinese characters and
      collapsed to one space between Latin words or numbers;
    - blank lines are dropped: paragraphs are separated by exactly one newline.

    Every maximal whitespace run (_SEP) is dropped at the start and the end of the text; inside, it
    becomes its first newline, else one space between two wordish characters, else nothing. Decided
    for all runs at once over the code points (numpy): a loop over the runs cost a Python step per
    line and per space (a law of 5,000 characters has ~150 of each).

    One table read (_NORMALIZE_FLAGS) tells the whitespace, the wordish and the full-width characters: the
    full-width ones are made ASCII over the code points only where there are any (34 of the 768 laws), not
    by a regex over every text (20 us of a law's 110), and the runs come from one subtraction instead of
    np.diff with padding (14 us). The same text and map as the regex and np.diff did
    (tests/text/test_fast_scans_checkfast6.py).
    """
    n = len(raw)
    if not n:
        return "", np.zeros(1, dtype=np.int64)
    codes = _codes(raw)
    flags = _NORMALIZE_FLAGS.take(codes, mode="clip")
    soft = [] if isinstance(units, LineUnits) else [u.raw_end for u in units if u.soft_break]
    cuts: list[tuple[int, int]] = [(e.raw_start, e.raw_end) for e in excluded]
    for end in soft:
        if end < n and raw[end] == "\n":
            cuts.append((end, end + 1))
    if cuts:
        # Cut characters read as NUL: whitespace, neither wordish nor full-width, never a newline.
        codes = codes.copy()
        for a, b in cuts:
            codes[a:b] = 0
            flags[a:b] = _SPACE
    if (flags & _WIDE).any():
        wide = np.flatnonzero(flags & _WIDE)
        if not codes.flags.writeable:
            codes = codes.copy()
        codes[wide] = _WIDE_TO_ASCII[codes[wide]]
    space = (flags & _SPACE).view(bool)
    step = space.view(np.int8)
    step = step[1:] - step[:-1]
    # Runs that start after the first character and end before the last one: a run at the very start has an
    # end and no start, one at the very end a start and no end.
    run_starts = np.flatnonzero(step == 1) + 1
    run_ends = np.flatnonzero(step == -1) + 1
    if space[0]:
        run_ends = run_ends[1:]
    if space[-1]:
        run_starts = run_starts[:-1]
    newlines = np.flatnonzero(codes == 0x0A)
    first_nl = np.searchsorted(newlines, run_starts)
    has_nl = first_nl < len(newlines)
    has_nl[has_nl] = newlines[first_nl[has_nl]] < run_ends[has_nl]
    # Runs are maximal, so the characters either side of an inner run are not whitespace.
    spaced = ~has_nl & (flags[run_starts - 1] & flags[run_ends] & _WORDISH).view(bool)
    keep = ~space
    keep[newlines[first_nl[has_nl]]] = True  # a newline stays a newline
    at_space = run_starts[spaced]
    if len(at_space):
        keep[at_space] = True
        if not codes.flags.writeable:
            codes = codes.copy()
        codes[at_space] = 0x20
    kept = np.flatnonzero(keep)
    k = len(kept)
    if not k:
        return "", np.zeros(1, dtype=np.int64)
    text = codes[kept].tobytes().decode("utf-32-le", "surrogatepass")
    to_raw = np.empty(k + 1, np.int64)
    to_raw[:k] = kept
    to_raw[k] = kept[-1] + 1
    return text, to_raw


def _separator(work: str):
    """What normalize_text puts for each whitespace run: the same choice normalize() makes."""
    n = len(work)
    words = frozenset(_WORD_CHARS)

    def repl(m: re.Match) -> str:
        a, b = m.span()
        if a == 0 or b >= n:  # leading or trailing whitespace
            return ""
        if "\n" in m.group():
            return "\n"
        return " " if work[a - 1] in words and work[b] in words else ""

    return repl


# From this many characters on, one numpy pass over the code points tells whether a text holds a
# full-width character or one of _SPLIT_DIFFERS (two scans of the text otherwise: the regex over the
# 600 longest laws cost 29 ms and the 21 `in` tests 20 ms); below it numpy's calls cost more than the scans.
_CENSUS_MIN = 4000
_HAS_FULLWIDTH, _HAS_DIFFERS = 1, 2


@cache
def _census_table() -> np.ndarray:
    """A flag per code point of the BMP (and a last, empty entry for every code above): full-width
    characters _HAS_FULLWIDTH, the characters of _SPLIT_DIFFERS _HAS_DIFFERS."""
    table = np.zeros(0x10001, np.uint8)
    table[list(_FULLWIDTH)] |= _HAS_FULLWIDTH
    table[[ord(c) for c in _SPLIT_DIFFERS]] |= _HAS_DIFFERS
    return table


def _census(raw: str) -> tuple[bool, bool]:
    """(whether ``raw`` holds a full-width character, whether it holds one of _SPLIT_DIFFERS)."""
    flags = int(np.bitwise_or.reduce(_census_table()[np.minimum(_codes(raw), 0x10000)]))
    return bool(flags & _HAS_FULLWIDTH), bool(flags & _HAS_DIFFERS)


def normalize_text(raw: str, excluded: list[Excluded]) -> str:
    """normalize()'s text alone, for a source without soft line breaks (a .txt): no map back to the source.

    The index stores and fingerprints only the analysed text; building ``to_raw`` and the units
    (a numpy array and an object per line) is most of what loading a .txt costs.
    """
    fullwidth, differs = _census(raw) if len(raw) >= _CENSUS_MIN else (True, None)
    work = _FULLWIDTH_RE.sub(_to_ascii, raw) if fullwidth else raw
    if excluded:
        pieces = []
        pos = 0
        for a, b in sorted((e.raw_start, e.raw_end) for e in excluded):
            a = max(a, pos)
            if b <= a:
                continue
            pieces.append(work[pos:a])
            pieces.append(" " * (b - a))  # whitespace like normalize()'s NULs, and cut by str.split()
            pos = b
        pieces.append(work[pos:])
        work = "".join(pieces)
    if differs is None:
        differs = any(c in work for c in _SPLIT_DIFFERS)
    if differs:  # str.split() would cut elsewhere than _SEP: run by run (right for any text)
        return _SEP.sub(_separator(work), work)
    # Runs that hold a newline become it, leading and trailing runs go: the lines cut at their blanks by
    # str.split() (the runs of _SEP, given no character of _SPLIT_DIFFERS), empty lines dropped; inside a
    # line a run is one space between two wordish characters, else nothing. A callback per run of _SEP (a
    # law has one per line and more) cost 0.15 s CPU for the 600 longest laws, this 0.05 s.
    words = _WORDS
    out = []
    for line in work.split("\n"):
        parts = line.split()
        if len(parts) == 1:
            out.append(parts[0])
        elif parts:
            joined = [parts[0]]
            for w in parts[1:]:
                if joined[-1][-1] in words and w[0] in words:
                    joined.append(" ")
                joined.append(w)
            out.append("".join(joined))
    return "\n".join(out)


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


def units_from_lines(raw: str) -> LineUnits:
    """Units for plain text: one per line, 1-based line numbers."""
    return LineUnits(raw)
