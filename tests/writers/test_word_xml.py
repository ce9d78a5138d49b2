"""The Word writer at the XML level: python-docx reads every comment back, on the right characters, on the seeds."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

import shuzhi
from helpers.docx_comments import read_comments
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document
from shuzhi.writers.annotate import Anchor, Note, annotate, comment_lines, comments_for, write_word

SEEDS = sorted((Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds").glob("0*.txt"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _seed_as_docx(seed: Path, path: Path) -> Path:
    """The seed's lines as Word paragraphs, each split into three runs (the middle one bold), a table after line 5."""
    d = docx.Document()
    lines = seed.read_text(encoding="utf-8").split("\n")
    for n, line in enumerate(lines):
        p = d.add_paragraph()
        k = len(line) // 3
        for part, bold in ((line[:k], False), (line[k : 2 * k], True), (line[2 * k :], False)):
            if part:
                p.add_run(part).bold = bold
        if n == 5:
            t = d.add_table(rows=1, cols=2)
            t.cell(0, 0).paragraphs[0].add_run("分管XX工作")
            t.cell(0, 1).paragraphs[0].add_run("完成率达到103%")
    d.save(str(path))
    return path


def _expected_anchor(doc, f) -> str:
    """The loaded characters a single-paragraph finding points at (numbering excluded)."""
    u = next(u for u in doc.units if (u.page, u.line) == (f.page, f.line))
    return doc.raw[u.raw_start + f.column - 1 : u.raw_start + f.end_column - 1]


def _assert_round_trip(result, out):
    notes = comments_for(result)
    comments = read_comments(out.path)
    assert len(comments) == out.comments == len(notes)
    # Every finding reaches the reviewer: each is spoken for by exactly one comment.
    spoken = [i for n in notes for i in n.findings]
    assert sorted(spoken) == sorted(f.id for f in result.findings)
    by_id = {f.id: f for f in result.findings}
    # python-docx reads every comment back: author, initials, the text line by line.
    read = list(docx.Document(str(out.path)).comments)
    assert len(read) == len(notes)
    for n, c, rc in zip(notes, comments, read, strict=True):
        assert rc.author == "shuzhi" and rc.initials == "SZ"
        assert rc.text == "\n".join(n.lines)
        assert c["started"] and c["ended"]
        fs = [by_id[i] for i in n.findings]
        f = fs[0]
        if len(fs) == 1:
            # The finding's own lines first; a heuristic rule's first comment in the file adds one line saying so.
            assert n.lines[: len(comment_lines(f))] == tuple(comment_lines(f))
            same_line = (f.page, f.line) == (f.end_page if f.page is not None else None, f.end_line)
            if same_line and f.end_column > f.column:
                assert c["anchored"] == _expected_anchor(result.document, f), f.code
        elif f.code == "C302":  # the whole-report copy, with the passages copied from the same report listed
            assert {x.code for x in fs[1:]} == {"C301"} and f"（{len(fs) - 1} 处）" in rc.text
        else:
            # One rule, one paragraph: 本段有N处<title>, then each finding numbered, where it stands.
            assert {x.code for x in fs} == {f.code} and len({x.line for x in fs}) == 1
            assert (
                rc.text.startswith(f"【{f.code} {f.title_label}｜") and f"本段有{len(fs)}处{f.title_label}：" in rc.text
            )
            for k, x in enumerate(fs, 1):
                assert f"\n{k}. “" in rc.text
                flagged = result.document.text[x.start : x.end]
                if flagged:
                    assert flagged in c["anchored"], (x.code, flagged)
    assert out.approximate == 0


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_seed_finding_is_a_comment_on_its_characters(tmp_path, seed):
    result = check_document(shuzhi.load(seed), Config())
    out = annotate(result, tmp_path / "a.docx")
    _assert_round_trip(result, out)
    # The new document holds the text line by line, one text node per line.
    assert [p.text for p in docx.Document(str(out.path)).paragraphs] == seed.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda p: p.stem)
def test_seed_as_word_file_keeps_its_text_and_gets_every_comment(tmp_path, seed):
    src = _seed_as_docx(seed, tmp_path / "src.docx")
    result = check_document(shuzhi.load(src), Config())
    out = annotate(result, tmp_path / "a.docx")
    _assert_round_trip(result, out)
    assert shuzhi.load(out.path).text == result.document.text
    assert out.exact >= out.comments - out.paragraph


def test_existing_comments_of_the_author_stay_and_ids_do_not_collide(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("XX县长述职报告")
    d.add_comment(p.runs, text="本人的旧批注", author="张三", initials="ZS")
    d.add_paragraph("全县财政总收入完成21.6亿元、完成预算18.92亿元的112%。")
    src = tmp_path / "with-comment.docx"
    d.save(str(src))
    result = check_document(shuzhi.load(src), Config())
    out = annotate(result, tmp_path / "a.docx")
    read = list(docx.Document(str(out.path)).comments)
    assert [c.author for c in read] == ["张三"] + ["shuzhi"] * len(result.findings)
    assert read[0].text == "本人的旧批注"
    assert len({c.comment_id for c in read}) == len(read)
    with zipfile.ZipFile(out.path) as z:
        content_types = z.read("[Content_Types].xml").decode()
    assert content_types.count("/word/comments.xml") == 1


def test_notes_from_another_function_land_where_they_say(tmp_path):
    """The writer takes (anchor, lines, author, date) from any function: a whole-paragraph note and a span."""
    src = _seed_as_docx(SEEDS[1], tmp_path / "src.docx")
    doc = shuzhi.load(src)
    i = next(i for i, u in enumerate(doc.units) if doc.raw[u.raw_start : u.raw_end].strip())
    line = doc.raw[doc.units[i].raw_start : doc.units[i].raw_end]
    notes = [
        Note(Anchor(i), ("本段：一条意见", "第二行"), author="审查组", initials="SC", date="2026-12-04T08:00:00Z"),
        Note(Anchor(i, 1, i, 4), ("三个字",)),
    ]
    out = write_word(doc, notes, tmp_path / "notes.docx")
    comments = read_comments(out.path)
    assert [c["anchored"] for c in comments] == [line, line[1:4]]
    read = list(docx.Document(str(out.path)).comments)
    assert (read[0].author, read[0].initials, read[0].text) == ("审查组", "SC", "本段：一条意见\n第二行")
    assert read[0].timestamp.isoformat().startswith("2026-12-04T08:00")


def test_control_characters_in_a_txt_never_make_an_unreadable_word_file(tmp_path):
    src = tmp_path / "ctl.txt"
    src.write_text("XX县长述职报告\n全县完成\x0b目标XX项。\n特此报告。\n", encoding="utf-8")
    result = check_document(shuzhi.load(src), Config())
    out = annotate(result, tmp_path / "ctl.docx")
    with zipfile.ZipFile(out.path) as z:
        etree.fromstring(z.read("word/document.xml"))  # well-formed XML
    assert len(list(docx.Document(str(out.path)).comments)) == len(result.findings) == out.comments


def test_one_text_node_per_paragraph_without_comments(tmp_path):
    result = check_document(shuzhi.load(SEEDS[2]), Config())
    out = write_word(result.document, [], tmp_path / "plain.docx")
    with zipfile.ZipFile(out.path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
    texts = [len(p.findall(f"{W}r/{W}t")) for p in body.iter(W + "p")]
    lines = SEEDS[2].read_text(encoding="utf-8").split("\n")
    assert texts == [1 if line else 0 for line in lines]


def test_comment_dates_are_one_timestamp_per_document(tmp_path):
    result = check_document(shuzhi.load(SEEDS[0]), Config())
    notes = comments_for(result, date="2026-12-04T09:30:00Z")
    assert {n.date for n in notes} == {"2026-12-04T09:30:00Z"}
    out = write_word(result.document, notes, tmp_path / "d.docx")
    assert {c.timestamp.isoformat() for c in docx.Document(str(out.path)).comments} == {"2026-12-04T09:30:00+00:00"}


def test_several_placeholders_in_one_paragraph_are_one_comment_naming_each(tmp_path):
    """#16: “本段有3处未填写的占位符：XX、X、**” — one comment for the paragraph, every placeholder named."""
    src = tmp_path / "p.txt"
    src.write_text(
        "2023年县长述职述廉报告\n"
        "一年来，认真贯彻党的XX大精神，谋划储备项目X个，刑事案件立案**起。\n"
        "全年一般公共预算收入完成XX亿元。\n",
        encoding="utf-8",
    )
    result = check_document(shuzhi.load(src), Config())
    p101 = [f for f in result.findings if f.code == "P101"]
    assert [f.line for f in p101] == [2, 2, 2, 3]
    out = annotate(result, tmp_path / "p.docx")
    comments = [c for c in read_comments(out.path) if c["text"].startswith("【P101")]
    assert len(comments) == 2
    first, second = comments
    head, *items = first["text"].split("\n")
    assert head == "【P101 未填写的占位符｜错误】本段有3处未填写的占位符：“XX”、“X”、“**”"
    assert items == [
        "1. “认真贯彻党的XX大精神”：此处缺少党代会届次",
        "2. “谋划储备项目X个”：此处缺少数字",
        "3. “刑事案件立案**起”：此处缺少数字",
    ]
    # Anchored from the first placeholder to the last, in the paragraph.
    assert first["anchored"] == "XX大精神，谋划储备项目X个，刑事案件立案**"
    # Alone in its paragraph, a placeholder keeps the comment it had.
    assert second["text"].split("\n")[0] == "【P101 未填写的占位符｜错误】未填写的占位符“XX”：此处缺少数字"
    assert second["anchored"] == "XX"


def test_a_template_seed_gets_far_fewer_comments_than_findings(tmp_path):
    # Seed 002: about a hundred XX in some twenty paragraphs.
    result = check_document(shuzhi.load(SEEDS[2]), Config())
    out = annotate(result, tmp_path / "a.docx")
    assert len(result.findings) >= 100
    assert out.comments <= len(result.findings) // 4
    _assert_round_trip(result, out)


def test_a_long_list_of_documents_is_named_by_its_first_ten_and_counted():
    from shuzhi.writers.evidence import evidence_lines

    names = [f"/round/t{i:04d}.txt" for i in range(149)]
    lines = dict(evidence_lines({"cluster": names}))
    text = next(iter(lines.values()))
    assert text.startswith("《t0000.txt》、《t0001.txt》") and text.endswith("《t0009.txt》 等 149 份")
    assert "t0010" not in text
    assert dict(evidence_lines({"cluster": names[:3]})) == {
        next(iter(lines)): "《t0000.txt》、《t0001.txt》、《t0002.txt》"
    }
