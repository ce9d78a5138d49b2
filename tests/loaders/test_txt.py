"""Loading .txt reports: every encoding officials' machines write, detected; positions in file lines and columns."""

from __future__ import annotations

import random

import pytest

from loaders.docbuilders import seed_paragraphs
from shuzhi.loaders import load
from shuzhi.model.errors import LoadError

# Seed 003's opening paragraph and a heading, as written in the report.
OPENING, HEADING = seed_paragraphs(3, 1, 2)
# The same opening in traditional characters (Big5 cannot encode simplified ones), transcribed by hand.
OPENING_TRADITIONAL = (
    "一年來，在省委、省政府和市委、市政府的堅強領導下，我始終做到講政治，顧大局，一心一意謀發展，"
    "凝心聚力保穩定，以飽滿的工作熱情、紮實的工作作風推動地方經濟社會持續健康穩定發展。"
)


def write(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    "codec, bom, expected_encoding",
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
        ("gbk", b"", "gb18030"),
        ("gb18030", b"", "gb18030"),
    ],
)
def test_simplified_report_text_is_read_in_each_encoding(tmp_path, codec, bom, expected_encoding):
    text = f"{HEADING}\n{OPENING}\n"
    doc = load(write(tmp_path, "r.txt", bom + text.encode(codec)))
    assert doc.text == f"{HEADING}\n{OPENING}"
    assert doc.encoding == expected_encoding


def test_big5_report_text_is_read(tmp_path):
    doc = load(write(tmp_path, "r.txt", ("二、帶頭苦幹實幹\n" + OPENING_TRADITIONAL).encode("big5")))
    assert doc.encoding == "big5"
    assert doc.raw == "二、帶頭苦幹實幹\n" + OPENING_TRADITIONAL
    # Analysed through its simplified view (tests/loaders/test_traditional.py): the seed's own opening.
    assert doc.text == "二、带头苦干实干\n" + OPENING


@pytest.mark.parametrize("n_chars", [2, 3, 4, 6, 10, 20, 60, 300])
def test_short_and_long_gbk_snippets_are_not_mistaken_for_big5_or_utf8(tmp_path, n_chars):
    # Officials' files are usually GBK: any stretch of a real report, however short,
    # must come back exactly. Several stretches of every seed are tried.
    rng = random.Random(n_chars)
    for n in range(5):
        paragraphs = seed_paragraphs(n)
        body = "\n".join(paragraphs)
        for _ in range(6):
            i = rng.randrange(0, len(body) - n_chars)
            snippet = body[i : i + n_chars].strip("\n")
            if len(snippet.strip()) < 2 or snippet.isascii():  # ASCII is the same in every codec
                continue
            data = snippet.encode("gbk", errors="strict")
            doc = load(write(tmp_path, "s.txt", data))
            assert doc.encoding == "gb18030", (snippet, doc.encoding)
            assert doc.raw == snippet


def test_whole_seed_in_gbk(tmp_path):
    for n in range(5):
        text = "\n".join(seed_paragraphs(n))
        doc = load(write(tmp_path, "s.txt", text.encode("gb18030")))
        assert doc.raw == text and doc.encoding == "gb18030"


def test_gbk_file_with_one_broken_byte_is_still_read_with_a_warning(tmp_path):
    data = bytearray(("\n".join(seed_paragraphs(3))).encode("gbk"))
    data[len(data) // 2] = 0xFF  # never valid in GBK
    doc = load(write(tmp_path, "s.txt", bytes(data)))
    assert doc.encoding == "gb18030"
    assert doc.warnings and "无法解码" in doc.warnings[0]
    assert OPENING in doc.text


@pytest.mark.parametrize("seed_bytes", [0, 1, 2])
def test_binary_garbage_named_txt_is_e102(tmp_path, seed_bytes):
    data = random.Random(seed_bytes).randbytes(5000)
    with pytest.raises(LoadError) as e:
        load(write(tmp_path, "garbage.txt", data))
    assert e.value.code == "E102"
    assert "不是可识别的文本" in e.value.message


def test_a_png_named_txt_is_e102(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(LoadError) as e:
        load(write(tmp_path, "scan.txt", png))
    assert e.value.code == "E102"


@pytest.mark.parametrize(
    "codec, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-8", b""), ("gbk", b""), ("utf-16-le", b"\xff\xfe")]
)
def test_positions_are_file_line_and_character_column_with_bom_and_crlf(tmp_path, codec, bom):
    text = "2023年度述职报告\r\n\r\n  一、全年完成投资１２亿元，\t增长５％。\r\n特此报告。\r\n"
    doc = load(write(tmp_path, "p.txt", bom + text.encode(codec)))
    assert doc.text == "2023年度述职报告\n一、全年完成投资12亿元，增长5%。\n特此报告。"
    # "12" is on file line 3; the line reads "  一、全年完成投资１２…", so "１" is character 11.
    p = doc.position(doc.text.index("12"))
    assert (p.line, p.column) == (3, 11)
    # "增长" comes after the tab: character 17 of line 3.
    p = doc.position(doc.text.index("增长"))
    assert (p.line, p.column) == (3, 17)
    p = doc.position(doc.text.index("特此"))
    assert (p.line, p.column) == (4, 1)
    start, end = doc.span_position(doc.text.index("12"), doc.text.index("12") + 2)
    assert (start.line, start.column, end.line, end.column) == (3, 11, 3, 13)


def test_lone_cr_line_endings_count_as_lines(tmp_path):
    doc = load(write(tmp_path, "mac.txt", "标题\r第二行\r第三行有数字3".encode("gbk")))
    p = doc.position(doc.text.index("3"))
    assert (p.line, p.column) == (3, 7)


def test_utf8_file_cut_in_the_middle_of_a_character_is_still_read(tmp_path):
    data = "\n".join(seed_paragraphs(3)).encode("utf-8")
    data = data[:-100] + data[-99:]  # one byte of a three-byte character lost
    doc = load(write(tmp_path, "cut.txt", data))
    assert doc.encoding == "utf-8"
    assert OPENING in doc.text and doc.warnings
