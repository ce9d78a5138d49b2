"""The outline: the seeds' real structure (read by hand), false headings, parts, closing, items."""

from __future__ import annotations

import itertools
import json
import re

import pytest

import shuzhi
from conftest import CORPUS, seed
from shuzhi.cli import main
from shuzhi.outline.parse import cn_number


def _outline(doc):
    return doc.outline


def _heads(doc, sections):
    return [s.heading(doc.text) for s in sections]


def _items_in(doc, sec):
    return [m for a, _, m in doc.outline.items if sec.start <= a < sec.end]


def _span(doc, span):
    return doc.text[span[0] : span[1]]


# ---- the seeds, structure pinned from reading each file ---------------------------------


def test_seed0_four_numbered_parts_their_items_then_shortcomings_plans_and_closing():
    doc = shuzhi.load(seed(0))
    o = doc.outline
    assert _span(doc, o.title) == "2023年县长述职述廉述德报告"
    assert _span(doc, o.opening).startswith("一年来，本人认真贯彻党的XX大精神")
    assert _span(doc, o.opening_statement) == "现将学习、工作和廉政等情况报告如下。"
    body = [s for s in o.sections if s.kind == "body"]
    assert _heads(doc, body) == [
        "一、注重党性锤炼，在学思践悟中提高能力",
        "二、坚持抓主抓重，在抢抓机遇中推动发展",
        "三、聚焦民生改善，在真抓实干中取信于民",
        "四、坚持从严治政，在严以律己中树立形象",
    ]
    assert [s.number for s in body] == [1, 2, 3, 4] and all(s.level == 1 and not s.children for s in body)
    # Part 一 enumerates 一是…四是 inside one paragraph; 二 has five item paragraphs, 三 and 四 three.
    assert [_items_in(doc, s) for s in body] == [
        ["一是", "二是", "三是", "四是"],
        ["一是", "二是", "三是", "四是", "五是"],
        ["一是", "二是", "三是"],
        ["一是", "二是", "三是"],
    ]
    # The last paragraph ("回顾一年来的工作…差距。主要是…。在今后工作中，我将…") is not part 四.
    assert "回顾一年来" not in doc.text[body[-1].start : body[-1].end]
    short = o.find("shortcomings")
    plans = o.find("plans")
    assert short.level == 1 and short.marker == "" and plans.level == 1 and plans.marker == ""
    assert _span(doc, (short.start, short.end)) == (
        "回顾一年来的工作，虽然尽心竭力做到了履职尽责，但离组织要求和群众期望仍有差距。"
        "主要是理论学习不够经常、开拓创新不够主动等。"
    )
    assert _span(doc, (plans.start, plans.end)).startswith("在今后工作中，我将按照市委、市政府和区委的要求部署")
    assert _span(doc, (plans.start, plans.end)).endswith("不辜负组织的期望和人民的重托。")
    # No "特此报告" here: the closing is the wrap-up paragraph.
    assert o.closing_formula is None
    assert _span(doc, o.closing).startswith("回顾一年来的工作")


def test_seed1_five_parts_with_arabic_subparts_nested_under_them():
    doc = shuzhi.load(seed(1))
    o = doc.outline
    assert _span(doc, o.title) == "常务副县长述职述廉述德报告"
    body = [s for s in o.sections if s.kind == "body"]
    assert _heads(doc, body) == [
        "一、加强学习，开拓进取，政治素养和工作水平得到新提升",
        "二、抓主抓重，攻坚克难，力促重点工作实现新突破",
        "三、狠抓落实，主动作为，各项工作再上新台阶",
        "四、强化措施，务实创新，公安安全信访工作取得新成效",
        "五、严以律己，廉洁从政，自身建设树立新形象",
    ]
    assert [len(s.children) for s in body] == [0, 3, 4, 4, 0]
    first = body[1].children[0]
    # A numbered paragraph that runs on: its heading ends at the first 。.
    assert first.heading(doc.text) == "1.突出增强后劲抓投资，重点项目建设有序推进。"
    assert (first.level, first.depth, first.number) == (3, 2, 1)
    assert [c.number for c in body[2].children] == [1, 2, 3, 4]
    assert _span(doc, (o.find("shortcomings").start, o.find("shortcomings").end)).endswith(
        "与组织的要求相比还有一定差距。"
    )
    assert doc.text[o.find("plans").start :].startswith("在今后的工作中，我将虚心学习")


def test_seed2_title_found_among_vendor_ads_and_the_trailing_ad_is_not_the_closing():
    doc = shuzhi.load(seed(2))
    o = doc.outline
    assert _span(doc, o.title) == "县长2020年述学述职述廉述法报告"
    assert _span(doc, o.opening).startswith("2020年，是XX发展进程中极不平凡的一年")
    body = [s for s in o.sections if s.kind == "body"]
    assert [s.heading(doc.text)[:13] for s in body] == [
        "一、学习新思想、把握新时代",
        "二、立足新起点、担当新使命",
        "三、树立新标准、聚焦新要求",
        "四、适应新变化、采取新举措",
    ]
    assert [len(_items_in(doc, s)) for s in body] == [3, 8, 5, 5]
    short, plans = o.find("shortcomings"), o.find("plans")
    assert _span(doc, (short.start, short.end)).endswith("还存在一定差距和不足。")
    assert _span(doc, (plans.start, plans.end)).startswith("今后工作中，我将继续")
    assert "QQ" not in _span(doc, (plans.start, plans.end)) and "QQ" not in _span(doc, o.closing)


def test_seed2_title_also_without_the_ads():
    raw = seed(2).read_text(encoding="utf-8")
    doc = shuzhi.loads(raw[raw.index("县长2020年") :])
    assert _span(doc, doc.outline.title) == "县长2020年述学述职述廉述法报告"
    assert len([s for s in doc.outline.sections if s.kind == "body"]) == 4


def test_seed3_plans_start_mid_sentence_after_the_shortcomings():
    doc = shuzhi.load(seed(3))
    o = doc.outline
    body = [s for s in o.sections if s.kind == "body"]
    assert _heads(doc, body) == [
        "一、坚定理想信念，始终做到旗帜鲜明讲政治",
        "二、带头苦干实干，始终做到履职尽责促发展",
        "三、坚守廉洁底线，始终做到从严从实作示范",
    ]
    assert [len(_items_in(doc, s)) for s in body] == [4, 9, 3]
    short = _span(doc, (o.find("shortcomings").start, o.find("shortcomings").end))
    assert short.startswith("一年来，虽然取得了一些成绩") and short.endswith("到基层调研指导不够等方面")
    assert doc.text[o.find("plans").start :].startswith("在今后学习、工作和生活中，我将")


def test_seed4_four_topic_sentence_parts_and_the_aphorism_is_not_a_fifth():
    doc = shuzhi.load(seed(4))
    o = doc.outline
    assert _span(doc, o.title) == "县委常委、常务副县长2022年度述职述廉述责报告"
    # The repeated title line is not the opening.
    assert _span(doc, o.opening).startswith("今年以来，在县委、县政府的坚强领导下，本人作为县政府分管")
    assert _span(doc, o.opening_statement) == "现将一年来的履职工作情况报告如下。"
    assert _heads(doc, o.sections) == [
        "坚持把学习作为“第一本领”，在勤学善思、进德修业上狠下功夫。",
        "坚持把发展作为“第一要务”，在奋力追赶、谋求跨越上顽强拼搏。",
        "坚持把创新作为“第一动力”，在解放思想、锐意进取上大胆探索。",
        "坚持把为民作为“第一追求”，在心系群众、改善民生上不遗余力。",
    ]
    assert all(s.level == 1 and s.marker == "" and s.kind == "body" for s in o.sections)
    assert [len(_items_in(doc, s)) for s in o.sections] == [3, 4, 3, 3]
    # It has no shortcomings part and no plans part: the checks must see that.
    assert o.find("shortcomings") is None and o.find("plans") is None
    assert _span(doc, o.closing).startswith("纸上得来终觉浅")
    assert "纸上得来" not in doc.text[o.sections[-1].start : o.sections[-1].end]


# ---- other real documents --------------------------------------------------------------


def test_fanwen_sample_has_no_title_and_its_second_series_is_the_plans_part():
    doc = shuzhi.load(CORPUS / "samples" / "shuzhi_baogao_fanwen.txt")
    o = doc.outline
    assert o.title is None  # its first line is a sentence ("xx年的工作已接近尾声，…")
    assert _span(doc, o.opening).startswith("xx年的工作已接近尾声")
    tops = [s for s in o.walk() if s.marker.endswith("、") and s.level == 1]
    assert [s.number for s in tops] == [1, 2, 3, 4, 1, 2, 3]
    plans = o.find("plans")
    assert plans.heading(doc.text).startswith("繁忙的工作，有成绩也有不足")
    assert [c.number for c in plans.children] == [1, 2, 3]
    # "3、…鼓励员工不断提高自身综合素质。" is a one-sentence item, not a heading line: the
    # "总之，客户服务部明年的发展思路…" paragraph after it is the wrap-up, outside the item,
    # and the closing is the last paragraph ("记得有一位实战培训专家曾说过…").
    assert _span(doc, (plans.start, plans.end)).endswith("鼓励员工不断提高自身综合素质。")
    assert _span(doc, o.closing).startswith("记得有一位实战培训专家曾说过")
    # "xx年6月，…13人参加" is body text, not a heading.
    assert not any(doc.text[s.heading_start :].startswith("xx年") for s in o.walk())


GOV = sorted((CORPUS / "gov-reports").glob("*.txt"))


def test_every_gov_report_parses_and_every_cn_numbered_line_is_a_top_heading():
    for path in GOV:
        doc = shuzhi.load(path)
        o = doc.outline
        found = {s.heading_start for s in o.walk() if s.level == 1 and s.marker.endswith("、")}
        lines = [m.start() for m in re.finditer(r"(?m)^[一二三四五六七八九十]{1,3}、", doc.text)]
        assert set(lines) <= found, path.name
        for s in o.walk():
            assert s.start <= s.heading_start < s.heading_end <= s.end <= len(doc.text), path.name
            for c in s.children:
                assert s.start <= c.start and c.end <= s.end, path.name


def test_gov_report_2023_two_parts_and_ten_subparts_no_invented_parts():
    doc = shuzhi.load(CORPUS / "gov-reports" / "gwr_2023_004.txt")
    o = doc.outline
    assert _span(doc, o.title) == "2023年中华人民共和国国务院政府工作报告"
    assert _heads(doc, o.sections) == ["一、过去一年和五年工作回顾", "二、对今年政府工作的建议"]
    assert [c.number for c in o.sections[0].children] == list(range(1, 11))
    assert o.sections[0].children[0].heading(doc.text) == "（一）创新宏观调控，保持经济运行在合理区间。"
    assert all(s.kind == "body" for s in o.walk())


def test_gov_prose_with_alike_paragraph_starts_gets_no_topic_headings():
    # 1964: many paragraphs open "周总理说，…。" — reported speech, not headings. Its real
    # headings are unnumbered lines (read in the file); those found must be among them.
    doc = shuzhi.load(CORPUS / "gov-reports" / "gwr_1964_063.txt")
    real = {
        "国民经济的成就和今后的建设任务",
        "今后发展国民经济中应当注意的几个问题",
        "社会主义革命和人民民主统一战线",
        "各级领导机关必须革命化，各级干部必须革命化",
        "国际形势和我国对外工作",
    }
    topics = [s.heading(doc.text) for s in doc.outline.walk() if s.source == "topic"]
    assert set(topics) <= real and len(topics) >= 2


def test_a_marker_alone_on_its_line_heads_the_next_paragraph():
    doc = shuzhi.load(CORPUS / "gov-reports" / "gwr_1955_070.txt")
    s = next(s for s in doc.outline.walk() if doc.text[s.heading_start : s.heading_start + 3] == "一、\n")
    assert s.heading(doc.text).endswith("这样就提供了我国建设的一个重要积累来源。")


# ---- synthetic cases --------------------------------------------------------------------


def test_numbers_and_dates_at_a_paragraph_start_are_not_headings():
    doc = shuzhi.loads(
        "2023年度述职报告\n现将情况报告如下。\n一、抓发展\n1.5亿元的项目已经开工建设。\n"
        "2023年，全县生产总值增长5%。\n3、4月份完成了春耕。\n10.3%的增速居全市第一。\n第一时间赶到现场处置。\n"
    )
    o = doc.outline
    assert _heads(doc, o.sections) == ["一、抓发展"]
    assert o.sections[0].children == []


def test_levels_nest_cn_then_paren_cn_then_arabic_then_paren_arabic():
    doc = shuzhi.loads("述职报告\n开头。\n一、甲\n（一）乙\n1.丙\n（1）丁\n（2）戊\n2.己\n（二）庚\n二、辛\n")
    o = doc.outline
    assert [(s.heading(doc.text), s.level, s.depth) for s in o.walk()] == [
        ("一、甲", 1, 1),
        ("（一）乙", 2, 2),
        ("1.丙", 3, 3),
        ("（1）丁", 4, 4),
        ("（2）戊", 4, 4),
        ("2.己", 3, 3),
        ("（二）庚", 2, 2),
        ("二、辛", 1, 1),
    ]
    ding = o.sections[0].children[0].children[0].children[0]
    assert doc.text[ding.start : ding.end] == "（1）丁"


def test_yishi_starting_a_paragraph_is_an_item_not_a_section():
    doc = shuzhi.loads("述职报告\n开头。\n一、抓学习\n一是学理论。二是学业务。\n三是学法律。\n统一是前提。\n")
    o = doc.outline
    assert len(list(o.walk())) == 1
    assert [m for _, _, m in o.items] == ["一是", "二是", "三是"]
    a, b, _ = o.items[0]
    assert doc.text[a:b] == "一是学理论。"
    a, b, _ = o.items[2]
    assert doc.text[a:b] == "三是学法律。"


def test_a_lone_ershi_is_no_enumeration():
    doc = shuzhi.loads("述职报告\n开头。\n一、甲\n这是二是非非的事。\n")
    assert doc.outline.items == []


def test_di_yi_headings_are_top_level_without_cn_headings():
    doc = shuzhi.loads("述职报告\n开头。\n第一，抓学习。学了很多。\n第二，抓发展。发展很快。\n")
    assert [(s.heading(doc.text), s.level) for s in doc.outline.sections] == [
        ("第一，抓学习。", 1),
        ("第二，抓发展。", 1),
    ]


def test_numbered_shortcomings_and_plans_headings_and_closing_formula():
    doc = shuzhi.loads(
        "2023年述职述廉报告\n现将有关情况报告如下。\n一、履职情况\n做了很多工作。\n"
        "二、存在的问题和不足\n理论学习不够深入。\n三、下一步工作打算\n加强学习。\n"
        "特此报告，请予评议。\n述职人：张三\n"
    )
    o = doc.outline
    assert [s.kind for s in o.sections] == ["body", "shortcomings", "plans"]
    plans = o.find("plans")
    assert "特此报告" not in doc.text[plans.start : plans.end]
    assert _span(doc, o.closing_formula) == "特此报告，请予评议。"
    assert _span(doc, o.closing) == "特此报告，请予评议。\n述职人：张三"


def test_a_body_part_about_problems_is_not_the_shortcomings_part():
    doc = shuzhi.loads("述职报告\n开头。\n一、抓民生\n（一）着力解决群众反映强烈的突出问题\n解决了。\n")
    assert all(s.kind == "body" for s in doc.outline.walk())


def test_combined_heading_is_split_where_the_plans_begin():
    doc = shuzhi.loads(
        "述职报告\n开头。\n一、工作\n干了。\n二、存在的问题及今后打算\n学习不够深入，调研不够经常。\n"
        "今后，我将加强学习，深入基层。\n"
    )
    short = doc.outline.find("shortcomings")
    plans = doc.outline.find("plans")
    assert short.heading(doc.text) == "二、存在的问题及今后打算"
    assert _span(doc, (short.start, short.end)) == "二、存在的问题及今后打算\n学习不够深入，调研不够经常。"
    # The plans half is the next part, not inside the shortcomings part.
    assert doc.outline.sections[-1] is plans and plans.depth == 1
    assert doc.text[plans.start : plans.end] == "今后，我将加强学习，深入基层。"


def test_unnumbered_label_lines_name_the_parts():
    doc = shuzhi.loads(
        "述职报告\n开头。\n一、工作\n干了。\n二、作风\n好。\n存在的问题\n学习不够。\n下一步打算\n继续学习。\n"
    )
    o = doc.outline
    assert [(s.heading(doc.text), s.kind, s.marker) for s in o.sections[-2:]] == [
        ("存在的问题", "shortcomings", ""),
        ("下一步打算", "plans", ""),
    ]


def test_cn_number():
    assert [cn_number(s) for s in ("一", "十", "十二", "二十", "九十九", "甲", "")] == [1, 10, 12, 20, 99, None, None]


def test_empty_document_has_an_empty_outline():
    o = shuzhi.loads("").outline
    assert o.title is None and o.sections == [] and o.closing is None


def test_outline_command_prints_the_tree_and_json(capsys):
    assert main(["outline", str(seed(4))]) == 0
    out = capsys.readouterr().out
    assert "标题：县委常委、常务副县长2022年度述职述廉述责报告" in out
    assert out.count("坚持把") == 4
    assert main(["outline", "--format", "json", str(seed(0))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["kind"] for s in data["sections"]] == ["body"] * 4 + ["shortcomings", "plans"]
    assert data["sections"][0]["heading"] == "一、注重党性锤炼，在学思践悟中提高能力"
    assert data["closing_formula"] is None and data["closing"]["text"].startswith("回顾一年来")
    assert len(data["items"]) == 15


@pytest.mark.parametrize("n", range(5))
def test_every_seed_outline_spans_are_ordered_and_inside_the_text(n):
    doc = shuzhi.load(seed(n))
    o = doc.outline
    tops = o.sections
    for prev, nxt in itertools.pairwise(tops):
        assert prev.end <= nxt.start
    assert o.opening[1] <= tops[0].start


def test_random_fragment_soup_never_crashes_and_spans_nest():
    # Regression guard for malformed input (a bare "一、" before a wrap-up once gave a
    # heading ending after its section).
    import random

    frags = [
        "一、",
        "二、",
        "（一）",
        "1.",
        "（1）",
        "①",
        "第一，",
        "一是",
        "二是",
        "存在的问题",
        "下一步打算",
        "特此报告，请予评议。",
        "述职报告",
        "2023年",
        "回顾一年来，虽然",
        "但仍有差距。",
        "今后，我将",
        "。",
        "，",
        "\n",
        "\n\n",
        "坚持把学习作为“第一本领”，在上狠下功夫。",
        "内容很长的一段话" * 5,
        "“",
        "”",
        "（",
        "——",
    ]
    rng = random.Random(1)
    for _ in range(2000):
        doc = shuzhi.loads("".join(rng.choice(frags) for _ in range(rng.randint(0, 30))))
        o = doc.outline
        for s in o.walk():
            assert 0 <= s.start <= s.heading_start <= s.heading_end <= s.end <= len(doc.text)
            assert all(s.start <= c.start and c.end <= s.end for c in s.children)
        assert all(a < b for a, b, _ in o.items)


def test_paragraph_shortcomings_with_item_lines_then_plans_then_formula():
    doc = shuzhi.loads(
        "2023年度述职报告\n现将履职情况报告如下。\n一、学习\n"
        "学了很多内容，认真参加中心组学习，撰写心得体会多篇，学习成效明显。\n二、工作\n"
        "首先，抓发展。其次，抓民生。最后，抓安全。\n"
        "在肯定成绩的同时，我也清醒地认识到自身还存在一些问题和不足：\n一是理论学习不够深入。\n二是调查研究不够经常。\n"
        "针对以上问题，今后我将着力抓好以下几个方面：\n一是加强学习。\n二是深入基层。\n特此报告，请予评议。\n"
    )
    o = doc.outline
    assert [s.kind for s in o.sections] == ["body", "body", "shortcomings", "plans"]
    assert doc.text[o.sections[1].start : o.sections[1].end] == "二、工作\n首先，抓发展。其次，抓民生。最后，抓安全。"
    short, plans = o.sections[2], o.sections[3]
    assert short.heading(doc.text) == "在肯定成绩的同时，我也清醒地认识到自身还存在一些问题和不足："
    assert doc.text[short.start : short.end].endswith("二是调查研究不够经常。")
    assert (
        doc.text[plans.start : plans.end]
        == "针对以上问题，今后我将着力抓好以下几个方面：\n一是加强学习。\n二是深入基层。"
    )
    assert [m for a, _, m in o.items if o.sections[1].start <= a < o.sections[1].end] == ["首先", "其次", "最后"]
    assert _span(doc, o.closing) == "特此报告，请予评议。"


def test_a_body_paragraph_starting_with_suiran_mid_report_does_not_end_the_part():
    body = "认真落实各项工作任务，取得了较好成效。" * 10
    doc = shuzhi.loads(
        f"述职报告\n开头。\n一、抓发展\n{body}\n虽然面临困难，但全年指标都完成了。\n{body}\n{body}\n{body}\n"
        f"{body}\n{body}\n{body}\n二、抓作风\n{body}\n"
    )
    assert [s.kind for s in doc.outline.sections] == ["body", "body"]


@pytest.mark.parametrize("n", [0, 2, 4])
def test_the_same_seed_as_a_docx_has_the_same_outline_and_metadata(n, tmp_path):
    import docx

    from shuzhi.outline.parse import outline_to_dict

    d = docx.Document()
    for line in seed(n).read_text(encoding="utf-8").split("\n"):
        d.add_paragraph(line)
    path = tmp_path / f"seed{n}.docx"
    d.save(path)
    from_txt, from_docx = shuzhi.load(seed(n)), shuzhi.load(path)
    assert outline_to_dict(from_docx) == outline_to_dict(from_txt)
    assert from_docx.meta == from_txt.meta


def test_quarters_and_sectors_are_not_headings():
    doc = shuzhi.loads(
        "述职报告\n开头。\n一、抓发展\n一、二季度经济平稳。\n一、二、三产业协调发展。\n第一、二批项目开工。\n二、抓民生\n"
    )
    assert _heads(doc, doc.outline.sections) == ["一、抓发展", "二、抓民生"]


def test_unnumbered_heading_lines_between_paragraphs_head_their_parts():
    body = "认真学习贯彻党的二十大精神，坚决做到两个维护，持续加强理论武装，学习成效明显。"
    doc = shuzhi.loads(
        f"述职报告\n今年以来，我认真履职，现将情况报告如下。\n强化政治担当\n{body * 2}\n"
        f"狠抓经济发展\n{body * 2}\n{body}\n坚持廉洁自律\n{body * 2}\n"
    )
    o = doc.outline
    assert _heads(doc, o.sections) == ["强化政治担当", "狠抓经济发展", "坚持廉洁自律"]
    assert doc.text[o.sections[1].start : o.sections[1].end].count("\n") == 2  # its heading and two paragraphs
    assert o.sections[-1].end == len(doc.text)


def test_seed1_last_part_keeps_its_lian_body_and_the_wrapup_starts_at_huigu():
    # Read by hand: "五、严以律己，廉洁从政，自身建设树立新形象" is a heading line; the paragraph under it
    # ("一年来，我牢固树立‘四个意识’…切实做到为民、务实、清廉。") is part 五's text about 廉, not a
    # wrap-up. The wrap-up is the last paragraph: "回顾一年来…还有一定差距。" then "在今后的工作中，我将…".
    doc = shuzhi.load(seed(1))
    o = doc.outline
    last = [s for s in o.sections if s.kind == "body"][-1]
    part = _span(doc, (last.start, last.end))
    assert part.startswith("五、严以律己，廉洁从政，自身建设树立新形象\n一年来，我牢固树立“四个意识”")
    assert part.endswith("严格管束配偶、子女和身边工作人员，切实做到为民、务实、清廉。")
    assert "认真落实党风廉政建设主体责任" in part and "回顾一年来" not in part
    short, plans = o.find("shortcomings"), o.find("plans")
    assert _span(doc, (short.start, short.end)).startswith("回顾一年来的思想和工作")
    assert short.start > last.end and plans.start >= short.end
    # Every character of the report from the first part to the end is in some part.
    assert [(s.kind, s.end) for s in o.sections][-3:] == [
        ("body", short.start - 1),
        ("shortcomings", plans.start),
        ("plans", len(doc.text)),
    ]


def test_under_the_last_heading_line_only_a_self_criticism_starts_the_wrapup():
    body = "认真落实各项工作任务，取得了较好成效。" * 10
    head = f"述职报告\n开头。\n一、抓发展\n{body}\n二、抓作风\n{body}\n三、廉洁自律\n"
    # "一年来，我…" under the heading line is part 三's text; the wrap-up starts at "回顾…".
    doc = shuzhi.loads(
        head + "一年来，我严格遵守廉洁自律各项规定，管好身边人。\n"
        "回顾一年来的工作，我清醒地认识到自身还存在一些不足。今后，我将加强学习。\n"
    )
    o = doc.outline
    assert [s.kind for s in o.sections] == ["body", "body", "body", "shortcomings", "plans"]
    assert (
        doc.text[o.sections[2].start : o.sections[2].end]
        == "三、廉洁自律\n一年来，我严格遵守廉洁自律各项规定，管好身边人。"
    )
    # A paragraph under the heading line that is the self-criticism itself still opens it.
    doc = shuzhi.loads(
        head + "回顾一年来的工作，我清醒地认识到自身还存在一些不足，学习不够深入。\n今后，我将加强学习。\n"
    )
    o = doc.outline
    assert [s.kind for s in o.sections] == ["body", "body", "body", "shortcomings", "plans"]
    assert doc.text[o.sections[2].start : o.sections[2].end] == "三、廉洁自律"
