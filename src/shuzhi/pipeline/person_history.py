"""A person's reports by year with the year-over-year findings, coverage and profile: `shuzhi history`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..analysis.history.context import HistoryContext
from ..analysis.history.identity import canonical, identify
from ..analysis.history.items import stock_phrases
from ..analysis.history.link import Earlier
from ..loaders import loads
from ..model.errors import ShuzhiError
from ..model.findings import Result
from ..rules.engine import check_document
from .history import COMMON_AUTHORS, common_language, person_of, recycled_passages, reports_of

HISTORY_VERSION = 1


@dataclass
class YearEntry:
    """One report of the person, checked against the ones before it."""

    year: int | None
    source: str
    id: int
    result: Result
    context: HistoryContext

    @property
    def history_findings(self) -> list:
        return [f for f in self.result.findings if f.code.startswith("H")]

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "source": self.source,
            "id": self.id,
            "identity": self.context.identity.to_dict(),
            "compared_with": [{"year": e.year, "source": e.source, "id": e.id} for e in self.context.earlier],
            "note": self.context.note,
            "findings": [f.to_dict() for f in self.history_findings],
            "other_findings": len(self.result.findings) - len(self.history_findings),
            "meta": self.result.meta,
            "profile": self.result.profile,
        }


@dataclass
class PersonHistory:
    person: str
    entries: list[YearEntry] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries:
            for f in e.history_findings:
                out[f.code] = out.get(f.code, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": HISTORY_VERSION,
            "person": self.person,
            "years": [e.year for e in self.entries],
            "counts": self.counts(),
            "reports": [e.to_dict() for e in self.entries],
        }


def known_people(index, aliases=None) -> list[str]:
    return sorted({p for d in index.docs() if d.meta.kind == "report" and (p := person_of(d.meta, aliases))})


def person_history(index, person: str, config) -> PersonHistory:
    """Every report of ``person`` in the index, oldest first, each checked (all rules, the H rules with the
    reports of earlier years)."""
    aliases = config.history.get("aliases")
    who = canonical(person, aliases)
    docs = reports_of(index, who, aliases)
    if not docs:
        people = known_people(index, aliases)
        listed = (
            "、".join(people[:20]) + ("……" if len(people) > 20 else "") if people else "（索引中没有登记姓名的报告）"
        )
        raise ShuzhiError(
            f"索引 {index.path} 中没有“{person}”的报告。加入时用 `shuzhi index add --index 目录 文件 --person 姓名 "
            f"--year 年度` 登记作者；索引中有报告的人：{listed}",
            code="E402",
        )
    loaded = []
    for d in docs:
        info, text = index.doc(d.id)
        loaded.append((d, loads(text, source=info.meta.source or f"索引文档 #{d.id}")))
    out = PersonHistory(who)
    phrases = stock_phrases(config.lexicons)
    for d, doc in loaded:
        ident = identify(doc, index_meta=d.meta, aliases=aliases)
        ident.person = who
        year = d.meta.year
        earlier = [
            Earlier(o, od.meta.year, o.source, od.id, who, od.meta.unit)
            for od, o in loaded
            if od.id != d.id and od.meta.year and year and od.meta.year < year
        ]
        authors = config.history.get("common-authors", COMMON_AUTHORS)
        common = common_language(doc, year, earlier, index, who, phrases, aliases, authors) if year else frozenset()
        note = None
        if not year:
            note = "索引中没有登记年度，未与其他年度比对（加入时用 --year 登记）"
        elif not earlier:
            note = "最早的一份，没有可比对的往年报告"
        recycled = recycled_passages(doc, year, earlier) if year else []
        ctx = HistoryContext(ident, year, earlier, common, phrases, recycled, note)
        result = check_document(doc, config, provides=("history",), extra={"history": ctx})
        out.entries.append(YearEntry(year, doc.source, d.id, result, ctx))
    return out
