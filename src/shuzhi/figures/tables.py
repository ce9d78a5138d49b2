"""Claims read from .docx tables by their header: 指标 | 目标 | 完成 | 完成率, and 上年 | 本年 | 增长（%）.

A table is read only when its header names the columns: a target column (目标/计划/任务/预算), a result
column (完成/实际/完成值) and a completion-rate column (完成率), or a last-year column (上年/去年), a
this-year column (本年/今年/当年) and a growth column (增长/增幅/增速, in %). Each data row is one claim;
the claim points at the stated rate's cell. Units come from the header（亿元）, a 单位 column or the row
label; target and result must agree. A target is exact unless written as about, as in sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import numpy as np

from ..model.document import LineUnits
from ..text.fastre import compile_skipping
from .claims import Claim, iv_abs, iv_div, iv_scale, iv_sub, verdict
from .completion import exact_target
from .quantities import SCALES, UNIT_KIND, Quantity, _interval
from .tokens import UNVERIFIABLE_RE

# Header words, tried in this order for each column (a 完成率 column is no result column).
_RATE_H = re.compile(r"完成率|完成比例|完成进度|占目标|完成目标")
_GROWTH_H = re.compile(r"增长|增幅|增速|增减|比上年|同比|±")
_DELTA_H = compile_skipping(r"增长额|增加额|增减额|增量|绝对额|[（(](?:亿|万)?元[)）]|[（(][^%％）)]*[)）]")
_TARGET_H = compile_skipping(r"(?<!公共)(?:目标|计划|任务|预算)(?!收入|支出)")
_DONE_H = re.compile(r"完成|实际|实绩|执行|完成值|完成数|实现")
_BEFORE_H = re.compile(r"上年|去年|上一年|上年同期|基期")
_YEAR_H = re.compile(r"^(?P<y>(?:19|20)\d{2})年?(?:[（(][^)）]*[)）])?$")
_AFTER_H = re.compile(r"本年|今年|当年|本期|全年")
_UNIT_H = re.compile(r"^(?:计量)?单位$")
_PROGRESS_H = re.compile(r"进度|形象|占比|比重|占")
# 8.5 / 105% / 约10 / 10左右: a cell that is one figure.
_CELL = re.compile(r"^(?P<pre>约|近|大约)?(?P<num>-?\d+(?:\.\d+)?)(?P<pct>[%％])?(?P<post>左右|以上|以下)?$")
# （亿元） in a header or a row label; 单位：万元 in a caption.
_UNIT_IN = re.compile(r"[（(](?:单位[:：])?(?P<u>(?:万亿|亿|万|千)?[\u4e00-\u9fff%％]{1,4})[)）]")


@dataclass
class _Cell:
    start: int  # offsets of the cell's text in doc.text
    end: int
    text: str


def table_claims(doc) -> list[Claim]:
    """Every completion and growth claim of the document's tables (only .docx tables carry cells)."""
    tables: dict[int, dict[tuple[int, int], _Cell]] = {}
    if isinstance(doc.units, LineUnits):  # the lines of a plain text: no cells
        return []
    units = [u for u in doc.units if getattr(u, "cell", None) is not None]
    if not units:
        return []
    to_raw = doc.to_raw
    for u in units:
        a = int(np.searchsorted(to_raw[: len(doc.text)], u.raw_start + u.prefix, "left"))
        b = int(np.searchsorted(to_raw[: len(doc.text)], u.raw_end, "left"))
        t, r, c = u.cell
        grid = tables.setdefault(t, {})
        if (r, c) in grid:  # a second paragraph in the cell: the cell is the two together
            old = grid[(r, c)]
            grid[(r, c)] = _Cell(old.start, b, doc.text[old.start : b])
        else:
            grid[(r, c)] = _Cell(a, b, doc.text[a:b])
    out: list[Claim] = []
    for t in sorted(tables):
        out.extend(_table(t, tables[t]))
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _columns(header: dict[int, str]) -> dict[str, int]:
    """Column roles from the header texts: rate, growth, target, done, before, after, unit."""
    roles: dict[str, int] = {}
    years: list[tuple[int, int]] = []
    for c, h in sorted(header.items()):
        h = _norm(h)
        if not h:
            continue
        y = _YEAR_H.match(h)
        if y:  # 2022年 | 2023年 | 增长（%）: the earlier year is the base
            years.append((int(y.group("y")), c))
            continue
        if _UNIT_H.match(h):
            role = "unit"
        elif _RATE_H.search(h):
            role = "rate"
        elif _GROWTH_H.search(h):
            role = "delta" if _DELTA_H.search(h) and not re.search(r"[%％]", h) else "growth"
        elif _PROGRESS_H.search(h):
            role = "progress"
        elif _TARGET_H.search(h):
            role = "target"
        elif _DONE_H.search(h):
            role = "done"
        elif _BEFORE_H.search(h):
            role = "before"
        elif _AFTER_H.search(h):
            role = "after"
        else:
            continue
        if role in roles:
            roles[role] = -1  # two columns of one role: which one a rate belongs to is a guess
        else:
            roles[role] = c
    if len(years) == 2 and years[1][0] == years[0][0] + 1 and not {"before", "after"} & roles.keys():
        roles["before"], roles["after"] = years[0][1], years[1][1]
    return {k: v for k, v in roles.items() if v > 0}


def _header_row(grid: dict[tuple[int, int], _Cell]) -> tuple[int, dict[str, int]] | None:
    for r in (1, 2):
        # Only columns that hold figures below the header take a role: the indicator column's header
        # (工作任务, 目标任务名称) names the rows, not a target.
        numeric = {c for (rr, c), cell in grid.items() if rr > r and _CELL.match(_norm(cell.text))}
        header = {
            c: cell.text
            for (rr, c), cell in grid.items()
            if rr == r and (c in numeric or _UNIT_H.match(_norm(cell.text)))
        }
        cols = _columns(header)
        if ("target" in cols and "done" in cols and "rate" in cols) or (
            "before" in cols and "after" in cols and "growth" in cols
        ):
            return r, cols
    return None


def _table(t: int, grid: dict[tuple[int, int], _Cell]) -> list[Claim]:
    found = _header_row(grid)
    if found is None:
        return []
    hr, cols = found
    header = {c: _norm(cell.text) for (rr, c), cell in grid.items() if rr == hr}
    rows = sorted({r for r, _ in grid if r > hr})
    out: list[Claim] = []
    for r in rows:
        label = _norm(grid[(r, 1)].text) if (r, 1) in grid else ""
        row_unit = _norm(grid[(r, cols["unit"])].text) if "unit" in cols and (r, cols["unit"]) in grid else ""

        def q(role: str, percent: bool = False, r=r, label=label, row_unit=row_unit) -> Quantity | None:
            c = cols.get(role)
            cell = grid.get((r, c)) if c else None
            if cell is None:
                return None
            return _quantity(cell, header.get(c, ""), label, row_unit, percent)

        if {"target", "done", "rate"} <= cols.keys():
            x, y, p = q("done"), q("target"), q("rate", True)
            if x is not None and y is not None and p is not None and x.dimension == y.dimension:
                y = exact_target(y)
                claim = verdict(
                    "completion",
                    p.start,
                    p.end,
                    {"actual": x, "planned": y},
                    p,
                    lambda v: iv_scale(iv_div(v["actual"], v["planned"]), 100.0),
                    f"{label}：{x.text} ÷ {y.text} × 100%（第{t}个表格第{r}行）",
                )
                out.append(_where(claim, t, r, label))
        if {"before", "after", "growth"} <= cols.keys():
            x, y, g = q("before"), q("after"), q("growth", True)
            if x is not None and y is not None and g is not None and x.dimension == y.dimension:
                # A fall is written −5.0 or 5.0 under 下降: the size of the change is compared.
                stated = (-g.hi, -g.lo) if g.value < 0 else (g.lo, g.hi)
                claim = verdict(
                    "from-to",
                    g.start,
                    g.end,
                    {"from": x, "to": y},
                    g,
                    lambda v: iv_scale(iv_div(iv_abs(iv_sub(v["to"], v["from"])), v["from"]), 100.0),
                    f"{label}：|{y.text} − {x.text}| ÷ {x.text} × 100%（第{t}个表格第{r}行）",
                    stated_interval=stated,
                )
                if UNVERIFIABLE_RE.search(label + header.get(cols["growth"], "")):
                    claim.verdict, claim.diagnosis = "unverifiable", None
                    claim.reason = "按可比价格计算的增速不能由名义数值复算"
                out.append(_where(claim, t, r, label))
    return out


def _where(c: Claim, t: int, r: int, label: str) -> Claim:
    c.extra["table"] = {"table": t, "row": r, "label": label}
    return c


def _unit_of(*texts: str) -> tuple[int, str]:
    """(scale, unit) from the first text that names one: 亿元 → (1e8, 元), 万亩 → (1e4, 亩), 人 → (1, 人)."""
    for s in texts:
        m = _UNIT_IN.search(s)
        u = m.group("u") if m else s
        if not u:
            continue
        scale = 1
        for w in ("万亿", "亿", "万", "千"):
            if u.startswith(w) and len(u) > len(w):
                scale, u = SCALES[w], u[len(w) :]
                break
        if u in UNIT_KIND:
            return scale, u
    return 1, ""


def _quantity(cell: _Cell, header: str, label: str, row_unit: str, percent: bool) -> Quantity | None:
    text = _norm(cell.text)
    m = _CELL.match(text)
    if m is None:
        return None
    try:
        value = Decimal(m.group("num"))
    except InvalidOperation:
        return None
    raw = m.group("num")
    decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
    qual = {"大约": "约"}.get(m.group("pre") or "", m.group("pre") or "") or (m.group("post") or "")
    if percent or m.group("pct"):
        scale, unit, kind = 1, "%", "percent"
    else:
        scale, unit = _unit_of(header, row_unit, label)
        kind = UNIT_KIND.get(unit, "none") if unit else "none"
        if kind == "none":
            kind = "measure"  # a bare figure of the row's indicator: comparable only with its own row
    lo, hi = _interval(value, decimals, scale, False, qual, kind)
    start = cell.start + max(0, cell.text.find(raw))
    # The figure as a reader says it, with the unit its header or row gives: 8.2亿元, 89%.
    shown = m.group(0) + ("" if m.group("pct") else "%" if unit == "%" else _SCALE_WORDS.get(scale, "") + unit)
    return Quantity(start, start + len(raw), shown, value, decimals, scale, unit, kind, qual, lo, hi)


_SCALE_WORDS = {1: "", 1_000: "千", 10_000: "万", 100_000_000: "亿", 10**12: "万亿"}
