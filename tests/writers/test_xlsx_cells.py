"""summary.xlsx's cells written with fewer objects (#17): the same sheets, byte for byte, as one cell object made
per styled value (the writer before)."""

from __future__ import annotations

import io
import zipfile
from itertools import chain

import pytest
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from shuzhi.writers import xlsx
from shuzhi.writers.xlsx import _clean, write_sheet

HEADER = ["报告", "代码", "A被复制比例", "说明", "表格复算", "B被复制比例", "页面"]
NAMES = ["张三·县长（r0001.txt）", "=李四", "王五\x07·副县长", "赵" * 70, "钱六\x00（r0004.docx）"]


def _rows(n: int) -> list[list]:
    """Rows of every kind a sheet meets: repeated names, a text starting with "=", illegal characters, long
    texts, percent values as floats, ints, None and text, live formulas, links."""
    out = []
    for k in range(n):
        out.append(
            [
                NAMES[k % len(NAMES)],
                f"C30{k % 3}",
                [0.5, 1, None, 0.0, 1e-9, "无", 0.25][k % 7],
                "说明" * (k % 40) + ("=" if k % 11 == 0 else ""),
                [f"={k}/7*100", None, k, "不是公式"][k % 4],
                [None, 0.75, 2.5, -0.0][k % 4],
                f"reports/r{k:04d}.html" if k % 5 else None,
            ]
        )
    return out


def _old_sheet(wb, title, header, rows, *, percent=(), live=(), links=None, widths=None):
    """write_sheet's loop before: a WriteOnlyCell and its number format set for every styled value; every value of
    the sample measured."""
    if widths is None:
        widths = [xlsx._width(h) + 2 for h in header]
        for r in rows[:2000]:
            for i, v in enumerate(r):
                widths[i] = max(widths[i], xlsx._width(v) + 2)
    ws = xlsx._start_sheet(wb, title, header, widths, 60, (xlsx._HEADER_FONT, xlsx._HEADER_FILL, xlsx._HEADER_ALIGN))
    special = {i - 1 for i in (*percent, *live)} | ({links - 1} if links else set())
    n, part, limit = 0, 1, xlsx.SHEET_ROWS
    for r in rows:
        if n == limit - 1:
            xlsx._close_sheet(ws, header, n)
            part += 1
            ws = xlsx._start_sheet(
                wb,
                f"{title}（续{part}）",
                header,
                widths,
                60,
                (xlsx._HEADER_FONT, xlsx._HEADER_FILL, xlsx._HEADER_ALIGN),
            )
            n = 0
        n += 1
        out = []
        for i, v in enumerate(r):
            if i not in special or v is None:
                out.append(_clean(v))
                continue
            c = WriteOnlyCell(ws, v if i + 1 in live else _clean(v))
            if i + 1 in percent:
                c.number_format = "0%"
            if links and i == links - 1:
                c = WriteOnlyCell(ws, "打开")
                c.hyperlink = v
            out.append(c)
        ws.append(out)
    xlsx._close_sheet(ws, header, n)


def _parts(write) -> dict[str, bytes]:
    wb = Workbook(write_only=True)
    write(wb)
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as z:
        return {m: z.read(m) for m in z.namelist() if m != "docProps/core.xml"}  # its time stamps


@pytest.mark.parametrize("limit", [xlsx.SHEET_ROWS, 7])
def test_styled_cells_are_the_cells_one_object_each_made(monkeypatch, limit):
    monkeypatch.setattr(xlsx, "SHEET_ROWS", limit)  # 7: the rows go on to "（续2）", "（续3）"… sheets
    rows = _rows(60)
    kw = {"percent": (3, 6), "live": (5,), "links": 7}
    new = _parts(lambda wb: write_sheet(wb, "相似", HEADER, iter(rows), widths=[12.0] * len(HEADER), **kw))
    old = _parts(lambda wb: _old_sheet(wb, "相似", HEADER, rows, widths=[12.0] * len(HEADER), **kw))
    assert new.keys() == old.keys()
    assert [m for m in new if new[m] != old[m]] == []
    assert (limit == 7) == ("xl/worksheets/sheet3.xml" in new)


def test_plain_sheets_and_a_row_longer_than_its_header(monkeypatch):
    rows = _rows(30)
    short = HEADER[:4]
    kw = {"percent": (3,)}
    new = _parts(lambda wb: write_sheet(wb, "问题", short, chain(rows), widths=[12.0] * 4, **kw))
    old = _parts(lambda wb: _old_sheet(wb, "问题", short, rows, widths=[12.0] * 4, **kw))
    assert [m for m in new if new[m] != old[m]] == [] and new.keys() == old.keys()
    new = _parts(lambda wb: write_sheet(wb, "问题", HEADER, iter(rows), widths=[12.0] * len(HEADER)))
    old = _parts(lambda wb: _old_sheet(wb, "问题", HEADER, rows, widths=[12.0] * len(HEADER)))
    assert [m for m in new if new[m] != old[m]] == [] and new.keys() == old.keys()


def test_widths_measured_on_the_sample_are_the_same(monkeypatch):
    rows = [[1, 1.0, True, "长" * 100, None, 0.5, None], *_rows(2100)]  # equal values whose texts differ
    kw = {"percent": (3, 6), "live": (5,), "links": 7}
    new = _parts(lambda wb: write_sheet(wb, "相似", HEADER, iter(rows), **kw))
    old = _parts(lambda wb: _old_sheet(wb, "相似", HEADER, rows, **kw))
    assert [m for m in new if new[m] != old[m]] == [] and new.keys() == old.keys()
