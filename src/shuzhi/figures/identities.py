"""Sums that hold by definition (三次产业 → 地区生产总值, 税收 + 非税 → 一般公共预算收入), from figures.toml or the config."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from decimal import Decimal

from ..lexicons.loader import builtin
from .claims import CONSISTENT, INCONSISTENT, Claim, overlaps
from .quantities import Quantity

_AMOUNTS = ("currency", "count", "measure")
# Words that make a figure something other than this year's level: a growth, a plan, another year.
_NOT_LEVEL = ("增长", "增加", "下降", "减少", "提高", "目标", "计划", "预计", "力争", "上年", "去年", "同比", "占")
# Any of them in an indicator: one search instead of a test per word (_named runs ~19 times a seed report).
_NOT_LEVEL_RE = re.compile("|".join(map(re.escape, _NOT_LEVEL)))


def _named(q: Quantity, names: list[str], exclude: list[str] = ()) -> str | None:
    ind = q.indicator.replace("增加值", "")
    if _NOT_LEVEL_RE.search(ind) or any(w in q.indicator for w in exclude):
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
    """One claim per paragraph and identity whose whole and every part are stated there; parts may share
    one name in a 分别 list (第一、二、三产业增加值分别为…), and shares of every part must make 100%."""
    table = identities if identities is not None else builtin().get("figures.identities", [])
    qs = [q for q in doc.quantities if q.kind in _AMOUNTS and q.qualifier in ("", None)]
    out: list[Claim] = []
    paras = doc.paragraphs
    for k, para in _claimable_paragraphs(doc.text, paras, qs):
        pa, pb = paras[k]
        text = doc.text[pa:pb]
        listing = "分别" in text
        lists = _lists(doc, pa, pb) if listing else []
        if len(para) < 3 and not lists:
            continue
        for ident in table:
            named = any(w in text for w in ident["whole"])
            if not lists and not named:
                continue  # no 分别 list to read and no whole named: nothing to claim (most pairs)
            if any(w in text for w in ident.get("unless", ())):
                continue  # the paragraph names a part the identity leaves out (早稻 beside 夏粮 and 秋粮)
            listed = _listed_parts(ident, lists)
            for shares in listed.pop("shares", []):
                out.append(_shares_claim(ident, shares))
            # A sum needs a figure named by the whole, in its indicator: text of its own line ("\n" ends
            # every clause), so a paragraph that never names the whole holds none (most paragraphs).
            if not named:
                continue
            claim = _sum_claim(ident, para, listed)
            if claim is not None:
                out.append(claim)
    return out


def _claimable_paragraphs(text: str, paras: list[tuple[int, int]], qs: list[Quantity]):
    """(paragraph index, its figures) of the paragraphs holding three figures or a 分别, in order; the figures
    of a paragraph are those that start in it, each given to the first paragraph from the previous one's on that
    ends after its start (as a walk over every paragraph taking the figures in turn does). Found from the
    figures' starts and the text's 分别s by bisection, not by a step per paragraph (a law has ~100)."""
    ends = [b for _, b in paras]
    n = len(paras)
    held: dict[int, list[Quantity]] = {}
    k = 0
    for q in qs:
        k = bisect_right(ends, q.start, k)
        if k == n:
            break
        if q.start >= paras[k][0]:
            held.setdefault(k, []).append(q)
    wanted = {k for k, para in held.items() if len(para) >= 3}
    starts = [a for a, _ in paras]
    at = text.find("分别")
    while at >= 0:
        k = bisect_right(starts, at) - 1
        if k >= 0 and at + 2 <= paras[k][1]:
            wanted.add(k)
        at = text.find("分别", at + 1)
    return [(k, held.get(k, [])) for k in sorted(wanted)]


def _sum_claim(ident: dict, para: list[Quantity], listed: dict[int, Quantity]) -> Claim | None:
    exclude = ident.get("not", ())
    part_names = [n for names in ident["parts"] for n in names]
    taken = set(map(id, listed.values()))
    wholes = [q for q in para if id(q) not in taken and _is_whole(q, ident["whole"], part_names, exclude)]
    if len(wholes) != 1:
        return None  # none, or two values of the whole (this year and last): not sure which
    whole = wholes[0]
    parts: list[Quantity] = []
    for k, names in enumerate(ident["parts"]):
        if k in listed:
            q = listed[k]
            if q.unit != whole.unit or q.kind != whole.kind:
                return None
            parts.append(q)
            continue
        found = [
            q
            for q in para
            if q is not whole
            and id(q) not in taken
            and q.unit == whole.unit
            and q.kind == whole.kind
            and not _is_whole(q, ident["whole"], part_names, exclude)
            and _named(q, part_names, exclude) in names  # 非经营性收入 holds 经营性收入: the longest name wins
            and q not in parts
        ]
        if len(found) != 1 or _split_from_another(found[0], whole, para):
            return None
        parts.append(found[0])
    if len(parts) < 2:
        return None
    lo = sum(p.lo for p in parts)
    hi = sum(p.hi for p in parts)
    ok = overlaps((lo, hi), (whole.lo, whole.hi))
    return Claim(
        "sum",
        CONSISTENT if ok else INCONSISTENT,
        min(whole.start, *(p.start for p in parts)),
        max(whole.end, *(p.end for p in parts)),
        " + ".join(p.text for p in parts) + f" = {whole.text}",
        {"whole": whole, **{f"part{k + 1}": p for k, p in enumerate(parts)}},
        whole,
        (lo, hi),
        reason=ident["name"],
        extra={"identity": ident["name"]},
    )


def _split_from_another(part: Quantity, whole: Quantity, para: list[Quantity]) -> bool:
    """其中 makes a figure a part of the figure it splits: “常住人口32.5万人，其中城镇人口18.6万人；户籍人口…”
    — 城镇人口 there is a part of 常住人口, not of 户籍人口 (#13)."""
    if not part.indicator.lstrip("，,：: ").startswith("其中"):
        return False
    before = [q for q in para if q.end <= part.start and q.unit == part.unit and q.kind == part.kind]
    return bool(before) and before[-1] is not whole


# ---- parts that share one name in a 分别 list --------------------------------------------------
# "第一、二、三产业增加值分别为a、b和c"; "税收、非税收入分别完成a和b"; "城镇和乡村分别实现消费品零售额a、b";
# "三次产业增加值占地区生产总值的比重分别为x%、y%和z%". The names before 分别 are split at 、/和/与/及; the
# noun after the verb ("分别实现增加值") joins the last one; each name must read as one part of the identity
# (its characters in order within a part's name, the last one sharing two characters in a row with it).
_LIST_RE = re.compile(
    r"([^，。；：:,;！？\n]{2,40}?)分别(?:为|是|完成|实现|达到|达|有|占)?([\u4e00-\u9fff]{0,8}?)(?=[\d０-９])"
)
_LEAD_RE = re.compile(r"^(?:其中|全年|全县|全镇|全乡|全市|全区|今年|本年|当年|年末|截至年底)[，,：:]?")
_SHARE_RE = re.compile(r"(?:占[\u4e00-\u9fff]{0,12}?的?比重|所占比重|的比重|占比|比重)$")
_SEP_RE = re.compile(r"、|和|与|及")
# A 分别 list of growths, plans or another year is no list of this year's levels.
_LIST_NOT_LEVEL = ("增长", "增加", "下降", "减少", "提高", "拉动", "贡献", "目标", "计划", "上年", "去年", "同比")


def _lists(doc, pa: int, pb: int) -> list[tuple[list[str], list[Quantity], bool]]:
    """Every 分别 list of the paragraph: its names, its figures (in order) and whether they are shares."""
    text = doc.text
    out = []
    for m in _LIST_RE.finditer(text, pa, pb):
        head, noun = m.group(1), m.group(2)
        if any(w in (head + "，" + noun).replace("增加值", "") for w in _LIST_NOT_LEVEL):
            continue
        head = _LEAD_RE.sub("", head)
        shares = bool(_SHARE_RE.search(head) or _SHARE_RE.search(noun))
        head = _SHARE_RE.sub("", head)
        names = [n for n in _SEP_RE.split(head) if n]
        if noun and not _SHARE_RE.search(noun) and names:
            names[-1] += noun
        # The figures: consecutive after 分别, one unit, joined only by 、/和/及/与 (not a new clause).
        figs: list[Quantity] = []
        for q in doc.quantities:
            if q.start < m.end():
                continue
            if q.start >= pb:
                break
            gap = text[(figs[-1].end if figs else m.end()) : q.start]
            if figs and (gap.strip(" 、和及与") or q.dimension != figs[0].dimension):
                break
            if q.qualifier not in ("", None):
                break
            figs.append(q)
        if len(figs) >= 2 and (not shares or all(q.kind == "percent" for q in figs)):
            out.append((names, figs, shares))
    return out


def _reads_as(name: str, part: str, last: bool) -> bool:
    k = 0
    for ch in name:
        k = part.find(ch, k) + 1
        if k == 0:
            return False
    return not last or any(name[j : j + 2] in part for j in range(len(name) - 1))


def _listed_parts(ident: dict, lists) -> dict:
    """Part index -> its figure, from the 分别 lists whose names are parts of this identity; shares apart."""
    parts = ident["parts"]
    listed: dict = {}
    for names, figs, shares in lists:
        together = [t for t in ident.get("together", ()) if len(names) == 1 and t in names[0]]
        if together and len(figs) == len(parts):
            assign = list(range(len(parts)))
        else:
            if len(names) != len(figs) or len(names) < 2:
                continue
            assign = []
            for j, n in enumerate(names):
                last = j == len(names) - 1
                ks = [k for k, ns in enumerate(parts) if k not in assign and any(_reads_as(n, p, last) for p in ns)]
                if not ks:
                    assign = []
                    break
                assign.append(ks[0])
            if not assign:
                continue
        if shares:
            if len(assign) == len(parts):
                listed.setdefault("shares", []).append(figs)
            continue
        for k, q in zip(assign, figs, strict=True):
            listed.setdefault(k, q)
    return listed


def _shares_claim(ident: dict, shares: list[Quantity]) -> Claim:
    """The shares of every part of a whole make 100% (三次产业增加值占地区生产总值的比重)."""
    lo = sum(q.lo for q in shares)
    hi = sum(q.hi for q in shares)
    hundred = replace(shares[0], text="100%", value=Decimal(100), decimals=0, lo=100.0, hi=100.0, indicator="")
    return Claim(
        "sum",
        CONSISTENT if overlaps((lo, hi), (100.0, 100.0)) else INCONSISTENT,
        shares[0].start,
        shares[-1].end,
        " + ".join(q.text for q in shares) + " = 100%",
        {"whole": hundred, **{f"part{k + 1}": q for k, q in enumerate(shares)}},
        hundred,
        (lo, hi),
        reason=ident["name"],
        extra={"identity": ident["name"], "shares": True},
    )


def config_identities(lexicons) -> list[dict]:
    """The identities a config adds to the built-in list ([lexicons] "figures.identities")."""
    base = builtin().get("figures.identities", [])
    return [i for i in lexicons.get("figures.identities") if i not in base]
