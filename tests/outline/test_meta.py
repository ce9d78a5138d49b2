"""Metadata of the seeds (read from their titles by hand) and of synthetic reports; sentences."""

from __future__ import annotations

import itertools
import json

import pytest

import shuzhi
from conftest import seed
from shuzhi.cli import main
from shuzhi.outline.meta import find_kinds, find_role
from shuzhi.text.sentences import split_sentences

# Title, year, role and kinds as the seed files' titles say them (see their first lines).
SEEDS = [
    ("2023年县长述职述廉述德报告", 2023, "县长", ["述职", "述廉", "述德"]),
    ("常务副县长述职述廉述德报告", None, "常务副县长", ["述职", "述廉", "述德"]),
    ("县长2020年述学述职述廉述法报告", 2020, "县长", ["述学", "述职", "述廉", "述法"]),
    ("2023年度述德述职述廉报告", 2023, None, ["述德", "述职", "述廉"]),
    ("县委常委、常务副县长2022年度述职述廉述责报告", 2022, "县委常委、常务副县长", ["述职", "述廉", "述责"]),
]


@pytest.mark.parametrize("n", range(5))
def test_seed_metadata(n):
    m = shuzhi.load(seed(n)).meta
    assert (m.title, m.year, m.role, m.kinds) == SEEDS[n]


def test_seed1_year_is_none_because_jinnian_yilai_names_no_year():
    m = shuzhi.load(seed(1)).meta
    assert m.year is None and m.year_source is None


def test_year_from_the_opening_when_the_title_has_none():
    m = shuzhi.loads("述职述廉报告\n2022年，我在县委的领导下，认真履职。现将情况报告如下。\n一、学习\n学了。\n").meta
    assert (m.year, m.year_source) == (2022, "opening")


def test_placeholder_years_are_no_years():
    m = shuzhi.loads("20XX年述职报告\nxx年，我认真履职。\n一、学习\n学了。\n").meta
    assert m.year is None


def test_a_year_later_in_the_opening_is_not_the_report_year():
    m = shuzhi.loads("述职报告\n今年以来，我落实2021年出台的方案。\n一、学习\n学了。\n").meta
    assert m.year is None


def test_role_from_the_opening_after_zuowei():
    m = shuzhi.loads("述职报告\n今年以来，作为县委常委、常务副县长，我协助县长工作。\n一、学习\n学了。\n").meta
    assert (m.role, m.role_source) == ("县委常委、常务副县长", "opening")


def test_no_role_from_the_leadership_phrase_or_a_vague_fenguan():
    m = shuzhi.loads(
        "述职报告\n在县委、县政府的坚强领导下，本人作为县政府分管财政工作的负责人，认真履职。\n一、学习\n学了。\n"
    ).meta
    assert m.role is None


@pytest.mark.parametrize(
    "title, role",
    [
        ("县委常委、常务副县长述职报告", "县委常委、常务副县长"),
        ("副县长述职报告", "副县长"),
        ("镇党委书记述职述廉报告", "镇党委书记"),
        ("乡党委副书记、乡长述职报告", "乡党委副书记、乡长"),
        ("县纪委书记、监委主任述责述廉报告", "县纪委书记、监委主任"),
        ("县人大常委会主任述职报告", "县人大常委会主任"),
        ("县政协副主席述职报告", "县政协副主席"),
        ("2023年度个人述职报告", None),
    ],
)
def test_roles_longest_match(title, role):
    assert find_role(title) == role


def test_kinds_in_title_order_without_duplicates():
    assert find_kinds("述学述职述廉述法述职报告") == ["述学", "述职", "述廉", "述法"]
    assert find_kinds("2023年度述党建述作风报告") == ["述党建", "述作风"]
    assert find_kinds("年度工作总结") == []


def test_meta_command_json(capsys):
    assert main(["meta", "--format", "json", str(seed(2))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2020 and data["kinds"] == ["述学", "述职", "述廉", "述法"]
    assert main(["meta", str(seed(1))]) == 0
    assert "年度：（未注明）" in capsys.readouterr().out


# ---- sentences --------------------------------------------------------------------------


def _sents(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentences_end_at_terminators_and_keep_closing_quotes():
    assert _sents("他说：“要学习。”然后走了。真的吗？是的！好；") == [
        "他说：“要学习。”",
        "然后走了。",
        "真的吗？",
        "是的！",
        "好；",
    ]


def test_no_split_inside_short_quotes_or_brackets():
    assert _sents("坚持“不忘初心。牢记使命”的要求。下一句。") == ["坚持“不忘初心。牢记使命”的要求。", "下一句。"]
    assert _sents("完成（含追加。详见附表）任务。完成") == ["完成（含追加。详见附表）任务。", "完成"]


def test_long_or_unclosed_quotes_fall_back_to_plain_splitting():
    long_quote = "“" + "很长的引文。" * 10 + "”结束。"
    assert len(_sents(long_quote)) == 11
    assert _sents("未闭合“引号。后面。") == ["未闭合“引号。", "后面。"]


def test_sentences_stop_at_newlines_and_decimals_are_not_ends():
    text = "行一\n完成12.5亿元，增长5.8%。\n\n行三"
    assert _sents(text) == ["行一", "完成12.5亿元，增长5.8%。", "行三"]
    assert all("\n" not in s for s in _sents(text))


def test_document_sentences_cover_the_seed_text():
    doc = shuzhi.load(seed(0))
    sents = doc.sentences
    assert all(a < b for a, b in sents) and all(p[1] <= q[0] for p, q in itertools.pairwise(sents))
    # Every non-newline character belongs to exactly one sentence.
    covered = sum(b - a for a, b in sents)
    assert covered == len(doc.text) - doc.text.count("\n")


def test_a_dateline_is_not_taken_for_the_title():
    # A regulation's "2012年12月3日…会议通过" line once became the title, and its year
    # made T503 call the later amendment dates "after the report's year".
    doc = shuzhi.loads(
        "# 公安机关办理行政案件程序规定\n\n2012年12月3日公安部部长办公会议通过\n\n"
        "2012年12月19日中华人民共和国公安部令第125号发布，2018年11月25日修正。\n第一条 为了规范……\n"
    )
    assert doc.meta.year is None
    assert doc.meta.title != "2012年12月3日公安部部长办公会议通过"


# ---- #13: what kind of document it is (meta.doc_kind), with the words that decided it ----
DOC_KINDS = [
    ("2023年度述职述廉报告\n一年来，本人认真履行职责。", "述职报告", "述职述廉"),
    ("县委常委、常务副县长述责述廉报告\n现将本人履职情况报告如下。", "述职报告", "述责述廉"),
    ("在全县领导干部述职述廉会议上的讲话\n同志们：\n刚才，五位同志作了述职。", "讲话", "讲话"),
    ("全县科级干部述职述廉评议会主持词\n同志们：\n现在开会。", "主持词", "主持词"),
    ("县农业农村局2023年工作总结\n2023年，我局在县委县政府的坚强领导下。", "工作总结", "工作总结"),
    ("关于2023年度党风廉政建设工作情况的报告\n县委：\n2023年，我局认真落实主体责任。", "单位报告", "的报告"),
    ("2023年度民主生活会个人对照检查材料\n根据县委通知要求。", "对照检查材料", "民主生活会"),
    ("同志们：\n现在开会。今天的会议有三项议程。", "主持词", "现在开会"),
    ("中共某某县委：\n现将我局2023年度工作情况报告如下。", "单位报告", "县委："),
    ("本人2023年任某镇镇长，现将一年来的履职情况述职如下。", "述职报告", "述职"),
]


@pytest.mark.parametrize("text,kind,why", DOC_KINDS)
def test_doc_kind_with_evidence(text, kind, why):
    meta = shuzhi.loads(text).meta
    assert meta.doc_kind == kind
    assert why in meta.doc_kind_evidence


def test_doc_kind_unknown_without_a_cue():
    meta = shuzhi.loads("全县完成造林8000亩。\n道路硬化12公里。").meta
    assert meta.doc_kind is None and meta.doc_kind_evidence is None


def test_doc_kind_is_in_the_json_meta():
    r = shuzhi.check(shuzhi.loads("在全县述职述廉会议上的讲话\n同志们：\n刚才，几位同志作了述职。"))
    assert r.meta["doc_kind"] == "讲话"
    assert "讲话" in r.meta["doc_kind_evidence"]


# ---- #13: the year from the body's dates when the title has none ----
def test_year_from_body_dates_with_evidence():
    m = shuzhi.loads("个人述职报告\n2023年3月，我到镇任职。2023年以来，完成造林8000亩。到2025年力争再造林。").meta
    assert (m.year, m.year_source) == (2023, "body")
    assert "2023年3月" in m.year_evidence and "2 处" in m.year_evidence


def test_year_from_body_only_when_one_year_dominates():
    m = shuzhi.loads("个人述职报告\n2021年我任镇长。2023年完成造林。").meta
    assert m.year is None and m.year_evidence is None


def test_title_year_wins_over_body():
    m = shuzhi.loads("2022年度述职报告\n2023年3月，我到镇任职。2023年以来，完成造林。").meta
    assert (m.year, m.year_source, m.year_evidence) == (2022, "title", None)


def test_t_rules_run_with_the_body_year():
    text = "个人述职报告\n2023年3月，我到镇任职。2023年以来，认真学习贯彻党的十九大精神。"
    r = shuzhi.check(shuzhi.loads(text))
    (f,) = [f for f in r.findings if f.code == "T501"]
    assert "十九大" in f.message
    assert r.meta["year"] == 2023 and r.meta["year_source"] == "body"
