"""Vendor residue of template sites: spans kept out of the analysed text and reported as P103."""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from ..lexicons.loader import Lexicons, builtin_list
from ..model.document import Excluded
from .fastre import compile_fast, scan

# Paid-content markers of template sites are cut out wherever they stand, even
# mid-word ("方##paidbegin##案").
_MARKER = re.compile(r"##paid(?:begin|end)##")

# A residue line is short: an ad or a contact line, never a paragraph of the report.
MAX_LINE = 80
# Short lines between two residue lines (the site's name, its slogan) belong to the ad block.
MAX_SANDWICHED = 30
MAX_SANDWICH_RUN = 3
# Lines with these words are a report's title or heading, never part of an ad block.
_TITLE_WORDS = re.compile(r"报告|述职|述廉|述德|述责|述法|述学|总结|讲话|发言|汇报")
_SENTENCE_END = re.compile(r"[。；;]\s*$")


def residue_signals(lexicons: Lexicons | None) -> dict[str, str] | None:
    """A config's residue signals when they differ from the built-in ones, else None (the built-in table)."""
    if lexicons is None:
        return None
    table = lexicons.get("placeholders.residue_signals")
    return None if table == builtin_list("placeholders.residue_signals") else table


# The kinds a residue signal may name (P103 says which kind each block is).
KINDS = ("paid-marker", "vendor-ad", "contact", "watermark", "membership")


def _signals(table: dict[str, str] | None = None) -> tuple[re.Pattern, dict[str, str]]:
    """The compiled signals of ``table`` (pattern -> kind); the built-in placeholders.residue_signals by default."""
    if table is None:  # the built-in table, asked for once per file read: no tuple of its items each time
        return _builtin_compiled()
    return _compiled(tuple(table.items()))


@lru_cache(maxsize=1)
def _builtin_compiled() -> tuple[re.Pattern, dict[str, str]]:
    return _compiled(tuple(builtin_list("placeholders.residue_signals").items()))


@lru_cache(maxsize=8)
def _compiled(items: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every residue signal, with each group's kind."""
    kinds: dict[str, str] = {}
    parts = []
    for i, (pattern, kind) in enumerate(items):
        kinds[f"s{i}"] = kind
        parts.append(f"(?P<s{i}>{pattern})")
    return compile_fast("|".join(parts), re.M), kinds


def _lines(raw: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in raw.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _residue_lines(
    raw: str, lines: list[tuple[int, int]], matches: list[re.Match], kinds: dict[str, str]
) -> dict[int, str]:
    """Line index -> kind, for every line that is an ad, contact line, watermark or notice."""
    starts = [a for a, _ in lines]
    found: dict[int, str] = {}
    # The body of each line looked at, once: every signal on one long line (a 50 MB text with no line
    # break) recomputed it over the whole line, which was quadratic.
    bodies: dict[int, str | None] = {}
    for m in matches:
        i = bisect.bisect_right(starts, m.start()) - 1
        if i in found:
            continue
        if i not in bodies:
            a, b = lines[i]
            body = _MARKER.sub("", raw[a:b]).strip()
            bodies[i] = body if len(body) <= MAX_LINE else None  # a long line is never residue
        body = bodies[i]
        if body is None:
            continue
        kind = kinds[m.lastgroup]
        if kind == "contact" and _SENTENCE_END.search(body):
            continue  # a report's sentence giving its own hotline or QQ number
        found[i] = kind
    return found


def _sandwiched(raw: str, lines: list[tuple[int, int]], found: dict[int, str]) -> dict[int, str]:
    """Short lines directly between two residue lines (no blank line on either side)."""
    extra: dict[int, str] = {}
    marked = sorted(found)
    for i, j in itertools.pairwise(marked):
        run = range(i + 1, j)
        if not run or len(run) > MAX_SANDWICH_RUN:
            continue
        ok = True
        for k in run:
            body = raw[lines[k][0] : lines[k][1]].strip()
            if (
                not body
                or len(body) > MAX_SANDWICHED
                or _SENTENCE_END.search(body)
                or "。" in body
                or _TITLE_WORDS.search(body)
            ):
                ok = False
                break
        if ok:
            for k in run:
                extra[k] = "vendor-ad"
    return extra


def find_residue(raw: str, signals_table: dict[str, str] | None = None) -> list[Excluded]:
    """Return the raw spans of vendor residue, sorted and non-overlapping.

    Whole lines that are ads, contact lines, watermarks or membership notices
    (see ``residue_signals`` in lexicons/placeholders.toml; ``signals_table`` is a config's
    merged table), the short lines sandwiched between them, and paid-content markers anywhere.
    """
    signals, kinds = _signals(signals_table)
    masked = _MARKER.sub(lambda x: " " * len(x.group()), raw) if "##paid" in raw else raw
    # Candidates where a signal's first two characters stand (仅供, 微信, 联系…): the one-class lookahead
    # of compile_fast stopped at 121,000 common first characters (会, 加, 文, 来…) in the 600 longest laws
    # (0.12 s of CPU, no signal among them); the pairs stand 3,800 times (0.04 s). The same matches.
    matches = list(scan(signals, masked, pairs=True))
    # Most reports (and every law) have no residue signal at all: then no line table is built.
    lines = _lines(raw) if matches else []
    found = _residue_lines(raw, lines, matches, kinds) if matches else {}
    found.update(_sandwiched(raw, lines, found))
    out: list[Excluded] = []
    for i, kind in found.items():
        a, b = lines[i]
        # Trim the line's own leading/trailing blanks so the span is the visible text.
        while a < b and raw[a].isspace():
            a += 1
        while b > a and raw[b - 1].isspace():
            b -= 1
        out.append(Excluded(a, b, kind, raw[a:b]))
    taken = [(e.raw_start, e.raw_end) for e in out]
    for m in _MARKER.finditer(raw) if "##paid" in raw else ():  # the test in C: no regex over a law
        if not any(a <= m.start() < b for a, b in taken):
            out.append(Excluded(m.start(), m.end(), "paid-marker", m.group()))
    out.sort(key=lambda e: e.raw_start)
    return out
