"""Copied passages in the round, found by the real shuzhi.similarity, shown side by side with their source."""

from __future__ import annotations

import re
import shutil

import openpyxl
import pytest

from helpers.docx_comments import read_comments
from helpers.round_files import SEEDS_DIR
from shuzhi.pipeline.copying import _union_length, compare_round
from shuzhi.pipeline.runner import check_round
from shuzhi.review import review
from shuzhi.rules.config import Config
from shuzhi.writers.dashboard import write_dashboard
from shuzhi.writers.rows import build_rows
from shuzhi.writers.xlsx import write_xlsx

SEED1 = next(SEEDS_DIR.glob("001_*.txt"))
# The first 120 characters of seed 001's budget paragraph (read in the seed: it opens with
# "2.突出增加收入抓财源" and at character 120 stops inside "贷款融资、争取资金").
PASSAGE = next(line for line in SEED1.read_text(encoding="utf-8").split("\n") if "18.92" in line)[:120]


@pytest.fixture
def copied_round(tmp_path):
    """A real round: seed 001 and a short report made of one opening line, PASSAGE and one closing line."""
    d = tmp_path / "round"
    d.mkdir()
    shutil.copyfile(SEED1, d / "a_seed001.txt")
    (d / "b_copy.txt").write_text("某某述职报告\n本人认真履职。" + PASSAGE + "\n以上报告。\n", encoding="utf-8")
    return check_round([d], config=Config(), jobs=1)


def test_union_length_counts_overlaps_once():
    assert _union_length([(0, 10), (5, 15), (20, 25), (21, 22)]) == 20
    assert _union_length([]) == 0


def test_passage_is_found_at_its_real_offsets_in_both_reports(copied_round):
    docs = [r.document for r in copied_round.results]
    cp = compare_round(docs)
    assert cp.enabled and cp.note == ""
    a0, b0 = docs[0].text.index(PASSAGE), docs[1].text.index(PASSAGE)
    # The two reports share exactly PASSAGE: the text around it differs on both sides.
    [mine] = cp.passages[1]
    assert (mine.start, mine.end, mine.other, mine.other_start, mine.other_end) == (b0, b0 + 120, 0, a0, a0 + 120)
    assert mine.identity == 1.0
    [theirs] = cp.passages[0]
    assert (theirs.start, theirs.end, theirs.other) == (a0, a0 + 120, 1)
    [pair] = cp.pairs
    assert {pair.a, pair.b} == {0, 1} and cp.pair_score(0, 1) == pair.score
    # Copy ratio: copied characters over the report's length, seen from each side.
    assert cp.ratio[1] == pytest.approx(120 / len(docs[1].text))
    assert cp.ratio[0] == pytest.approx(120 / len(docs[0].text))
    assert cp.ratio[1] > 0.5 > 0.05 > cp.ratio[0]
    assert cp.largest[1] > 0.5 > 0.05 > cp.largest[0]


def test_copied_passage_is_shown_side_by_side_with_its_source(copied_round, tmp_path):
    rnd = copied_round
    docs = [r.document for r in rnd.results]
    rnd.copying = compare_round(docs)
    rows = build_rows(rnd)
    write_dashboard(rnd, rows, tmp_path / "out")
    page = (tmp_path / "out" / "reports" / f"{rows[1].id}.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="sidebyside">(.*?)</table>', page, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", table, re.S)
    assert len(cells) == 2
    b0 = docs[1].text.index(PASSAGE)
    assert f"本报告第 {b0}–{b0 + 120} 字" in cells[0]
    assert cells[0].endswith(PASSAGE) and cells[1].endswith(PASSAGE)
    assert f'href="{rows[0].id}.html"' in cells[1]  # the source report's page
    assert 'class="copied"' in page  # the passage is marked in the text too
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'class="matrix"' in index and 'class="pairs sortable"' in index


def test_a_failing_comparison_is_a_note_and_the_round_is_still_written(copied_round, tmp_path):
    """compare_all really raising (here: a setting it rejects) costs the similarity, not the outputs."""
    rnd = copied_round
    rnd.copying = compare_round([r.document for r in rnd.results], {"min-chars": 13})
    assert not rnd.copying.enabled
    assert rnd.copying.note.startswith("复制检测出错，相似度未计算：E201 ")  # the code and its Chinese message
    assert "min-chars" in rnd.copying.note and rnd.copying.pairs == []
    rows = build_rows(rnd)
    write_dashboard(rnd, rows, tmp_path / "out")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert rnd.copying.note in index and 'class="matrix"' not in index
    page = (tmp_path / "out" / "reports" / f"{rows[1].id}.html").read_text(encoding="utf-8")
    assert rnd.copying.note in page and "sidebyside" not in page
    # The findings of the checks are still there: seed 001's budget ratio (21.6 ÷ 18.92 = 114.2 %, not 112 %).
    assert "N201" in (tmp_path / "out" / "reports" / f"{rows[0].id}.html").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(write_xlsx(rnd, rows, tmp_path / "out" / "summary.xlsx"))
    similar = list(book["相似"].iter_rows(values_only=True))
    assert similar[1][0] == rnd.copying.note


def test_a_round_of_one_report_says_there_is_nothing_to_compare(copied_round):
    cp = compare_round([copied_round.results[0].document])
    assert cp.enabled and cp.pairs == [] and "不足两份" in cp.note


def test_review_reports_the_copied_passage_as_c301_with_a_word_comment_on_it(tmp_path):
    seed1_text = SEED1.read_text(encoding="utf-8")
    passage = next(line for line in seed1_text.split("\n") if "18.92" in line)[:200]
    d = tmp_path / "round"
    d.mkdir()
    shutil.copyfile(SEED1, d / "a_seed001.txt")
    (d / "b_copy.txt").write_text(
        "某县副县长述职报告\n一、工作情况\n" + passage + "\n二、今后打算\n继续努力。\n", encoding="utf-8"
    )
    rv = review([d], tmp_path / "out", jobs=1)
    seed_result, copy_result = rv.round.results
    # C301 on both reports, each on exactly the 200 copied characters and naming the other report.
    [c301] = [f for f in copy_result.findings if f.code == "C301"]
    assert "a_seed001.txt" in c301.message and "相似度 100%" in c301.message
    assert copy_result.document.text[c301.start : c301.end] == passage
    [c301_seed] = [f for f in seed_result.findings if f.code == "C301"]
    assert "b_copy.txt" in c301_seed.message
    assert seed_result.document.text[c301_seed.start : c301_seed.end] == passage
    # The copy is mostly seed 001: C302 (whole document), on it only.
    assert [f.code for f in copy_result.findings if f.code == "C302"] == ["C302"]
    assert "a_seed001.txt" in next(f.message for f in copy_result.findings if f.code == "C302")
    assert not [f for f in seed_result.findings if f.code == "C302"]
    assert rv.rows[1].copy_ratio > 0.5
    assert rv.rows[0].copy_ratio < 0.05  # 200 of seed 001's 7,293 characters
    comments = read_comments(tmp_path / "out" / "annotated" / "b_copy.docx")
    # The copy's C301 passage from the same report as its C302 is listed in the C302 comment (one comment
    # for the whole copying), with the passage's line; no separate C301 comment.
    assert not [c for c in comments if c["text"].startswith("【C301")]
    [c302] = [c for c in comments if c["text"].startswith("【C302")]
    line = copy_result.document.text[: c301.start].count("\n") + 1
    assert f"其中与该报告相同的段落（1 处）：第{line}行" in c302["text"]
    # On the original, which has no C302, the C301 comment sits on exactly the copied characters.
    seed_comments = read_comments(tmp_path / "out" / "annotated" / "a_seed001.docx")
    assert [c["anchored"] for c in seed_comments if c["text"].startswith("【C301")] == [passage]
    assert not rv.round.notes
