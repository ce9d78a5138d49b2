"""summary.xlsx's sheets take a styled cell given among a row's values as it is (#17): the same parts, byte for byte,
as openpyxl's own write-only worksheet, which first tries each cell as a value and catches the ValueError."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from shuzhi.writers import xlsx
from shuzhi.writers.xlsx import write_sheet

HEADER = ["报告", "日期", "A被复制比例", "B被复制比例", "整体相似度", "相同字数", "页面", "说明"]


def _value(rng: random.Random, k: int):
    """A plain value of every kind a cell takes: text (some with spaces at the ends, some starting with "="),
    ints, floats, booleans, dates (openpyxl gives their cell a number format: a style), None."""
    return rng.choice(
        [
            None,
            f"张三{k}",
            f" 前后有空格{k} ",
            "=1+2",
            k,
            k * 0.125,
            -0.0,
            True,
            dt.datetime(2026, 12, 7, 3, k % 60),
            dt.date(2026, 1, 1 + k % 28),
            "",
        ]
    )


def _rows(n: int, seed: int) -> list[list]:
    rng = random.Random(seed)
    rows = [[_value(rng, k) for _ in HEADER] for k in range(n)]
    for k, r in enumerate(rows):  # the links' column: a page's address or nothing
        r[6] = f"reports/r{k:04d}.html" if k % 3 else None
    return rows


def _with_cells(ws, rows: list[list], seed: int) -> list[list]:
    """The rows with cells of ``ws`` put in, as a caller may: plain or styled, anywhere in a row."""
    rng = random.Random(seed)
    out = []
    for row in rows:
        row = list(row)
        for _ in range(rng.choice([0, 0, 1, 2])):
            c = WriteOnlyCell(ws, rng.choice([0.5, "文字", 7, None]))
            if rng.random() < 0.5:
                c.number_format = "0.0%"
            row[rng.randrange(len(row))] = c
        out.append(row)
    return out


def _parts(monkeypatch, sheet_class, rows, seed: int = 0, **kw) -> dict[str, bytes]:
    monkeypatch.setattr(xlsx, "_SHEET", sheet_class)
    wb = Workbook(write_only=True)
    write_sheet(wb, "相似", HEADER, iter(rows), widths=[12.0] * len(HEADER), **kw)
    write_sheet(wb, "全部", HEADER, iter(rows))
    ws = xlsx._start_sheet(
        wb, "单元格", HEADER, [12.0] * len(HEADER), 60, (xlsx._HEADER_FONT, xlsx._HEADER_FILL, xlsx._HEADER_ALIGN)
    )
    for row in _with_cells(ws, rows, seed):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as z:
        return {m: z.read(m) for m in z.namelist() if m != "docProps/core.xml"}  # its time stamps


@pytest.mark.parametrize("seed", range(4))
def test_rows_are_written_as_openpyxls_own_write_only_sheet_writes_them(monkeypatch, seed):
    rows = _rows(400, seed)
    kw = {"percent": (3, 4, 5), "live": (8,), "links": 7}
    mine = _parts(monkeypatch, xlsx._Sheet, rows, seed, **kw)
    stock = _parts(monkeypatch, WriteOnlyWorksheet, rows, seed, **kw)
    assert mine.keys() == stock.keys()
    assert [m for m in mine if mine[m] != stock[m]] == []
    assert mine["xl/worksheets/sheet1.xml"].count(b' s="') > 400  # styled cells were written
    assert b"<hyperlink" in mine["xl/worksheets/sheet1.xml"]
    assert b"0.0%" in mine["xl/styles.xml"]  # and the caller's own


def test_a_plain_cell_that_took_a_style_is_not_given_the_next_value(monkeypatch):
    """A date gives its cell a number format: the next value must not be written with it."""
    rows = [[dt.datetime(2026, 12, 7), 5, 0.25, "x", None, 3, None, None]] * 3
    mine = _parts(monkeypatch, xlsx._Sheet, rows, percent=(3,))
    stock = _parts(monkeypatch, WriteOnlyWorksheet, rows, percent=(3,))
    assert mine == stock


def test_summary_sheets_are_our_sheets():
    wb = Workbook(write_only=True)
    write_sheet(wb, "报告", ["a"], [[1]])
    assert type(wb.worksheets[0]) is xlsx._Sheet
    wb.save(io.BytesIO())
