"""Items of the shortcomings and plans parts, and stock language masked before they are compared."""

from __future__ import annotations

import shuzhi
from shuzhi.analysis.history.items import content, items_of, same_item, stock_phrases

TEXT = (
    "县长2023年度述职报告\n一、履职情况\n本人牵头建成第二水厂。\n二、存在的问题\n对照要求，还存在一些不足：\n"
    "一是理论学习不够深入，运用理论指导实践还有差距。\n二是城区停车难问题突出，群众反映强烈。\n"
    "三、今后打算\n一是建成智慧停车场三处。二是新建城北小学。\n"
)


def test_items_of_each_part_without_the_lead_in():
    doc = shuzhi.loads(TEXT)
    assert [i.text for i in items_of(doc, "shortcomings")] == [
        "一是理论学习不够深入，运用理论指导实践还有差距。",
        "二是城区停车难问题突出，群众反映强烈。",
    ]
    assert [i.text for i in items_of(doc, "plans")] == ["一是建成智慧停车场三处。", "二是新建城北小学。"]


def test_stock_phrases_and_marker_are_masked():
    ph = stock_phrases()
    assert content("一是理论学习不够深入，运用理论指导实践还有差距。", ph) == "运用理论指导实践还有差距"
    assert content("四是理论学习不够深入，开拓创新不够主动。", ph) == ""


def test_same_item_survives_edits_but_not_a_new_problem():
    ph = stock_phrases()
    a = content("一是产业结构单一，全镇财政收入七成以上靠两家砖厂，新兴产业没有培育起来。", ph)
    moved = content("一是全镇财政收入七成以上依然靠两家砖厂，产业结构单一，新兴产业没有培育起来。", ph)
    new = content("一是村级财务公开已按季度完成，但村务监督委员会作用发挥不够。", ph)
    assert same_item(a, moved) is not None
    assert same_item(a, new) is None
    assert same_item("", a) is None


def test_a_lead_in_ending_in_a_full_stop_is_not_an_item():
    text = (
        "县长2023年度述职报告\n一、履职情况\n本人牵头建成第二水厂。\n二、存在的问题\n"
        "对照组织的要求，本人还存在以下几个方面的不足。城区停车难问题突出，群众反映强烈。"
        "安全生产监管还有薄弱环节。\n三、今后打算\n建成智慧停车场三处。\n"
    )
    items = [i.text for i in items_of(shuzhi.loads(text), "shortcomings")]
    assert items == ["城区停车难问题突出，群众反映强烈。", "安全生产监管还有薄弱环节。"]
