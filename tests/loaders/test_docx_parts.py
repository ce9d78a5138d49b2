""".docx parts beyond the body, in real files: text boxes (once, also inside mc:AlternateContent), footnotes,
endnotes, headers that carry report text, revisions (the accepted text) and comments (ignored)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from loaders.docbuilders import soffice_convert
from shuzhi.loaders import load
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."

OPENING = "2023年度述职述廉报告"
BOX_TEXT = "全年招商引资到位资金XX亿元，同比增长12%。"
FOOTNOTE = "数据来源：县统计局2023年统计公报，其中XX项为快报数。"
ENDNOTE = "本报告所称重点项目，指年度投资XX万元以上的项目。"


def _box_run(text: str) -> str:
    """A floating text box as Word 2010+ writes it: DrawingML in mc:Choice, the same box as VML in mc:Fallback."""
    para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    return (
        f"<w:r {NS}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="3000000" cy="600000"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="10" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3000000" cy="600000"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{para}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="width:236pt;height:47pt" type="#_x0000_t202">'
        f"<v:textbox><w:txbxContent>{para}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def _note_part(tag: str, text: str) -> str:
    ref = "footnoteRef" if tag == "footnote" else "endnoteRef"
    return (
        f'<w:{tag}s {NS}><w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:id="1"><w:p><w:r><w:{ref}/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>'
        f"</w:{tag}></w:{tag}s>"
    )


def _add_part(path: Path, name: str, xml: str, rel_type: str, content_type: str) -> None:
    """Add a part to a saved .docx: the part, its relationship from document.xml and its content type."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="rIdX{rel_type}" Type="{RT}{rel_type}" Target="{name}"/>'
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                ov = f'<Override PartName="/word/{name}" ContentType="{CT}{content_type}"/>'
                data = data.replace(b"</Types>", ov.encode() + b"</Types>")
            zout.writestr(item, data)
        zout.writestr(f"word/{name}", ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml).encode())
    shutil.move(tmp, path)


def _run(xml_body: str):
    return parse_xml(f"<w:r {NS}>{xml_body}</w:r>")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("parts") / "parts.docx"
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某区2023年度述职述廉报告"  # a running head: left out
    d.sections[0].footer.paragraphs[0].text = (
        "本人承诺：以上所述均为本人履职尽责的真实情况，如有不实，愿承担相应责任。"
        "所列数据均经本单位财务部门和统计部门审核确认，可供组织查阅核实。"
    )  # report text in the footer: read
    d.add_paragraph(OPENING)
    p = d.add_paragraph("一年来，本人认真履行职责，带领班子完成各项任务。")
    p._p.append(parse_xml(_box_run(BOX_TEXT)))
    p = d.add_paragraph("全年完成固定资产投资10亿元")
    p._p.append(_run('<w:footnoteReference w:id="1"/>'))
    p.add_run("，其中工业投资4亿元。")
    # Revisions: an insertion (kept) and a deletion (dropped).
    p = d.add_paragraph("本人始终")
    p._p.append(
        parse_xml(
            f'<w:ins {NS} w:id="1" w:author="办公室" w:date="2024-01-05T00:00:00Z"><w:r><w:t>严格</w:t></w:r></w:ins>'
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {NS} w:id="2" w:author="办公室" w:date="2024-01-05T00:00:00Z"><w:r><w:delText>宽松</w:delText></w:r></w:del>'
        )
    )
    p.add_run("落实中央八项规定精神")
    p._p.append(_run('<w:endnoteReference w:id="1"/>'))
    p.add_run("。")
    c = d.add_paragraph("特此报告，请予评议。")
    d.add_comment(c.runs[0], text="请补充具体数字（审阅人意见）", author="组织部")
    d.save(path)
    _add_part(path, "footnotes.xml", _note_part("footnote", FOOTNOTE), "footnotes", "footnotes+xml")
    _add_part(path, "endnotes.xml", _note_part("endnote", ENDNOTE), "endnotes", "endnotes+xml")
    return path


@pytest.fixture(scope="module")
def doc(report):
    return load(report)


def test_text_box_read_once_after_its_paragraph(doc):
    lines = doc.text.split("\n")
    assert doc.text.count(BOX_TEXT) == 1  # the mc:Fallback copy is not read again
    assert lines[lines.index(BOX_TEXT) - 1].startswith("一年来，本人认真履行职责")
    # It is paragraph 3: the box's paragraph counts, as annotate counts it.
    unit = doc.unit_at_raw(doc.raw.index(BOX_TEXT))
    assert unit.line == 3


def test_footnotes_endnotes_and_report_footer_after_the_body(doc):
    lines = doc.text.split("\n")
    body_end = lines.index("特此报告，请予评议。")
    tail = lines[body_end + 1 :]
    assert any("本人承诺" in ln for ln in tail)
    assert FOOTNOTE in [t.strip() for t in tail] and ENDNOTE in [t.strip() for t in tail]
    # Paragraph numbers go on after the body's.
    body_units = [u for u in doc.units if u.line <= body_end + 2]
    assert max(u.line for u in doc.units) > max(u.line for u in body_units)


def test_running_head_is_left_out(doc):
    assert doc.text.count("某区2023年度述职述廉报告") == 0


def test_revisions_are_read_accepted(doc):
    assert "本人始终严格落实中央八项规定精神。" in doc.text
    assert "宽松" not in doc.text


def test_comments_already_in_the_document_are_not_read(doc):
    assert "审阅人意见" not in doc.text


def test_meta_says_what_was_read(doc):
    loading = check_document(doc, Config()).meta["loading"]
    assert loading["parts"] == {
        "text_boxes": 1,
        "footnotes": 1,
        "endnotes": 1,
        "headers": 1,
        "revisions_inserted": 1,
        "revisions_deleted": 1,
        "comments_ignored": 1,
    }
    notes = "".join(loading["notes"])
    for word in ("文本框", "脚注", "尾注", "接受全部修订", "批注"):
        assert word in notes


def test_findings_in_text_box_and_footnote(doc):
    found = check_document(doc, Config()).findings
    xx = [f for f in found if f.code.startswith("P") and "XX" in doc.text[f.start : f.end]]
    where = {doc.text[: f.start].count("\n") for f in xx}
    lines = doc.text.split("\n")
    assert lines.index(BOX_TEXT) in where
    assert any(FOOTNOTE in lines[i] for i in where)


def test_plain_docx_has_no_loading_notes(tmp_path):
    d = docx.Document()
    d.add_paragraph(OPENING)
    d.add_paragraph("一年来，本人认真履行职责。")
    d.save(tmp_path / "plain.docx")
    assert load(tmp_path / "plain.docx").origin == {}


def test_libreoffice_round_trip_keeps_the_parts(report, tmp_path):
    # The same file after LibreOffice (as .odt and back through the .odt loader): the same parts are found.
    odt = soffice_convert(report, tmp_path, "odt")
    back = load(odt)
    assert back.text.count(BOX_TEXT) == 1
    assert FOOTNOTE in back.text and ENDNOTE in back.text
    assert "宽松" not in back.text and "严格" in back.text


def test_a_broken_footnotes_part_does_not_lose_the_body(report, tmp_path):
    # The footnotes are an extra: broken XML there skips the parts, the body is read as before.
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(report) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, b"<w:footnotes><unclosed>" if item.filename == "word/footnotes.xml" else data)
    doc = load(broken)
    assert BOX_TEXT in doc.text and "特此报告，请予评议。" in doc.text
    assert FOOTNOTE not in doc.text
