"""summary.xlsx's plain rows written as text (writers.sheetxml, #17): every part byte for byte what openpyxl's own
write-only sheet writes, on texts of every kind of character, numbers at their limits and rows that openpyxl must
write itself (dates, links, error codes, characters lxml refuses) among them."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from shuzhi.writers import sheetxml, xlsx
from shuzhi.writers.xlsx import write_sheet

HEADER = ["报告A", "报告B", "A被复制比例", "B被复制比例", "整体相似度", "相同字数", "公式", "说明"]
# Characters each with its own way through lxml's ASCII output: escaped, references, kept, white space.
SPECIAL = [*"&<>\"'\r\n\t =#/ \u3000\x85\u2028\xa0\x7f", "\U00020000", "\U0010fffd", "\ufffd", "\ud7ff"]


def _text(rng: random.Random) -> str:
    n = rng.choice([0, 1, 2, 5, 20, 200])
    out = []
    for _ in range(n):
        k = rng.random()
        if k < 0.3:
            out.append(rng.choice(SPECIAL))
        elif k < 0.5:
            out.append(chr(rng.randint(0x20, 0x7E)))
        elif k < 0.8:
            out.append(chr(rng.randint(0x4E00, 0x9FFF)))
        else:
            cp = rng.choice([rng.randint(0x80, 0xD7FF), rng.randint(0xE000, 0xFFFD), rng.randint(0x10000, 0x10FFFF)])
            out.append(chr(cp))
    return "".join(out)


def _value(rng: random.Random, k: int):
    return rng.choice(
        [
            None,
            _text(rng),
            _text(rng),
            "=" + _text(rng),
            rng.choice(["=", "#N/A", "#DIV/0!", "", " ", "\u3000文字", "文字 "]),
            k,
            -(2**62) + k,
            2**70,
            k * 0.1,
            rng.choice([-0.0, 1e-300, 1e300, 1 / 3, float("nan"), float("inf"), -float("inf")]),
            True,
            False,
        ]
    )


def _rows(n: int, seed: int, *, others: bool) -> list[list]:
    rng = random.Random(seed)
    rows = [[_value(rng, k) for _ in HEADER] for k in range(n)]
    if others:  # rows openpyxl writes itself, among the others
        for r in rng.sample(rows, n // 10):
            r[rng.randrange(len(r))] = rng.choice([dt.datetime(2026, 12, 7, 6, 1), dt.date(2026, 1, 2)])
    return rows


def _parts(monkeypatch, sheet_class, rows, **kw) -> dict[str, bytes] | str:
    monkeypatch.setattr(xlsx, "_SHEET", sheet_class)
    wb = Workbook(write_only=True)
    try:
        write_sheet(wb, "相似", HEADER, iter(rows), widths=[12.0] * len(HEADER), **kw)
        write_sheet(wb, "全部", HEADER, iter(rows))
        ws = xlsx._start_sheet(
            wb, "单元格", HEADER, [12.0] * len(HEADER), 60, (xlsx._HEADER_FONT, xlsx._HEADER_FILL, xlsx._HEADER_ALIGN)
        )
        for k, row in enumerate(rows):  # a caller's own cells holding numbers, plain and styled
            row = list(row)
            c = WriteOnlyCell(ws, [0.25, 7, -0.0, None][k % 4])
            if k % 3:
                c.number_format = "0.0%"
            row[k % len(row)] = c
            ws.append(row)
        buf = io.BytesIO()
        wb.save(buf)
    except Exception as e:  # both sides must fail alike
        return f"{type(e).__name__}: {e}"
    with zipfile.ZipFile(buf) as z:
        return {m: z.read(m) for m in z.namelist() if m != "docProps/core.xml"}  # its time stamps


@pytest.mark.parametrize("seed", range(6))
def test_plain_rows_as_text_are_openpyxls_bytes(monkeypatch, seed):
    rows = _rows(300, seed, others=seed % 2 == 1)
    kw = {"percent": (3, 4, 5), "live": (7,)}
    mine = _parts(monkeypatch, xlsx._Sheet, rows, **kw)
    stock = _parts(monkeypatch, WriteOnlyWorksheet, rows, **kw)
    assert not isinstance(stock, str), stock
    assert isinstance(mine, dict), mine
    assert mine.keys() == stock.keys()
    assert [m for m in mine if mine[m] != stock[m]] == []
    assert b"xml:space" in mine["xl/worksheets/sheet1.xml"] and b"&#13;" in mine["xl/worksheets/sheet1.xml"]


def test_rows_are_made_as_text(monkeypatch):
    """The plain rows (all but the header) go the text way, not through openpyxl's cells."""
    made = []
    real = sheetxml._Sheet._row_text

    def spy(self, values, row_idx):
        text = real(self, values, row_idx)
        made.append(text is not None)
        return text

    monkeypatch.setattr(sheetxml._Sheet, "_row_text", spy)
    rows = [[f"张三{k}", "李四", 0.5, 0.25, 0.1, k, None, " 说明 "] for k in range(50)]
    wb = Workbook(write_only=True)
    write_sheet(wb, "相似", HEADER, rows, percent=(3, 4, 5))
    wb.save(io.BytesIO())
    assert made == [False] + [True] * 50  # the header: styled text cells, openpyxl's


def test_a_text_lxml_refuses_fails_as_with_openpyxl(monkeypatch):
    rows = [["好", 1, 0.5, 0.5, 0.5, 1, None, "a\ufffeb"]]
    mine = _parts(monkeypatch, xlsx._Sheet, rows, percent=(3, 4, 5))
    stock = _parts(monkeypatch, WriteOnlyWorksheet, rows, percent=(3, 4, 5))
    assert isinstance(stock, str) and mine == stock
