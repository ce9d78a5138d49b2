"""Counts that cannot be right: a year pasted where a count belongs, a part larger than its stated whole.

Heuristic, evidence first: a count is reported only against another figure of the same document
that makes it implausible (the village's own whole, the year it equals), never on its size alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quantities import Quantity

# A whole of a village or a community: 全村共有农户320户, 本村有党员45名, 全社区共有5个网格.
_WHOLE_RE = re.compile(r"(?:全村|本村|全社区|本社区|全组)(?:现)?(?:共有|共|有|总计|总共|合计)[\u4e00-\u9fff]{0,6}$")
# Words that widen a later count beyond the whole's village: 周边, 全镇, 累计, 人次 …
_WIDER_RE = re.compile(r"周边|全镇|全乡|全县|全市|全区|外出|以外|域外|辐射|累计|历年|人次|户次|次|带动|其他|各村|邻村")
# Nouns that count the parts of a village: more of them than a year's number is impossible there.
_VILLAGE_PARTS = ("村民小组", "自然村", "网格员", "网格", "党小组", "村干部", "党员", "小组")
_YEAR_IN_TEXT_RE = re.compile(r"((?:19|20)\d{2})年")
_COUNT_UNITS = {"个", "人", "名", "户", "家", "位", "组"}


@dataclass
class Implausible:
    q: Quantity
    why: str  # "year" | "part-over-whole"
    message: str
    evidence: dict


def _noun_after(text: str, q: Quantity) -> str:
    m = re.match(r"[\u4e00-\u9fff]{1,4}", text[q.end : q.end + 4])
    return m.group() if m else ""


def _names(text: str, q: Quantity) -> str:
    """The words that say what q counts: its clause before it and the noun right after it."""
    return q.indicator + q.unit + _noun_after(text, q)


def implausible_counts(doc) -> list[Implausible]:
    text = doc.text
    qs = [
        q
        for q in doc.quantities
        if q.kind == "count" and q.unit[:1] in _COUNT_UNITS and not q.qualifier and q.decimals == 0 and q.scale == 1
    ]
    out: list[Implausible] = []
    # Wholes of the village: (unit, what it counts) -> the quantity.
    wholes: list[tuple[Quantity, str]] = []
    for q in qs:
        ind = q.indicator
        m = _WHOLE_RE.search(ind)
        if m:
            noun = (
                re.sub(r"^(?:全村|本村|全社区|本社区|全组)(?:现)?(?:共有|共|有|总计|总共|合计)", "", m.group()) or ""
            ) + (_noun_after(text, q))
            if noun:
                wholes.append((q, noun))
    village = bool(wholes) or bool(
        re.search(r"村(?:党支部|党总支|委会|民委员会)(?:副?书记|副?主任)", doc.meta.title or "")
    )
    years = {int(y) for y in _YEAR_IN_TEXT_RE.findall(text)}
    if doc.meta.year:
        years.add(doc.meta.year)
    seen: set[int] = set()
    for q in qs:
        names = _names(text, q)
        if any(q is w for w, _ in wholes):
            continue
        if _WIDER_RE.search(q.indicator):
            continue
        # A part larger than the village's whole of the same thing, stated in another sentence.
        for w, noun in wholes:
            if q.unit[:1] != w.unit[:1] or noun not in names or q.lo <= w.hi:
                continue
            if text.count("。", w.end, q.start) == 0 and text.count("。", q.end, w.start) == 0:
                continue  # the same sentence: N204 reads 其中 there
            is_year = int(q.value) in years and 1990 <= q.value <= 2035
            msg = f"“{q.text}”大于前文所述的整体“{w.text}”（{noun}）"
            if is_year:
                msg += f"，且与年份 {int(q.lo)} 相同，疑似把年份误填为数字"
            out.append(
                Implausible(
                    q, "part-over-whole", msg, {"count": q.text, "whole": w.text, "counts": noun, "year_like": is_year}
                )
            )
            seen.add(q.start)
            break
        if q.start in seen or not village:
            continue
        # A year pasted as a count of a village's parts: 2022个村民小组, 网格员2022人.
        v = int(q.value)
        if v not in years or not (1990 <= v <= 2035) or not q.text[:4].isdigit():
            continue
        part = next((p for p in _VILLAGE_PARTS if p in names), None)
        if part is None:
            continue
        out.append(
            Implausible(
                q,
                "year",
                f"“{q.text}”与文中的年份 {v} 相同，一个村的{part}不会有这么多，疑似把年份误填为数字",
                {"count": q.text, "year": v, "counts": part, "village_evidence": [w.text for w, _ in wholes][:3]},
            )
        )
    return out
