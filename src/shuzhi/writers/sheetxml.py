"""summary.xlsx's write-only sheets: openpyxl's own, whose plain rows are written as the very XML its cell writer makes.

openpyxl's write-only mode streams a sheet's rows through lxml, a cell at a time (a Cell bound to each value, its
attributes made into a dict, three or four elements opened and closed): about half of the Excel's time on a
500-report round (#17, docs/bench/user-wait.md §1i, §1q). A row of texts, numbers, booleans and cells holding a
number (the percent columns) is written here as text instead, byte for byte what openpyxl writes for it (lxml's
ASCII output: characters beyond ASCII as decimal character references, ``&``, ``<``, ``>`` and CR escaped, a text
with white space at either end marked xml:space="preserve"). Every other row (dates, links, error codes, formulas
of other kinds, characters lxml refuses or drops) goes through openpyxl as before; the part before the rows and
after them is openpyxl's.
"""

from __future__ import annotations

import math
import re

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import xmlfile

# Characters after which a text is left to openpyxl: those it refuses (IllegalCharacterError), those lxml refuses
# (noncharacters, surrogates) or drops (DEL).
_OWN_WAY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CELL_CHARS = 32_767  # openpyxl's check_string cuts a text there
_ROWS_AT_ONCE = 512  # rows made as text before they are written out
_LETTERS = [get_column_letter(i) for i in range(1, 703)]  # A … ZZ


def _escaped(v: str) -> str:
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _number(v) -> str:
    """openpyxl's safe_string of a number (an empty <v> for NaN and infinities)."""
    return "" if math.isnan(v) or math.isinf(v) else format(v, ".16g")  # "%.16g" % v


class _Texts(dict):
    """A text value's cell after its reference (`` t="inlineStr">…</c>``), or None when openpyxl must write it; each
    short text made once (names and labels recur on thousands of rows)."""

    __slots__ = ()

    def __missing__(self, v: str):
        w = _text_cell(v)
        if len(v) <= 64 and len(self) < 20_000:
            self[v] = w
        return w

    def get_cell(self, v: str):
        return self[v] if len(v) <= 64 else _text_cell(v)


def _text_cell(v: str) -> str | None:
    v = v[:_CELL_CHARS]
    if _OWN_WAY.search(v) is not None or v in ERROR_CODES:
        return None
    if len(v) > 1 and v[0] == "=":  # a formula cell, as openpyxl binds such a text
        return "><f>" + _escaped(v[1:]) + "</f><v></v></c>"
    if not v:
        return ' t="inlineStr"></c>'
    space = ' xml:space="preserve"' if v != v.strip() else ""
    return ' t="inlineStr"><is><t' + space + ">" + _escaped(v) + "</t></is></c>"


class _RowsWriter(WorksheetWriter):
    """openpyxl's sheet writer, its lxml stream over a file this writer holds: rows made as text are written into
    that file between what lxml writes (after lxml's buffer is flushed)."""

    fh = None

    def get_stream(self):
        self.fh = open(self.out, "wb")  # noqa: SIM115 (closed by close(), after lxml's stream)
        with xmlfile(self.fh) as xf, xf.element("worksheet", xmlns=SHEET_MAIN_NS):
            try:
                while True:
                    el = yield
                    if el is True:
                        yield xf
                    elif el is None:
                        continue
                    else:
                        xf.write(el)
            except GeneratorExit:
                pass

    def close(self):
        super().close()
        if self.fh is not None and not self.fh.closed:
            self.fh.close()


class _Sheet(WriteOnlyWorksheet):
    """openpyxl's write-only worksheet (its writer, its XML). A row of plain values is written as text (above); the
    others cell by cell by openpyxl, a styled cell given among the values taken as it is. (The stock sheet first
    tries every value as a value: a cell is refused with a ValueError, its message formatted with the cell's
    coordinate, caught, and then a new plain cell is made for the next value.)"""

    _texts: _Texts | None = None

    def _get_writer(self):
        if self._writer is None:
            self._writer = _RowsWriter(self)
            self._writer.write_top()

    def _write_rows(self):
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        fh = self._writer.fh
        made: list[str] = []

        def write_made():
            xf.flush()  # what lxml holds goes first
            fh.write("".join(made).encode("ascii", "xmlcharrefreplace"))
            made.clear()

        with xf.element("sheetData"):
            row_idx = 1
            try:
                while True:
                    row = yield
                    text = self._row_text(row, row_idx)
                    if text is None:
                        if made:
                            write_made()
                        self._writer.write_row(xf, self._values_to_row(row, row_idx), row_idx)
                    else:
                        made.append(text)
                        if len(made) >= _ROWS_AT_ONCE:
                            write_made()
                    row_idx += 1
            except GeneratorExit:
                pass
            if made:
                write_made()
        self._writer.xf.send(None)

    def _row_text(self, values, row_idx: int) -> str | None:
        """Row ``row_idx`` as openpyxl's writer would write it, or None when it has a value written another way."""
        if len(values) > len(_LETTERS) or self.row_dimensions:
            return None
        texts = self._texts
        if texts is None:
            texts = self._texts = _Texts()
        r = str(row_idx)
        out = ['<row r="', r, '">']
        for col_idx, v in enumerate(values):
            if v is None:
                continue
            t = type(v)
            if t is str:
                cell = texts.get_cell(v)
                if cell is None:
                    return None
                out += ('<c r="', _LETTERS[col_idx], r, '"', cell)
            elif t is int or t is float:
                try:
                    out += ('<c r="', _LETTERS[col_idx], r, '" t="n"><v>', _number(v), "</v></c>")
                except OverflowError:  # an int beyond a float: openpyxl says so
                    return None
            elif t is bool:
                out += ('<c r="', _LETTERS[col_idx], r, '" t="b"><v>', "1" if v else "0", "</v></c>")
            elif t is Cell:
                value = v._value
                if (
                    v.data_type != "n"
                    or type(value) not in (int, float)
                    or v.hyperlink is not None
                    or v._comment is not None
                ):
                    return None
                try:
                    number = _number(value)
                except OverflowError:
                    return None
                v.column, v.row = col_idx + 1, row_idx  # as openpyxl's rows leave the cell
                style = ' s="' + str(v.style_id) + '"' if v.has_style else ""
                out += ('<c r="', _LETTERS[col_idx], r, '"', style, ' t="n"><v>', number, "</v></c>")
            else:
                return None
        out.append("</row>")
        return "".join(out)

    def _values_to_row(self, values, row_idx):
        plain = WriteOnlyCell(self)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                plain.value = value
                cell = plain
            cell.column = col_idx
            cell.row = row_idx
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell
            # Written before the next value is asked for; a plain cell that took a style (a date's number format)
            # is not reused, as openpyxl's own loop does not reuse it.
            if cell is plain and (plain.has_style or plain.hyperlink):
                plain = WriteOnlyCell(self)
