"""The figures of one sentence as tokens, each with the role its cue words give it (level, rate, budget, from, to …)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.fastre import compile_skipping
from .quantities import Quantity

AMOUNT_KINDS = ("currency", "count", "measure")
_UP = "增收|增产|增支|多支|超支|增加|增长|多增|净增|提高|上升|扩大|提升|增|多|超收|回升|上涨|上调"
_DOWN = "减收|减产|减支|少支|节支|少收|减少|下降|降低|缩小|下滑|回落|压减|缩减|减|少|降|下调|压缩"
_FILL = r"(?:了|约|近|超过|超|逾|达|达到|为|高达|将近|接近)?"
INC_RE = compile_skipping(
    rf"(?P<avg>年均|平均每年|每年|年平均|平均)?(?:(?P<new>新增)|(?P<up>{_UP})|(?P<down>{_DOWN})){_FILL}$"
)
RATE_RE = compile_skipping(
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
BUDGET_RE = compile_skipping(r"(?<!公共)(?:预算|计划|目标|任务)(?:数|额)?(?:为|是)?$")
NEW_START_RE = re.compile(r"^(?:全年|今年|累计)?(?:新增|净增|新培育|新引进|新发展|新认定|新注册|新建成?|新登记)")
# 1.2亿元，较上年的0.8亿元增长50%: the earlier value of the figure before.
BASE_RE = re.compile(r"(?:较|比)(?:上年|去年|上一年|年初|上年同期|去年同期)(?:同期)?的$")
FROM_RE = re.compile(r"(?:由|从)(?:上年|去年|上一年|年初|上年末|\d{4}年(?:底|末)?)?(?:的)?$")
TO_RE = compile_skipping(
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


# The cue's last clause: compiled once (re.split(str) looked its pattern up in re's cache for every figure).
_NEAR_SPLIT = re.compile(r"[，、,：:（(]")


def _tokens(text: str, a: int, qs: list[Quantity]) -> list[Token]:
    out = []
    prev = a
    for i, q in enumerate(qs):
        cue = text[prev : q.start]
        near = _NEAR_SPLIT.split(cue)[-1]
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
