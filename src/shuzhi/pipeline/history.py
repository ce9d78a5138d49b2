"""Gathering a report's history from the index: the same person's earlier reports, the passages of this
year's duties found in theirs, and which items are common language (found in other people's reports).
The I/O and the alignment live here; the H rules only turn the result into findings."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from ..analysis.history.context import HistoryContext
from ..analysis.history.identity import Identity, canonical, identify
from ..analysis.history.items import MIN_CONTENT, content, items_of, mask, part_spans, stock_phrases
from ..analysis.history.link import Earlier, Recycled
from ..lexicons.loader import Lexicons
from ..loaders import loads
from ..model.document import Document
from ..similarity.compare import compare
from ..similarity.index.store import text_key
from .copycheck import check_with_index

COMMON_AUTHORS = 2  # other people whose reports contain an item: from then on it is common language


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
    declared: dict | None = None,
) -> HistoryContext:
    """The person's earlier reports in the index and the common-language items of ``doc``.

    ``declared``: what a review's reviewer said about the author (options, manifest row), before the index's record.
    """
    me = index.find_key(text_key(doc.text))
    if identity is None:
        identity = identify(doc, index_meta=me.meta if me is not None else None, aliases=aliases, **(declared or {}))
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
        earlier.append(Earlier(edoc, d.meta.year, edoc.source, d.id, identity.person, d.meta.unit))
    common = common_language(doc, year, earlier, index, identity.person, phrases, aliases, common_authors)
    note = None if earlier else f"索引中没有{identity.person}{year}年以前的报告"
    return HistoryContext(identity, year, earlier, common, phrases, recycled_passages(doc, year, earlier), note)


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


def check_with_history(doc: Document, config, index, *, declared: dict | None = None):
    """`check --index` and `review --index`: every rule, the copy rules and the H rules, against the index.

    The H rules get the person's earlier reports from the index; ``result.profile["history"]`` says whose
    history it was (identity with its evidence) and which reports it was compared with. ``declared`` (a review:
    the options and manifest row of pipeline.authors) comes before the index's record; the Result then carries
    the identity, and the person it names decides which indexed reports are the author's own (本人).
    """
    hist = history_context(
        doc,
        index,
        aliases=config.history.get("aliases"),
        lexicons=config.lexicons,
        common_authors=config.history.get("common-authors", COMMON_AUTHORS),
        declared=declared,
    )
    person = hist.identity.person if declared is not None else None
    result = check_with_index(doc, config, index, provides=("history",), extra={"history": hist}, person=person)
    result.profile["history"] = hist.to_dict()
    if declared is not None:
        result.identity = hist.identity.to_dict()
    return result


def recycled_passages(doc: Document, year: int, earlier: Sequence[Earlier], *, min_chars: int = 13) -> list[Recycled]:
    """Passages of this year's duties part found in the duties part of an earlier year's report (formulas
    masked), each named after the oldest report it is found in. H603 keeps those above its own thresholds."""
    body = part_spans(doc, "body")
    out: list[Recycled] = []
    taken: list[tuple[int, int]] = []
    for e in sorted((e for e in earlier if e.year < year), key=lambda e: e.year):
        their_body = part_spans(e.doc, "body")
        for m in compare(doc, e.doc).matches:
            if m.chars < min_chars:
                continue
            if not any(s <= m.a_start < t for s, t in body) or not any(s <= m.b_start < t for s, t in their_body):
                continue
            if any(a < m.a_end and m.a_start < b for a, b in taken):
                continue  # already found in an older report: name the first one it came from
            taken.append((m.a_start, m.a_end))
            out.append(Recycled(m.a_start, m.a_end, e, m.b_start, m.b_end, m.chars, m.identity))
    return sorted(out, key=lambda r: r.start)


# ---- rule examples that span years -------------------------------------------------------------

_YEAR_MARK = re.compile(r"【((?:19|20)\d\d)年报告】\n?")


def split_example(text: str) -> list[tuple[int, str]]:
    """(year, text) of each report in an example "【2022年报告】…【2023年报告】…", in order."""
    parts = _YEAR_MARK.split(text)
    return [(int(parts[i]), parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


def example_context(text: str, lexicons: Lexicons | None = None) -> tuple[Document, HistoryContext]:
    """The last report of an H rule's example and a history made of the ones before it (all one person's)."""
    phrases = stock_phrases(lexicons)
    reports = split_example(text)
    if not reports:
        doc = loads(text, source="example")
        return doc, HistoryContext(identify(doc), None, phrases=phrases)
    docs = [(y, loads(t, source=f"{y}年报告")) for y, t in reports]
    year, doc = docs[-1]
    ident = identify(doc)
    ident.person = ident.person or "示例"
    ident.year = year
    earlier = [Earlier(d, y, d.source, None, ident.person) for y, d in docs[:-1]]
    return doc, HistoryContext(ident, year, earlier, frozenset(), phrases, recycled_passages(doc, year, earlier))
