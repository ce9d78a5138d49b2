"""Figures in .docx tables, read by their header (#16): 目标 | 完成 | 完成率 and 上年 | 本年 | 增长 columns.

Every table is a real .docx written here with python-docx and read with shuzhi.load.
"""

from __future__ import annotations

import docx
import pytest

import shuzhi


def table_docx(path, rows, caption="主要指标完成情况如下表："):
    d = docx.Document()
    d.add_paragraph("一、主要工作")
    d.add_paragraph(caption)
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
    d.add_paragraph("以上数据来源于县统计局。")
    d.save(path)
    return shuzhi.load(str(path))


def table_claims(doc):
    return [c for c in doc.claims if "table" in c.extra]


HEADER = ["指标", "目标", "完成", "完成率"]


def test_a_wrong_completion_rate_in_a_row_is_flagged_at_its_cell(tmp_path):
    doc = table_docx(
        tmp_path / "t.docx",
        [HEADER, ["地区生产总值（亿元）", "120", "126", "105%"], ["一般公共预算收入（亿元）", "8.5", "8.2", "103%"]],
    )
    cs = table_claims(doc)
    assert [c.verdict for c in cs] == ["consistent", "inconsistent"]
    bad = cs[1]
    assert bad.computed[0] <= 8.2 / 8.5 * 100 <= bad.computed[1]
    assert doc.text[bad.start : bad.end] == "103"
    assert bad.extra["table"]["row"] == 3 and "一般公共预算收入" in bad.extra["table"]["label"]
    r = shuzhi.check(doc)
    n201 = [f for f in r.findings if f.code == "N201"]
    assert len(n201) == 1
    assert "一般公共预算收入" in n201[0].message and "第1个表格第3行" in n201[0].message


def test_columns_in_another_order_and_units_in_a_unit_column(tmp_path):
    doc = table_docx(
        tmp_path / "t.docx",
        [
            ["项目", "单位", "实际完成", "年度目标", "完成率（%）"],
            ["新增城镇就业", "人", "1620", "1500", "118"],
            ["农村劳动力转移就业", "人", "3150", "3000", "105"],
        ],
    )
    assert [c.verdict for c in table_claims(doc)] == ["inconsistent", "consistent"]
    assert table_claims(doc)[0].operands["actual"].unit == "人"


def test_a_target_cell_is_exact_a_result_cell_keeps_its_precision(tmp_path):
    rows = [["指标", "目标（亿元）", "完成（亿元）", "完成率（%）"], ["招商引资到位资金", "10", "8.5", "{r}"]]
    for rate, want in (("89", "inconsistent"), ("85", "consistent")):
        rows[1][3] = rate
        doc = table_docx(tmp_path / f"t{rate}.docx", rows)
        (c,) = table_claims(doc)
        assert c.verdict == want, rate
        assert c.operands["planned"].lo == c.operands["planned"].hi


def test_about_in_a_target_cell_keeps_its_interval(tmp_path):
    doc = table_docx(tmp_path / "t.docx", [HEADER, ["招商引资到位资金（亿元）", "约10", "8.5", "89%"]])
    (c,) = table_claims(doc)
    assert c.verdict == "consistent"


def test_growth_columns_are_recomputed(tmp_path):
    doc = table_docx(
        tmp_path / "t.docx",
        [
            ["指标", "单位", "上年", "本年", "增长（%）"],
            ["税收收入", "万元", "52000", "56160", "12.0"],
            ["非税收入", "万元", "18000", "18900", "5.0"],
            ["罚没收入", "万元", "1000", "900", "-10.0"],
        ],
    )
    cs = table_claims(doc)
    assert [c.relation for c in cs] == ["from-to"] * 3
    assert [c.verdict for c in cs] == ["inconsistent", "consistent", "consistent"]
    assert cs[0].computed[0] <= (56160 - 52000) / 52000 * 100 <= cs[0].computed[1]
    assert [f.code for f in shuzhi.check(doc).findings if f.code.startswith("N")] == ["N202"]


def test_two_year_columns_are_last_year_and_this_year(tmp_path):
    doc = table_docx(
        tmp_path / "t.docx", [["指标", "2022年", "2023年", "增长（%）"], ["税收收入（万元）", "52000", "56160", "12.0"]]
    )
    (c,) = table_claims(doc)
    assert c.verdict == "inconsistent"


def test_real_growth_of_output_is_not_recomputed(tmp_path):
    doc = table_docx(
        tmp_path / "t.docx", [["指标", "上年", "本年", "增长（%）"], ["地区生产总值（亿元）", "150", "156.3", "5.2"]]
    )
    (c,) = table_claims(doc)
    assert c.verdict == "unverifiable"


@pytest.mark.parametrize(
    "rows",
    [
        # a progress table: no target / result / rate header
        [
            ["序号", "项目名称", "总投资（亿元）", "年度投资（亿元）", "形象进度（%）"],
            ["1", "城东污水处理厂", "12", "3.5", "65"],
        ],
        # empty and dash cells are no figures
        [HEADER, ["外贸进出口总额（亿元）", "—", "2.1", "—"], ["招商引资（亿元）", "", "10.3", ""]],
        # two result columns: which one the rate belongs to is a guess
        [["指标", "目标", "上半年完成", "全年完成", "完成率"], ["税收（亿元）", "10", "4.1", "10.3", "41%"]],
    ],
)
def test_tables_that_do_not_state_a_checkable_rate_give_no_claim(tmp_path, rows):
    doc = table_docx(tmp_path / "t.docx", rows)
    assert table_claims(doc) == []
    assert [f.code for f in shuzhi.check(doc).findings if f.code.startswith("N")] == []


def test_a_title_row_above_the_header_is_skipped(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=4)
    top = t.cell(0, 0).merge(t.cell(0, 3))
    top.text = "2023年主要指标完成情况"
    for j, h in enumerate(HEADER):
        t.cell(1, j).text = h
    for j, v in enumerate(["一般公共预算收入（亿元）", "8.5", "8.2", "103%"]):
        t.cell(2, j).text = v
    d.save(tmp_path / "t.docx")
    (c,) = table_claims(shuzhi.load(str(tmp_path / "t.docx")))
    assert c.verdict == "inconsistent"


def test_the_indicator_column_is_no_target_column_whatever_its_header(tmp_path):
    doc = table_docx(
        tmp_path / "t.docx",
        [["目标任务名称", "年度计划", "实际完成", "完成率"], ["新建村级养老服务站（个）", "40", "46", "105%"]],
    )
    (c,) = table_claims(doc)
    assert c.verdict == "inconsistent" and c.computed[0] <= 46 / 40 * 100 <= c.computed[1]
