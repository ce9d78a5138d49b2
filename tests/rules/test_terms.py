"""T501–T503: the wrong 党代会 for the year, superseded rules, dates after the report's year."""

from __future__ import annotations

import pytest

import shuzhi
from conftest import CORPUS, seed
from shuzhi.rules.config import Config, config_from_dict
from shuzhi.rules.engine import check_document


def _found(text_or_doc, code, cfg=None):
    doc = shuzhi.loads(text_or_doc) if isinstance(text_or_doc, str) else text_or_doc
    cfg = cfg or Config(select=[code])
    return [f for f in check_document(doc, cfg).findings if f.code == code]


def test_nineteenth_congress_as_current_study_in_2023_gets_t501():
    doc = shuzhi.loads("2023年度述职述廉报告\n一年来，本人认真学习贯彻党的十九大精神，履职尽责。")
    (f,) = _found(doc, "T501")
    assert doc.text[f.start : f.end] == "党的十九大"
    assert f.data["current"] == "党的二十大" and f.data["report_year"] == 2023


def test_historical_reference_does_not_get_t501():
    text = (
        "2023年度述职述廉报告\n党的十九大以来，全县地区生产总值由80亿元增加到120亿元。"
        "自党的十八大以来，我县脱贫攻坚取得全面胜利。本人认真学习贯彻党的二十大精神。"
    )
    assert not _found(text, "T501")


def test_t501_respects_the_year_and_plenums():
    # In 2022 the 19th Central Committee was still current until October.
    assert not _found("2022年度述职报告\n本人认真学习贯彻党的十九届六中全会精神和党的二十大精神。", "T501")
    (f,) = _found("2023年度述职报告\n本人认真学习贯彻党的十九届六中全会精神。", "T501")
    assert f.data["meeting"] == "十九届六中全会"
    # A meeting held after the report's year cannot have been studied in it.
    (f,) = _found("2020年度述职报告\n本人认真学习贯彻党的二十大精神。", "T501")
    assert f.data["held"] == 2022
    # "迎接" looks forward, it is not studying.
    assert not _found("2021年度述职报告\n以优异成绩迎接党的二十大胜利召开。", "T501")


def test_t501_needs_a_year_from_the_title_or_the_campaign():
    text = "个人述职报告\n本人认真学习贯彻党的十九大精神。"
    assert not _found(text, "T501")
    cfg = config_from_dict({"select": ["T501"], "campaign": {"year": 2023}})
    assert len(_found(text, "T501", cfg)) == 1


def test_government_reports_are_judged_by_their_own_year():
    # The 2023 report (given in March 2023) reviews 2018–2022 "贯彻党的十九大…精神": not stale for it.
    assert not _found(shuzhi.load(CORPUS / "gov-reports" / "gwr_2023_004.txt"), "T501")
    assert not _found(shuzhi.load(CORPUS / "gov-reports" / "gwr_2008_033.txt"), "T501")


def test_seed_001_cites_the_repealed_2010_integrity_rules():
    doc = shuzhi.load(seed(1))
    (f,) = _found(doc, "T502")
    assert doc.text[f.start : f.end] == "廉洁从政准则"
    assert "廉洁自律准则" in f.message and f.data["replaced"] == 2016


def test_t502_current_rules_and_history_pass():
    assert not _found("2023年度述廉报告\n本人严格遵守《中国共产党廉洁自律准则》和纪律处分条例。", "T502")
    assert not _found("2023年度述廉报告\n2015年，《中国共产党廉洁自律准则》取代了原《廉洁从政若干准则》。", "T502")


def test_t502_old_version_of_a_revised_regulation():
    (f,) = _found("2024年度述责述廉报告\n认真学习2018年修订的《中国共产党纪律处分条例》。", "T502")
    assert f.data["cited_version"] == 2018 and f.data["current_version"] == 2023
    # In 2020 the 2018 version was the one in force.
    assert not _found("2020年度述责述廉报告\n认真学习2018年修订的《中国共产党纪律处分条例》。", "T502")


def test_t503_date_after_the_report_year():
    (f,) = _found("2022年度述职报告\n一年来，本人认真履行职责。2023年6月，主持召开招商引资推进会。", "T503")
    assert f.data["date"] == "2023年6月"
    # Targets, plans and the first weeks of the next year are fine.
    assert not _found("2023年度述职报告\n力争到2025年6月建成产业园。截至2024年1月，已完成投资12亿元。", "T503")
    assert not _found("2023年度述职报告\n主持召开会议12次。\n今后打算\n2024年3月启动二期工程。", "T503")


def test_t503_opening_year_contradicts_the_title():
    (f,) = _found("2023年度述职报告\n2022年，是极不平凡的一年。本人认真履行职责。", "T503")
    assert f.data == {"title_year": 2023, "text_year": 2022}
    assert not _found("2023年度述职报告\n2023年，是极不平凡的一年。", "T503")
    assert len(_found("2023年度述职报告\n一年来，本人认真履职，现将2021年度履职情况报告如下。", "T503")) == 1


def test_seeds_have_no_t_findings_except_seed_001_regulation():
    for n in (0, 2, 3, 4):
        assert not [f for f in check_document(shuzhi.load(seed(n)), Config(select=["T"])).findings], n


# ---- second round (issue 5 follow-up) -------------------------------------------------------
def test_preaching_or_relaying_an_old_congress_as_current_work_gets_t501():
    for year, sentence in [
        (2023, "镇党委班子成员带头宣讲党的十九大精神，全年深入村组宣讲20场。"),
        (2024, "全县水利系统用党的十九大精神统一思想，推动水利建设提速。"),
        (2025, "本人坚持把党的十九届五中全会精神落实到工作全过程。"),
        (2024, "全面传达学习党的十九届历次全会精神，做到入脑入心。"),
        (2014, "镇里组织党员干部宣讲党的十七大精神，共开展宣讲18场次。"),
    ]:
        fs = _found(f"{year}年度述职报告\n{sentence}", "T501")
        assert len(fs) == 1, (year, sentence)


def test_same_words_for_the_current_congress_or_an_earlier_year_pass():
    for year, sentence in [
        (2023, "镇党委班子成员带头宣讲党的二十大精神，全年深入村组宣讲20场。"),
        (2018, "通过院坝会、广播等形式宣讲党的十九大精神。"),
        (2022, "深入学习贯彻党的十九大和十九届历次全会精神，喜迎党的二十大。"),
        # It tells what happened in 2018: history, not a current task.
        (2023, "2018年，镇里在学习党的十九大精神过程中建起了新时代文明实践站，今年这个站又扩建了。"),
    ]:
        assert not _found(f"{year}年度述职报告\n{sentence}", "T501"), (year, sentence)


def test_one_finding_for_a_congress_and_its_plenums_in_one_sentence():
    fs = _found("2024年度述职报告\n坚持把学习贯彻党的十九大和十九届历次全会精神作为首要政治任务。", "T501")
    assert len(fs) == 1 and fs[0].data["meeting"] == "党的十九大"


# ---- #13: T504 terms of an earlier era, with the year from the body when the title has none ----
ERA_STALE = [
    ("述职报告\n2023年3月，我到县卫健局任职。2023年以来，协调落实新型农村合作医疗政策。", "新型农村合作医疗"),
    ("2024年度述职报告\n配合县地税局完成税收征管任务。", "地税局"),
    ("2023年度述职述廉报告\n认真开展“两学一做”学习教育，全年讲党课4次。", "“两学一做”学习教育"),
    ("2022年度述职报告\n坚决打赢脱贫攻坚战，确保贫困户稳定增收。", "打赢脱贫攻坚战"),
]


@pytest.mark.parametrize("text,term", ERA_STALE)
def test_t504_finds_a_term_of_an_earlier_era(text, term):
    r = shuzhi.check(shuzhi.loads(text))
    (f,) = [f for f in r.findings if f.code == "T504"]
    assert f.data["term"] == term and f.data["report_year"] > f.data["until"]


ERA_FINE = [
    "2023年度述职报告\n原工商局、质监局整合为市场监督管理局后，执法力量明显增强。",
    "2023年度述职报告\n2018年，全县新农合参合率达98%。",
    "2023年度述职报告\n“十三五”期间，全县脱贫攻坚取得决定性胜利。",
    "2019年度述职报告\n推进“两学一做”学习教育常态化制度化。",
    "述职报告\n协调落实新型农村合作医疗政策。",  # no year anywhere: not checked
    "2023年度述职报告\n过去的新型农村合作医疗和城镇居民医保已经合并。",
]


@pytest.mark.parametrize("text", ERA_FINE)
def test_t504_leaves_history_and_undated_reports(text):
    r = shuzhi.check(shuzhi.loads(text))
    assert not [f for f in r.findings if f.code == "T504"], [f.message for f in r.findings]


def test_t504_leaves_an_accomplishment():
    text = "2023年政府工作报告\n过去五年，我们经受住多重考验，如期打赢脱贫攻坚战，如期全面建成小康社会。"
    r = shuzhi.check(shuzhi.loads(text))
    assert not [f for f in r.findings if f.code == "T504"]
