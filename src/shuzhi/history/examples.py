"""Rule examples that span years: "【2022年报告】…【2023年报告】…" — the same person's reports, the last one checked."""

from __future__ import annotations

import re

from .gather import HistoryContext
from .identity import identify
from .items import stock_phrases
from .link import Earlier
from .shared import Document, loads

_YEAR_MARK = re.compile(r"【((?:19|20)\d\d)年报告】\n?")


def split_example(text: str) -> list[tuple[int, str]]:
    """(year, text) of each report in an example, in order."""
    parts = _YEAR_MARK.split(text)
    return [(int(parts[i]), parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


def example_context(text: str, lexicons=None) -> tuple[Document, HistoryContext]:
    """The last report of the example and a history made of the ones before it (all one person's)."""
    reports = split_example(text)
    if not reports:
        doc = loads(text, source="example")
        return doc, HistoryContext(identify(doc), None, phrases=stock_phrases(lexicons))
    docs = [(y, loads(t, source=f"{y}年报告")) for y, t in reports]
    year, doc = docs[-1]
    ident = identify(doc)
    ident.person = ident.person or "示例"
    ident.year = year
    earlier = [Earlier(d, y, d.source, None, ident.person) for y, d in docs[:-1]]
    return doc, HistoryContext(ident, year, earlier, frozenset(), stock_phrases(lexicons))
