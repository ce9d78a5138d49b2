"""compare / compare_all on real documents: seeds, assembled copies with edits, law revisions."""

from __future__ import annotations

import itertools
import re

import pytest

import shuzhi
from conftest import CORPUS, seed
from shuzhi.similarity.compare import compare, compare_all
from shuzhi.similarity.core.hashing import fingerprint_text
from shuzhi.similarity.core.settings import Settings

LAWS = CORPUS / "laws"

# What the five seeds share when nothing is masked, read one by one: Party formulas,
# a stock institutional term, and two statistical indicator names between vendor
# placeholders (x). None of it is copying; all of it is in formulas.toml.
SEEDS_SHARE_WITHOUT_MASKING = {
    "x城乡居民人均可支配收入分别达到x",
    "x实现社会消费品零售总额x",
    "x实现社会消费品零售总额x亿元增长x城乡居民人均可支配收入分别",  # the two chained across 亿元增长
    "习近平同志为核心的党中央保持高度一致",
    "习近平新时代中国特色社会主义思想",
    "习近平新时代中国特色社会主义思想作为",
    "习近平新时代中国特色社会主义思想作为首要政治任务",
    "习近平新时代中国特色社会主义思想的",
    "人大代表建议和政协委员提案",
    "以习近平同志为核心的党中央",
    "以习近平同志为核心的党中央保持高度一致",
    "以习近平新时代中国特色社会主义思想",
    "以习近平新时代中国特色社会主义思想为指导",
    "做到党中央提倡的坚决响应党中央决定的坚决执行党中央禁止的坚决不做",
    "在思想上政治上行动上同习近平同志为核心的党中央保持高度一致",
    "坚持以人民为中心的发展思想",
    "政治意识大局意识核心意识和看齐意识",
}


@pytest.fixture(scope="module")
def seeds():
    return [shuzhi.load(seed(i)) for i in range(5)]


def law(prefix: str):
    return shuzhi.load(next(LAWS.glob(prefix + "_*.txt")))


def test_seeds_share_only_formulas(seeds):
    shared = set()
    for a, b in itertools.combinations(seeds, 2):
        assert compare(a, b).matches == []
        for m in compare(a, b, formulas=()).matches:
            shared.add(fingerprint_text(a.text[m.a_start : m.a_end]))
    assert shared and shared <= SEEDS_SHARE_WITHOUT_MASKING


def _paragraph(doc, lo=150, hi=300, skip=0):
    """A body paragraph of lo–hi characters (the skip-th one)."""
    found = [(s, e) for s, e in doc.paragraphs if lo <= e - s <= hi]
    return found[skip]


def _light_edit(p: str) -> str:
    """Changed figures, a changed place name, two replaced characters, two clauses swapped."""
    p = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), p)
    p = re.sub("X+", "37", p)
    p = p.replace("县", "旗", 1)
    chars = list(p)
    for i in (len(p) // 3, 2 * len(p) // 3):
        if "\u4e00" <= chars[i] <= "\u9fff":
            chars[i] = "某"
    p = "".join(chars)
    clauses = p.split("，")
    if len(clauses) >= 4:
        clauses[1], clauses[2] = clauses[2], clauses[1]
    return "，".join(clauses)


@pytest.mark.parametrize("edited", [False, True])
def test_assembled_report_finds_both_sources_with_offsets(seeds, edited):
    a, b = seeds[0], seeds[2]
    pa = _paragraph(a, skip=1)
    pb = _paragraph(b, skip=2)
    ta, tb = a.text[pa[0] : pa[1]], b.text[pb[0] : pb[1]]
    if edited:
        ta, tb = _light_edit(ta), _light_edit(tb)
        assert ta != a.text[pa[0] : pa[1]] and tb != b.text[pb[0] : pb[1]]
    new1 = "2024年度个人述职报告\n今年我分管农业农村和水利工作，全年走访了十二个村，解决群众反映的饮水问题四十余件。\n"
    new2 = "\n下一步，我将把精力放在灌区改造和高标准农田建设上，确保按期完成。\n"
    suspect = shuzhi.loads(new1 + ta + "\n" + tb + new2)
    at_a = suspect.text.index(ta)
    at_b = suspect.text.index(tb)

    for src, para, at, length in ((a, pa, at_a, len(ta)), (b, pb, at_b, len(tb))):
        c = compare(suspect, src)
        assert c.matches, src.source
        # The passages found lie in the pasted paragraph and in the source paragraph,
        # and together cover nearly all of it (edges may lose a punctuation mark).
        for m in c.matches:
            assert at <= m.a_start and m.a_end <= at + length
            assert para[0] <= m.b_start and m.b_end <= para[1]
        covered = sum(m.a_end - m.a_start for m in c.matches)
        assert covered >= 0.9 * length, (covered, length)
        if not edited:
            assert len(c.matches) == 1
            m = c.matches[0]
            assert m.identity == 1.0
            assert abs(m.b_start - para[0]) <= 1 and abs(m.b_end - para[1]) <= 1
            assert suspect.text[m.a_start : m.a_end] == src.text[m.b_start : m.b_end]
        else:
            assert max(m.identity for m in c.matches) >= 0.8
    # Nothing of the new text is attributed to either seed.
    for src in (a, b):
        for m in compare(suspect, src).matches:
            assert m.a_start >= len(new1) - 1


def test_compare_all_finds_the_copy_pairs_of_a_round(seeds):
    a, b = seeds[0], seeds[2]
    pa = _paragraph(a, skip=1)
    pb = _paragraph(b, skip=2)
    suspect = shuzhi.loads(
        "新写的开头一段，与任何报告都不同，讲的是本人亲自督办的三个项目。\n"
        + a.text[pa[0] : pa[1]]
        + "\n"
        + b.text[pb[0] : pb[1]],
        source="suspect",
    )
    round_ = [*seeds, suspect]
    comps = compare_all(round_)
    pairs = {(c.a_index, c.b_index) for c in comps}
    assert pairs == {(0, 5), (2, 5)}
    for c in comps:
        assert c.b is suspect and c.matches and c.a is round_[c.a_index]
        one = compare(c.a, c.b)
        assert [(m.a_start, m.a_end, m.b_start, m.b_end) for m in one.matches] == [
            (m.a_start, m.a_end, m.b_start, m.b_end) for m in c.matches
        ]


def test_compare_all_gives_what_comparing_every_pair_gives(seeds):
    # compare_all finds its candidates, seeds, runs and Jaccard for the whole round at
    # once; with no text common to too many authors it must report exactly the pairs
    # (and passages, coverages, scores) that compare() reports pair by pair.
    a, b = seeds[0], seeds[3]
    pa, pb = _paragraph(a, skip=1), _paragraph(b, skip=0)
    mixed = shuzhi.loads(
        "本人到任后主要抓了三件事。\n" + _light_edit(a.text[pa[0] : pa[1]]) + "\n" + b.text[pb[0] : pb[1]],
        source="mixed",
    )
    again = shuzhi.loads(seeds[1].text.replace("。", "；", 3), source="again")  # a near-duplicate of seed 1
    round_ = [*seeds, law("0005"), law("0006"), law("0007"), mixed, again]
    s = Settings(max_authors=len(round_))
    got = {(c.a_index, c.b_index): c for c in compare_all(round_, s)}
    expected = {}
    for i, j in itertools.combinations(range(len(round_)), 2):
        one = compare(round_[i], round_[j], s)
        if one.matches or one.near_duplicate >= s.near_duplicate:
            expected[(i, j)] = one
    assert {(0, 8), (3, 8), (1, 9), (5, 6)} <= set(expected)  # the planted copies and the law revision
    assert set(got) == set(expected)
    for key, one in expected.items():
        c = got[key]
        assert (c.a_copied, c.b_copied, c.near_duplicate) == (one.a_copied, one.b_copied, one.near_duplicate)
        assert [(m.a_start, m.a_end, m.b_start, m.b_end, m.chars, m.identity) for m in c.matches] == [
            (m.a_start, m.a_end, m.b_start, m.b_end, m.chars, m.identity) for m in one.matches
        ]


def test_compare_all_suppresses_text_shared_by_many_authors(seeds):
    # The same 60-character passage in four reports by four authors is common
    # language when at most 3 authors may share it.
    passage = "全年新修农村公路三十公里，改造危旧桥梁四座，所有行政村通上了客车，群众出行难的问题基本解决。"
    # Each report: a different seed's paragraph (unrelated text) and the shared passage.
    docs = [
        shuzhi.loads(seeds[i].text.__getitem__(slice(*_paragraph(seeds[i], 200, 400))) + "\n" + passage)
        for i in range(4)
    ]
    assert len(compare_all(docs, Settings(max_authors=10))) == 6
    assert compare_all(docs, Settings(max_authors=3)) == []
    # Two of the four are the same author: three distinct authors, under the limit again.
    assert len(compare_all(docs, Settings(max_authors=3), authors=["张", "张", "李", "王"])) == 6


def test_law_revisions_are_near_duplicates_and_unrelated_laws_are_not():
    old, new = law("0005"), law("0006")  # 代表法 2015 and 2025
    c = compare(old, new)
    assert c.near_duplicate >= Settings().near_duplicate
    assert c.a_copied > 0.8
    election = law("0007")  # 选举法: same field, different law
    for other in (election, law("0000"), law("0242")):
        d = compare(old, other)
        assert d.near_duplicate < 0.1
        assert d.a_copied < 0.5
    # More revision pairs of the same regulation (read: each pair is the same text with amendments).
    for x, y in (("0131", "0132"), ("0059", "0060"), ("0045", "0046")):
        assert compare(law(x), law(y)).near_duplicate >= 0.5, (x, y)


def test_to_dict_is_the_documented_json(seeds):
    a = shuzhi.loads("开头。\n" + seeds[0].text[500:700], source="a.txt")
    d = compare(a, seeds[0]).to_dict()
    assert set(d) == {"version", "a", "b", "similarity", "matches"}
    assert d["version"] == 1 and d["a"] == {"source": "a.txt"}
    assert set(d["similarity"]) == {"a_copied", "b_copied", "near_duplicate"}
    m = d["matches"][0]
    assert set(m) == {"a", "b", "chars", "identity"}
    assert set(m["a"]) == {"start", "end", "line", "column", "end_line", "end_column"}
    p0, p1 = seeds[0].span_position(m["b"]["start"], m["b"]["end"])
    assert (m["b"]["line"], m["b"]["column"], m["b"]["end_line"], m["b"]["end_column"]) == (
        p0.line,
        p0.column,
        p1.line,
        p1.column,
    )
    assert m["a"]["line"] == 2  # the copied text starts on the second line of a


def test_review_path_round_report_feeds_the_rules(seeds):
    """What `shuzhi review` does: compare_all over a round, a CopyReport per document, rules via run_rules."""
    from shuzhi.rules.engine import run_rules
    from shuzhi.similarity.sources import report_from_comparisons

    pa = _paragraph(seeds[0], skip=1)
    copy = shuzhi.loads("本人今年分管城建。\n" + seeds[0].text[pa[0] : pa[1]], source="copy")
    round_ = [seeds[0], seeds[1], copy]
    comps = compare_all(round_)
    report = report_from_comparisons(copy, comps, authors={0: "张三", 1: "李四", 2: "张三"})
    assert [s.source for s in report.sources] == [seeds[0].source]
    assert report.sources[0].own  # same author: an earlier report of his own
    assert report.excluding_own == 0.0 and report.total > 0.8
    findings = run_rules(copy, provides=("index",), extra={"copy": report})
    c301 = [f for f in findings if f.code == "C301"]
    assert len(c301) == 1 and c301[0].data["own"] and c301[0].line == 2
    assert "本人" in c301[0].message
    # C302: the copy is nearly all of its text, so it is a near-duplicate of its source.
    assert any(f.code == "C302" for f in findings)
    # Without the context, plain check runs neither rule.
    assert not [f for f in run_rules(copy) if f.code.startswith("C")]
