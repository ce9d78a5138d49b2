"""Hostile .docx files (issue #15): every one is a coded, Chinese error or a bounded document, never a crash."""

from __future__ import annotations

import re
import unicodedata

import pytest

from loaders.hostile_docx import document_xml, numbering_xml, paragraph, patch_member, report_docx, write_docx
from shuzhi.loaders import load
from shuzhi.loaders.numbering import MAX_LABEL, format_number
from shuzhi.model.errors import LoadError

ENGLISH = re.compile(r"[A-Za-z]{4,}")


def _refused(path, code: str) -> LoadError:
    with pytest.raises(LoadError) as e:
        load(path)
    assert e.value.code == code
    assert not ENGLISH.search(e.value.message.replace(".docx", "").replace("Word", "").replace("WPS", ""))
    return e.value


def test_a_report_docx_built_here_loads(tmp_path):
    # The builder itself makes a valid file, so the refusals below are due to the damage alone.
    assert load(report_docx(tmp_path / "r.docx")).text.endswith("完成各项任务。")


def test_a_corrupt_deflate_stream_is_e103(tmp_path):
    p = patch_member(report_docx(tmp_path / "r.docx"), "word/document.xml", garble=True)
    assert "损坏" in _refused(p, "E103").message


def test_an_unsupported_compression_method_is_e103(tmp_path):
    p = patch_member(report_docx(tmp_path / "r.docx"), "word/document.xml", method=99)
    assert "压缩方式" in _refused(p, "E103").message


def test_a_newer_zip_version_is_e103(tmp_path):
    # zipfile refuses "zip file version 9.0" already when it reads the directory.
    p = patch_member(report_docx(tmp_path / "r.docx"), "word/document.xml", version=90)
    assert "压缩方式" in _refused(p, "E103").message


def test_a_bzip2_member_that_is_not_bzip2_is_e103_in_chinese(tmp_path):
    # bz2 raises OSError("Invalid data stream"): it used to come out as E110 with that English text.
    p = patch_member(report_docx(tmp_path / "r.docx"), "word/document.xml", method=12)
    assert "损坏" in _refused(p, "E103").message


def test_an_encrypted_member_is_e103(tmp_path):
    p = patch_member(report_docx(tmp_path / "r.docx"), "word/document.xml", flags=1)
    assert "加密" in _refused(p, "E103").message


def _numbered(
    tmp_path,
    start: str,
    fmt: str = "decimal",
    *,
    ilvl: str = "0",
    para_ilvl: str = "0",
    n: int = 3,
    text: str = "%1、",
    override: str | None = None,
):
    body = "".join(paragraph("本人认真履职。", "1", para_ilvl) for _ in range(n))
    return write_docx(tmp_path / "n.docx", document_xml(body), numbering_xml(start, fmt, ilvl, text, override))


@pytest.mark.parametrize(
    "start, fmt",
    [
        ("²", "decimal"),  # str.isdigit() says yes, int() says no
        ("9" * 5000, "decimal"),  # over Python's 4,300-digit int() limit
        ("-5", "ideographDigital"),  # a minus sign in a Chinese digit format
        ("-5", "decimalFullWidth"),
        ("٣", "chineseCounting"),  # an Arabic-Indic digit
    ],
)
def test_a_list_start_that_is_not_plain_decimal_is_ignored(tmp_path, start, fmt):
    doc = load(_numbered(tmp_path, start, fmt))
    first = unicodedata.normalize("NFKC", format_number(1, fmt))  # the analysed text has ASCII digits
    assert doc.text.split("\n")[0] == f"{first}、本人认真履职。"


def test_a_start_override_that_is_not_plain_decimal_is_ignored(tmp_path):
    doc = load(_numbered(tmp_path, "1", override="-7"))
    assert doc.text.startswith("1、本人认真履职。")


def test_a_list_level_beyond_word_s_nine_is_no_numbering(tmp_path):
    doc = load(_numbered(tmp_path, "1", ilvl="12", para_ilvl="12"))
    assert doc.text == "本人认真履职。\n本人认真履职。\n本人认真履职。"


def test_a_paragraph_level_that_is_not_plain_decimal_is_level_0(tmp_path):
    doc = load(_numbered(tmp_path, "1", para_ilvl="²"))
    assert doc.text.startswith("1、本人认真履职。\n2、")


def test_a_huge_list_start_does_not_expand_into_millions_of_letters(tmp_path):
    # A few hundred bytes of zip: a letter-numbered list starting at Word's maximum, 200 items, and a
    # lvlText that repeats the label nine times. Before the caps each label was thousands of letters.
    p = _numbered(tmp_path, "32767", "upperLetter", n=200, text="%1" * 9)
    size = p.stat().st_size
    try:
        doc = load(p)
    except LoadError as e:
        assert e.code == "E104"
        return
    labels = [line[: line.index("本人")] for line in doc.text.split("\n")]
    assert max(map(len, labels)) <= MAX_LABEL
    assert len(doc.text) <= 100 * size


def test_numbering_labels_beyond_the_file_size_budget_are_e104(tmp_path):
    # 20,000 numbered paragraphs with 64-character labels: over a million characters from a file of ~60 KB.
    p = _numbered(tmp_path, "1", "decimal", n=20000, text="%1" + "、" * 70)
    assert "编号" in _refused(p, "E104").message


def test_text_after_an_xml_entity_reference_is_kept(tmp_path):
    doctype = '<!DOCTYPE w:document [<!ENTITY co "某某单位">]>'
    body = "<w:p><w:r><w:t>本人在&co;担任局长，负责全面工作。</w:t></w:r></w:p>"
    doc = load(write_docx(tmp_path / "e.docx", document_xml(body, doctype)))
    # The entity is not expanded (an untrusted file), but the text around it is the report's.
    assert doc.text == "本人在担任局长，负责全面工作。"


def test_an_external_entity_is_neither_resolved_nor_fatal(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = "<w:p><w:r><w:t>开头&xxe;结尾</w:t></w:r></w:p>"
    doc = load(write_docx(tmp_path / "x.docx", document_xml(body, doctype)))
    assert doc.text == "开头结尾"
    assert "机密" not in doc.raw
