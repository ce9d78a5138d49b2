"""Parts and wholes: 其中 splits, 分别 lists, shares of a named whole, totals (合计)."""

from __future__ import annotations

import re

from ..text.fastre import compile_skipping
from .claims import CONSISTENT, INCONSISTENT, Claim, iv_div, iv_scale, overlaps, percent_of, verdict
from .quantities import Quantity
from .tokens import AMOUNT_KINDS, LEVELS, Token, _adjacent, _tokens


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
                            lambda v, f=f: iv_scale(iv_div(v["part"], v["whole"]), f),
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
                lambda v, f=f: iv_scale(iv_div(v["part"], v["whole"]), f),
                f"{part.q.text} ÷ {whole.q.text} × 100%（{m.group(1)}）",
            )
        )
    return out


# A figure after a comma that names a measure of its own (林地面积, 市场主体总数, 带动周边农户,
# 城镇新增就业) is not one more part of a 其中 list: the list has ended.
# A population base (常住人口, 户籍人口, 总人口) is a whole of its own, a sibling of the one split (#13):
# “常住人口32.5万人，其中城镇人口18.6万人，户籍人口36.1万人”.
_MEASURE_HEAD_RE = compile_skipping(
    r"(?:面积|总数|总量|总额|总计|总值|规模|保有量|资金|人数|户数|就业|主体|覆盖)[^，、]{0,4}$"
    r"|^(?:全[县市区镇乡村年]|带动|联系|服务|累计|招商引资|城镇新增|新增|共|总)"
    r"|^(?:年末|年底|年初|期末)?(?:常住|户籍|总)人口(?:为|达|达到|共|有)?$"
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
