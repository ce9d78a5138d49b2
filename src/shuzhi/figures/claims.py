"""Quantitative claims: relations between the figures of a sentence, checked with interval arithmetic."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .quantities import INF, Quantity

CONSISTENT, INCONSISTENT, IMPOSSIBLE, UNVERIFIABLE = "consistent", "inconsistent", "impossible", "unverifiable"
EPS = 1e-9
EMPTY = (INF, -INF)

CODES = {
    "completion": "N201",
    "growth": "N202",
    "from-to": "N202",
    "count-growth": "N202",
    "avg-growth": "N202",
    "impossible": "N203",
    "part-whole": "N204",
    "rate": "N205",
    "sum": "N206",
    "points": "N207",
    "share": "N208",
    "same-indicator": "N209",
    "multiple": "N210",
}
# A claim's verdict as every output says it (claims table, CSV and Excel, the review's Excel and comments).
VERDICT_ZH = {"consistent": "一致", "inconsistent": "不一致", "impossible": "不可能", "unverifiable": "无法复算"}

RELATION_NAMES = {
    "completion": "完成比例",
    "growth": "增量与增速",
    "from-to": "由…到…的增速",
    "count-growth": "新增与增速",
    "avg-growth": "年均增速",
    "impossible": "不可能的值",
    "part-whole": "部分不超过整体",
    "rate": "由计数求比率",
    "sum": "分项之和",
    "points": "百分点",
    "share": "占比",
    "same-indicator": "同一指标前后数值",
    "multiple": "倍数与翻番",
}


@dataclass
class Claim:
    """One checkable statement: its relation, operands, the computed interval and the verdict."""

    relation: str
    verdict: str
    start: int
    end: int
    formula: str
    operands: dict[str, Quantity]
    stated: Quantity | None
    computed: tuple[float, float] | None
    diagnosis: str | None = None
    reason: str = ""  # why unverifiable, or what is impossible
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return CODES[self.relation]

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "relation": self.relation,
            "verdict": self.verdict,
            "formula": self.formula,
            "operands": {k: q.to_dict() for k, q in self.operands.items()},
            "computed": None if self.computed is None else [_r(self.computed[0]), _r(self.computed[1])],
            "stated": None if self.stated is None else self.stated.to_dict(),
            "diagnosis": self.diagnosis,
        }
        if self.reason:
            d["reason"] = self.reason
        d.update(self.extra)
        return d


_SCALE_NAMES = {1: "", 1_000: "千", 10_000: "万", 100_000_000: "亿", 10**12: "万亿"}


def computed_text(c: Claim) -> str:
    """The computed interval as a reader writes it: 113.9–114.4%, or 249–251万元 for a sum of amounts."""
    if c.computed is None:
        return ""
    lo, hi = c.computed
    if c.relation == "part-whole":
        return ""
    unit = ""
    if c.relation == "points":
        unit = "个百分点"
    elif c.relation in ("sum", "same-indicator") and c.stated is not None:
        q = c.stated
        lo, hi = lo / q.scale, hi / q.scale
        unit = _SCALE_NAMES.get(q.scale, "") + q.unit
    elif c.stated is not None and c.stated.unit in ("%", "‰", "个百分点", "倍"):
        unit = c.stated.unit
    elif c.relation == "multiple":
        unit = "倍"

    def f(x):
        return "∞" if math.isinf(x) else f"{x:.4g}"

    return (f(lo) if abs(hi - lo) < 1e-9 * max(1.0, abs(lo)) else f"{f(lo)}–{f(hi)}") + unit


def _r(x: float):
    if x is None or math.isinf(x) or math.isnan(x):
        return None
    return float(f"{x:.6g}")


# ---- interval arithmetic ---------------------------------------------------


def iv_div(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """a / b for non-negative a and positive b (the only case the relations need)."""
    alo, ahi = max(a[0], 0.0), a[1]
    blo, bhi = b
    if blo <= 0:
        return EMPTY  # a base that can be zero or negative: no ratio to compare
    lo = alo / bhi if bhi != INF else 0.0
    hi = INF if blo <= 0 or ahi == INF else ahi / blo
    return lo, hi


def iv_sub(a, b):
    return a[0] - b[1], a[1] - b[0]


def iv_add(a, b):
    return a[0] + b[0], a[1] + b[1]


def iv_scale(x: tuple[float, float], f: float) -> tuple[float, float]:
    return x[0] * f, x[1] * f


def iv_shift(x, d):
    return x[0] + d, x[1] + d


def iv_abs(x: tuple[float, float]) -> tuple[float, float]:
    lo, hi = x
    if lo >= 0:
        return x
    if hi <= 0:
        return -hi, -lo
    return 0.0, max(-lo, hi)


def iv_clip0(x):
    return max(x[0], 0.0), max(x[1], 0.0)


def iv(q: Quantity) -> tuple[float, float]:
    return q.lo, q.hi


def overlaps(computed: tuple[float, float], stated: tuple[float, float]) -> bool:
    """True when some value of the computed interval rounds to the stated one (both closed)."""
    tol = EPS * max(1.0, abs(stated[0]) if stated[0] != -INF else 1.0, abs(stated[1]) if stated[1] != INF else 1.0)
    return computed[1] >= stated[0] - tol and computed[0] <= stated[1] + tol


def percent_of(q: Quantity) -> float:
    """Multiplier from a ratio to the stated unit: 100 for %, 1000 for ‰."""
    return 1000.0 if q.unit == "‰" else 100.0


def scaled(q: Quantity, factor: float) -> tuple[float, float]:
    return q.lo * factor, q.hi * factor


# ---- the checker shared by every relation ----------------------------------


def verdict(
    relation: str,
    start: int,
    end: int,
    operands: dict[str, Quantity],
    stated: Quantity,
    compute: Callable[[dict[str, tuple[float, float]]], tuple[float, float]],
    formula: str,
    *,
    stated_interval: tuple[float, float] | None = None,
    alternatives: Callable[[dict[str, tuple[float, float]]], list[tuple[str, tuple[float, float]]]] | None = None,
) -> Claim:
    """Compute the relation over the operands' intervals and compare with the stated value's interval."""
    ivs = {k: iv(q) for k, q in operands.items()}
    computed = compute(ivs)
    target = stated_interval or iv(stated)
    if not computed[0] <= computed[1]:
        return Claim(
            relation,
            UNVERIFIABLE,
            start,
            end,
            formula,
            operands,
            stated,
            None,
            reason="基数可能为零或负数，此种读法下无法复算",
        )
    if overlaps(computed, target):
        return Claim(relation, CONSISTENT, start, end, formula, operands, stated, computed)
    # Another reading that a fair checker would also accept (e.g. 增长1倍 as ×1 or ×2).
    if alternatives:
        for _label, alt in alternatives(ivs):
            if overlaps(alt, target):
                return Claim(relation, CONSISTENT, start, end, formula, operands, stated, computed)
    diag = diagnose(operands, stated, compute, target, relation)
    return Claim(relation, INCONSISTENT, start, end, formula, operands, stated, computed, diag)


def diagnose(operands, stated, compute, target, relation) -> str | None:
    """The likeliest slip: one operand or the stated value off by 10×, 10 000× (万↔亿), or the wrong base."""
    ivs = {k: iv(q) for k, q in operands.items()}
    computed = compute(ivs)
    for factor in (10.0, 0.1):
        if overlaps(computed, (target[0] * factor, target[1] * factor)):
            return f"疑似漏写或多写一位数字或小数点：所述“{stated.text}”若为其{'十倍' if factor > 1 else '十分之一'}，算式成立"
    slips: list[str] = []
    digits: list[str] = []
    order = sorted(operands, key=lambda k: k != "delta")
    for k in order:
        q = operands[k]
        if q.kind in ("percent", "points"):
            continue
        for factor, what in ((1e-4, "万↔亿"), (1e4, "万↔亿"), (0.1, "digit"), (10.0, "digit")):
            if what == "万↔亿" and q.scale not in (10_000, 100_000_000):
                continue
            trial = dict(ivs)
            trial[k] = (q.lo * factor, q.hi * factor)
            if overlaps(compute(trial), target):
                if what == "万↔亿":
                    alt = "亿" if q.scale == 10_000 else "万"
                    slips.append(f"“{q.text}”的单位若是{alt}")
                else:
                    digits.append(f"“{q.text}”若为其{'十分之一' if factor < 1 else '十倍'}")
                break
    if slips:
        return "疑为万、亿混写：" + "，或".join(slips) + "，算式成立"
    if digits:
        return "疑似多写或漏写一位数字或小数点：" + "，或".join(digits) + "，算式成立"
    if relation in ("growth", "count-growth") and "level" in operands and "delta" in operands:
        lvl, dlt = ivs["level"], ivs["delta"]
        wrong = iv_div(dlt, lvl)
        wrong = (wrong[0] * 100, wrong[1] * 100)
        if overlaps(wrong, target):
            return "基数用错：所述增速等于增量除以本期数，而增速应以上期数（本期数减增量）为基数"
    return None
