"""Finding the relations between the figures of one sentence (completion, growth, shares, parts …)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .claims import (
    CONSISTENT,
    IMPOSSIBLE,
    INCONSISTENT,
    UNVERIFIABLE,
    Claim,
    iv_add,
    iv_div,
    iv_sub,
    overlaps,
    percent_of,
    verdict,
)
from .quantities import INF, Quantity

AMOUNT_KINDS = ("currency", "count", "measure")
_UP = "增收|增产|增支|多支|超支|增加|增长|多增|净增|提高|上升|扩大|提升|增|多|超收|回升|上涨|上调"
_DOWN = "减收|减产|减支|少支|节支|少收|减少|下降|降低|缩小|下滑|回落|压减|缩减|减|少|降|下调|压缩"
_FILL = r"(?:了|约|近|超过|超|逾|达|达到|为|高达|将近|接近)?"
INC_RE = re.compile(
    rf"(?P<avg>年均|平均每年|每年|年平均|平均)?(?:(?P<new>新增)|(?P<up>{_UP})|(?P<down>{_DOWN})){_FILL}$"
)
RATE_RE = re.compile(
    rf"(?:(?P<avg>年均|平均每年|平均|每年|年平均)(?:实际|名义)?)?(?:(?P<up>增长|增|提高|上升|提升|扩大|增加|回升|上涨|增幅为?|增速为?|增长率为?)"
    rf"|(?P<down>下降|降低|减少|减|回落|下滑|缩小|降幅为?|降)){_FILL}$"
)
# 一般公共预算收入 is an indicator, not a budget: the budget is 预算/计划 right before its figure.
# The rate of the figures just before it: only a verb, maybe 同比/比上年 — no new subject (棉花增长 …).
BARE_RATE_RE = re.compile(
    r"^(?:同比|(?:比|较|与)(?:上年|去年|年初|上年同期|去年同期)(?:相比)?|年|累计|共|，|即"
    r"|按[^，。]{0,8}计算|扣除[^，。]{0,6}因素|实际|名义)*" + RATE_RE.pattern
)
AVG_RE = re.compile(r"年均|平均每年|每年|递增|递减")
BUDGET_RE = re.compile(r"(?<!公共)(?:预算|计划|目标|任务)(?:数|额)?(?:为|是)?$")
NEW_START_RE = re.compile(r"^(?:全年|今年|累计)?(?:新增|净增|新培育|新引进|新发展|新认定|新注册|新建成?|新登记)")
# 1.2亿元，较上年的0.8亿元增长50%: the earlier value of the figure before.
BASE_RE = re.compile(r"(?:较|比)(?:上年|去年|上一年|年初|上年同期|去年同期)(?:同期)?的$")
FROM_RE = re.compile(r"(?:由|从)(?:上年|去年|上一年|年初|上年末|\d{4}年(?:底|末)?)?(?:的)?$")
TO_RE = re.compile(
    rf"(?:(?:{_UP}|{_DOWN}|发展|调整|变|跃升|攀升|扩展|拓展)(?:了)?(?:到|至)|增至|降至|提高为|下降为|上升为|减少为|增加为)"
    r"(?:\d{4}年(?:底|末)?的?)?$"
)
REACH_RE = re.compile(
    r"(?:达到|达|增至|增加到|总数|总量|总计|共计|累计|共有|总额|规模|合计|共)(?:完成|实现)?(?:了|为|达|达到)?$"
)
TOTAL_RE = re.compile(r"(?:合计|共计|总计)(?:完成|实现)?(?:为|达|达到)?$")
RATIO_RE = re.compile(
    r"([\u4e00-\u9fff]{0,8}(?:率|比例|占比|比重|满意度))(?:为|达|达到|是|提高到|保持|保持在|稳定在)?了?$"
)
SHARE_RE = re.compile(
    r"(?:占比|比重|占(?:总[数量额]?|全部|其|全部[\u4e00-\u9fff]{0,4}|总[\u4e00-\u9fff]{0,4})?的?)(?:为|达|达到)?$"
)
DE_RE = re.compile(r"的$")
# Growth that a fair checker cannot recompute from nominal figures.
UNVERIFIABLE_RE = re.compile(
    r"生产总值|GDP|增加值|国民收入|总产值|国民生产|可比|不变价|扣除|物价因素|价格因素|实际增长|同口径|口径|调整后|修订|剔除|按[^，。]{0,8}计算"
)
# Quantities that can fall by more than 100 %: they can be negative.
SIGNED_RE = re.compile(r"利润|盈利|亏损|净利|收益|顺差|逆差|赤字|差额|结余|余额|净出口|净流入|净流出|缺口|盈余|效益")
# Rates of a whole: never above 100 %.
BOUNDED_RE = re.compile(
    r"满意度|满意率|覆盖率|合格率|达标率|参保率|参合率|持证率|知晓率|普及率|出勤率|结案率|办结率|成功率|调处率|化解率|"
    r"回复率|通过率|优良率|及格率|就业率|失业率|发生率|城镇化率|接种率|巩固率|正确率|准确率|完好率|处置率|治愈率|"
    r"销号率|整改率|知晓率|占比|比重|入学率|升学率|受理率|答复率|好评率|签约率|参与率|参检率"
)
NOT_BOUNDED_RE = re.compile(r"毛入学率|增长率|完成率|超额")
# 是上年6.0亿元的2.1倍 / 为2020年1240万元的3.1倍: the base of a multiple, named by its year.
OF_BASE_RE = re.compile(r"^(?:是|为|相当于)(?:上年|去年|上年同期|去年同期|\d{4}年)(?:同期)?(?:的)?$")
YEAR_RE = re.compile(r"(\d{4})年")
FANFAN_RE = re.compile(r"[，、]?[^，。；\d]{0,4}?(?P<fan>翻(?:了)?(?P<n>一|两|二|三|四|\d)?番)")


@dataclass
class Token:
    q: Quantity
    i: int
    cue: str  # text between the previous figure (or sentence start) and this one
    near: str  # the cue after its last comma: the words that govern this figure
    role: str = "level"
    sign: int = 0

    @property
    def dim(self) -> str:
        return self.q.dimension


def _tokens(text: str, a: int, qs: list[Quantity]) -> list[Token]:
    out = []
    prev = a
    for i, q in enumerate(qs):
        cue = text[prev : q.start]
        near = re.split(r"[，、,：:（(]", cue)[-1]
        t = Token(q, i, cue, near)
        _classify(t, text)
        out.append(t)
        prev = q.end
    return out


def _classify(t: Token, text: str) -> None:
    q, near = t.q, t.near
    if q.kind in ("time", "none", "range"):
        t.role = "other"
        return
    if q.kind == "percent":
        m = RATE_RE.search(near)
        if m:
            # Average yearly growth (年均, 平均每年递增) compounds over years: not recomputed here.
            t.role = "rate-avg" if m.group("avg") or AVG_RE.search(near) else "rate"
            t.sign = 1 if m.group("up") else -1
        elif SHARE_RE.search(near):
            t.role = "share"
        elif RATIO_RE.search(near):
            t.role = "ratio"
        elif DE_RE.search(near):
            t.role = "of"
        else:
            t.role = "pct"
        _from_to_role(t)
        return
    if q.kind == "points":
        m = RATE_RE.search(near)
        t.role = "pp" if m else "pct"
        t.sign = (1 if m.group("up") else -1) if m else 0
        return
    if q.kind == "times":
        m = RATE_RE.search(near)
        t.role = "times-growth" if m else "times"
        return
    # Amounts.
    nxt = text[q.end] if q.end < len(text) else "。"
    if q.qualifier in ("以上", "以下") and nxt not in "，。；、：！？）)\n的":
        t.role = "threshold"  # 500万元以上项目: a category, not an amount
        return
    if _from_to_role(t):
        return
    if BASE_RE.search(near):
        t.role = "base"
        return
    m = INC_RE.search(near)
    if m:
        t.role = "inc-avg" if m.group("avg") else "new" if m.group("new") else "inc"
        t.sign = -1 if m.group("down") else 1
    elif NEW_START_RE.match(near):
        t.role, t.sign = "new", 1
    elif BUDGET_RE.search(near):
        t.role = "budget"
    elif REACH_RE.search(near):
        t.role = "reach"
        if TOTAL_RE.search(near):
            t.role = "total"


def _from_to_role(t: Token) -> bool:
    if FROM_RE.search(t.near):
        t.role = "from"
        return True
    if TO_RE.search(t.near):
        t.role = "to"
        return True
    return False


LEVELS = ("level", "reach", "total")


def sentence_claims(text: str, a: int, b: int, qs: list[Quantity]) -> list[Claim]:
    """Every claim in the sentence text[a:b] whose quantities are ``qs``."""
    # Dates and bare numbers are no operands; leaving them out lets 由2019年的3.2亿元 read as a "from".
    toks = _tokens(text, a, [q for q in qs if q.kind not in ("time", "none", "range")])
    sent = text[a:b]
    out: list[Claim] = []
    unverifiable = UNVERIFIABLE_RE.search(sent)
    used: set[int] = set()
    for k, t in enumerate(toks):
        prev = toks[k - 1] if k else None
        prev2 = toks[k - 2] if k > 1 else None
        if t.role == "of" and prev is not None and prev.role == "budget" and "，" not in t.cue:
            x = _level_before(toks, k - 1, prev.dim)
            if x is not None:
                out.append(_completion(x, prev, t))
                used.update((x.i, prev.i, t.i))
        elif (
            t.role == "rate"
            and prev is not None
            and t.q.kind == "percent"
            and _adjacent(t)
            and BARE_RATE_RE.match(t.near)
        ):
            c = None
            # 新增 counts gross additions; the total also loses some (注销), so only 增加/净增 are increments here.
            if prev.role == "inc" and prev.sign == t.sign and "其中" not in prev.cue:
                x = _level_before(toks, k - 1, prev.dim)
                if (
                    x is None
                    and k + 1 < len(toks)
                    and toks[k + 1].role in ("reach", "to")
                    and toks[k + 1].dim == prev.dim
                    and _adjacent(toks[k + 1])
                ):
                    x = toks[k + 1]
                if x is not None:
                    c = _growth("growth", x, prev, t)
            elif (
                prev.role in ("reach", "to", "level")
                and prev2 is not None
                and prev2.role in ("new", "inc")
                and prev2.sign >= 0
                and prev2.dim == prev.dim
                and t.sign > 0
                and _adjacent(prev)
            ):
                c = _growth("count-growth", prev, prev2, t)
            elif prev.role == "to" and prev2 is not None and prev2.role == "from" and prev2.dim == prev.dim:
                c = _from_to(prev2, prev, t)
            elif prev.role == "base" and _adjacent(prev):
                x = _level_before(toks, k - 1, prev.dim)
                if x is not None:
                    c = _from_to(prev, x, t)
            if c is not None:
                if unverifiable:
                    c = _unverifiable(c, unverifiable.group(0))
                out.append(c)
        elif (
            t.role == "inc"
            and prev is not None
            and prev.role == "rate"
            and prev.q.kind == "percent"
            and prev.sign == t.sign
            and _adjacent(t)
            and _adjacent(prev)
        ):
            # 完成 A，比上年增长 g%，增加 Δ: the same three figures in the other order.
            x = _level_before(toks, k - 1, t.dim)
            if x is not None:
                c = _growth("growth", x, t, prev)
                out.append(_unverifiable(c, unverifiable.group(0)) if unverifiable else c)
        elif (
            t.role == "pp"
            and prev is not None
            and prev.role == "to"
            and prev2 is not None
            and prev2.role == "from"
            and prev.q.kind == prev2.q.kind == "percent"
            and _adjacent(t)
        ):
            out.append(_points(prev2, prev, t))
        elif (
            t.role in ("times-growth", "times")
            and prev is not None
            and prev.role == "to"
            and prev2 is not None
            and prev2.role == "from"
            and prev2.dim == prev.dim
            and _adjacent(t)
        ):
            out.append(_multiple(prev2, prev, t))
        elif (
            t.role == "times"
            and t.near == "的"
            and prev is not None
            and prev2 is not None
            and OF_BASE_RE.search(prev.near)
            and prev2.dim == prev.dim
            and prev2.role in (*LEVELS, "new")
            and _adjacent(prev)
            and not unverifiable
        ):
            # A，是上年B的k倍: A ÷ B = k, strictly (是…的2倍 is ×2; only 增长k倍 has a loose reading).
            out.append(_multiple_of(prev2, prev, t))
        elif (
            t.role == "rate-avg"
            and prev is not None
            and prev.role == "to"
            and prev2 is not None
            and prev2.role == "from"
            and prev2.dim == prev.dim
            and _adjacent(t)
        ):
            c = _avg_growth(prev2, prev, t)
            if c is not None:
                out.append(_unverifiable(c, unverifiable.group(0)) if unverifiable else c)
        elif (
            t.role == "ratio"
            and prev is not None
            and prev2 is not None
            and _adjacent(t)
            and prev.q.kind in AMOUNT_KINDS
            and prev.dim == prev2.dim
            and "其中" not in t.cue + prev.cue
            and prev.role in (*LEVELS, "new")
            and prev2.role in (*LEVELS, "new")
            and not _has_between(toks, prev2, prev)
        ):
            c = _rate(prev2, prev, t)
            if c is not None:
                out.append(c)
        if t.q.kind == "percent" and t.role in ("rate", "rate-avg", "ratio", "share", "pct"):
            c = _impossible(t, text, a)
            if c is not None:
                out.append(c)
        if t.role == "to" and k + 1 < len(toks) + 1 and prev is not None and prev.role == "from":
            m = FANFAN_RE.match(text, t.q.end)
            if m:
                out.append(_fanfan(prev, t, m))
    out.extend(_parts(toks, sent, a))
    return out


def _adjacent(t: Token) -> bool:
    """The figure follows the previous one closely: one clause at most, no 其中, no new subject."""
    return len(t.cue) <= 14 and t.cue.count("，") + t.cue.count("、") <= 1 and "其中" not in t.cue


def _has_between(toks, a: Token, b: Token) -> bool:
    return b.i - a.i != 1


def _level_before(toks: list[Token], k: int, dim: str) -> Token | None:
    """The amount of the same dimension that the figure at k refers back to (skipping a budget and its %)."""
    j = k - 1
    while j >= 0:
        t = toks[j]
        if "其中" in toks[j + 1].cue or "。" in toks[j + 1].cue:
            return None
        if t.role in ("of", "budget") or (t.q.kind in ("percent",) and t.role in ("of",)):
            j -= 1
            continue
        if t.dim == dim:
            return t if t.role in (*LEVELS, "new") else None
        if t.role == "other" or t.q.kind not in AMOUNT_KINDS:
            return None
        j -= 1
        if k - j > 3:
            return None
    return None


def _span(*ts: Token) -> tuple[int, int]:
    return min(t.q.start for t in ts), max(t.q.end for t in ts)


def _completion(x: Token, y: Token, p: Token) -> Claim:
    f = percent_of(p.q)
    a, b = _span(x, y, p)
    if re.search(r"超过|超额|超出|超$", y.cue):
        # 超过计划y的p%: the excess over the plan, x ÷ y − 1.
        return verdict(
            "completion",
            a,
            b,
            {"actual": x.q, "planned": y.q},
            p.q,
            lambda v: _shift(_mul(iv_div(v["actual"], v["planned"]), f), -f),
            f"{x.q.text} ÷ {y.q.text} × 100% − 100%（超过计划的部分）",
        )
    return verdict(
        "completion",
        a,
        b,
        {"actual": x.q, "planned": y.q},
        p.q,
        lambda v: _mul(iv_div(v["actual"], v["planned"]), f),
        f"{x.q.text} ÷ {y.q.text} × 100%",
    )


def _growth(relation: str, x: Token, d: Token, g: Token) -> Claim:
    a, b = _span(x, d, g)
    if d.sign >= 0:
        compute = lambda v: _mul(iv_div(v["delta"], iv_sub(v["level"], v["delta"])), 100.0)  # noqa: E731
        formula = f"{d.q.text} ÷ ({x.q.text} − {d.q.text}) × 100%"
    else:
        compute = lambda v: _mul(iv_div(v["delta"], iv_add(v["level"], v["delta"])), 100.0)  # noqa: E731
        formula = f"{d.q.text} ÷ ({x.q.text} + {d.q.text}) × 100%"
    return verdict(relation, a, b, {"level": x.q, "delta": d.q}, g.q, compute, formula)


def _from_to(x: Token, y: Token, g: Token) -> Claim:
    a, b = _span(x, y, g)
    compute = lambda v: _mul(iv_div(_abs(iv_sub(v["to"], v["from"])), v["from"]), 100.0)  # noqa: E731
    formula = f"|{y.q.text} − {x.q.text}| ÷ {x.q.text} × 100%"
    c = verdict("from-to", a, b, {"from": x.q, "to": y.q}, g.q, compute, formula)
    if c.verdict == INCONSISTENT and x.q.kind == "percent":
        pp = _abs(iv_sub((y.q.lo, y.q.hi), (x.q.lo, x.q.hi)))
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
        lambda v: _abs(iv_sub(v["to"], v["from"])),
        f"{y.q.text} − {x.q.text}（百分点）",
    )


def _multiple(x: Token, y: Token, k: Token) -> Claim:
    a, b = _span(x, y, k)
    growth = k.role == "times-growth"
    ratio = lambda v: iv_div(v["to"], v["from"])  # noqa: E731
    if growth and k.q.lo >= 1.5:
        compute = lambda v: _shift(ratio(v), -1.0)  # noqa: E731
        alts = lambda v: [("loose", ratio(v))]  # noqa: E731  增长2倍 loosely used for ×2
        formula = f"{y.q.text} ÷ {x.q.text} − 1（增长倍数；也接受 {y.q.text} ÷ {x.q.text}）"
    elif growth:  # 增长1倍 can only mean ×2
        compute, alts = (lambda v: _shift(ratio(v), -1.0)), None
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
        return _abs((lo ** (1 / n) * 100 - 100, hi ** (1 / n) * 100 - 100))

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
    compute = lambda v: _mul(iv_div(v["part"], v["whole"]), f)  # noqa: E731
    alts = lambda v: [("complement", _mul(iv_div(_clip0(iv_sub(v["whole"], v["part"])), v["whole"]), f))]  # noqa: E731
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


def _parts(toks: list[Token], sent: str, a: int) -> list[Claim]:
    """其中: every part no larger than its whole; 其中…分别 lists: the parts do not exceed it; shares."""
    out: list[Claim] = []
    k = 0
    while k < len(toks):
        if "其中" not in toks[k].cue:
            k += 1
            continue
        # The tokens governed by this 其中: up to the next 其中 or the end of the clause group (；。).
        end = k + 1
        while (
            end < len(toks)
            and "其中" not in toks[end].cue
            and not re.search(r"[；。]", toks[end].cue)
            and not _ends_list(toks, k, end)
        ):
            end += 1
        group = toks[k:end]
        by_dim: dict[str, list[Token]] = {}
        for u in group:
            if u.q.kind in AMOUNT_KINDS and u.role in LEVELS and u.q.qualifier not in ("以下", "以内", "不足", "不到"):
                by_dim.setdefault(u.dim, []).append(u)
        for dim, parts in by_dim.items():
            whole = _whole_before(toks, k, dim)
            if whole is None:
                continue
            listed = "".join(u.cue for u in group)
            as_list = len(parts) >= 2 and "分别" in listed
            for p in parts if not as_list else ():
                bad = p.q.lo > whole.q.hi * (1 + 1e-9)
                out.append(
                    Claim(
                        "part-whole",
                        INCONSISTENT if bad else CONSISTENT,
                        whole.q.start,
                        p.q.end,
                        f"{p.q.text} ≤ {whole.q.text}",
                        {"whole": whole.q, "part": p.q},
                        p.q,
                        (0.0, whole.q.hi),
                        diagnosis=_part_diag(whole.q, p.q) if bad else None,
                    )
                )
            if as_list:  # 其中 A、B 分别为 a、b: one check of the list (a part over the whole is over too)
                lo = sum(p.q.lo for p in parts)
                hi = sum(p.q.hi for p in parts)
                bad = lo > whole.q.hi * (1 + 1e-9)
                out.append(
                    Claim(
                        "sum",
                        INCONSISTENT if bad else CONSISTENT,
                        whole.q.start,
                        parts[-1].q.end,
                        " + ".join(p.q.text for p in parts) + f" ≤ {whole.q.text}",
                        {"whole": whole.q, **{f"part{i + 1}": p.q for i, p in enumerate(parts)}},
                        whole.q,
                        (lo, hi),
                    )
                )
            # 其中 part …，占比 s%
            for p in parts:
                nxt = toks[p.i + 1] if p.i + 1 < len(toks) else None
                if nxt is not None and nxt.role == "share" and _adjacent(nxt):
                    f = percent_of(nxt.q)
                    out.append(
                        verdict(
                            "share",
                            whole.q.start,
                            nxt.q.end,
                            {"whole": whole.q, "part": p.q},
                            nxt.q,
                            lambda v, f=f: _mul(iv_div(v["part"], v["whole"]), f),
                            f"{p.q.text} ÷ {whole.q.text} × 100%",
                        )
                    )
        k = end
    out.extend(_totals(toks))
    return out


# 占固定资产投资的40.4% / 占受理总量的60.9%: a share that names its whole.
NAMED_SHARE_RE = re.compile(r"^占([\u4e00-\u9fff]{2,16})的$")
_WHOLE_PREFIX_RE = re.compile(r"^(?:全县|全镇|全市|全区|全乡|全省|全年|全部|本年|当年)")
_WHOLE_SUFFIX_RE = re.compile(r"(?:总量|总数|总额|总计|总和|总体|总)$")


def named_share_claims(text: str, ctx: int, a: int, b: int, qs: list[Quantity]) -> list[Claim]:
    """Part p，占X的s%: the whole is the one figure before p (this or the previous sentence) whose clause names X."""
    toks = _tokens(text, ctx, [q for q in qs if q.kind not in ("time", "none", "range")])
    out: list[Claim] = []
    for k, t in enumerate(toks):
        if t.q.start < a or t.q.kind != "percent" or k == 0:
            continue
        m = NAMED_SHARE_RE.match(t.near)
        part = toks[k - 1]
        if (
            m is None
            or part.q.kind not in AMOUNT_KINDS
            or part.role not in (*LEVELS, "new")
            or part.q.start < a
            or not _adjacent(t)
            or t.cue.count("，") != 1
        ):
            continue
        name = _WHOLE_SUFFIX_RE.sub("", _WHOLE_PREFIX_RE.sub("", m.group(1)))
        if len(name) < 2:
            continue  # 占全县的 names no figure
        same = [u for u in toks[: k - 1] if u.dim == part.dim]
        named = [u for u in same if name in re.split(r"[，。；：]", text[max(ctx, u.q.start - 30) : u.q.start])[-1]]
        # Unambiguous only: one earlier figure of the unit whose clause names X, and it is a plain level.
        if len(named) != 1 or named[0].role not in LEVELS or named[0].q.qualifier or name in part.cue:
            continue
        whole = named[0]
        f = percent_of(t.q)
        out.append(
            verdict(
                "share",
                whole.q.start,
                t.q.end,
                {"whole": whole.q, "part": part.q},
                t.q,
                lambda v, f=f: _mul(iv_div(v["part"], v["whole"]), f),
                f"{part.q.text} ÷ {whole.q.text} × 100%（{m.group(1)}）",
            )
        )
    return out


# A figure after a comma that names a measure of its own (林地面积, 市场主体总数, 带动周边农户,
# 城镇新增就业) is not one more part of a 其中 list: the list has ended.
_MEASURE_HEAD_RE = re.compile(
    r"(?:面积|总数|总量|总额|总计|总值|规模|保有量|资金|人数|户数|就业|主体|覆盖)[^，、]{0,4}$"
    r"|^(?:全[县市区镇乡村年]|带动|联系|服务|累计|招商引资|城镇新增|新增|共|总)"
)


def _ends_list(toks: list[Token], k: int, j: int) -> bool:
    """True when token j, after a comma, no longer belongs to the 其中 list that token k opened."""
    t = toks[j]
    if "，" not in t.cue and "," not in t.cue:
        return False
    seps = [toks[i].cue for i in range(k + 1, j)]
    if seps and all("、" in c and "，" not in c and "," not in c for c in seps):
        return True  # 其中：水稻3100亩、玉米2100亩，…: a list written with 、 ends at the comma
    return bool(_MEASURE_HEAD_RE.search(t.near))


def _whole_before(toks: list[Token], k: int, dim: str) -> Token | None:
    """The whole that 其中 at token k splits: the nearest earlier level of the same dimension in the sentence."""
    for j in range(k - 1, -1, -1):
        u = toks[j]
        if u.dim == dim:
            return u if u.role in (*LEVELS, "new") and u.q.qualifier not in ("以上", "超过", "逾", "多", "余") else None
        if "其中" in toks[j + 1].cue and j + 1 != k:
            return None
    return None


def _part_diag(whole: Quantity, part: Quantity) -> str | None:
    for factor, what in ((1e4, "万↔亿"), (10.0, "digit")):
        if part.lo <= whole.hi * factor and part.lo > whole.hi:
            if what == "万↔亿" and part.scale != whole.scale:
                return "万↔亿：部分与整体的单位疑似混写"
            if what == "digit":
                return "疑似多写或漏写一位数字"
    return None


def _totals(toks: list[Token]) -> list[Claim]:
    """a、b、c，合计 t: the listed parts add up to the stated total."""
    out = []
    for k, t in enumerate(toks):
        if t.role != "total" or t.q.kind not in AMOUNT_KINDS:
            continue
        parts = []
        for j in range(k - 1, -1, -1):
            u = toks[j]
            if u.dim != t.dim or u.role not in ("level", "reach", "new") or "。" in toks[j + 1].cue:
                break
            parts.append(u)
        if len(parts) < 2:
            continue
        parts.reverse()
        lo = sum(p.q.lo for p in parts)
        hi = sum(p.q.hi for p in parts)
        ok = overlaps((lo, hi), (t.q.lo, t.q.hi))
        out.append(
            Claim(
                "sum",
                CONSISTENT if ok else INCONSISTENT,
                parts[0].q.start,
                t.q.end,
                " + ".join(p.q.text for p in parts) + f" = {t.q.text}",
                {**{f"part{i + 1}": p.q for i, p in enumerate(parts)}},
                t.q,
                (lo, hi),
            )
        )
    return out


def _unverifiable(c: Claim, why: str) -> Claim:
    c.verdict = UNVERIFIABLE
    c.diagnosis = None
    c.reason = f"“{why}”：按可比价格、同口径或调整后基数计算的增速不能由名义数值复算"
    return c


def _mul(x: tuple[float, float], f: float) -> tuple[float, float]:
    return x[0] * f, x[1] * f


def _shift(x, d):
    return x[0] + d, x[1] + d


def _abs(x: tuple[float, float]) -> tuple[float, float]:
    lo, hi = x
    if lo >= 0:
        return x
    if hi <= 0:
        return -hi, -lo
    return 0.0, max(-lo, hi)


def _clip0(x):
    return max(x[0], 0.0), max(x[1], 0.0)


__all__ = ["IMPOSSIBLE", "INF", "sentence_claims"]
