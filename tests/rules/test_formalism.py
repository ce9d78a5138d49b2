"""F401–F404: personal vs unit, generic self-criticism, slogan paragraphs, formula density."""

from __future__ import annotations

import shuzhi
from conftest import CORPUS, seed
from shuzhi.rules.config import Config, config_from_dict
from shuzhi.rules.engine import check_document


def _found(doc, code, cfg=None):
    cfg = cfg or Config(select=[code])
    return [f for f in check_document(doc, cfg).findings if f.code == code]


def test_generic_closing_self_criticism_of_seeds_000_to_003_gets_f402():
    for n in range(4):
        doc = shuzhi.load(seed(n))
        fs = _found(doc, "F402")
        assert len(fs) == 1, n
        # It points at the closing self-criticism (seed 002 has a vendor line after it).
        flagged = doc.text[fs[0].start : fs[0].end]
        assert "差距" in flagged or "不足" in flagged, n
        assert fs[0].start >= doc.paragraphs[-3][0], n
    (f,) = _found(shuzhi.load(seed(0)), "F402")
    assert "理论学习不够经常" in f.message and "理论学习不够经常" in f.data["stock_phrases"]


CONCRETE = """2023年度述职述廉报告
一、履职情况
主持召开常务会议24次，完成固定资产投资38.5亿元，增长8.2%。
二、存在的问题
一是招商引资成效不明显，全年引进亿元以上项目3个，比年初计划少2个，原因是本人对产业链研究不深、前期储备不足。
二是城区停车难问题没有解决，市民投诉全年达到216件，主要是由于停车场规划滞后。
三、今后打算
明年力争引进亿元以上项目6个，新建停车场4处。"""


def test_shortcomings_with_problems_causes_and_figures_pass_f402():
    assert not _found(shuzhi.loads(CONCRETE), "F402")


def test_concrete_closing_sentence_passes_f402_but_the_same_without_figures_fails():
    concrete = (
        "2023年度述职报告\n主持召开常务会议24次。\n回顾一年来的工作，还存在一些不足：全年引进项目3个，"
        "比计划少2个，原因是前期谋划不够。今后，我将加强项目储备。"
    )
    generic = (
        "2023年度述职报告\n主持召开常务会议24次。\n回顾一年来的工作，还存在一些不足，主要是理论学习不够深入、"
        "工作作风有待改进。今后，我将加强学习。"
    )
    assert not _found(shuzhi.loads(concrete), "F402")
    (f,) = _found(shuzhi.loads(generic), "F402")
    assert set(f.data["stock_phrases"]) >= {"理论学习不够深入", "工作作风有待改进"}


def test_unit_summary_gets_f401_and_personal_seeds_do_not():
    (f,) = _found(shuzhi.load(CORPUS / "samples" / "shuzhi_baogao_fanwen.txt"), "F401")
    assert f.data["unit_sentences"] > 3 * f.data["personal_sentences"]
    assert f.data["unit_examples"]
    for n in range(4):
        assert not _found(shuzhi.load(seed(n)), "F401"), n


def test_f401_threshold_is_an_option():
    doc = shuzhi.load(seed(2))  # 10 personal sentences, 15 unit sentences: share 0.4
    assert not _found(doc, "F401")
    cfg = config_from_dict({"select": ["F401"], "rules": {"F401": {"min-share": 0.5}}})
    (f,) = _found(doc, "F401", cfg)
    assert 0.3 < f.data["share"] < 0.5


def test_slogan_paragraphs_of_seed_003_get_f403_and_factual_ones_do_not():
    doc = shuzhi.load(seed(3))
    fs = _found(doc, "F403")
    flagged = [doc.text[f.start : f.end] for f in fs]
    assert any(p.startswith("一是坚决维护核心") for p in flagged)
    # Paragraphs with figures or placeholders for figures are never slogan paragraphs.
    assert not any("XX亿元" in p or "2023年" in p for p in flagged)
    assert all(f.severity == "info" and f.data["formula_share"] >= 0.35 for f in fs)


def test_formula_density_is_info_and_uses_the_profile_number():
    doc = shuzhi.load(seed(4))  # about 18 % of its characters are stock formulas
    assert not _found(doc, "F404")  # default threshold 0.2
    cfg = config_from_dict({"select": ["F404"], "rules": {"F404": {"max-density": 0.15}}})
    result = check_document(doc, cfg)
    (f,) = result.findings
    assert f.severity == "info"
    assert f.data["density"] == result.profile["formula_density"] >= 0.15
    assert f.data["most_common"]
    assert not _found(shuzhi.load(CORPUS / "gov-reports" / "gwr_2025_000.txt"), "F404", cfg)


def test_profile_reports_numbers_for_every_dimension():
    p = check_document(shuzhi.load(seed(0)), Config(select=["S"])).profile
    assert set(p["coverage"]) == {"学", "德", "能", "勤", "绩", "责", "廉", "法", "职", "问题", "打算"}
    assert p["coverage"]["廉"] > 0 and p["coverage"]["法"] == 0
    assert 0 < p["personal_agency"] <= 1
    assert p["fact_density"] > 0 and 0 < p["formula_density"] < 1
    assert p["chars"] == shuzhi.load(seed(0)).char_count


def test_f_and_t_rules_do_not_flood_the_government_reports():
    # Government work reports and congress reports are not personal reports: F401 may
    # fire, the other F and T rules must stay quiet on real official prose.
    cfg = Config(select=["F", "T"])
    counts: dict[str, int] = {}
    paths = sorted((CORPUS / "gov-reports").glob("*.txt"))
    assert len(paths) > 80
    for p in paths:
        for f in check_document(shuzhi.load(p), cfg).findings:
            counts[f.code] = counts.get(f.code, 0) + 1
    # No T finding and no self-criticism finding; the closing exhortations of a few
    # reports are slogan paragraphs (F403, info), far from a flood.
    assert not [c for c in counts if c.startswith("T") or c == "F402"], counts
    assert counts.get("F403", 0) + counts.get("F404", 0) <= len(paths) // 10, counts


def test_text_output_carries_the_profile_line():
    import io

    from shuzhi.writers import text as text_output

    result = check_document(shuzhi.load(seed(4)), Config(select=["S"]))
    out, err = io.StringIO(), io.StringIO()
    text_output.write([result], [], out, err)
    line = next(x for x in out.getvalue().splitlines() if "画像：" in x)
    # 004 has no 廉 or 责 content and few facts; the numbers are the profile's.
    assert "廉0%" in line and "责0%" in line
    assert f"套话 {result.profile['formula_density']:.0%}" in line


def test_empty_shortcomings_section_says_so():
    doc = shuzhi.loads("2023年度述职述廉报告\n主持召开会议24次。\n二、存在的问题\n三、今后打算\n明年建成产业园。")
    (f,) = _found(doc, "F402")
    assert "只有标题" in f.message


def test_f402_message_quotes_what_the_part_says_not_a_phrase_it_lacks():
    # "存在的问题：调研不够深入。" has no stock phrase and no figure: the message must not claim it says
    # “差距和不足” (it does not); it quotes the part itself as the evidence.
    doc = shuzhi.loads(
        "2023年度个人述职报告\n一年来，本人牵头完成灌区改造。\n存在的问题：调研不够深入。\n今后打算：加强学习。"
    )
    (f,) = _found(doc, "F402")
    assert "差距和不足" not in f.message
    assert "调研不够深入" in f.message
