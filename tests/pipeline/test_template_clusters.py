"""Issue #16: a county whose reports all come from one template is caught, however many copied it.

The round's copy check learns no common language from the reports under review (only the curated formulas
are masked), and near-identical reports form a cluster compared through its representative.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.round_files import SEEDS_DIR
from shuzhi.pipeline.copying import RoundCopying, add_copy_findings, compare_round
from shuzhi.pipeline.runner import check_round
from shuzhi.rules.config import Config
from shuzhi.similarity.core.clusters import components, near_identical_clusters
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.writers.dashboard import write_dashboard
from shuzhi.writers.rows import build_rows

GOV = SEEDS_DIR.parent / "gov-reports"
SEED = sorted(SEEDS_DIR.glob("0*.txt"))[0].read_text(encoding="utf-8")


def _copy_round(folder: Path):
    """The round checked with the copy rules only (the others do not matter here), then compared."""
    rnd = check_round([folder], config=Config(select=["C"]), jobs=1)
    rnd.copying = compare_round([r.document for r in rnd.results])
    add_copy_findings(rnd.results, rnd.copying, Config(select=["C"]))
    return rnd


def _c302(result):
    return [f for f in result.findings if f.code == "C302"]


def test_eleven_identical_copies_are_each_mostly_copied_and_named_as_one_cluster(tmp_path):
    """Ten copies were found before and eleven were not (fragments in > 10 authors' reports became 'common')."""
    for k in range(11):
        (tmp_path / f"county-{k:02d}.txt").write_text(SEED, encoding="utf-8")
    rnd = _copy_round(tmp_path)
    assert rnd.copying.clusters == [list(range(11))]
    # review --from reads the clusters back from results.json.
    assert RoundCopying.from_dict(json.loads(json.dumps(rnd.copying.to_dict()))).clusters == [list(range(11))]
    for r in rnd.results:
        copy = r.profile["copy_round"]
        assert copy["total_copied"] >= 0.9, (r.source, copy["total_copied"])
        assert copy["cluster"]["size"] == 11
        [c302] = _c302(r)  # once per report, not once per other copy
        assert "与本轮另外 10 份报告基本相同" in c302.message
        assert "《county-00.txt》" in c302.message
        assert any(f.code == "C301" for f in r.findings)
    # The representative is aligned with every member, the members not with each other: 10 pairs, not 55.
    assert len(rnd.copying.comparisons) == 10
    # The dashboard shows the cluster first, not "本轮报告之间没有发现相同的段落".
    index = write_dashboard(rnd, build_rows(rnd, Config(select=["C"])), tmp_path / "out").read_text(encoding="utf-8")
    assert "基本相同的报告（同一份文本的副本）：1 组，共 11 份" in index
    assert index.index("focus-clusters") < index.index("focus-figures")
    assert "没有发现相同的段落" not in index


def _template_copy(k: int) -> str:
    """The seed as a vendor's template filled in by official k: name, unit and one sentence of their own."""
    lines = SEED.split("\n")
    lines[0] = f"第{k}乡镇党委书记述职述廉报告"
    lines.insert(3, f"本人到任以来共走访第{k}村{k * 7 % 97 + 3}户群众，解决问题{k % 13 + 2}件。")
    return "\n".join(lines)


def _independent(k: int, gov: list[Path]) -> str:
    text = gov[k % len(gov)].read_text(encoding="utf-8")
    start = (k // len(gov)) * 3000
    return "本人述职报告\n" + text[start : start + 3000]


@pytest.fixture(scope="module")
def big_round(tmp_path_factory):
    """200 reports: 150 filled in from one template, 50 written from other texts."""
    d = tmp_path_factory.mktemp("round200")
    gov = sorted(p for p in GOV.glob("*.txt") if len(p.read_text(encoding="utf-8")) > 7000)
    for k in range(150):
        (d / f"t{k:03d}.txt").write_text(_template_copy(k), encoding="utf-8")
    for k in range(50):
        (d / f"x{k:03d}.txt").write_text(_independent(k, gov), encoding="utf-8")
    return _copy_round(d)


def test_a_round_of_200_with_150_from_one_template_shows_every_copy(big_round):
    results = big_round.results
    templated = [i for i, r in enumerate(results) if Path(r.source).name.startswith("t")]
    assert len(templated) == 150
    [cluster] = [c for c in big_round.copying.clusters if templated[0] in c]
    assert cluster == templated  # all 150, and none of the others
    for i in templated:
        copy = results[i].profile["copy_round"]
        assert copy["total_copied"] >= 0.9, (results[i].source, copy["total_copied"])
        [c302] = _c302(results[i])
        assert "与本轮另外 149 份报告基本相同" in c302.message
    # 149 alignments for the cluster instead of 11,175.
    inside = [c for c in big_round.copying.comparisons if c.a_index in cluster and c.b_index in cluster]
    assert len(inside) == 149


def test_reports_sharing_only_the_mandatory_formulas_show_nothing_copied(tmp_path):
    """Formulas are never copying: two reports with the same formulas and nothing else in common show 0."""
    formulas = [f for f in formula_list() if len(f) >= 13][:12]
    assert len(formulas) >= 8
    a = "".join(f"一是坚持{f}，抓好本乡第{k}项工作任务落实。\n" for k, f in enumerate(formulas))
    b = "".join(f"我们始终把{f}放在首位，第{k}季度全局开展整治行动。\n" for k, f in enumerate(formulas))
    (tmp_path / "a.txt").write_text("甲同志述职报告\n" + a, encoding="utf-8")
    (tmp_path / "b.txt").write_text("乙同志述职报告\n" + b, encoding="utf-8")
    rnd = _copy_round(tmp_path)
    for r in rnd.results:
        assert not [f for f in r.findings if f.code in ("C301", "C302")]
        assert r.profile.get("copy_round", {}).get("total_copied", 0) == 0
    assert rnd.copying.ratio == {0: 0.0, 1: 0.0}
    assert rnd.copying.clusters == []


def test_clusters_are_connected_components_with_the_first_member_as_representative():
    assert components(6, [(4, 2), (2, 5), (0, 3)]) == [[0, 3], [2, 4, 5]]
    assert components(3, []) == []


def test_unrelated_signatures_form_no_cluster_and_empty_texts_are_left_out():
    import numpy as np

    rng = np.random.default_rng(7)
    sigs = [rng.integers(0, 2**32, 128, dtype=np.uint64).astype(np.uint32) for _ in range(5)]
    assert near_identical_clusters(sigs, 32) == []
    same = sigs[1].copy()
    same[:20] = 0  # 108 of 128 slots agree: near-identical (≥ 0.8)
    far = sigs[1].copy()
    far[98:] = 0  # 98 of 128 with the original, 78 with the near copy: neither
    assert near_identical_clusters([*sigs, same, None, far], 32) == [[1, 5]]


def test_no_english_in_the_cluster_message(tmp_path):
    for k in range(3):
        (tmp_path / f"r{k}.txt").write_text(SEED, encoding="utf-8")
    rnd = _copy_round(tmp_path)
    for r in rnd.results:
        [c302] = _c302(r)
        assert not re.search(r"[A-Za-z]{2,}", re.sub(r"《[^》]*》", "", c302.message)), c302.message


def test_a_cluster_member_still_meets_a_report_outside_its_cluster_through_text_its_representative_lacks(tmp_path):
    """A near-copy of colleague A that also took a passage from colleague B: the passage from B is found.

    The member is aligned with its representative only inside the cluster, but a fingerprint the representative
    lacks still makes it a candidate with the reports outside the cluster (the first attempt lost this passage).
    """
    gov = sorted(p for p in GOV.glob("*.txt") if len(p.read_text(encoding="utf-8")) > 7000)
    b_text = "乙同志述职报告\n" + gov[0].read_text(encoding="utf-8")[:3000]
    taken = b_text[1200:1500]
    lines = SEED.split("\n")
    member = "\n".join([*lines[:4], taken, *lines[4:]])
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b_text, encoding="utf-8")
    (tmp_path / "m.txt").write_text(member, encoding="utf-8")
    rnd = _copy_round(tmp_path)
    names = [Path(r.source).name for r in rnd.results]
    a, b, m = names.index("a.txt"), names.index("b.txt"), names.index("m.txt")
    assert rnd.copying.clusters == [sorted([a, m])]
    pairs = {frozenset((c.a_index, c.b_index)) for c in rnd.copying.comparisons}
    assert frozenset((m, b)) in pairs
    assert frozenset((a, b)) not in pairs  # A shares nothing with B
    cm = next(c for c in rnd.copying.comparisons if {c.a_index, c.b_index} == {m, b})
    m_side = [(x.a_start, x.a_end) if cm.a_index == m else (x.b_start, x.b_end) for x in cm.matches]
    start = member.index(taken)
    covered = {k for s0, e0 in m_side for k in range(s0, e0)} & set(range(start, start + len(taken)))
    assert len(covered) >= 0.7 * len(taken), m_side  # the passage (perhaps in pieces around a masked formula)
    sources = {Path(s["source"]).name for s in rnd.results[m].profile["copy_round"]["sources"]}
    assert {"a.txt", "b.txt"} <= sources
