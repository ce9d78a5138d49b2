"""A finding's location in a .docx says whether it is in a table cell (第2个表格第3行第4列) or a body
paragraph, and body paragraphs are counted without the table cells before them (known defect: “28:46”)."""

from __future__ import annotations

import docx

import shuzhi
from shuzhi.model.findings import Finding
from shuzhi.writers import text as text_writer


def _report(path):
    d = docx.Document()
    d.add_paragraph("一、主要指标")  # body paragraph 1
    t = d.add_table(rows=2, cols=2)
    for i, row in enumerate([["指标", "说明"], ["数据", "完成率达XX%"]]):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.add_paragraph("过渡段落。")  # body paragraph 2
    t2 = d.add_table(rows=3, cols=4)
    for i in range(3):
        for j in range(4):
            t2.cell(i, j).text = f"格{i}{j}"
    t2.cell(2, 3).text = "XX万元"
    d.add_paragraph("全年完成投资XX亿元。")  # body paragraph 3, after 2 + 12 cells
    d.save(path)
    return shuzhi.load(str(path))


def test_positions_in_table_cells_name_the_table_row_and_column(tmp_path):
    doc = _report(tmp_path / "r.docx")
    a = doc.text.index("XX万元")
    p = doc.position(a)
    assert p.cell == (2, 3, 4)
    p1 = doc.position(doc.text.index("XX%"))
    assert p1.cell == (1, 2, 2)


def test_body_paragraphs_are_counted_without_table_cells(tmp_path):
    doc = _report(tmp_path / "r.docx")
    p = doc.position(doc.text.index("全年完成投资"))
    assert p.cell is None
    assert p.paragraph == 3


def test_findings_carry_and_say_the_location(tmp_path):
    doc = _report(tmp_path / "r.docx")
    r = shuzhi.check(doc)
    by_text = {f.excerpt: f for f in r.findings if f.code == "P101"}
    cell = next(f for f in r.findings if f.code == "P101" and f.cell is not None and f.cell["table"] == 2)
    assert cell.cell == {"table": 2, "row": 3, "column": 4}
    assert cell.where == "第2个表格第3行第4列"
    body = next(f for f in r.findings if f.code == "P101" and f.cell is None)
    assert body.paragraph == 3
    assert body.where.startswith("第3段")
    # JSON round trip (review --from reads results.json back)
    again = Finding.from_dict(cell.to_dict())
    assert again.where == "第2个表格第3行第4列"
    assert by_text


def test_the_text_output_says_table_cell_or_paragraph(tmp_path):
    import io

    doc = _report(tmp_path / "r.docx")
    out, err = io.StringIO(), io.StringIO()
    text_writer.write([shuzhi.check(doc)], [], out, err)
    lines = [ln for ln in out.getvalue().splitlines() if "P101" in ln]
    assert any("第2个表格第3行第4列" in ln for ln in lines)
    assert any("第3段" in ln for ln in lines)


def test_a_txt_location_is_unchanged(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("一、工作\n全年完成投资XX亿元。\n", encoding="utf-8")
    f = next(f for f in shuzhi.check(shuzhi.load(str(p))).findings if f.code == "P101")
    assert f.cell is None and f.paragraph is None
    assert f.where == f"第{f.line}行第{f.column}列"


def test_claims_name_the_table_cell_of_a_table_figure(tmp_path):
    from conftest import run_cli

    d = docx.Document()
    d.add_paragraph("主要指标完成情况：")
    t = d.add_table(rows=2, cols=4)
    for i, row in enumerate([["指标", "目标", "完成", "完成率"], ["税收收入（亿元）", "8.5", "8.2", "103%"]]):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.save(tmp_path / "t.docx")
    r = run_cli("claims", str(tmp_path / "t.docx"))
    line = next(ln for ln in r.stdout.splitlines() if "N201" in ln)
    assert "(第1个表格第2行第4列)" in line and "不一致" in line
