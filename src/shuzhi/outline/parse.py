"""The outline of a report: title, opening, numbered and topic-sentence sections, closing.

parse_outline runs named steps: the title and the first paragraph (shuzhi.outline.title), the
heading candidates (shuzhi.outline.heads), where the wrap-up begins (shuzhi.outline.wrapup), the
section tree, then the opening and the closing around it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..model.document import Document
from ..text.fastre import needles
from . import cues
from .enumerations import cn_number, find_items
from .heads import (
    _ITEM_START,
    _Head,
    _is_label_line,
    _is_vendor_line,
    _label_kind,
    _numbered_heads,
    _restarted_parts,
    _sentence_end,
    _topic_heads,
)
from .parts import shortcomings_before_plans, split_combined
from .sections import Outline, Section, outline_to_dict, outline_to_text
from .title import _find_title, find_title, first_after_title
from .wrapup import _trim_end, _wrapup_sections, _wrapup_start

__all__ = [
    "Outline",
    "Section",
    "cn_number",
    "find_items",
    "find_title",
    "first_after_title",
    "outline_to_dict",
    "outline_to_text",
    "parse_outline",
]


def parse_outline(doc: Document) -> Outline:
    text = doc.text
    paras = doc.paragraphs
    out = Outline()
    if not paras:
        return out
    t = _find_title(text, paras)
    if t is not None:
        out.title = paras[t]
    first = first_after_title(text, paras, t)
    if first >= len(paras):
        return out
    # A vendor's line at the very end ("…整理，咨询QQ…") is neither a part nor the closing.
    while len(paras) > first + 1 and _is_vendor_line(text[paras[-1][0] : paras[-1][1]]):
        paras = paras[:-1]
    body = _body(text, paras, first)
    out.sections = body.roots
    sec_start = min((s.start for s in body.roots), default=None)
    _set_opening(out, text, paras, first, body, sec_start)
    _set_closing(out, text, paras, first, body, sec_start)
    out.items = find_items(text)
    return out


@dataclass
class _Body:
    """The sections and where the body ends: wrapup is the index of the wrap-up's first paragraph."""

    roots: list[Section]
    wrapup: int | None
    body_end: int
    content_end: int
    formula: int | None


def _heads(text: str, paras, first: int) -> list[_Head]:
    """Numbered headings, short label lines that name the shortcomings or plans part, restarted series."""
    heads = _numbered_heads(text, paras, first)
    starts = {h.start for h in heads}
    for a, b in paras[first + 1 :]:
        if not 2 <= b - a <= 20:  # no label line (_is_label_line): most paragraphs, not copied
            continue
        line = text[a:b]
        if a not in starts and _is_label_line(line) and _label_kind(line) != "body":
            heads.append(_Head(a, b, 1, "", None, "label", source="label", heading_end=b))
    heads.sort(key=lambda h: h.start)
    return _restarted_parts(text, paras, heads)


def _last_part_named(text: str, heads: list[_Head]) -> bool:
    """The last top-level part is already headed as shortcomings or plans."""
    tops = [h for h in heads if h.rank <= 1]
    return bool(tops) and (
        tops[-1].kind != "body"
        or _label_kind(text[tops[-1].start + len(tops[-1].marker) : tops[-1].heading_end]) != "body"
    )


def _body(text: str, paras, first: int) -> _Body:
    """The section tree of the body and the paragraph-form parts of the wrap-up after it."""
    content_end = paras[-1][1]
    heads = _heads(text, paras, first)
    wi = _wrapup_start(text, paras, first + 1, heads, _last_part_named(text, heads))
    body_end_i = wi if wi is not None else len(paras)
    topic_mode = not any(h.rank == 1 and h.source == "numbered" for h in heads)
    if topic_mode:
        topics = _topic_heads(text, paras, first + 1, body_end_i, heads)
        if topics:
            heads = sorted(heads + topics, key=lambda h: h.start)
    body_end = paras[body_end_i][0] if wi is not None else content_end
    roots = _build_tree([h for h in heads if h.start < body_end], text, body_end)
    _set_kinds(text, paras, roots)
    for r in roots:
        for s in r.walk():
            s.end = max(_trim_end(text, s.end), s.heading_start)
            s.heading_end = min(s.heading_end, s.end)
    if topic_mode:
        _close_topics(text, paras, roots, body_end)
    split_combined(text, paras, roots)
    shortcomings_before_plans(text, paras, roots)
    formula = None
    if wi is not None:
        have = {s.kind for r in roots for s in r.walk()}
        extra, formula = _wrapup_sections(text, paras, wi, content_end, have)
        roots.extend(extra)
    return _Body(roots, wi, body_end, content_end, formula)


def _set_opening(out: Outline, text: str, paras, first: int, body: _Body, sec_start: int | None) -> None:
    """The opening runs from the first paragraph to the first section; its 现将…报告如下 sentence."""
    open_end = sec_start if sec_start is not None else (body.body_end if body.wrapup is not None else paras[first][1])
    if open_end > paras[first][0]:
        out.opening = (paras[first][0], _trim_end(text, open_end))
        m = cues.STATEMENT.search(text, out.opening[0], out.opening[1])
        if m:
            out.opening_statement = (m.start(), _sentence_end(text, m.end(), out.opening[1]))


def _set_closing(out: Outline, text: str, paras, first: int, body: _Body, sec_start: int | None) -> None:
    """The closing formula through the end; else a final paragraph that stands outside the body."""
    if body.formula is not None:
        out.closing_formula = (body.formula, _sentence_end(text, body.formula, body.content_end))
        out.closing = (body.formula, body.content_end)
        return
    la, lb = paras[-1]
    in_body = any(s.kind == "body" and s.start <= la < s.end for r in body.roots for s in r.walk())
    if not in_body and la >= (sec_start or 0) and (body.roots or body.wrapup is not None) and la > paras[first][0]:
        out.closing = (la, lb)


def _build_tree(heads: list[_Head], text: str, body_end: int) -> list[Section]:
    roots: list[Section] = []
    stack: list[tuple[int, Section]] = []
    for h in heads:
        sec = Section(
            math.ceil(h.rank) or 1,
            h.marker,
            h.start,
            h.heading_end,
            h.start,
            body_end,
            h.kind,
            number=h.number,
            source=h.source,
        )
        while stack and stack[-1][0] >= h.rank:
            stack.pop()[1].end = h.start
        if stack:
            parent = stack[-1][1]
            sec.depth = parent.depth + 1
            parent.children.append(sec)
        else:
            roots.append(sec)
        stack.append((h.rank, sec))
    return roots


def _set_kinds(text: str, paras, roots: list[Section]) -> None:
    words = _LABEL_WORDS.search if _LABEL_WORDS is not None else None
    for s in roots:
        for sec in s.walk():
            if sec.kind == "body" and sec.source in ("numbered", "label"):
                a = sec.heading_start + len(sec.marker)
                if words is not None and words(text, a, min(sec.heading_end, a + 40)) is None:
                    continue  # no word a label needs in the 40 characters _label_kind reads: a body part
                sec.kind = _label_kind(text[a : sec.heading_end])


def _label_words() -> re.Pattern | None:
    """The words one of which every match of SHORT_HEAD and of PLAN_HEAD holds (fastre.needles), as one
    pattern: where it finds none, _label_kind says "body" (most of a law's 19,000 numbered items)."""
    found = [needles(p.pattern, p.flags) for p in (cues.SHORT_HEAD, cues.PLAN_HEAD)]
    if any(n is None for n in found):
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(set().union(*found), key=len, reverse=True)))


_LABEL_WORDS = _label_words()


def _close_topics(text: str, paras, roots: list[Section], body_end: int) -> None:
    """A topic-sentence part holds its paragraph and the numbered or 一是 paragraphs after it;
    a plain paragraph after the last one (an aphorism, a pledge) stands outside it."""
    topics = [s for s in roots if s.source == "topic"]
    if not topics:
        return
    last = topics[-1]
    end = next(b for a, b in paras if a == last.start)
    if last.heading_end == end:
        return  # a heading line: its part is what follows it
    for a, b in paras:
        if a <= last.start or a >= body_end:
            continue
        line = text[a:b]
        if _ITEM_START.match(line) or any(c.start == a for c in last.walk()):
            end = b
        else:
            break
    last.end = end
    for c in last.walk():
        c.end = min(c.end, end)
