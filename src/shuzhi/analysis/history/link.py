"""Linking a report to the same person's earlier reports: repeated shortcomings, plans never reported on,
figures that disagree. Pure functions of documents; the gathering from the index, and the passage alignment
behind recycled achievements, are in shuzhi.pipeline.history."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ...figures.extract import diagnose_same
from ..document import AnalysedDocument as Document
from . import statements as _figures
from .items import Item, content, fold, items_of, part_spans, same_item


@dataclass
class Earlier:
    """One of the person's earlier reports, as the index holds it."""

    doc: Document
    year: int
    source: str
    id: int | None = None
    person: str | None = None
    unit: str | None = None  # the unit it was written for (index or manifest), when known

    @property
    def label(self) -> str:
        return f"{self.year}年报告《{self.source}》"


@dataclass
class Repeat:
    item: Item
    earlier: Earlier
    earlier_item: Item
    score: float
    years: list[int] = field(default_factory=list)  # every year it was written, this one included, ascending
    in_a_row: int = 2  # consecutive years up to this one


@dataclass
class Unreported:
    plan: Item
    earlier: Earlier
    found: float  # share of the plan's distinctive words found in one paragraph of this year's duties
    best: tuple[int, int] | None  # that paragraph


@dataclass
class Recycled:
    start: int
    end: int
    earlier: Earlier
    earlier_start: int
    earlier_end: int
    chars: int
    identity: float


@dataclass
class Disagreement:
    now: _figures.Statement
    then: _figures.Statement
    earlier: Earlier
    diagnosis: str | None = None  # a likely slip (万↔亿, a digit), in Chinese


def repeated_shortcomings(
    doc: Document,
    year: int,
    earlier: Sequence[Earlier],
    phrases: tuple[str, ...],
    *,
    is_common: Callable[[str], bool] = lambda _: False,
    dice: float = 0.5,
    containment: float = 0.8,
) -> list[Repeat]:
    """This year's shortcomings that the same person already wrote in an earlier year (stock language masked)."""
    older = sorted((e for e in earlier if e.year < year), key=lambda e: -e.year)
    their_items = {id(e): [(it, content(it.text, phrases)) for it in items_of(e.doc, "shortcomings")] for e in older}
    out: list[Repeat] = []
    for it in items_of(doc, "shortcomings"):
        c = content(it.text, phrases)
        if is_common(c):
            continue
        hits: list[tuple[Earlier, Item, float, str]] = []
        for e in older:
            best = None
            for other, oc in their_items[id(e)]:
                s = same_item(c, oc, dice=dice, containment=containment)
                if s is not None and (best is None or s > best[2]):
                    best = (e, other, s, oc)
            if best:
                hits.append(best)
        if not hits:
            continue
        e, other, score, _ = hits[0]  # the most recent earlier year that has it
        years = sorted({h[0].year for h in hits} | {year})
        in_a_row = 1
        while year - in_a_row in years:
            in_a_row += 1
        out.append(Repeat(it, e, other, score, years, in_a_row))
    return out


# Words every plan uses: they say nothing about which work was planned.
_PLAN_WORDS = re.compile(
    r"一是|二是|三是|四是|五是|六是|加快|推进|推动|力争|完成|建设|加强|进一步|全面|扎实|持续|着力|努力|积极|切实|"
    r"不断|深入|做好|抓好|重点|工作|年内|全年|今后|明年|下一步|继续|实现|开展|启动|确保|提高|提升|解决|问题|新建|建成"
)


def _distinctive(text: str, phrases: tuple[str, ...]) -> set[str]:
    c = _PLAN_WORDS.sub("", content(text, phrases))
    c = re.sub(r"0+", "", c)
    return {c[i : i + 2] for i in range(len(c) - 1)}


def unreported_plans(
    doc: Document,
    year: int,
    earlier: Sequence[Earlier],
    phrases: tuple[str, ...],
    *,
    is_common: Callable[[str], bool] = lambda _: False,
    found: float = 0.35,
) -> list[Unreported]:
    """Last year's plans of which no paragraph of this year's duties part says anything (heuristic)."""
    last = [e for e in earlier if e.year == year - 1]
    if not last:
        return []
    e = last[0]
    paras = []
    body = part_spans(doc, "body")
    for a, b in doc.paragraphs:
        if any(s <= a < t for s, t in body):
            f = fold(doc.text[a:b])
            paras.append(((a, b), {f[i : i + 2] for i in range(len(f) - 1)}))
    if not paras:
        return []
    out = []
    for plan in items_of(e.doc, "plans"):
        if is_common(content(plan.text, phrases)):
            continue  # a plan many people write says nothing about this person's work
        words = _distinctive(plan.text, phrases)
        if len(words) < 6:
            continue  # too generic to tell whether it was done
        share, where = max(((len(words & grams) / len(words), span) for span, grams in paras), key=lambda t: t[0])
        if share < found:
            out.append(Unreported(plan, e, share, where))
    return out


def figure_disagreements(
    doc: Document, year: int, earlier: Sequence[Earlier], *, unit: str | None = None
) -> list[Disagreement]:
    """The same indicator's value for the same year, stated differently here and in an earlier report.

    Reports written for another unit (a person moved from one county to another) are not compared: the same
    indicator there is another place's figure. Compared when either unit is unknown.
    """
    mine = _figures.statements(doc, year)
    out: list[Disagreement] = []
    for e in sorted((e for e in earlier if e.year < year), key=lambda e: -e.year):
        if unit and e.unit and unit != e.unit:
            continue
        theirs: dict[tuple, list[_figures.Statement]] = {}
        for st in _figures.statements(e.doc, e.year):
            theirs.setdefault(st.key, []).append(st)
        for st in mine:
            then = theirs.get(st.key)
            # Only when it disagrees with every value that report gives for it (a report may itself be inconsistent).
            disagrees = then and all(_figures.disagree(st.quantity, t.quantity) for t in then)
            if disagrees and not any(d.now is st for d in out):
                out.append(Disagreement(st, then[0], e, diagnose_same(then[0].quantity, st.quantity)))
    return sorted(out, key=lambda d: d.now.quantity.start)
