"""The report's wrap-up: where the shortcomings, plans and closing formula begin after the body."""

from __future__ import annotations

import bisect
import math
import re

from . import cues
from .heads import _ITEM_START, _SELF, _SENT_END, _Head, _is_label_line, _label_kind, _sentence_end
from .sections import Section


def _wrapup_start(text: str, paras, first: int, heads: list[_Head], formula_only: bool) -> int | None:
    """Index of the first paragraph of the report's wrap-up (shortcomings, plans, formula).

    When the last part is already headed as shortcomings or plans, only the closing
    formula (and what follows it) stands outside that part."""
    last = max(heads, key=lambda h: h.start, default=None)
    last_head = last.start if last is not None else -1
    # The paragraph right under the last heading line ("五、严以律己，廉洁从政\n一年来，我…") is
    # that part's text: a wrap-up word there ("一年来，", "回顾") does not end the part.
    # A heading line ends its paragraph with no sentence end; a numbered paragraph that is one
    # sentence ("3、进一步加强柜面管理工作，…素质。") is an item, and what follows may be the wrap-up.
    # Paragraphs are sorted and disjoint (so are their ends): found by bisection, not by a scan of all of them.
    under = None
    if last is not None and _ends_a_paragraph(paras, last.heading_end) and text[last.heading_end - 1] not in _SENT_END:
        k = bisect.bisect_left(paras, (last.heading_end,))  # the first paragraph from the heading's end on
        under = paras[k][0] if k < len(paras) else None
    half = paras[-1][1] * 2 // 5
    near = max(first, len(paras) - 6)
    # The paragraphs after the last heading and in the second half only (a law's first 90 % are not read).
    for i in range(max(first, bisect.bisect_left(paras, (max(last_head + 1, half),))), len(paras)):
        a, b = paras[i]
        if a <= last_head or a < half:
            continue
        line = text[a:b]
        if _ITEM_START.match(line):
            continue
        head = text[a : _sentence_end(text, a, b)]
        if formula_only:
            if cues.FORMULA.search(head):
                return i
            continue
        # The first two sentences: read only under the last heading and in the last paragraphs.
        second = text[a : _sentence_end(text, _sentence_end(text, a, b), b)] if a == under or i >= near else ""
        if a == under and not (cues.FORMULA.search(head) or (cues.SHORT_CUE.search(second) and _SELF.search(second))):
            # Under the heading line, only the self-criticism itself ("我清醒地认识到自身还存在…
            # 不足") or the formula starts the wrap-up.
            continue
        if (
            cues.WRAP_STRONG.match(line)
            or cues.FORMULA.search(head)
            or (_is_label_line(line) and _label_kind(line) != "body")
        ):
            return i
        if i >= near and (cues.WRAP_WEAK.match(line) or cues.SHORT_CUE.search(second) or cues.PLAN_CUE.match(line)):
            return i
    return None


def _ends_a_paragraph(paras, end: int) -> bool:
    """any(b == end for _, b in paras): only the last paragraph that starts before ``end`` can end there."""
    k = bisect.bisect_right(paras, (end - 1, math.inf)) - 1
    return k >= 0 and paras[k][1] == end


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] == "\n":
        end -= 1
    return end


def _wrapup_sections(text: str, paras, i0: int, end: int, have: set[str]) -> tuple[list[Section], int | None]:
    """Paragraph-form shortcomings and plans parts in paras[i0:], and where the formula starts."""
    formula = None
    for a, b in paras[i0:]:
        m = cues.FORMULA.search(text, a, b)
        if m:
            # The formula's sentence: back to the previous sentence end in the paragraph.
            s = max([text.rfind(p, a, m.start()) for p in _SENT_END + "；;"] + [a - 1]) + 1
            formula = s
            break
    limit = formula if formula is not None else end
    out = []
    short_at = plan_at = None
    if "shortcomings" not in have:
        for a, b in paras[i0:]:
            if a >= limit:
                break
            # The cue must come early: a paragraph about problems opens by saying so.
            m = cues.SHORT_CUE.search(text, a, min(_sentence_end(text, _sentence_end(text, a, b), b), limit))
            if m or (_is_label_line(text[a:b]) and _label_kind(text[a:b]) == "shortcomings"):
                short_at = a
                break
    if "plans" not in have:
        for a, b in paras[i0:]:
            lo = a if short_at is None else max(a, short_at)
            if a >= limit:
                break
            m = cues.PLAN_CUE.search(text, lo, min(b, limit))
            if _is_label_line(text[a:b]) and _label_kind(text[a:b]) == "plans":
                plan_at = a
                break
            if m:
                # Start the plans part at the clause that opens it ("…等方面，在今后工作中，我将…"),
                # or at the paragraph when only a short lead-in precedes ("针对以上问题，今后我将…").
                lead = text[a : m.start()]
                short_lead = len(lead) <= 12 and not re.search(r"[。！？；]", lead)
                plan_at = a if short_lead and (short_at is None or short_at < a) else m.start()
                break
    if short_at is not None and plan_at == short_at:
        # The paragraph opens with the plans ("下一步，我将…。回顾一年来，我仍有差距。"): it is
        # the plans part, and a shortcomings part starting there would overlap it.
        short_at = None
    if short_at is not None:
        s_end = plan_at if plan_at is not None and plan_at > short_at else limit
        s_end = _trim_end(text, s_end)
        while s_end > short_at and text[s_end - 1] in "，,":
            s_end -= 1
        s_para_end = next(b for a, b in paras if a <= short_at <= b)
        s_head = _sentence_end(text, short_at, min(s_end, s_para_end))
        out.append(Section(1, "", short_at, s_head, short_at, s_end, "shortcomings", source="paragraph"))
    if plan_at is not None:
        p_end = _trim_end(text, limit)
        para_end = next(b for a, b in paras if a <= plan_at <= b)
        out.append(
            Section(1, "", plan_at, _sentence_end(text, plan_at, para_end), plan_at, p_end, "plans", source="paragraph")
        )
    return out, formula
