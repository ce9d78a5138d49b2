"""Copied passages in the round: ratios from the similarity interface, shown side by side with their source."""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field

from review.review_rules import demo_config
from review.round_files import SEEDS_DIR

from shuzhi.review.copying import DISABLED_NOTE, _union_length, compare_round, summarize
from shuzhi.review.dashboard import write_dashboard
from shuzhi.review.rows import build_rows
from shuzhi.review.runner import check_round


# The shapes shuzhi.similarity.compare_all returns (its documented interface), filled by hand
# with offsets found in the real texts below.
@dataclass
class Match:
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    chars: int
    identity: float


@dataclass
class Comparison:
    a_index: int
    b_index: int
    a_copied: float
    b_copied: float
    near_duplicate: float
    matches: list = field(default_factory=list)


def test_union_length_counts_overlaps_once():
    assert _union_length([(0, 10), (5, 15), (20, 25), (21, 22)]) == 20
    assert _union_length([]) == 0


def test_without_the_similarity_module_the_round_says_so():
    try:
        import shuzhi.similarity  # noqa: F401
        has = hasattr(shuzhi.similarity, "compare_all")
    except ImportError:
        has = False
    rc = compare_round([])
    if not has:
        assert not rc.enabled and rc.note == DISABLED_NOTE


def test_copied_passage_is_shown_side_by_side_with_its_source(tmp_path):
    seed1 = next(SEEDS_DIR.glob("001_*.txt"))
    d = tmp_path / "round"
    d.mkdir()
    shutil.copyfile(seed1, d / "a_seed001.txt")
    text1 = seed1.read_text(encoding="utf-8")
    passage = next(line for line in text1.split("\n") if "18.92" in line)[:120]
    (d / "b_copy.txt").write_text("某某述职报告\n本人认真履职。" + passage + "\n以上报告。\n", encoding="utf-8")
    rnd = check_round([d], config=demo_config(), jobs=1)
    docs = [r.document for r in rnd.results]
    a0 = docs[0].text.index(passage)
    b0 = docs[1].text.index(passage)
    m = Match(a0, a0 + len(passage), b0, b0 + len(passage), len(passage), 1.0)
    rnd.copying = summarize([Comparison(0, 1, len(passage) / len(docs[0].text),
                                        len(passage) / len(docs[1].text), 0.05, [m])], docs)
    assert abs(rnd.copying.ratio[1] - len(passage) / len(docs[1].text)) < 1e-9
    assert rnd.copying.ratio[1] > 0.5 > rnd.copying.ratio[0]
    rows = build_rows(rnd)
    write_dashboard(rnd, rows, tmp_path / "out")
    page = (tmp_path / "out" / "reports" / f"{rows[1].id}.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="sidebyside">(.*?)</table>', page, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", table, re.S)
    assert len(cells) == 2
    assert cells[0].endswith(passage) and cells[1].endswith(passage)
    assert f'href="{rows[0].id}.html"' in cells[1]  # the source report's page
    assert 'class="copied"' in page  # the passage is marked in the text too
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'class="matrix"' in index and 'class="pairs sortable"' in index


def _has_similarity() -> bool:
    try:
        from shuzhi.similarity import compare_all  # noqa: F401
    except ImportError:
        return False
    return True


def test_review_reports_copied_passages_or_says_copy_detection_is_off(tmp_path):
    """With shuzhi.similarity: C301 on both reports, a comment on the copied passage; without: a clear note."""
    from review.docx_comments import read_comments

    from shuzhi.review import review

    seed1 = next(SEEDS_DIR.glob("001_*.txt"))
    d = tmp_path / "round"
    d.mkdir()
    shutil.copyfile(seed1, d / "a_seed001.txt")
    passage = next(line for line in seed1.read_text(encoding="utf-8").split("\n") if "18.92" in line)[:200]
    (d / "b_copy.txt").write_text("某县副县长述职报告\n一、工作情况\n" + passage + "\n二、今后打算\n继续努力。\n",
                                  encoding="utf-8")
    rv = review([d], tmp_path / "out", jobs=1)
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    if not _has_similarity():
        assert DISABLED_NOTE in index
        return
    copy_result = rv.round.results[1]
    c301 = [f for f in copy_result.findings if f.code == "C301"]
    assert c301 and "a_seed001.txt" in c301[0].message
    assert rv.rows[1].copy_ratio > 0.5
    comments = read_comments(tmp_path / "out" / "annotated" / "b_copy.docx")
    anchored = [c["anchored"] for c in comments if c["text"].startswith("【C301")]
    assert anchored and anchored[0] in passage and len(anchored[0]) >= 100
