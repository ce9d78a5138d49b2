"""Who wrote a report: index record, round manifest, or the report itself — with the evidence for each fact."""

from __future__ import annotations

import shuzhi
from shuzhi.analysis.history.identity import canonical, identify
from shuzhi.similarity.index.store import DocMeta

REPORT = (
    "临河县县长2023年度述职述廉报告\n本人作为临河县县长，主持县政府全面工作。\n一、履职情况\n本人牵头建成第二水厂。\n"
    "特此报告，请予评议。\n报告人：李明远\n2023年12月28日\n"
)


def test_name_from_the_signature_post_and_year_from_the_title():
    ident = identify(shuzhi.loads(REPORT))
    assert (ident.name, ident.post, ident.year, ident.person) == ("李明远", "县长", 2023, "李明远")
    sources = {(e.field, e.source) for e in ident.evidence}
    assert {("name", "signature"), ("post", "title"), ("year", "title")} <= sources
    assert "落款（“报告人：李明远”）" in ident.describe()


def test_other_ways_a_report_names_its_author():
    bare = REPORT.replace("报告人：李明远", "李明远")
    assert identify(shuzhi.loads(bare)).name == "李明远"
    titled = "李明远同志2023年度述职述廉报告\n" + REPORT.split("\n", 1)[1].replace("报告人：李明远\n", "")
    ident = identify(shuzhi.loads(titled))
    assert ident.name == "李明远" and any(e.source == "title" for e in ident.evidence if e.field == "name")
    opening = REPORT.replace("本人作为临河县县长", "我叫李明远，现任临河县县长").replace("报告人：李明远\n", "")
    assert identify(shuzhi.loads(opening)).name == "李明远"


def test_closing_formula_is_not_a_name():
    text = REPORT.replace("报告人：李明远\n", "").replace("特此报告，请予评议。", "特此报告")
    assert identify(shuzhi.loads(text)).name is None


def test_options_then_manifest_then_index_then_report():
    # As `index add` takes them (and `review`, #16): what the reviewer says now before what was recorded earlier.
    doc = shuzhi.loads(REPORT)
    ident = identify(
        doc,
        index_meta=DocMeta(source="a.txt", person="李明远", unit="临河县", year=2023),
        manifest_row={"姓名": "李明远", "职务": "县长", "年度": "2023"},
        options={"单位": "临河县人民政府"},
    )
    assert ident.unit == "临河县人民政府" and ident.year == 2023 and ident.post == "县长"
    first = {e.field: e.source for e in reversed(ident.evidence)}
    assert first["name"] == "manifest" and first["unit"] == "options" and first["year"] == "manifest"
    assert [e.source for e in ident.evidence if e.field == "name"][:2] == ["manifest", "index"]  # agreeing: support
    # A manifest that disagrees with the report wins, and the report's other name is not kept as support.
    other = identify(doc, manifest_row={"姓名": "王刚", "年度": "2023"})
    assert other.name == "王刚" and not [e for e in other.evidence if e.value == "李明远"]


def test_aliases_keep_a_person_across_a_change_of_post():
    aliases = {"赵立新": ["赵立新同志", "临河县人民政府常务副县长"]}
    assert canonical("赵立新同志", aliases) == "赵立新" and canonical("王刚", aliases) == "王刚"
    no_name = REPORT.replace("报告人：李明远\n", "").replace("县长", "常务副县长")
    ident = identify(
        shuzhi.loads(no_name), manifest_row={"单位": "临河县人民政府", "职务": "常务副县长"}, aliases=aliases
    )
    assert ident.person == "赵立新" and any(e.source == "alias" for e in ident.evidence)


def test_name_right_after_the_post_in_the_title():
    doc = shuzhi.loads("XX县委常委、常务副县长张某2023年述职述廉报告\n一年来，我认真履职。\n")
    ident = identify(doc)
    assert (ident.name, ident.post, ident.year) == ("张某", "县委常委、常务副县长", 2023)
    assert identify(shuzhi.loads("临河县县长2023年度述职述廉报告\n一年来，我认真履职。\n")).name is None


def test_a_year_read_from_the_body_dates_is_described_with_those_dates():
    # No year in the title nor at the start of the opening: the report's dates give it (meta.year_source "body").
    # A review round once turned every such report into E113 (KeyError in the evidence's description).
    undated = (
        "常务副县长述职述廉述德报告\n今年以来，我认真履行职责。\n一、履职情况\n2023年3月，牵头建成第二水厂；"
        "2023年9月，完成老旧小区改造。\n特此报告，请予评议。\n报告人：李明远\n"
    )
    doc = shuzhi.loads(undated)
    assert doc.meta.year_source == "body"
    ident = identify(doc)
    assert ident.year == 2023
    year = next(e for e in ident.to_dict()["evidence"] if e["field"] == "year")
    assert year["described"].startswith("年度“2023”来自正文中的日期") and "2023年3月" in year["described"]
