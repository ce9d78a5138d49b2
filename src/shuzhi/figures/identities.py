"""Sums that hold by definition (三次产业 → 地区生产总值, 税收 + 非税 → 一般公共预算收入), from figures.toml or the config."""

from __future__ import annotations

from ..lexicons.loader import builtin
from .claims import CONSISTENT, INCONSISTENT, Claim, overlaps
from .quantities import Quantity

_AMOUNTS = ("currency", "count", "measure")
# Words that make a figure something other than this year's level: a growth, a plan, another year.
_NOT_LEVEL = ("增长", "增加", "下降", "减少", "提高", "目标", "计划", "预计", "力争", "上年", "去年", "同比", "占")


def _named(q: Quantity, names: list[str], exclude: list[str] = ()) -> str | None:
    ind = q.indicator.replace("增加值", "")
    if any(w in ind for w in _NOT_LEVEL) or any(w in q.indicator for w in exclude):
        return None
    for n in sorted(names, key=len, reverse=True):
        if n.replace("增加值", "") in ind and n in q.indicator:
            return n
    return None


def _is_whole(q: Quantity, whole: list[str], part_names: list[str], exclude) -> bool:
    """Named by the whole, and not by a longer part name (正式党员 holds 党员, 城镇户籍人口 holds 户籍人口;
    进出口总额 holds 出口 but is the whole)."""
    w = _named(q, whole, exclude)
    if not w:
        return False
    p = _named(q, part_names, exclude)
    return not p or len(p) <= len(w)


def identity_claims(doc, identities: list[dict] | None = None) -> list[Claim]:
    """One claim per paragraph and identity whose whole and every part are stated there."""
    table = identities if identities is not None else builtin().get("figures.identities", [])
    qs = [q for q in doc.quantities if q.kind in _AMOUNTS and q.qualifier in ("", None)]
    out: list[Claim] = []
    i = 0
    for pa, pb in doc.paragraphs:
        para = []
        while i < len(qs) and qs[i].start < pb:
            if qs[i].start >= pa:
                para.append(qs[i])
            i += 1
        if len(para) < 3:
            continue
        text = doc.text[pa:pb]
        for ident in table:
            if any(w in text for w in ident.get("unless", ())):
                continue  # the paragraph names a part the identity leaves out (早稻 beside 夏粮 and 秋粮)
            exclude = ident.get("not", ())
            part_names = [n for names in ident["parts"] for n in names]
            wholes = [q for q in para if _is_whole(q, ident["whole"], part_names, exclude)]
            if len(wholes) != 1:
                continue  # none, or two values of the whole (this year and last): not sure which
            whole = wholes[0]
            parts: list[Quantity] = []
            for names in ident["parts"]:
                found = [
                    q
                    for q in para
                    if q is not whole
                    and q.unit == whole.unit
                    and q.kind == whole.kind
                    and not _is_whole(q, ident["whole"], part_names, exclude)
                    and _named(q, part_names, exclude) in names  # 非经营性收入 holds 经营性收入: the longest name wins
                    and q not in parts
                ]
                if len(found) != 1:
                    parts = []
                    break
                parts.append(found[0])
            if len(parts) < 2:
                continue
            lo = sum(p.lo for p in parts)
            hi = sum(p.hi for p in parts)
            ok = overlaps((lo, hi), (whole.lo, whole.hi))
            start = min(whole.start, *(p.start for p in parts))
            end = max(whole.end, *(p.end for p in parts))
            out.append(
                Claim(
                    "sum",
                    CONSISTENT if ok else INCONSISTENT,
                    start,
                    end,
                    " + ".join(p.text for p in parts) + f" = {whole.text}",
                    {"whole": whole, **{f"part{k + 1}": p for k, p in enumerate(parts)}},
                    whole,
                    (lo, hi),
                    reason=ident["name"],
                    extra={"identity": ident["name"]},
                )
            )
    return out


def config_identities(lexicons) -> list[dict]:
    """The identities a config adds to the built-in list ([lexicons] "figures.identities")."""
    base = builtin().get("figures.identities", [])
    return [i for i in lexicons.get("figures.identities") if i not in base]
