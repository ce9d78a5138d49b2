"""Counts that cannot be right: a year pasted where a count belongs, a part larger than its stated whole.

Heuristic, evidence first: a count is reported only against another figure of the same document
that makes it implausible (a stated whole of a small unit: 全村共有5个自然村, 支部现有党员36名), never
on its size alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quantities import Quantity

# The scope of a stated whole, by size: a village, a community, a school, a Party branch, an office
# (1) < a township (2) < a county (3). A count that names a wider scope is not a part of it.
_SCOPES = {
    1: "全村|本村|该村|全社区|本社区|社区|全组|全校|学校|本校|支部|党支部|机关|局机关|本单位|单位|全局|本局|全院|全所",
    2: "全乡|本乡|全镇|本镇|全街道|街道",
    3: "全县|本县|全区|全市",
}
_SCOPE_WORDS = "|".join(_SCOPES.values())
# A whole: scope + 共有/现有/有/辖/在编 …, then the thing it counts (全村共有农户320户, 全乡辖9个行政村).
_WHOLE_RE = re.compile(
    rf"(?:{_SCOPE_WORDS})[\u4e00-\u9fff]{{0,4}}?(?:现有|共有|共辖|辖有|辖|共|有|在编|总计|总共|合计)"
    r"(?P<noun>[\u4e00-\u9fff]{0,8})$"
)
# Words that widen a later count beyond the whole: 周边, 累计, 人次, 带动 …
_WIDER_RE = re.compile(r"周边|外出|以外|域外|辐射|累计|历年|人次|户次|带动|其他|邻村|各地|全国|全省")
_POPULATION_RE = re.compile(r"人口|居民|群众|村民|农民|常住|户籍|游客|患者|学生")
_PERSONS = {"人", "名", "位"}
_COUNT_UNITS = {"个", "人", "名", "户", "家", "位", "组", "所"}


@dataclass
class Implausible:
    q: Quantity
    why: str  # "year" | "part-over-whole"
    message: str
    evidence: dict


def _unit_class(q: Quantity) -> str:
    u = q.unit[:1]
    return "人" if u in _PERSONS else u


def _noun_after(text: str, q: Quantity) -> str:
    m = re.match(r"[\u4e00-\u9fff]{1,4}", text[q.end : q.end + 4])
    return m.group() if m else ""


def _scope_rank(words: str) -> int:
    ranks = [r for r, alt in _SCOPES.items() if re.search(alt, words)]
    return max(ranks) if ranks else 0


def _year_like(q: Quantity) -> bool:
    return q.text[:4].isdigit() and not q.text[4:5].isdigit() and 2000 <= q.value <= 2035


def implausible_counts(doc) -> list[Implausible]:
    text = doc.text
    qs = [
        q
        for q in doc.quantities
        if q.kind == "count" and q.unit[:1] in _COUNT_UNITS and not q.qualifier and q.decimals == 0 and q.scale == 1
    ]
    out: list[Implausible] = []
    # Stated wholes: (quantity, what it counts, its scope's rank).
    wholes: list[tuple[Quantity, str, int]] = []
    for q in qs:
        m = _WHOLE_RE.search(q.indicator)
        if m:
            noun = m.group("noun") or _noun_after(text, q)
            wholes.append((q, noun, _scope_rank(m.group())))
    if not wholes:
        return out  # both findings need a stated whole (most documents have none)
    years = {int(y) for y in re.findall(r"((?:19|20)\d{2})年", text)}
    if doc.meta.year:
        years.add(doc.meta.year)
    for q in qs:
        if any(q is w for w, _, _ in wholes) or _WIDER_RE.search(q.indicator):
            continue
        names = q.indicator + q.unit + _noun_after(text, q)
        rank = _scope_rank(q.indicator)
        found = None
        # A part larger than a whole of the same thing, stated in another sentence.
        for w, noun, wrank in wholes:
            if (
                len(noun) < 2
                or noun not in names
                or _unit_class(q) != _unit_class(w)
                or q.lo <= w.hi
                or rank > wrank
                or not re.search(r"[。；！？\n]", text[min(w.end, q.end) : max(w.start, q.start)])
            ):
                continue
            msg = f"“{q.text}”大于前文所述的整体“{w.text}”（{noun}）"
            if _year_like(q):
                msg += "，且像是年份，疑似把年份误填为数字"
            found = Implausible(
                q,
                "part-over-whole",
                msg,
                {"count": q.text, "whole": w.text, "counts": noun, "year_like": _year_like(q)},
            )
            break
        if found is None and _year_like(q) and q.unit[:1] in ("个", "人", "名", "所", "家"):
            # A year pasted as a count: a small unit (a whole of at most 100) cannot hold this many.
            small = [
                (w, noun) for w, noun, wrank in wholes if wrank == 1 and w.hi <= 100 and q.lo > 10 * w.hi and rank <= 1
            ]
            if small and not _POPULATION_RE.search(names.replace("村民小组", "")):
                w, noun = small[0]
                v = int(q.value)
                same = f"，与文中的年份 {v} 相同" if v in years else ""
                found = Implausible(
                    q,
                    "year",
                    f"“{q.text}”像是年份{same}：前文“{w.text}{noun}”说明这是一个小单位，不会有这么多，疑似把年份误填为数字",
                    {"count": q.text, "year": v, "whole": w.text, "counts": noun, "year_in_text": v in years},
                )
        if found:
            out.append(found)
    return out
