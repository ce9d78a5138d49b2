"""Reshaping the outline's shortcomings and plans parts: split a combined part, find an unheaded one."""

from __future__ import annotations

import re

from . import cues

# A shortcomings paragraph speaks of the writer ("我", "自身"), not of the work's problems.
_SELF = re.compile(r"我|本人|自身|自己|个人")
_ITEM_START = re.compile(r"(?:[一二三四五六七八九十]{1,3}是|首先|其次|再次|最后)")


_sentence_end = cues.sentence_end


def _trim(text: str, end: int, floor: int) -> int:
    while end > floor and text[end - 1] in "\n，,":
        end -= 1
    return end


def _set_depth(sec, depth: int) -> None:
    sec.depth = depth
    for c in sec.children:
        _set_depth(c, depth + 1)


def _clip(sec, end: int) -> None:
    """End sec and its descendants at end (none of them starts after it)."""
    sec.end = min(sec.end, end)
    sec.heading_end = min(sec.heading_end, sec.end)
    for c in sec.children:
        _clip(c, end)


def split_combined(text: str, paras, sections: list) -> None:
    """ "三、存在的问题及今后打算": the part stays `shortcomings` but ends where its plans half
    begins; the plans half (its "（二）下一步打算" sub-part, else the paragraphs from the one
    that opens "今后，…"/"下一步，…") becomes the next part at the same depth, kind `plans`."""
    k = 0
    while k < len(sections):
        sec = sections[k]
        split_combined(text, paras, sec.children)
        heading = text[sec.heading_start + len(sec.marker) : sec.heading_end]
        k += 1
        if sec.kind != "shortcomings" or not cues.BOTH_HEAD.search(heading):
            continue
        plans = next((c for c in sec.children if c.kind == "plans"), None)
        if plans is not None:
            j = sec.children.index(plans)
            # Sub-parts after the plans sub-part belong to the plans half.
            plans.children.extend(sec.children[j + 1 :])
            del sec.children[j:]
            plans.end = sec.end
            if not plans.marker:  # a lead-in paragraph ("针对以上不足，今后我将…：") heads it
                plans.level = sec.level
        else:
            at = next(
                (
                    a
                    for a, b in paras
                    if sec.heading_end < a < sec.end
                    and cues.PLAN_CUE.match(text, a, b)
                    and not any(c.heading_start == a for c in sec.walk())
                ),
                None,
            )
            if at is None:
                continue
            para_end = next(b for a, b in paras if a == at)
            plans = type(sec)(
                sec.level, "", at, _sentence_end(text, at, para_end), at, sec.end, "plans", source="paragraph"
            )
            plans.children = [c for c in sec.children if c.start >= at]
            sec.children = [c for c in sec.children if c.start < at]
        sec.end = _trim(text, plans.start, sec.heading_end)
        for c in sec.children:
            _clip(c, sec.end)
        _set_depth(plans, sec.depth)
        sections.insert(k, plans)
        k += 1


def shortcomings_before_plans(text: str, paras, roots: list) -> None:
    """A shortcomings paragraph with no heading at the end of the part before the plans part
    ("二、…\n…\n在肯定成绩的同时，我也清醒地认识到自身还存在一些不足：…\n三、下一步打算"):
    it becomes a `shortcomings` part of its own, and the part before it ends there."""
    if any(s.kind == "shortcomings" for r in roots for s in r.walk()):
        return
    k = next((i for i, r in enumerate(roots) if r.kind == "plans"), None)
    if not k or roots[k - 1].kind != "body":
        return
    prev, plans = roots[k - 1], roots[k]
    subs = list(prev.walk())
    last = max(subs, key=lambda s: s.heading_start)
    cands = [(a, b) for a, b in paras if last.heading_end <= a < plans.start and a > last.heading_start]
    # The paragraph right under a heading line is that part's text, not a wrap-up.
    if cands and last.heading_end == next((b for a, b in paras if a == last.heading_start), -1):
        cands = cands[1:]
    for a, b in cands:
        line = text[a:b]
        if _ITEM_START.match(line):
            continue
        first_two = text[a : _sentence_end(text, _sentence_end(text, a, b), b)]
        if (cues.WRAP_STRONG.match(line) and cues.SHORT_CUE.search(text, a, plans.start)) or (
            cues.SHORT_CUE.search(first_two) and _SELF.search(first_two)
        ):
            end = _trim(text, plans.start, a)
            short = type(prev)(
                1, "", a, min(_sentence_end(text, a, b), end), a, end, "shortcomings", source="paragraph"
            )
            for s in subs:
                if s.end > a:
                    _clip(s, max(_trim(text, a, s.heading_start), s.heading_end))
            roots.insert(k, short)
            return
