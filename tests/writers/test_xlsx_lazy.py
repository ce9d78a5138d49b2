"""Issue #17: a sheet's rows may be an iterator, written as they come (a round's 124,750 similar pairs are never
held as one list); the filter and the widths are what a list of the same rows gives."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from shuzhi.writers.xlsx import write_sheet

N = 2500  # more than the 2,000 rows the column widths are taken from


def _rows():
    return [[f"报告{k}", f"r{k:04d}.txt" + "长" * (k % 7), k / N] for k in range(N)]


def _write(path, rows):
    wb = Workbook(write_only=True)
    write_sheet(wb, "相似", ["报告A", "文件", "比例"], rows, percent=(3,))
    wb.save(path)
    return load_workbook(path)["相似"]


def test_an_iterator_gives_the_same_sheet_as_a_list(tmp_path):
    a = _write(tmp_path / "list.xlsx", _rows())
    b = _write(tmp_path / "iter.xlsx", iter(_rows()))
    assert a.auto_filter.ref == b.auto_filter.ref == f"A1:C{N + 1}"
    assert [[c.value for c in r] for r in a.iter_rows()] == [[c.value for c in r] for r in b.iter_rows()]
    assert {k: d.width for k, d in a.column_dimensions.items()} == {k: d.width for k, d in b.column_dimensions.items()}
    assert b.max_row == N + 1 and b["C2"].number_format == "0%"
