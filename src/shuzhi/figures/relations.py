"""Finding the relations between the figures of one sentence (completion, growth, shares, parts …).

The sentence's figures become tokens (shuzhi.figures.tokens); each token is tried against the pair
steps below in order, and the first step whose pattern fits it decides its claim; the claim itself
is built in shuzhi.figures.rates, the parts and wholes in shuzhi.figures.parts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .claims import IMPOSSIBLE, Claim
from .completion import completion_claims
from .parts import _parts, named_share_claims
from .quantities import INF, Quantity
from .rates import (
    _avg_growth,
    _completion,
    _fanfan,
    _from_to,
    _growth,
    _impossible,
    _multiple,
    _multiple_of,
    _points,
    _rate,
    _unverifiable,
)
from .tokens import (
    AMOUNT_KINDS,
    BARE_RATE_RE,
    FANFAN_RE,
    LEVELS,
    OF_BASE_RE,
    UNVERIFIABLE_RE,
    Token,
    _adjacent,
    _has_between,
    _level_before,
    _tokens,
)

# A step looks at token k (and the two before it): None when its pattern does not fit, else its claims.
Step = Callable[[list[Token], int, "re.Match | None"], "list[Claim] | None"]


def sentence_claims(text: str, a: int, b: int, qs: list[Quantity]) -> list[Claim]:
    """Every claim in the sentence text[a:b] whose quantities are ``qs``."""
    # Dates and bare numbers are no operands; leaving them out lets 由2019年的3.2亿元 read as a "from".
    toks = _tokens(text, a, [q for q in qs if q.kind not in ("time", "none", "range")])
    sent = text[a:b]
    out: list[Claim] = []
    unverifiable = UNVERIFIABLE_RE.search(sent)
    # Completion rates in any order (目标A，完成B，完成率p%) first: their rate is no ratio of two counts.
    out.extend(completion_claims(toks, sent))
    checked = {c.stated.start for c in out}
    for k, t in enumerate(toks):
        for step in () if t.q.start in checked else STEPS_BY_ROLE.get(t.role, ()):
            found = step(toks, k, unverifiable)
            if found is not None:
                out.extend(found)
                break
        if t.q.kind == "percent" and t.role in ("rate", "rate-avg", "ratio", "share", "pct"):
            c = _impossible(t, text, a)
            if c is not None:
                out.append(c)
        if t.role == "to":
            out.extend(_fanfan_after(toks, k, text))
    out.extend(_parts(toks, sent, a))
    return out


def _previous(toks: list[Token], k: int) -> tuple[Token | None, Token | None]:
    return (toks[k - 1] if k else None), (toks[k - 2] if k > 1 else None)


def _maybe_unverifiable(c: Claim, unverifiable: re.Match | None) -> Claim:
    return _unverifiable(c, unverifiable.group(0)) if unverifiable else c


def completion_step(toks: list[Token], k: int, unverifiable: re.Match | None) -> list[Claim] | None:
    """A …，完成预算B的p%: actual ÷ budget."""
    t, (prev, _) = toks[k], _previous(toks, k)
    if not (t.role == "of" and prev is not None and prev.role == "budget" and "，" not in t.cue):
        return None
    x = _level_before(toks, k - 1, prev.dim)
    return [_completion(x, prev, t)] if x is not None else []


def rate_step(toks: list[Token], k: int, unverifiable: re.Match | None) -> list[Claim] | None:
    """A bare rate (增长g%) after an increment, a from-to pair or a base: growth of some kind."""
    t, (prev, prev2) = toks[k], _previous(toks, k)
    if not (t.role == "rate" and prev is not None and t.q.kind == "percent" and _adjacent(t)):
        return None
    if not BARE_RATE_RE.match(t.near):
        return None
    c = _rate_claim(toks, k, t, prev, prev2)
    return [_maybe_unverifiable(c, unverifiable)] if c is not None else []


def _rate_claim(toks: list[Token], k: int, t: Token, prev: Token, prev2: Token | None) -> Claim | None:
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
        return _growth("growth", x, prev, t) if x is not None else None
    if (
        prev.role in ("reach", "to", "level")
        and prev2 is not None
        and prev2.role in ("new", "inc")
        and prev2.sign >= 0
        and prev2.dim == prev.dim
        and t.sign > 0
        and _adjacent(prev)
    ):
        return _growth("count-growth", prev, prev2, t)
    if prev.role == "to" and prev2 is not None and prev2.role == "from" and prev2.dim == prev.dim:
        return _from_to(prev2, prev, t)
    if prev.role == "base" and _adjacent(prev):
        x = _level_before(toks, k - 1, prev.dim)
        if x is not None:
            return _from_to(prev, x, t)
    return None


def increment_after_rate_step(toks: list[Token], k: int, unverifiable: re.Match | None) -> list[Claim] | None:
    """完成 A，比上年增长 g%，增加 Δ: the same three figures as a growth, in the other order."""
    t, (prev, _) = toks[k], _previous(toks, k)
    if not (
        t.role == "inc"
        and prev is not None
        and prev.role == "rate"
        and prev.q.kind == "percent"
        and prev.sign == t.sign
        and _adjacent(t)
        and _adjacent(prev)
    ):
        return None
    x = _level_before(toks, k - 1, t.dim)
    return [_maybe_unverifiable(_growth("growth", x, t, prev), unverifiable)] if x is not None else []


def _after_from_to(toks: list[Token], k: int) -> tuple[Token, Token] | None:
    """The from and to tokens right before token k (由A增加到B …), or None."""
    prev, prev2 = _previous(toks, k)
    if prev is not None and prev.role == "to" and prev2 is not None and prev2.role == "from":
        return prev2, prev
    return None


def points_step(toks: list[Token], k: int, unverifiable: re.Match | None) -> list[Claim] | None:
    """由a%提高到b%，提高d个百分点: b − a."""
    t, pair = toks[k], _after_from_to(toks, k)
    if not (t.role == "pp" and pair is not None and pair[1].q.kind == pair[0].q.kind == "percent" and _adjacent(t)):
        return None
    return [_points(pair[0], pair[1], t)]


def multiple_step(toks: list[Token], k: int, unverifiable: re.Match | None) -> list[Claim] | None:
    """由A增加到B，增长k倍: B ÷ A (− 1)."""
    t, pair = toks[k], _after_from_to(toks, k)
    if not (t.role in ("times-growth", "times") and pair is not None and pair[0].dim == pair[1].dim and _adjacent(t)):
        return None
    return [_multiple(pair[0], pair[1], t)]


def multiple_of_step(toks: list[Token], k: int, unverifiable: re.Match | None) -> list[Claim] | None:
    """A，是上年B的k倍: A ÷ B = k, strictly (是…的2倍 is ×2; only 增长k倍 has a loose reading)."""
    t, (prev, prev2) = toks[k], _previous(toks, k)
    if not (
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
        return None
    return [_multiple_of(prev2, prev, t)]


def avg_growth_step(toks: list[Token], k: int, unverifiable: re.Match | None) -> list[Claim] | None:
    """由2020年的A增加到2023年的B，年均增长g%: the compound yearly rate."""
    t, pair = toks[k], _after_from_to(toks, k)
    if not (t.role == "rate-avg" and pair is not None and pair[0].dim == pair[1].dim and _adjacent(t)):
        return None
    c = _avg_growth(pair[0], pair[1], t)
    return [_maybe_unverifiable(c, unverifiable)] if c is not None else []


def ratio_step(toks: list[Token], k: int, unverifiable: re.Match | None) -> list[Claim] | None:
    """A，B，…率r%: B ÷ A, two amounts of one unit right before a named ratio."""
    t, (prev, prev2) = toks[k], _previous(toks, k)
    if not (
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
        return None
    # 来信96件，来访158件，网上信访158件，按期办结率98.5%: three or more counts of one unit in a row are
    # a list of parts, not a whole and its part (#13).
    prev3 = toks[k - 3] if k > 2 else None
    if prev3 is not None and prev3.dim == prev2.dim and prev3.role in (*LEVELS, "new"):
        return []
    c = _rate(prev2, prev, t)
    return [c] if c is not None else []


# Tried in this order; the first that fits token k decides (an if/elif chain, named).
PAIR_STEPS: tuple[Step, ...] = (
    completion_step,
    rate_step,
    increment_after_rate_step,
    points_step,
    multiple_step,
    multiple_of_step,
    avg_growth_step,
    ratio_step,
)
# Each step fits one role of token k (or two): only those are tried, in PAIR_STEPS order.
_STEP_ROLES = {
    completion_step: ("of",),
    rate_step: ("rate",),
    increment_after_rate_step: ("inc",),
    points_step: ("pp",),
    multiple_step: ("times-growth", "times"),
    multiple_of_step: ("times",),
    avg_growth_step: ("rate-avg",),
    ratio_step: ("ratio",),
}
STEPS_BY_ROLE: dict[str, tuple[Step, ...]] = {
    role: tuple(s for s in PAIR_STEPS if role in _STEP_ROLES[s])
    for role in {r for rs in _STEP_ROLES.values() for r in rs}
}


def _fanfan_after(toks: list[Token], k: int, text: str) -> list[Claim]:
    """由A增加到B，翻了一番: B ÷ A about 2ⁿ."""
    t, (prev, _) = toks[k], _previous(toks, k)
    if t.role == "to" and prev is not None and prev.role == "from":
        m = FANFAN_RE.match(text, t.q.end)
        if m:
            return [_fanfan(prev, t, m)]
    return []


__all__ = ["IMPOSSIBLE", "INF", "named_share_claims", "sentence_claims"]
