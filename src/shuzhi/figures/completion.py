"""Completion rates in any order of target, result and rate: 目标为A，实际完成B，完成率为p% (and 完成率p%，…目标A).

A stated target (目标/计划/任务/预算 A) is exact unless written as about (约/近/左右 …): issue #16, 10亿元 as a
target is 10亿元, while 10亿元 as a result is 9.5–10.5亿元. The result and the rate keep the precision they
were written with.
"""

from __future__ import annotations

import dataclasses
import re

from ..text.fastre import compile_skipping
from .claims import Claim, iv_div, iv_scale, iv_shift, percent_of, verdict
from .quantities import Quantity
from .tokens import AMOUNT_KINDS, Token, _span

# The rate of a completion: 完成率为p%, 完成年度目标的p%, 为目标的p%; 超额完成(任务)p% is the excess.
RATE_RE = compile_skipping(
    r"(?:完成率|完成比例|完成进度)(?:分别)?(?:为|是|达到|达|了)*$"
    r"|完成(?:了)?(?:全年|年度|全年度|年初|本年)?(?:目标|计划|任务|预算)(?:任务|数)?的$"
    r"|^(?:为|是|占)(?:全年|年度|全年度|年初)?(?:目标|计划|任务|预算)(?:任务|数)?的$"
)
EXCESS_RE = re.compile(r"超额完成(?:了)?(?:全年|年度|全年度)?(?:目标|计划|任务)?(?:任务)?(?:的)?$|超额$")
# A target: the clause names the goal before its figure (年度目标为A, 全年计划新建A, 目标任务A).
TARGET_RE = compile_skipping(r"(?<!公共)(?:目标|计划|任务|预算)(?!收入|支出|内)")
# Roles that are no result: increments, bases, the start of a from-to, categories.
NOT_RESULT = ("inc", "inc-avg", "base", "from", "threshold", "other")
# Written as about: the target keeps its rounded (widened) interval.
ABOUT = ("约", "大约", "左右", "上下", "近", "将近", "接近", "余", "多", "有余", "以上", "以下", "以内", "超过", "逾")


def exact_target(q: Quantity) -> Quantity:
    """The target as stated: exact unless qualified (约10亿元, 10亿元左右 keep their interval)."""
    if q.qualifier or q.kind not in AMOUNT_KINDS:
        return q
    v = q.base
    return dataclasses.replace(q, lo=v, hi=v, exact=True)


def _is_target(t: Token) -> bool:
    return t.q.kind in AMOUNT_KINDS and t.role not in NOT_RESULT and bool(TARGET_RE.search(t.near))


def _listed(toks: list[Token], first) -> list[Token]:
    """The tokens ``first`` accepts, and those that follow one of them in a list (目标分别为10亿元、20亿元:
    the second figure has no words of its own, only 、/和/及 after the first)."""
    out: list[Token] = []
    for t in toks:
        follows = bool(out) and out[-1].i == t.i - 1 and t.cue in ("、", "和", "及") and t.q.kind == out[-1].q.kind
        if first(t) or follows:
            out.append(t)
    return out


def completion_claims(toks: list[Token], sent: str) -> list[Claim]:
    """Completion claims of one sentence's tokens: one target, one result and one rate of the same unit in
    any order, or n of each in order after 分别. Anything less certain gives nothing."""
    rates = _listed(toks, lambda t: t.q.kind == "percent" and bool(RATE_RE.search(t.near) or EXCESS_RE.search(t.near)))
    if not rates:
        return []
    targets = _listed(toks, _is_target)
    dims = {t.dim for t in targets}
    if len(dims) != 1:
        return []  # no target, or targets of two kinds: which result goes with which is a guess
    dim = dims.pop()
    results = [
        t for t in toks if t.q.kind in AMOUNT_KINDS and t.dim == dim and t.role not in NOT_RESULT and t not in targets
    ]
    n = len(rates)
    if not (len(targets) == len(results) == n) or (n > 1 and "分别" not in sent):
        return []
    return [_claim(x, y, p) for x, y, p in zip(results, targets, rates, strict=True)]


def _claim(x: Token, y: Token, p: Token) -> Claim:
    f = percent_of(p.q)
    a, b = _span(x, y, p)
    planned = exact_target(y.q)
    ops = {"actual": x.q, "planned": planned}
    ratio = lambda v: iv_scale(iv_div(v["actual"], v["planned"]), f)  # noqa: E731
    if EXCESS_RE.search(p.near):
        # 超额完成p%: the part above the target; 超额完成，完成130% is also written, so that reading is accepted.
        return verdict(
            "completion",
            a,
            b,
            ops,
            p.q,
            lambda v: iv_shift(ratio(v), -f),
            f"({x.q.text} − {y.q.text}) ÷ {y.q.text} × 100%（超额完成的部分）",
            alternatives=lambda v: [("ratio", ratio(v))],
        )
    return verdict("completion", a, b, ops, p.q, ratio, f"{x.q.text} ÷ {y.q.text} × 100%")
