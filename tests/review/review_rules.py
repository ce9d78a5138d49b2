"""Small real rules for the review tests, standing in for the P/N/S families being built elsewhere.

They run through the real engine, so the review outputs are tested on real findings
with positions and evidence; what they flag was checked by reading the seeds.
"""
from __future__ import annotations

import re

from shuzhi.config import Config
from shuzhi.findings import Hit
from shuzhi.rules import Registry, rule

_COMPLETION = re.compile(r"完成(\d+(?:\.\d+)?)亿元、完成预算(\d+(?:\.\d+)?)亿元的(\d+)%")


@rule(code="N991", name="demo-completion-ratio", title="完成比例与数字不符（测试）", severity="error",
      triggers=("全县财政总收入完成21.6亿元、完成预算18.92亿元的112%。",),
      passes=("全县财政总收入完成21.6亿元、完成预算18.92亿元的114%。",))
def demo_completion(doc, ctx):
    """检查什么：测试用。完成数 ÷ 预算数与所写百分比不符。"""
    for m in _COMPLETION.finditer(doc.text):
        a, b, p = float(m.group(1)), float(m.group(2)), int(m.group(3))
        computed = a / b * 100
        if abs(computed - p) >= 0.5:
            start = m.start(2) - 4  # from 完成预算
            yield Hit(start, m.end(), f"{a:g} ÷ {b:g} = {computed:.1f}%，报告写的是 {p}%。",
                      {"formula": "p = A / B", "operands": {"A": a, "B": b}, "stated": f"{p}%",
                       "computed": f"{computed:.1f}%"})


_INTEGRITY = re.compile("廉洁|廉政|八项规定|反腐")


@rule(code="S991", name="demo-integrity-missing", title="缺少廉洁自律部分（测试）", severity="error",
      triggers=("某某述职述廉报告\n一、工作\n做了很多工作。",),
      passes=("某某述职述廉报告\n一、廉洁自律\n严守八项规定。",))
def demo_integrity(doc, ctx):
    """检查什么：测试用。标题写明“述廉”，正文却没有廉洁自律方面的内容。"""
    t = doc.outline.title
    if not t or "述廉" not in doc.text[t[0]:t[1]]:
        return
    if not _INTEGRITY.search(doc.text, t[1]):
        yield Hit(t[0], t[1], "标题写明“述廉”，正文却没有廉洁自律（廉洁、廉政、八项规定、反腐）方面的内容。",
                  {"dimension": "廉", "missing": ["廉洁", "廉政", "八项规定", "反腐"]})


@rule(code="P991", name="demo-placeholder", title="未替换的占位符（测试）", severity="warning",
      triggers=("XX县人民政府",), passes=("某县人民政府",))
def demo_placeholder(doc, ctx):
    """检查什么：测试用。模板占位符 XX、×× 未替换。"""
    for m in re.finditer(r"XX|××", doc.text):
        yield Hit(m.start(), m.end(), f"占位符“{m.group()}”未替换为实际内容。", {"placeholder": m.group()})


@rule(code="S992", name="demo-no-closing", title="没有结尾（测试）", severity="info",
      triggers=("某某述职报告\n一、工作",), passes=())
def demo_point(doc, ctx):
    """检查什么：测试用。一个只指向位置、不覆盖文字的问题（长度为 0 的区间）。"""
    yield Hit(len(doc.text), len(doc.text), "报告没有结尾部分（测试）。", {})


def demo_config(*extra) -> Config:
    return Config(registry=Registry([demo_completion, demo_integrity, demo_placeholder, demo_point,
                                     Registry.default().get("X001"), *extra]))
