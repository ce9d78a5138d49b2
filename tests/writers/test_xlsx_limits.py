"""summary.xlsx within Excel's own limits (Microsoft's "Excel specifications and limits"): 1,048,576 rows a sheet,
32,767 characters a cell, 8,192 characters a formula. openpyxl writes past them without a word and Excel then
refuses the file or "repairs" it by dropping what is over: a province's round of 1,500 reports copied from one
template has more similar pairs than one sheet holds."""

from __future__ import annotations

import zipfile

from lxml import etree
from openpyxl import Workbook, load_workbook

from shuzhi.writers.xlsx import CELL_CHARS, SHEET_ROWS, excel_formula, write_sheet

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _sheet_xml(path, member):
    """The row numbers, the filter's range and the frozen pane a sheet's XML holds, read straight from the file
    (openpyxl would neither say it is over nor load a full sheet in the time a test has)."""
    rows, found = [], {}
    with zipfile.ZipFile(path) as z, z.open(member) as fh:
        for _, el in etree.iterparse(fh, tag=(f"{NS}row", f"{NS}autoFilter", f"{NS}pane")):
            if el.tag == f"{NS}row":
                rows.append(int(el.get("r")))
            else:
                found[el.tag[len(NS) :]] = el.get("ref") or el.get("topLeftCell")
            el.clear()
    return rows, found


def test_the_limits_are_excels():
    # The figures Excel documents; a smaller SHEET_ROWS would split sheets Excel could hold whole.
    assert (SHEET_ROWS, CELL_CHARS) == (1_048_576, 32_767)


def test_rows_beyond_one_sheet_continue_on_the_next_and_none_is_lost(tmp_path):
    extra = 3
    n = SHEET_ROWS - 1 + extra  # one header row on each sheet
    wb = Workbook(write_only=True)
    write_sheet(wb, "相似", ["序号"], ([k] for k in range(n)))
    path = tmp_path / "big.xlsx"
    wb.save(path)

    rows, first = _sheet_xml(path, "xl/worksheets/sheet1.xml")
    assert len(rows) == SHEET_ROWS and rows[-1] == SHEET_ROWS  # the first sheet full, not one row over
    assert first == {"pane": "A2", "autoFilter": f"A1:A{SHEET_ROWS}"}
    rows, cont = _sheet_xml(path, "xl/worksheets/sheet2.xml")
    assert rows == list(range(1, extra + 2))
    assert cont == {"pane": "A2", "autoFilter": f"A1:A{extra + 1}"}  # the same frozen header and filter
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["相似", "相似（续2）"]
    values = [list(r) for r in book["相似（续2）"].iter_rows(values_only=True)]
    assert values == [["序号"]] + [[k] for k in range(SHEET_ROWS - 1, n)]
    book.close()


def test_a_text_longer_than_a_cell_holds_is_cut_with_a_note(tmp_path):
    long = "委" * 40_000
    wb = Workbook(write_only=True)
    write_sheet(wb, "问题", ["摘录", "说明"], [[long, "短"], ["=SUM(A1)" + "字" * 40_000, None]])
    wb.save(tmp_path / "cells.xlsx")
    ws = load_workbook(tmp_path / "cells.xlsx")["问题"]
    cut, formula = ws["A2"].value, ws["A3"].value
    assert len(cut) == CELL_CHARS and cut.startswith("委" * 30_000) and "上限" in cut and "results.json" in cut
    assert len(formula) == CELL_CHARS and formula.startswith("'=SUM(A1)")  # still quoted, never a formula
    assert ws["B2"].value == "短"


def test_a_formula_longer_than_excel_takes_is_not_written_live():
    parts = {f"x{k}": {"text": f"{k + 1}万元", "value": k + 1, "scale": 10_000} for k in range(1500)}
    formula = " + ".join(v["text"] for v in parts.values()) + " = 1125750万元"
    live = excel_formula({"formula": formula, "relation": "sum", "operands": parts})
    assert live is None
    few = dict(list(parts.items())[:3])
    short = " + ".join(v["text"] for v in few.values()) + " = 6万元"
    assert excel_formula({"formula": short, "relation": "sum", "operands": few}) == "=10000+20000+30000"
