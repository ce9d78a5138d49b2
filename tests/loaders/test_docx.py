"""Loading .docx reports: order, tables, Word list numbering, runs, headers left out, broken and hostile files."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from loaders.docbuilders import NUM_ID, W_NS, add_numbering, set_numbering
from shuzhi.loaders import load
from shuzhi.loaders.numbering import format_number
from shuzhi.model.errors import LoadError


def test_body_paragraphs_and_table_cells_in_document_order(tmp_path):
    d = docx.Document()
    d.add_paragraph("2023年度述职述廉报告")
    d.add_paragraph("一年来，本人认真履行职责。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "完成情况"
    table.cell(1, 0).text = "地区生产总值"
    cell = table.cell(1, 1)
    cell.text = "120亿元"
    cell.add_paragraph("同比增长5%")
    d.add_paragraph("特此报告。")
    d.save(tmp_path / "r.docx")
    doc = load(tmp_path / "r.docx")
    assert (
        doc.text
        == "2023年度述职述廉报告\n一年来，本人认真履行职责。\n指标\n完成情况\n地区生产总值\n120亿元\n同比增长5%\n特此报告。"
    )
    # Paragraph numbers count table paragraphs too, in reading order.
    assert doc.position(doc.text.index("同比")).line == 7
    assert doc.position(doc.text.index("特此")).line == 8


def test_headers_and_footers_are_not_report_text(tmp_path):
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    d.add_paragraph("一年来，本人认真履行职责。")
    d.save(tmp_path / "r.docx")
    assert load(tmp_path / "r.docx").text == "一年来，本人认真履行职责。"


def test_word_list_numbering_is_rendered_and_lower_levels_restart(tmp_path):
    d = docx.Document()
    add_numbering(d)
    d.add_paragraph("述职报告")
    for text, level in [
        ("坚定理想信念", 0),
        ("强化理论武装", 1),
        ("狠抓工作落实", 1),
        ("学习制度", 2),
        ("学习纪律", 2),
        ("带头苦干实干", 0),
        ("发展经济", 1),
        ("抓项目", 2),
        ("重点项目", 3),
        ("一般项目", 3),
        ("抓招商", 2),
        ("坚守廉洁底线", 0),
    ]:
        set_numbering(d.add_paragraph(text), level)
    d.save(tmp_path / "n.docx")
    doc = load(tmp_path / "n.docx")
    assert doc.text.split("\n") == [
        "述职报告",
        "一、坚定理想信念",
        "（一）强化理论武装",
        "（二）狠抓工作落实",
        "1.学习制度",
        "2.学习纪律",
        "二、带头苦干实干",
        "（一）发展经济",
        "1.抓项目",
        "（1）重点项目",
        "（2）一般项目",
        "2.抓招商",
        "三、坚守廉洁底线",
    ]
    heading = next(u for u in doc.units if u.line == 4)  # "（二）狠抓工作落实"
    assert heading.prefix == len("（二）")


def test_numbering_counts_past_ten_and_numids_of_one_list_share_the_count_as_in_word(tmp_path):
    # Word keeps the count on the abstract list: another numId of the same list continues
    # it, a numId with startOverride restarts it, and the first numId then goes on from
    # the restarted count (ECMA-376 §17.9; what Word shows, as other renderers found).
    d = docx.Document()
    add_numbering(d)
    numbering = d.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="92"><w:abstractNumId w:val="90"/></w:num>'))
    for i in range(11):
        set_numbering(d.add_paragraph(f"第{i + 1}项"), 0)
    set_numbering(d.add_paragraph("同一清单的另一个编号"), 0, num_id="92")
    set_numbering(d.add_paragraph("重新开始"), 0, num_id="91")
    set_numbering(d.add_paragraph("重新开始后的第二项"), 0, num_id="91")
    set_numbering(d.add_paragraph("原编号接着数"), 0, num_id=NUM_ID)
    d.save(tmp_path / "n.docx")
    lines = load(tmp_path / "n.docx").text.split("\n")
    assert lines[9] == "十、第10项" and lines[10] == "十一、第11项"
    assert lines[11] == "十二、同一清单的另一个编号"
    assert lines[12] == "一、重新开始"
    assert lines[13] == "二、重新开始后的第二项"
    assert lines[14] == "三、原编号接着数"


def test_numbering_from_a_paragraph_style(tmp_path):
    d = docx.Document()
    add_numbering(d)
    style = d.styles.add_style("公文一级标题", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="{NUM_ID}"/></w:numPr>')
    )
    d.add_paragraph("坚定理想信念", style="公文一级标题")
    d.add_paragraph("正文。")
    d.add_paragraph("带头苦干实干", style="公文一级标题")
    d.save(tmp_path / "s.docx")
    assert load(tmp_path / "s.docx").text == "一、坚定理想信念\n正文。\n二、带头苦干实干"


@pytest.mark.parametrize(
    "n, fmt, expected",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (21, "chineseCountingThousand", "二十一"),
        (105, "chineseCountingThousand", "一百零五"),
        (110, "chineseCountingThousand", "一百一十"),
        (3, "ideographTraditional", "丙"),
        (2, "ideographZodiac", "丑"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "chineseLegalSimplified", "肆"),
        (12, "decimal", "12"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (10, "ideographDigital", "一〇"),
    ],
)
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_bullets_are_not_rendered_as_text(tmp_path):
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="80"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="81"><w:abstractNumId w:val="80"/></w:num>'))
    set_numbering(d.add_paragraph("要点"), 0, num_id="81")
    d.save(tmp_path / "b.docx")
    assert load(tmp_path / "b.docx").text == "要点"


def test_position_gives_paragraph_and_run(tmp_path):
    d = docx.Document()
    add_numbering(d)
    d.add_paragraph("述职报告")
    p = d.add_paragraph()
    set_numbering(p, 0)
    for t in ("全年", "完成投资", "１２亿元"):
        p.add_run(t)
    d.save(tmp_path / "r.docx")
    doc = load(tmp_path / "r.docx")
    assert doc.text == "述职报告\n一、全年完成投资12亿元"
    # The rendered "一、" is column 1–2 of paragraph 2 and belongs to no run (run 0).
    pos = doc.position(doc.text.index("一、"))
    assert (pos.line, pos.column, pos.run) == (2, 1, 0)
    pos = doc.position(doc.text.index("完成"))
    assert (pos.line, pos.column, pos.run) == (2, 5, 2)
    pos = doc.position(doc.text.index("12"))
    assert (pos.line, pos.column, pos.run) == (2, 9, 3)


def _zip(path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_zip_bomb_is_refused_without_inflating_it(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):  # 64 MB of zeros, ~64 KB compressed
                f.write(chunk)
    assert path.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        with pytest.raises(LoadError) as e:
            load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert e.value.code == "E104"
    assert "压缩炸弹" in e.value.message
    assert peak < 8 << 20  # nothing near the 64 MB was inflated


def test_zip_with_too_many_members_is_refused(tmp_path):
    members = {f"word/media/x{i}.xml": b"<x/>" for i in range(6000)}
    members["word/document.xml"] = b"<w:document/>"
    with pytest.raises(LoadError) as e:
        load(_zip(tmp_path / "many.docx", members, zipfile.ZIP_STORED))
    assert e.value.code == "E104"


def test_not_a_zip_is_e103(tmp_path):
    (tmp_path / "fake.docx").write_text("这其实是一个文本文件", encoding="utf-8")
    with pytest.raises(LoadError) as e:
        load(tmp_path / "fake.docx")
    assert e.value.code == "E103"
    assert "另存为 .docx" in e.value.message


def test_zip_without_document_xml_is_e103(tmp_path):
    with pytest.raises(LoadError) as e:
        load(_zip(tmp_path / "empty.docx", {"[Content_Types].xml": b"<Types/>"}))
    assert e.value.code == "E103"


def test_doc_renamed_to_docx_is_e103_and_says_so(tmp_path):
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    with pytest.raises(LoadError) as e:
        load(tmp_path / "old.docx")
    assert e.value.code == "E103" and "旧版 .doc" in e.value.message


def test_truncated_docx_is_e103(tmp_path):
    d = docx.Document()
    d.add_paragraph("一年来，本人认真履行职责。" * 200)
    buf = io.BytesIO()
    d.save(buf)
    (tmp_path / "cut.docx").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(LoadError) as e:
        load(tmp_path / "cut.docx")
    assert e.value.code == "E103"


def test_malformed_xml_is_e103(tmp_path):
    with pytest.raises(LoadError) as e:
        load(_zip(tmp_path / "bad.docx", {"word/document.xml": b"<w:document><w:body><w:p>"}))
    assert e.value.code == "E103"
