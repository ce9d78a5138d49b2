"""Gathering a report's history from the index: the same person's earlier reports and which of this
report's shortcomings are common language (found in other people's reports)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .identity import Identity, canonical, identify
from .items import MIN_CONTENT, content, items_of, mask, stock_phrases
from .link import Earlier
from .shared import Document, Lexicons, loads

COMMON_AUTHORS = 2  # other people whose reports contain an item: from then on it is common language


@dataclass
class HistoryContext:
    """What the H rules get besides the document (``extra={"history": …}``)."""

    identity: Identity
    year: int | None
    earlier: list[Earlier] = field(default_factory=list)
    common: frozenset[str] = frozenset()  # masked contents of this report's items that other people also wrote
    phrases: tuple[str, ...] = ()
    note: str | None = None  # why there is no history, in Chinese

    def to_dict(self) -> dict:
        return {
            "person": self.identity.person,
            "year": self.year,
            "identity": self.identity.to_dict(),
            "earlier": [{"year": e.year, "source": e.source, "id": e.id} for e in self.earlier],
            "note": self.note,
        }


def person_of(meta, aliases: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """The person an index entry belongs to (its person, or unit + post when only those are known)."""
    return canonical(meta.person, aliases) if meta.person else None


def reports_of(index, person: str, aliases: Mapping[str, Sequence[str]] | None = None) -> list:
    """The person's reports in the index (IndexedDoc), oldest first; templates are nobody's."""
    docs = [d for d in index.docs() if d.meta.kind == "report" and person_of(d.meta, aliases) == person]
    return sorted(docs, key=lambda d: (d.meta.year or 0, d.id))


def load_indexed(index, doc_id: int) -> tuple[object, Document]:
    info, text = index.doc(doc_id)
    return info, loads(text, source=info.meta.source or f"索引文档 #{info.id}")


def history_context(
    doc: Document,
    index,
    *,
    identity: Identity | None = None,
    aliases: Mapping[str, Sequence[str]] | None = None,
    lexicons: Lexicons | None = None,
    common_authors: int = COMMON_AUTHORS,
) -> HistoryContext:
    """The person's earlier reports in the index and the common-language items of ``doc``."""
    from ..similarity.index import text_key

    me = index.find_key(text_key(doc.text))
    if identity is None:
        identity = identify(doc, index_meta=me.meta if me is not None else None, aliases=aliases)
    phrases = stock_phrases(lexicons)
    year = identity.year
    if not identity.person or not year:
        why = "无法判断作者" if not identity.person else "无法判断年度"
        return HistoryContext(identity, year, phrases=phrases, note=f"{why}，未与往年报告比对")
    earlier = []
    for d in reports_of(index, identity.person, aliases):
        if (me is not None and d.id == me.id) or not d.meta.year or d.meta.year >= year:
            continue
        _, edoc = load_indexed(index, d.id)
        earlier.append(Earlier(edoc, d.meta.year, edoc.source, d.id, identity.person))
    common = common_language(doc, year, earlier, index, identity.person, phrases, aliases, common_authors)
    note = None if earlier else f"索引中没有{identity.person}{year}年以前的报告"
    return HistoryContext(identity, year, earlier, common, phrases, note)


def common_language(
    doc: Document,
    year: int,
    earlier: Sequence[Earlier],
    index,
    person: str,
    phrases: tuple[str, ...],
    aliases: Mapping[str, Sequence[str]] | None = None,
    authors: int = COMMON_AUTHORS,
) -> frozenset[str]:
    """The common-language contents the H rules must not use: this report's shortcomings and last year's plans
    that other people wrote too."""
    out = set(common_items(doc, index, person, phrases, aliases=aliases, authors=authors))
    for e in earlier:
        if e.year == year - 1:
            out |= common_items(e.doc, index, person, phrases, kind="plans", aliases=aliases, authors=authors)
    return frozenset(out)


def common_items(
    doc: Document,
    index,
    person: str,
    phrases: tuple[str, ...],
    *,
    kind: str = "shortcomings",
    aliases: Mapping[str, Sequence[str]] | None = None,
    authors: int = COMMON_AUTHORS,
) -> frozenset[str]:
    """Contents of the report's shortcomings (or plans) found in the reports of ``authors`` or more other people
    (or made of fingerprints the index already holds common): common language, never a person's own."""
    out = set()
    for it in items_of(doc, kind):
        c = content(it.text, phrases)
        if len(c) < MIN_CONTENT:
            continue
        fp = index.fingerprint(it.text)
        _, hashes = fp.winnowed
        if not len(hashes):
            continue
        cands, common = index.candidates(fp, limit=50)
        q = {int(h) >> 32 for h in hashes}
        if len(common) and len(q & set(common.tolist())) * 2 >= len(q):
            out.add(c)
            continue
        others = set()
        for doc_id, shared, _bands in cands:
            if not shared:
                continue
            info, text = index.doc(doc_id)
            who = person_of(info.meta, aliases)
            if who == person or info.meta.kind != "report":
                continue
            if fuzz.partial_ratio(c, mask(text, phrases)) >= 90:
                others.add(who or f"#{doc_id}")
        if len(others) >= authors:
            out.add(c)
    return frozenset(out)


def check_with_history(doc: Document, config, index):
    """`check --index` and `review --index`: every rule, the copy rules and the H rules, against the index.

    The H rules get the person's earlier reports from the index; ``result.profile["history"]`` says whose
    history it was (identity with its evidence) and which reports it was compared with.
    """
    from ..similarity.sources import check_with_index

    hist = history_context(
        doc,
        index,
        aliases=config.history.get("aliases"),
        lexicons=config.lexicons,
        common_authors=config.history.get("common-authors", COMMON_AUTHORS),
    )
    result = check_with_index(doc, config, index, provides=("history",), extra={"history": hist})
    result.profile["history"] = hist.to_dict()
    return result
