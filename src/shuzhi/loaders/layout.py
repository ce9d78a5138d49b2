"""Placed characters (OFD glyphs, PDF char boxes, OCR boxes) into lines in reading order: rows, cells, two columns."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

# A gap wider than this many characters inside a row separates table cells (as in pdf.py).
CELL_GAP = 2.5
# Characters on one row: baselines closer than this share of the character size.
ROW_TOLERANCE = 0.35
# Two columns: the gutter is crossed by at most this share of the rows, and at least this
# many rows (and this share) have prose on both sides of it.
GUTTER_CROSSED_MAX = 0.2
COLUMN_ROWS_MIN = 4
COLUMN_ROWS_SHARE = 0.3
# A side of a row is prose (not a table cell) when it holds at least this many characters.
COLUMN_SIDE_CHARS = 6


@dataclass
class Glyph:
    """One placed character: left edge ``x`` and baseline ``y`` (y grows downwards), advance ``w``, size ``h``."""

    ch: str
    x: float
    y: float
    size: float
    h: float = 0.0
    w: float = 0.0
    conf: float = 1.0  # recognition confidence, for OCR'd characters

    def __post_init__(self):
        if not self.h:
            self.h = self.size
        if not self.w:
            self.w = self.size * (0.5 if ord(self.ch) < 0x2000 else 1.0)

    @property
    def right(self) -> float:
        return self.x + self.w


@dataclass
class Row:
    glyphs: list[Glyph]

    @property
    def y(self) -> float:
        return sum(g.y for g in self.glyphs) / len(self.glyphs)

    @property
    def size(self) -> float:
        sizes = sorted(g.size for g in self.glyphs)
        return sizes[len(sizes) // 2]


def rows_of(glyphs: list[Glyph]) -> list[Row]:
    """Glyphs grouped by baseline, top to bottom, each row left to right."""
    rows: list[Row] = []
    for g in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if rows and abs(g.y - rows[-1].glyphs[-1].y) <= ROW_TOLERANCE * max(g.size, rows[-1].glyphs[-1].size):
            rows[-1].glyphs.append(g)
        else:
            rows.append(Row([g]))
    for r in rows:
        r.glyphs.sort(key=lambda g: g.x)
    return rows


def find_gutter(rows: list[Row], width: float) -> float | None:
    """The x of the gap between two columns of prose, or None for a one-column page (tables are not columns)."""
    if len(rows) < COLUMN_ROWS_MIN:
        return None
    best: tuple[int, float] | None = None
    steps = 80
    for k in range(steps + 1):
        x = width * (0.3 + 0.4 * k / steps)
        crossed = sum(1 for r in rows if any(g.x < x < g.right for g in r.glyphs))
        if best is None or crossed < best[0]:  # ties keep the leftmost x: the band is widened below
            best = (crossed, x)
    if best is None or best[0] > GUTTER_CROSSED_MAX * len(rows):
        return None
    crossed, x0 = best
    # The middle of the empty band that starts at x0.
    x1 = x0
    while x1 < width * 0.7 and sum(1 for r in rows if any(g.x < x1 < g.right for g in r.glyphs)) == crossed:
        x1 += width / 400
    gutter = (x0 + x1) / 2
    both = 0
    for r in rows:
        left = sum(1 for g in r.glyphs if g.right <= gutter)
        right = sum(1 for g in r.glyphs if g.x >= gutter)
        if left >= COLUMN_SIDE_CHARS and right >= COLUMN_SIDE_CHARS and not _row_has_cells(r, gutter):
            both += 1
    if both < max(COLUMN_ROWS_MIN, COLUMN_ROWS_SHARE * len(rows)):
        return None
    return gutter


def _row_has_cells(r: Row, gutter: float) -> bool:
    """A row split by wide gaps on one side of the gutter is a table row, not two column lines."""
    for side in ([g for g in r.glyphs if g.right <= gutter], [g for g in r.glyphs if g.x >= gutter]):
        for a, b in itertools.pairwise(side):
            if b.x - a.right > CELL_GAP * max(a.size, b.size):
                return True
    return False


def reading_order(rows: list[Row], width: float) -> list[tuple[Row, int]]:
    """(row, column) in reading order: on a two-column page, the left column (1), then the right (2),
    between full-width rows (0); on a one-column page every row is column 0."""
    gutter = find_gutter(rows, width)
    if gutter is None:
        return [(r, 0) for r in rows]
    out: list[tuple[Row, int]] = []
    left: list[tuple[Row, int]] = []
    right: list[tuple[Row, int]] = []
    for r in rows:
        if any(g.x < gutter < g.right for g in r.glyphs):
            out.extend(left + right)
            left, right = [], []
            out.append((r, 0))
            continue
        lg = [g for g in r.glyphs if g.right <= gutter]
        rg = [g for g in r.glyphs if g.x >= gutter]
        if lg:
            left.append((Row(lg), 1))
        if rg:
            right.append((Row(rg), 2))
    out.extend(left + right)
    return out


def row_text(r: Row) -> tuple[str, list[int], bool]:
    """The row's text (cells separated by a line break), the glyph index of each character (-1 for
    inserted spaces and breaks), and whether it was split into cells."""
    chars: list[str] = []
    idx: list[int] = []
    cells = False
    prev = None
    for i, g in enumerate(r.glyphs):
        if prev is not None:
            gap = g.x - prev.right
            size = max(g.size, prev.size)
            if gap > CELL_GAP * size:
                chars.append("\n")
                idx.append(-1)
                cells = True
            elif gap > 0.45 * size and not g.ch.isspace() and not prev.ch.isspace():
                chars.append(" ")
                idx.append(-1)
        chars.append(g.ch)
        idx.append(i)
        prev = g
    return "".join(chars), idx, cells


def lines_from_glyphs(glyphs: list[Glyph], page_no: int, width: float, height: float):
    """A pdf._Page of this page's lines in reading order (y flipped upwards, as pdf.py measures)."""
    from .pdf import _Line, _Page

    lines = []
    for n, (r, column) in enumerate(reading_order(rows_of(glyphs), width), start=1):
        text, idx, cells = row_text(r)
        size = r.size
        y = r.y
        line = _Line(page_no, n, text)
        line.left = r.glyphs[0].x
        line.right = r.glyphs[-1].right
        line.top = height - (y - 0.85 * size)
        line.bottom = height - (y + 0.15 * size)
        line.char = size
        line.cells = cells
        line.column = column
        line.glyphs = [r.glyphs[i] if i >= 0 else None for i in idx]
        lines.append(line)
    return _Page(width, height, lines)
