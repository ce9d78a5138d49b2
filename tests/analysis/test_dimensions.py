"""The dimension analysis: classification with evidence, the shortcomings/plans parts, what a title requires."""

from __future__ import annotations

import pytest

import shuzhi
from conftest import seed
from shuzhi.analysis.coverage import report_kinds, required_dimensions
from shuzhi.analysis.dimensions import analyse
from shuzhi.lexicons.loader import Lexicons
from shuzhi.rules.config import config_from_dict

REPORT = """2023年度述职述廉报告
一年来，本人在县委的领导下认真履职，现将有关情况报告如下。
一、加强理论学习
认真参加中心组集体学习12次，坚持第一议题制度，读原著、学原文、悟原理，撰写研讨材料3篇。
二、推动经济发展
主持召开常务会议24次，深入一线调研48天，完成固定资产投资38.5亿元，增长8.2%。
三、严守廉洁底线
严格执行中央八项规定及其实施细则，按时报告个人有关事项，严格管理亲属和身边工作人员。
四、存在的问题
招商引资成效不明显，全年引进项目3个，比计划少2个，原因是前期储备不够。
五、今后打算
明年力争引进项目6个。"""


def _block_at(a, text, needle):
    i = text.index(needle)
    return next(b for b in a.blocks if b.start <= i < b.end)


def test_paragraphs_are_classified_with_the_phrases_that_decided():
    doc = shuzhi.loads(REPORT)
    a = analyse(doc, Lexicons())
    study = _block_at(a, doc.text, "认真参加中心组")
    assert study.label == "学" and "中心组" in [e[2] for e in study.evidence]
    work = _block_at(a, doc.text, "主持召开常务会议")
    assert work.label == "职" and {"勤", "绩"} <= set(work.dims)
    clean = _block_at(a, doc.text, "严格执行中央八项规定")
    assert clean.label == "廉"
    assert "八项规定" in a.evidence["廉"]
    # The shortcomings and plans sections are parts of their own, not dimensions.
    assert _block_at(a, doc.text, "招商引资成效不明显").label == "问题"
    assert _block_at(a, doc.text, "明年力争").label == "打算"
    assert a.coverage["廉"] > 0.1 and a.coverage["法"] == 0


def test_parts_taken_from_the_outline_when_it_marks_them():
    doc = shuzhi.loads(REPORT)
    a = analyse(doc, Lexicons())
    marked = doc.outline.find("shortcomings")
    assert marked is not None and a.shortcomings.source == "outline"
    assert a.shortcomings.start == marked.start


def test_parts_found_from_headings_when_the_outline_marks_none():
    doc = shuzhi.loads(REPORT)
    for s in doc.outline.walk():  # an outline that does not mark kinds
        s.kind = "body"
    a = analyse(doc, Lexicons())
    assert a.shortcomings.source == "heading" and a.shortcomings.cue == "存在的问题"
    assert "原因是前期储备不够" in doc.text[a.shortcomings.start : a.shortcomings.end]
    assert "明年力争" not in doc.text[a.shortcomings.start : a.shortcomings.end]
    assert a.plans.source == "heading"


def test_parts_found_from_closing_cues_in_seed_000():
    doc = shuzhi.load(seed(0))
    a = analyse(doc, Lexicons())
    short = doc.text[a.shortcomings.start : a.shortcomings.end]
    plans = doc.text[a.plans.start : a.plans.end]
    assert "理论学习不够经常、开拓创新不够主动" in short and "我将" not in short
    assert plans.startswith("在今后工作中，我将")


def test_outline_kind_wins_over_lexicon_cues():
    doc = shuzhi.loads(REPORT)
    # What the outline module (feat-outline) will do: mark a section's kind.
    sec = next(s for s in doc.outline.walk() if "推动经济发展" in s.heading(doc.text))
    sec.kind = "shortcomings"
    a = analyse(doc, Lexicons())
    assert a.shortcomings.source == "outline" and a.shortcomings.start == sec.start


def test_analysis_is_computed_once_per_document_and_word_lists():
    doc = shuzhi.loads(REPORT)
    lex = Lexicons()
    assert analyse(doc, lex) is analyse(doc, lex)
    assert analyse(doc, Lexicons()) is not analyse(doc, lex)


def test_a_locality_extends_a_dimension_lexicon():
    text = "2023年度述廉报告\n一年来，本人认真履职。\n坚持清风茶叙制度，每月一次谈心谈话，守好清风底色。"
    base = analyse(shuzhi.loads(text), Lexicons())
    assert base.coverage["廉"] == 0
    cfg = config_from_dict({"lexicons": {"dimensions.integrity": ["清风茶叙", "清风底色"]}})
    ext = analyse(shuzhi.loads(text), cfg.lexicons)
    assert ext.coverage["廉"] > 0.3 and "清风茶叙" in ext.evidence["廉"]


def test_required_dimensions_follow_the_title_and_the_campaign():
    doc = shuzhi.load(seed(4))  # 述职述廉述责
    req = required_dimensions(doc, Lexicons(), {})
    assert req == {"能": "述职", "勤": "述职", "绩": "述职", "廉": "述廉", "责": "述责"}
    req = required_dimensions(doc, Lexicons(), {"required-dimensions": {"述职": ["绩"], "述廉": []}})
    assert req == {"绩": "述职", "责": "述责"}


def test_kinds_found_below_vendor_residue_in_seed_002():
    # The first line of seed 002 is a vendor slogan; the real title is further down.
    assert report_kinds(shuzhi.load(seed(2))) == ["述学", "述职", "述廉", "述法"]


def test_shortcomings_part_stops_where_the_plans_begin():
    # The outline may mark a topic-sentence section as shortcomings and let it run to the
    # end; the plans sentence after it (with its figures) is not part of the self-criticism.
    text = (
        "2023年度述职报告\n一年来，本人认真履职。\n主持召开常务会议24次。\n"
        "回头看这一年，自己身上还存在一些问题，主要是学得不够深，干劲有时不足。\n"
        "明年我将把精力放在茶产业上，力争3个薄弱村全部达标。"
    )
    doc = shuzhi.loads(text)
    a = analyse(doc, Lexicons())
    short = doc.text[a.shortcomings.start : a.shortcomings.end]
    assert "学得不够深" in short and "明年" not in short
    assert doc.text[a.plans.start : a.plans.end].startswith("明年我将")


# ---- #13: integrity and responsibility written in plain words -----------------------------------
PLAIN = [
    ("廉", "老家的亲戚来城里看病，都是自己出钱，我从没让医院减免过一分。"),
    ("廉", "有人过年拎着东西上门，我让家里人当场退回，实在退不掉的上交组织。"),
    ("廉", "我爱人在家务农，家里没有人借我的名头揽工程、开公司。"),
    ("廉", "下乡在村里吃饭按规定交钱，企业安排的饭局一律谢绝。"),
    ("责", "班子成员分管领域出了问题，我先找自己没管到位的原因，当面提醒，不等出了事再说。"),
    ("责", "下属站所的账目每年抽查一次，去年查出一个小金库，相关人员受到诫勉。"),
    ("责", "对巡察组指出的问题，我逐条研究、明确到人，逐条销号。"),
]


@pytest.mark.parametrize("dim,para", PLAIN)
def test_plain_word_integrity_and_responsibility_are_classified(dim, para):
    doc = shuzhi.loads(f"述职述责述廉报告\n现将有关情况报告如下。\n{para}\n以上报告，请予评议。\n")
    a = analyse(doc)
    (blk,) = [b for b in a.blocks if doc.text[b.start : b.end] == para]
    assert dim in blk.dims, (blk.label, blk.scores)


@pytest.mark.parametrize(
    "para",
    [
        "配合审计部门完成5个乡镇的专项资金审计，收回闲置资金1200万元。",
        "牵头推进老旧小区改造，完成改造小区23个，加装电梯16部。",
        "带领班子成员外出招商12次，引进项目5个，协议投资9.6亿元。",
    ],
)
def test_work_paragraphs_are_not_read_as_integrity(para):
    doc = shuzhi.loads(f"述职述廉报告\n现将有关情况报告如下。\n{para}\n以上报告，请予评议。\n")
    (blk,) = [b for b in analyse(doc).blocks if doc.text[b.start : b.end] == para]
    assert "廉" not in blk.dims and "责" not in blk.dims, (blk.label, blk.scores)
