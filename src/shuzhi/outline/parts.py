"""Reshaping the outline's shortcomings and plans parts: split a combined part, find an unheaded one."""

from __future__ import annotations

import bisect
import re

from ..text.fastre import compile_skipping
from . import cues

# A shortcomings paragraph speaks of the writer ("我", "自身"), not of the work's problems.
_SELF = re.compile(r"我|本人|自身|自己|个人")
_ITEM_START = re.compile(r"(?:[一二三四五六七八九十]{1,3}是|首先|其次|再次|最后)")
# Before a part that is not the plans part (三、廉洁自律) the evidence must be stronger: the paragraph's first
# sentence says that the writer, or the writer's work, still falls short ("对照组织的要求，我在工作中还有不少差距",
# "工作中还存在一些不足：", "我的工作也有不少欠缺"), not that a problem was found or solved.
_OWN_SHORTFALL = re.compile(
    r"(?:我(?!们)|本人|自身|自己|个人|工作中|工作上)[^。：:；;]{0,20}?(?:还|仍|仍然|也|尚|同样)?(?:存在|有|暴露出?)"
    r"[^。：:；;，,]{0,12}?(?:差距|不足|问题|短板|欠缺|弱项|缺点|毛病|薄弱环节|不够的地方|不到位的地方)"
    # 我的不足也很明显; 本人的差距主要是 (at the head of the sentence, after at most one lead-in clause)
    r"|^(?:[^，,]{0,12}[，,])?(?:我|本人|自己|个人)的(?:不足|短板|差距|缺点|问题)(?:也|还|主要)"
)
# A label that opens the list of shortcomings: 不足之处主要有：…; 存在的问题主要是：…
_SHORT_LABEL = re.compile(r"^(?:不足之处|存在的(?:问题|不足)|问题和不足|主要问题)(?:主要)?(?:有|是|在于|表现在)$")
# The wrap-up phrases that open a self-criticism (not 总之/总的来看, which also sum up a unit's work).
_SELF_WRAP = compile_skipping(
    r"(?:回顾|不足之处|存在的(?:问题|不足)|我(?!们)也?(?:清醒|深刻|清楚)地|在(?:肯定|看到|取得)(?:成绩|工作)[^，。]{0,6}的同时"
    r"|(?:一年来|过去的一年)[，,](?:虽然|尽管|我虽然))"
)
# A unit's or a government's voice (我们, 政府工作中还有缺点) is a unit report's, not a personal shortcomings part.
# 我局、我县、我镇 … is the unit too (巡察指出我局存在的4个方面问题，已全部整改: the unit's rectification).
_PLURAL = re.compile(
    r"我们|政府工作|各级政府|我(?:局|县|市|区|镇|乡|街道|委|办|单位|校|院|所|站|村|社区|部|厅|处|科|股|中心)"
)
# A paragraph about a problem met or solved opens with it: 针对…问题，我…; 面对…困难; 对巡察反馈的问题…
# (对照组织的要求 opens a self-criticism, not a solved problem.)
_SOLVING = re.compile(
    r"(?:针对|面对|围绕|聚焦|坚持问题导向|为(?:解决|破解)|对(?!照)[^，。：:]{0,24}(?:问题|困难|隐患|短板|矛盾))"
)


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


def _tail(paras, starts: list[int], prev, stop: int) -> tuple[list, list]:
    """The paragraphs of ``prev`` after its last heading (not the one right under a heading line).

    ``starts`` are the paragraphs' starts: the range is found by bisection (a scan of every paragraph
    for every part was quadratic on a law of a hundred articles)."""
    if prev.children:
        subs = list(prev.walk())
        last = max(subs, key=lambda s: s.heading_start)
    else:  # a part with no sub-part (most of a law's 11,600 （一） items): itself
        subs, last = [prev], prev
    lo = max(bisect.bisect_left(starts, last.heading_end), bisect.bisect_right(starts, last.heading_start))
    cands = paras[lo : bisect.bisect_left(starts, stop, lo)]
    # The paragraph right under a heading line is that part's text, not a wrap-up.
    i = bisect.bisect_left(starts, last.heading_start)
    if cands and i < len(starts) and starts[i] == last.heading_start and paras[i][1] == last.heading_end:
        cands = cands[1:]
    return subs, cands


def _split_off(text: str, roots: list, k: int, subs: list, a: int, b: int, stop: int) -> None:
    """Make a `shortcomings` part of the paragraphs from ``a`` to ``stop`` and insert it at ``k``."""
    end = _trim(text, stop, a)
    short = type(roots[k - 1])(
        1, "", a, min(_sentence_end(text, a, b), end), a, end, "shortcomings", source="paragraph"
    )
    for s in subs:
        if s.end > a:
            _clip(s, max(_trim(text, a, s.heading_start), s.heading_end))
    roots.insert(k, short)


# Every way _own_shortfall says yes needs one of these words in the first sentence (SHORT_CUE's, _SHORT_LABEL's
# and _OWN_SHORTFALL's shortfall words): a paragraph without one is answered by one search (a law's parts'
# closing paragraphs: 4,600 over the laws, none with a shortfall, ~3.8 -> ~1 us each).
_SHORTFALL_WORDS = re.compile(r"差距|不足|问题|短板|欠缺|弱项|缺点|毛病|薄弱|不够|不到位")


def _own_shortfall(text: str, a: int, b: int) -> bool:
    """The paragraph's first sentence says the writer (or the writer's work) still falls short."""
    end = _sentence_end(text, a, b)
    if _SHORTFALL_WORDS.search(text, a, end) is None:
        return False
    first = text[a:end]
    head = re.split(r"[：:]", first, maxsplit=1)[0]
    if _SOLVING.match(head) or _ITEM_START.match(head) or _PLURAL.search(first):
        return False
    if (_SELF_WRAP.match(head) and cues.SHORT_CUE.search(head)) or _SHORT_LABEL.match(head):
        return True
    return bool(_OWN_SHORTFALL.search(head))


def shortcomings_before_plans(text: str, paras, roots: list) -> None:
    """A shortcomings paragraph with no heading at the end of the part before the plans part
    ("二、…\n…\n在肯定成绩的同时，我也清醒地认识到自身还存在一些不足：…\n三、下一步打算"):
    it becomes a `shortcomings` part of its own, and the part before it ends there. Before any other
    part ("…我在工作中还有不少差距。一是…\n三、廉洁自律") the same, on stronger evidence (#13)."""
    if any(s.kind == "shortcomings" for r in roots for s in r.walk()):
        return
    starts = [a for a, _ in paras]
    k = next((i for i, r in enumerate(roots) if r.kind == "plans"), None)
    if k and roots[k - 1].kind == "body":
        prev, plans = roots[k - 1], roots[k]
        subs, cands = _tail(paras, starts, prev, plans.start)
        for a, b in cands:
            line = text[a:b]
            if _ITEM_START.match(line):
                continue
            first_two = text[a : _sentence_end(text, _sentence_end(text, a, b), b)]
            if (cues.WRAP_STRONG.match(line) and cues.SHORT_CUE.search(text, a, plans.start)) or (
                cues.SHORT_CUE.search(first_two) and _SELF.search(first_two)
            ):
                _split_off(text, roots, k, subs, a, b, plans.start)
                return
    _shortcomings_before_other_part(text, paras, starts, roots)


def _shortcomings_before_other_part(text: str, paras, starts: list[int], roots: list) -> None:
    """The last of a body part's final two paragraphs that states the writer's own shortfall, when a
    numbered part that is not the plans part follows (三、廉洁自律, 三、履行全面从严治党责任)."""
    for k in range(len(roots) - 1, 0, -1):
        prev, nxt = roots[k - 1], roots[k]
        if prev.kind != "body" or nxt.kind == "plans" or nxt.source == "paragraph":
            continue
        subs, cands = _tail(paras, starts, prev, nxt.start)
        for a, b in cands[-2:]:
            if _own_shortfall(text, a, b):
                _split_off(text, roots, k, subs, a, b, nxt.start)
                return
