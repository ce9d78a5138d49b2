"""One claim per relation between a sentence's tokens: completion, growth, from-to, points, multiples, rates, impossible %."""

from __future__ import annotations

import dataclasses
import re

from .claims import (
    CONSISTENT,
    IMPOSSIBLE,
    INCONSISTENT,
    UNVERIFIABLE,
    Claim,
    iv_abs,
    iv_add,
    iv_clip0,
    iv_div,
    iv_scale,
    iv_shift,
    iv_sub,
    overlaps,
    percent_of,
    verdict,
)
from .completion import exact_target
from .quantities import INF, Quantity
from .tokens import BOUNDED_RE, NOT_BOUNDED_RE, SIGNED_RE, YEAR_RE, Token, _span


def _completion(x: Token, y: Token, p: Token) -> Claim:
    """完成A，为预算B的p%: A ÷ B, the budget exact as stated (shuzhi.figures.completion.exact_target)."""
    f = percent_of(p.q)
    a, b = _span(x, y, p)
    y = dataclasses.replace(y, q=exact_target(y.q))
    if re.search(r"超过|超额|超出|超$", y.cue):
        # 超过计划y的p%: the excess over the plan, x ÷ y − 1.
        return verdict(
            "completion",
            a,
            b,
            {"actual": x.q, "planned": y.q},
            p.q,
            lambda v: iv_shift(iv_scale(iv_div(v["actual"], v["planned"]), f), -f),
            f"{x.q.text} ÷ {y.q.text} × 100% − 100%（超过计划的部分）",
        )
    return verdict(
        "completion",
        a,
        b,
        {"actual": x.q, "planned": y.q},
        p.q,
        lambda v: iv_scale(iv_div(v["actual"], v["planned"]), f),
        f"{x.q.text} ÷ {y.q.text} × 100%",
    )


def _growth(relation: str, x: Token, d: Token, g: Token) -> Claim:
    a, b = _span(x, d, g)
    if d.sign >= 0:
        compute = lambda v: iv_scale(iv_div(v["delta"], iv_sub(v["level"], v["delta"])), 100.0)  # noqa: E731
        formula = f"{d.q.text} ÷ ({x.q.text} − {d.q.text}) × 100%"
    else:
        compute = lambda v: iv_scale(iv_div(v["delta"], iv_add(v["level"], v["delta"])), 100.0)  # noqa: E731
        formula = f"{d.q.text} ÷ ({x.q.text} + {d.q.text}) × 100%"
    return verdict(relation, a, b, {"level": x.q, "delta": d.q}, g.q, compute, formula)


def _from_to(x: Token, y: Token, g: Token) -> Claim:
    a, b = _span(x, y, g)
    compute = lambda v: iv_scale(iv_div(iv_abs(iv_sub(v["to"], v["from"])), v["from"]), 100.0)  # noqa: E731
    formula = f"|{y.q.text} − {x.q.text}| ÷ {x.q.text} × 100%"
    c = verdict("from-to", a, b, {"from": x.q, "to": y.q}, g.q, compute, formula)
    if c.verdict == INCONSISTENT and x.q.kind == "percent":
        pp = iv_abs(iv_sub((y.q.lo, y.q.hi), (x.q.lo, x.q.hi)))
        if overlaps(pp, (g.q.lo, g.q.hi)):
            c.relation = "points"
            c.formula = f"{y.q.text} − {x.q.text}（百分点）"
            c.computed = pp
            c.diagnosis = "百分号误用：两个比率之差应写“个百分点”，所述数值等于百分点差而非相对增幅"
    return c


def _points(x: Token, y: Token, d: Token) -> Claim:
    a, b = _span(x, y, d)
    return verdict(
        "points",
        a,
        b,
        {"from": x.q, "to": y.q},
        d.q,
        lambda v: iv_abs(iv_sub(v["to"], v["from"])),
        f"{y.q.text} − {x.q.text}（百分点）",
    )


def _multiple(x: Token, y: Token, k: Token) -> Claim:
    a, b = _span(x, y, k)
    growth = k.role == "times-growth"
    ratio = lambda v: iv_div(v["to"], v["from"])  # noqa: E731
    if growth and k.q.lo >= 1.5:
        compute = lambda v: iv_shift(ratio(v), -1.0)  # noqa: E731
        alts = lambda v: [("loose", ratio(v))]  # noqa: E731  增长2倍 loosely used for ×2
        formula = f"{y.q.text} ÷ {x.q.text} − 1（增长倍数；也接受 {y.q.text} ÷ {x.q.text}）"
    elif growth:  # 增长1倍 can only mean ×2
        compute, alts = (lambda v: iv_shift(ratio(v), -1.0)), None
        formula = f"{y.q.text} ÷ {x.q.text} − 1（增长倍数）"
    else:
        compute, alts = ratio, None
        formula = f"{y.q.text} ÷ {x.q.text}"
    return verdict("multiple", a, b, {"from": x.q, "to": y.q}, k.q, compute, formula, alternatives=alts)


def _multiple_of(x: Token, y: Token, k: Token) -> Claim:
    a, b = _span(x, y, k)
    return verdict(
        "multiple",
        a,
        b,
        {"from": y.q, "to": x.q},
        k.q,
        lambda v: iv_div(v["to"], v["from"]),
        f"{x.q.text} ÷ {y.q.text}（是…的倍数）",
    )


def _avg_growth(x: Token, y: Token, g: Token) -> Claim | None:
    """由2020年的A增加到2023年的B，年均增长g%: (B ÷ A)^(1/n) − 1, n the difference of the two stated years."""
    y1, y2 = YEAR_RE.findall(x.near), YEAR_RE.findall(y.near)
    if len(y1) != 1 or len(y2) != 1 or x.q.lo <= 0:
        return None  # both years must be explicit, or the span of years is a guess
    n = int(y2[0]) - int(y1[0])
    if not 1 <= n <= 30:
        return None
    a, b = _span(x, y, g)

    def compute(v):
        lo, hi = iv_div(v["to"], v["from"])
        if not lo <= hi or lo <= 0:
            return EMPTY_IV
        return iv_abs((lo ** (1 / n) * 100 - 100, hi ** (1 / n) * 100 - 100))

    c = verdict(
        "avg-growth",
        a,
        b,
        {"from": x.q, "to": y.q},
        g.q,
        compute,
        f"({y.q.text} ÷ {x.q.text})^(1/{n}) − 1（{y1[0]}–{y2[0]}年，{n}年复合增速）",
    )
    c.extra["years"] = n
    return c


EMPTY_IV = (INF, -INF)


def _fanfan(x: Token, y: Token, m: re.Match) -> Claim:
    n = m.group("n") or "一"
    times = int(n) if n.isdigit() else {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}[n]
    need = 2.0**times
    ratio = iv_div((y.q.lo, y.q.hi), (x.q.lo, x.q.hi))
    a, b = x.q.start, m.end()
    if not ratio[0] <= ratio[1]:
        return Claim(
            "multiple",
            UNVERIFIABLE,
            a,
            b,
            f"{y.q.text} ÷ {x.q.text}",
            {"from": x.q, "to": y.q},
            None,
            None,
            reason="基数可能为零",
        )
    # 翻番 is used loosely for "about doubled": only a ratio clearly short of it is a mismatch.
    ok = ratio[1] >= need * 0.9
    c = Claim(
        "multiple",
        CONSISTENT if ok else INCONSISTENT,
        a,
        b,
        f"{y.q.text} ÷ {x.q.text}（应约为 {need:g}）",
        {"from": x.q, "to": y.q},
        None,
        ratio,
        extra={"stated_text": m.group("fan"), "stated_ratio": need},
    )
    return c


# Counts of events (学习24次，研讨8次，学习覆盖率100%) are rarely the base of a rate: the rate is of people
# or cases not named in the sentence, so they are not paired with it.
EVENT_UNITS = {"次", "场", "期", "轮", "届", "趟", "场次"}  # 批次 of samples are items, not events


def _rate(x: Token, y: Token, r: Token) -> Claim | None:
    if y.q.lo > x.q.hi:
        return None  # the second count is larger: not a part of the first, the reading is unclear
    if x.q.unit in EVENT_UNITS:
        return None
    a, b = _span(x, y, r)
    f = percent_of(r.q)
    compute = lambda v: iv_scale(iv_div(v["part"], v["whole"]), f)  # noqa: E731
    alts = lambda v: [("complement", iv_scale(iv_div(iv_clip0(iv_sub(v["whole"], v["part"])), v["whole"]), f))]  # noqa: E731
    return verdict(
        "rate", a, b, {"whole": x.q, "part": y.q}, r.q, compute, f"{y.q.text} ÷ {x.q.text} × 100%", alternatives=alts
    )


def _impossible(t: Token, text: str, a: int) -> Claim | None:
    q = t.q
    if q.lo <= 100.0 or q.unit != "%":
        return None
    clause = text[max(a, q.start - 40) : q.start]
    clause = re.split(r"[，。；、]", clause)[-1] if t.role == "rate" else clause
    if t.role in ("rate", "rate-avg") and t.sign < 0:
        if SIGNED_RE.search(text[max(a, q.start - 40) : q.start]):
            return None
        return Claim(
            "impossible",
            IMPOSSIBLE,
            q.start,
            q.end,
            "下降幅度 ≤ 100%（该量不能为负）",
            {},
            q,
            (0.0, 100.0),
            reason="非负的量下降幅度超过100%",
            diagnosis=_impossible_diag(q),
        )
    if t.role in ("ratio", "share"):
        m = BOUNDED_RE.search(t.near)
        if m and not NOT_BOUNDED_RE.search(t.near):
            return Claim(
                "impossible",
                IMPOSSIBLE,
                q.start,
                q.end,
                f"{m.group(0)} ≤ 100%",
                {},
                q,
                (0.0, 100.0),
                reason=f"{m.group(0)}是整体中的比例，不能超过100%",
                diagnosis=_impossible_diag(q),
            )
    return None


def _impossible_diag(q: Quantity) -> str | None:
    if q.lo / 10 <= 100:
        return f"疑似多写一位数字或错放小数点（如 {float(q.value) / 10:g}%）"
    return None


def _unverifiable(c: Claim, why: str) -> Claim:
    c.verdict = UNVERIFIABLE
    c.diagnosis = None
    c.reason = f"“{why}”：按可比价格、同口径或调整后基数计算的增速不能由名义数值复算"
    return c
