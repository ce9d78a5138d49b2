"""The document model: the analysed text and its map back to the source (analyses are attached above)."""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import Any

import numpy as np

_WHITESPACE_RE = re.compile(r"\s")


def key_from_source(source: str) -> str:
    """The default document key: the file name without its folder and extension, NFC.

    Stable across edits of the text and across rounds (the same file checked again from
    another folder keeps its key), so finding ids derived from it are too.
    """
    name = PurePath(source.replace("\\", "/")).name if source else ""
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    return unicodedata.normalize("NFC", stem or source or "")


# OCR'd characters recognised with less confidence than this are not trusted on their own:
# they never make a placeholder (P) or figure (N) finding by themselves (engine.py).
OCR_LOW_CONFIDENCE = 0.6


_LINE_RE = re.compile(r"[^\n]+")
# str.isspace (re's \s) of every code point up to U+3000, the last whitespace one; the entry past it
# stands for every code above.
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)], bool)


def paragraph_spans(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of an analysed text (of the first ``limit`` ones)."""
    if limit is None:
        # The same spans, in one C loop (a law has ~100 lines, the laws 73,000).
        return [m.span() for m in _LINE_RE.finditer(text)]
    out = []
    pos = 0
    n = len(text)
    while pos <= n and (limit is None or len(out) < limit):
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        if nl > pos:
            out.append((pos, nl))
        pos = nl + 1
    return out


@dataclass(frozen=True)
class Unit:
    """One line of the raw text: a .txt line, a .docx paragraph, a .pdf text line.

    ``raw_start``/``raw_end`` delimit it in ``Document.raw`` (the newline after it
    is not included). ``line`` is the 1-based number shown to users: the file line
    of a .txt, the paragraph number of a .docx, the line on its page of a .pdf.
    ``soft_break`` is true when the break after this unit only wraps a paragraph
    (a PDF line that continues on the next line), so analysis joins the two.
    ``runs`` holds the raw offsets (relative to the unit) where each .docx run starts.
    ``cell`` is (table, row, column), 1-based, for a paragraph of a .docx table cell: ``line`` counts it
    as a paragraph in reading order (what the Word writer needs), ``cell`` says where it really is, and
    ``para`` numbers the other .docx paragraphs without the table cells (what a reader counts).
    """

    raw_start: int
    raw_end: int
    line: int
    page: int | None = None
    soft_break: bool = False
    runs: tuple[int, ...] | None = None
    # Characters of rendered list numbering ("一、") at the start of a .docx paragraph.
    prefix: int = 0
    cell: tuple[int, int, int] | None = None
    para: int | None = None


class LineUnits(Sequence[Unit]):
    """The units of a plain text, one per line (1-based line numbers), each made when it is asked for.

    A law of 5,000 characters has ~200 lines and a long .txt 100,000: building a Unit object for
    every one was a tenth of loading a .txt, and only the few lines findings point at are ever read.
    """

    def __init__(self, raw: str):
        # The line table is made when a position is first asked for: a law's check reports nothing at most
        # of its lines, and most laws nothing at all (768 laws, 128 findings), so building it for every
        # document was 1 % of checking the laws.
        self._raw = raw
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def _table(self) -> list[int]:
        if self._starts is None:
            raw = self._raw
            lengths = np.fromiter(map(len, raw.split("\n")), np.int64)
            ends = np.cumsum(lengths + 1) - 1
            self._ends = ends.tolist()  # before the starts: a thread that sees the starts sees the ends
            self._starts = (ends - lengths).tolist()
        return self._starts

    @property
    def starts(self) -> list[int]:
        return self._table()

    @property
    def ends(self) -> list[int]:
        self._table()
        return self._ends

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self.starts)))]
        start, end = self.starts[i], self.ends[i]  # IndexError as a list's
        return Unit(start, end, (i if i >= 0 else i + len(self.starts)) + 1)

    def __iter__(self) -> Iterator[Unit]:
        return map(Unit, self.starts, self.ends, range(1, len(self.starts) + 1))


@dataclass(frozen=True)
class Excluded:
    """A raw span kept out of the analysed text (vendor residue), reported, never lost."""

    raw_start: int
    raw_end: int
    kind: str  # e.g. "paid-marker", "vendor-ad", "contact"
    text: str


@dataclass(frozen=True)
class Position:
    """A user-facing position: 1-based line and column, with page/paragraph/run where known."""

    line: int
    column: int
    page: int | None = None
    run: int | None = None
    cell: tuple[int, int, int] | None = None  # (table, row, column) of a .docx table cell
    paragraph: int | None = None  # a .docx body paragraph, counted without table cells

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"line": self.line, "column": self.column}
        if self.page is not None:
            d["page"] = self.page
        if self.run is not None:
            d["run"] = self.run
        if self.cell is not None:
            d["cell"] = {"table": self.cell[0], "row": self.cell[1], "column": self.cell[2]}
        if self.paragraph is not None:
            d["paragraph"] = self.paragraph
        return d


@dataclass
class Document:
    """A loaded report.

    ``text`` is the normalized, analysed text. Every offset a rule or a finding
    uses is a 0-based, half-open offset into it; ``to_raw[i]`` is the index in
    ``raw`` of text character ``i`` (``to_raw[len(text)]`` marks the end).
    """

    source: str
    format: str  # "txt" | "docx" | "pdf" | "string"
    raw: str
    units: Sequence[Unit]  # a list, or LineUnits for a plain text
    text: str
    to_raw: np.ndarray
    excluded: list[Excluded] = field(default_factory=list)
    encoding: str | None = None
    path: str | None = None
    warnings: list[str] = field(default_factory=list)
    # "traditional" when the source is written in traditional characters: then ``text``
    # is its simplified view (character for character, so offsets still map 1:1).
    script: str = "simplified"
    # How the file was read when that is not the plain format: converted by LibreOffice, read by OCR,
    # parts of a .docx beyond the body (JSON-ready; shown as ``meta.loading``).
    origin: dict[str, Any] = field(default_factory=dict)
    # The .docx LibreOffice made from a .doc/.wps/.rtf/.odt: annotated output is written on it.
    docx_bytes: bytes | None = None
    # OCR recognition confidence (0–1) of every raw character; None when the text was not OCR'd.
    char_confidence: np.ndarray | None = None
    # What finding ids are keyed by: given by the caller, else derived from ``source``.
    key: str = ""

    def __post_init__(self):
        if not self.key:
            self.key = key_from_source(self.source)

    # ---- positions -------------------------------------------------------
    @cached_property
    def _unit_starts(self) -> list[int]:
        if isinstance(self.units, LineUnits):
            return self.units.starts
        return [u.raw_start for u in self.units]

    def unit_at_raw(self, raw_index: int) -> Unit:
        i = bisect.bisect_right(self._unit_starts, raw_index) - 1
        return self.units[max(i, 0)]

    def raw_position(self, raw_index: int) -> Position:
        """Position of a raw character (clamped into its unit)."""
        if not self.units:
            return Position(1, 1)
        u = self.unit_at_raw(raw_index)
        rel = max(0, min(raw_index, u.raw_end) - u.raw_start)
        run = None
        if u.runs:
            run = bisect.bisect_right(u.runs, rel)  # 1-based run number
        return Position(u.line, rel + 1, u.page, run, u.cell, u.para)

    def position(self, offset: int) -> Position:
        """Position of text offset ``offset`` in the source."""
        offset = max(0, min(offset, len(self.text)))
        return self.raw_position(int(self.to_raw[offset]))

    def span_position(self, start: int, end: int) -> tuple[Position, Position]:
        """Start position and exclusive end position of the text span [start, end)."""
        p0 = self.position(start)
        if end <= start:
            return p0, p0
        last = self.position(end - 1)
        return p0, Position(last.line, last.column + 1, last.page, last.run, last.cell, last.paragraph)

    def plain_span_lines(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """(line, column, end_line, end_column) of the text span [start, end) as ``span_position`` gives
        them, for a plain text (LineUnits: no page, run, cell or paragraph) without making its Unit and
        Position objects (two of each per finding, ~47 findings a seed report); None for other documents."""
        units = self.units
        if not isinstance(units, LineUnits) or not units.starts:
            return None
        starts, ends, item, n = units.starts, units.ends, self.to_raw.item, len(self.text)
        # Inline, twice, for speed (no closure per call: ~47 findings a seed report): the raw index of the
        # offset (clamped into the text), the line holding it, the column in that line (clamped into it).
        r = item(start if 0 <= start <= n else (0 if start < 0 else n))
        i = bisect.bisect_right(starts, r) - 1
        if i < 0:
            i = 0
        line, column = i + 1, max(0, min(r, ends[i]) - starts[i]) + 1
        if end <= start:
            return line, column, line, column
        last = end - 1
        r = item(last if 0 <= last <= n else (0 if last < 0 else n))
        i = bisect.bisect_right(starts, r) - 1
        if i < 0:
            i = 0
        return line, column, i + 1, max(0, min(r, ends[i]) - starts[i]) + 2

    def ocr_confidence(self, start: int, end: int, chars: str | None = None) -> float | None:
        """Lowest OCR confidence of the raw characters behind text[start:end] (only those in ``chars``
        if given, e.g. the digits of a figure); None when the text was not OCR'd or none qualify."""
        if self.char_confidence is None:
            return None
        a, b = self.raw_span(start, max(end, start + 1) if start < len(self.text) else end)
        conf = self.char_confidence[a:b]
        if chars is not None:
            keep = [i for i, ch in enumerate(self.raw[a:b]) if ch in chars]
            conf = conf[keep] if keep else conf[:0]
        return float(conf.min()) if len(conf) else None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            r = int(self.to_raw[start])
            return r, r
        return int(self.to_raw[start]), int(self.to_raw[end - 1]) + 1

    # ---- derived views of the text -------------------------------------------
    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of every paragraph (line) of the analysed text."""
        return paragraph_spans(self.text)

    @cached_property
    def doc_id(self) -> str:
        """A hash of the analysed text: the same text has the same id (the index's duplicate check)."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]

    @cached_property
    def char_count(self) -> int:
        """Characters of content: everything but whitespace (see docs/rules S304)."""
        # re's \s is exactly str.isspace (checked over every code point); one C pass instead of a
        # Python loop over every character.
        text = self.text
        if len(text) < 2048:
            return len(text) - len(_WHITESPACE_RE.findall(text))
        # Over a long text a table lookup per code point (every whitespace character is below U+3001)
        # is 3x faster than collecting every match.
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
        return len(text) - int(np.count_nonzero(_IS_SPACE.take(codes, mode="clip")))

    def excerpt(self, start: int, end: int, context: int = 12) -> str:
        """The flagged text with a little context on each side, on one line."""
        a = max(0, start - context)
        b = min(len(self.text), end + context)
        s = self.text[a:b].replace("\n", " ")
        return s
