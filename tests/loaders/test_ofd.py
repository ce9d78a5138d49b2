"""OFD files written by the test from seed 003: the same text, outline and findings as the .txt; pages and lines."""

from __future__ import annotations

import zipfile

import pytest

from loaders.docbuilders import SEED_TABLE, SEED_TABLE_AFTER, seed_paragraphs
from loaders.ofdbuilder import write_ofd
from shuzhi.loaders import load, loads
from shuzhi.loaders.ofd import parse_delta
from shuzhi.model.errors import LoadError
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document

SEED = seed_paragraphs(3)
CELLS = [c for row in SEED_TABLE for c in row]


def txt_doc():
    return loads("\n".join(SEED[: SEED_TABLE_AFTER + 1] + CELLS + SEED[SEED_TABLE_AFTER + 1 :]))


@pytest.fixture(scope="module")
def ofd(tmp_path_factory):
    path = tmp_path_factory.mktemp("ofd") / "r.ofd"
    write_ofd(path, SEED, header="某区2023年度述职述廉报告", tables={SEED_TABLE_AFTER: SEED_TABLE})
    return path


def test_the_file_is_an_ofd_package(ofd):
    with zipfile.ZipFile(ofd) as z:
        names = set(z.namelist())
        assert {"OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"} <= names
        assert b"http://www.ofdspec.org/2016" in z.read("OFD.xml")
        assert sum(1 for n in names if n.endswith("/Content.xml") and "/Pages/" in n) >= 3


def test_same_text_and_outline_as_txt(ofd):
    doc = load(ofd)
    want = txt_doc()
    assert doc.text == want.text
    assert "地区生产总值\nXX亿元" in doc.text  # the table read row by row, cell by cell
    assert [(s.level, s.start, s.end, s.kind) for s in doc.outline.walk()] == [
        (s.level, s.start, s.end, s.kind) for s in want.outline.walk()
    ]


def test_running_header_and_page_numbers_left_out(ofd):
    doc = load(ofd)
    assert "某区2023年度述职述廉报告" not in doc.raw  # on the template page, not read
    assert "- 2 -" not in doc.raw and "- 1 -" not in doc.raw


def test_same_findings_as_txt(ofd):
    got = check_document(load(ofd), Config()).findings
    want = check_document(txt_doc(), Config()).findings
    assert len(want) > 5
    assert [(f.code, f.start, f.end, f.message) for f in got] == [(f.code, f.start, f.end, f.message) for f in want]


def test_findings_point_at_page_and_line(ofd):
    doc = load(ofd)
    result = check_document(doc, Config())
    pages = {f.page for f in result.findings}
    assert None not in pages and max(pages) >= 2
    by_place = {(u.page, u.line): doc.raw[u.raw_start : u.raw_end] for u in doc.units}
    xx = [f for f in result.findings if doc.text[f.start : f.end] == "XX"]
    assert len(xx) > 5
    for f in xx:  # the printed line at that page and line has the XX at that column
        assert by_place[f.page, f.line][f.column - 1 : f.column + 1] == "XX"
    assert result.meta["loading"]["format"] == "ofd"


def test_two_column_page_reads_left_column_first(tmp_path):
    paras = SEED[1:7]
    path = write_ofd(tmp_path / "two.ofd", paras, columns=2, page_numbers=False)
    assert load(path).text == loads("\n".join(paras)).text


def test_delta_x_repeats():
    assert parse_delta("g 3 4.2 1 g 2 0.5") == [4.2, 4.2, 4.2, 1.0, 0.5, 0.5]
    assert parse_delta("") == []


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"not a zip at all", "E103"),
        ({"Doc_0/Document.xml": "<x/>"}, "E103"),  # no OFD.xml
        (
            {
                "OFD.xml": "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml"
            },
            "E103",
        ),
        (
            {
                "OFD.xml": "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody><ofd:DocRoot>D/Document.xml"
                "</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
                "D/Document.xml": "<ofd:Document xmlns:ofd='http://www.ofdspec.org/2016'><ofd:Pages>"
                "<ofd:Page ID='1' BaseLoc='P/Content.xml'/></ofd:Pages></ofd:Document>",
                "D/P/Content.xml": "<ofd:Page xmlns:ofd='http://www.ofdspec.org/2016'><ofd:Content><ofd:Layer>"
                "<ofd:ImageObject ID='2' Boundary='0 0 210 297' ResourceID='3'/></ofd:Layer></ofd:Content></ofd:Page>",
            },
            "E106",  # a scan wrapped as OFD: images only
        ),
    ],
)
def test_bad_ofd_is_a_clear_error(tmp_path, content, code):
    path = tmp_path / "bad.ofd"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w") as z:
            for name, xml in content.items():
                z.writestr(name, xml)
    with pytest.raises(LoadError) as e:
        load(path)
    assert e.value.code == code
    assert "OFD" in e.value.message


def _corrupt_member(path, name: str) -> None:
    """Overwrite the deflated data of one member with bytes no deflate stream starts with (block type 11)."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + min(info.compress_size, 16)] = b"\xff" * min(info.compress_size, 16)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("member", ["OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"])
def test_a_corrupt_deflate_stream_is_a_damaged_ofd_not_a_crash(tmp_path, member):
    # zlib.error escaped the OFD loader (found by fuzz/fuzz_ofd.py): E113 in a batch, a traceback in the fuzzer.
    path = write_ofd(tmp_path / "r.ofd", SEED[:6])
    _corrupt_member(path, member)
    with pytest.raises(LoadError) as e:
        load(path)
    assert e.value.code == "E103"
    assert "OFD" in e.value.message


def test_a_zip_version_no_writer_uses_is_a_damaged_ofd_not_a_crash(tmp_path):
    # "zip file version 23.5" (NotImplementedError) escaped ZipFile() itself (found by fuzz/fuzz_ofd.py).
    path = write_ofd(tmp_path / "r.ofd", SEED[:6])
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (235).to_bytes(2, "little")  # version needed to extract: 23.5
    path.write_bytes(bytes(data))
    with pytest.raises(LoadError) as e:
        load(path)
    assert e.value.code == "E103"
    assert "OFD" in e.value.message


def test_annotated_word_file_of_an_ofd(ofd, tmp_path):
    from helpers.docx_comments import read_comments
    from shuzhi.writers.annotate import annotate
    from shuzhi.writers.comments import comments_for

    doc = load(ofd)
    result = check_document(doc, Config())
    out = annotate(result, tmp_path / "r.docx")
    comments = read_comments(out.path)
    # One comment per note (several findings of one rule in a paragraph share one), every finding in one note.
    notes = comments_for(result)
    assert sorted(i for n in notes for i in n.findings) == sorted(f.id for f in result.findings)
    assert len(comments) == len(notes) and out.exact > 5
    assert any(c["anchored"] == "XX" for c in comments)
    with zipfile.ZipFile(out.path) as z:  # one page break per OFD page after the first
        pages = max(u.page for u in doc.units)
        assert z.read("word/document.xml").count(b'w:type="page"') == pages - 1
