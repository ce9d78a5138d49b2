"""Heading candidates of a report: numbered markers (一、 （一） 1. ①), label lines, topic sentences, restarted series."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..text.fastre import compile_skipping
from . import cues
from .enumerations import CN_DIGITS as _CN
from .enumerations import cn_number
from .markers import _FAMILIES, _FAMILIES_ANYWHERE, _FAMILIES_BY_FIRST, _VENDOR, opens_numbered

__all__ = ["_FAMILIES", "_VENDOR", "opens_numbered"]  # also here, where the outline's parsers have them

_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
# Families that are headings only in a series that counts 1, 2: "其一，" may open a lone
# argument paragraph, and a lone "V." is no heading.
_SERIES_ONLY = ("qi", "roman")


_ITEM_START = compile_skipping(rf"(?:[{_CN}]{{1,3}}是|首先|其次|再次|最后)")
_SENT_END = cues.SENT_END


def _marker_number(family: str, num: str) -> int | None:
    if family in ("ar", "par"):
        return int(num)
    if family == "circ":
        return ord(num) - ord("①") + 1
    if family == "roman":
        return ord(num) - 0x215F if len(num) == 1 and "Ⅰ" <= num <= "Ⅻ" else _ROMAN.get(num)
    return cn_number(num)


_sentence_end = cues.sentence_end


@dataclass
class _Head:
    start: int
    para_end: int
    rank: int
    marker: str
    number: int | None
    family: str
    source: str = "numbered"
    kind: str = "body"
    heading_end: int = 0


def _numbered_heads(text: str, paras, first: int) -> list[_Head]:
    heads = []
    for i in range(first, len(paras)):
        a, b = paras[i]
        c = text[a]
        families = _FAMILIES_BY_FIRST.get(c)
        if families is None:
            families = _FAMILIES_ANYWHERE if c.isdecimal() else ()
        for family, rank, rx in families:
            m = rx.match(text, a, b)
            if not m:
                continue
            num = _marker_number(family, m.group("num"))
            if num is None or num == 0:
                continue
            end = _sentence_end(text, a, b)
            if m.end() >= b:
                # A marker alone on its line ("一、") heads the paragraph after it.
                if i + 1 >= len(paras) or family == "di":
                    continue
                end = _sentence_end(text, paras[i + 1][0], paras[i + 1][1])
            heads.append(_Head(a, b, rank, m.group(), num, family, heading_end=end))
            break
    heads = _series_only(heads)
    # "第一，"/"其一，" is a top-level heading when nothing else is; under 一、 it is a sub-point.
    # Roman numerals stand above 一、 when both are used.
    has_cn = any(h.family == "cn" for h in heads)
    has_pcn = any(h.family == "pcn" for h in heads)
    has_roman = any(h.family == "roman" for h in heads)
    for h in heads:
        if h.family in ("di", "qi"):
            h.rank = 1 if not (has_cn or has_roman) else (3 if has_pcn else 2)
        elif h.family == "roman":
            h.rank = 0 if has_cn else 1
    return heads


def _series_only(heads: list[_Head]) -> list[_Head]:
    """Drop 其N / Roman headings that are not part of a series counting 1, 2, … ."""
    out = []
    for h in heads:
        if h.family in _SERIES_ONLY:
            nums = [x.number for x in heads if x.family == h.family]
            if 1 not in nums or 2 not in nums[nums.index(1) :]:
                continue
        out.append(h)
    return out


def _is_vendor_line(line: str) -> bool:
    """A trailing line that is no part of the report: a vendor's ad, or no Chinese at all."""
    return len(line) <= 40 and "。" not in line and (bool(_VENDOR.search(line)) or not _CJK.search(line))


def _label_kind(heading: str) -> str:
    """shortcomings / plans / body from a heading's text (marker excluded)."""
    h = heading[:40].strip("：: ")
    if cues.SHORT_HEAD.search(h):
        return "shortcomings"
    if cues.PLAN_HEAD.search(h):
        return "plans"
    return "body"


_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_MARK = re.compile(r"[。！？!?；;，,]")


def _is_label_line(line: str) -> bool:
    """A short line that is no sentence: an unnumbered heading such as "存在的问题"."""
    return (
        2 <= len(line) <= 20
        and not _CLAUSE_MARK.search(line)
        and line[-1] not in "《“（(、"
        and not line[0].isdigit()
        and bool(_CJK.search(line))
    )


def _topic_heads(text: str, paras, first: int, last: int, numbered: list[_Head]) -> list[_Head]:
    """Unnumbered topic sentences that head a part (seed 004), found by their parallel form."""
    numbered_starts = {h.start for h in numbered}
    cands: list[_Head] = []
    labels: list[_Head] = []
    for a, b in paras[first:last]:
        if a in numbered_starts:
            continue
        # The paragraph's form first (cheap, and most paragraphs fail it), then what rules it out. By its
        # length alone: a heading sentence (8-45 characters) over a body of 60 or more needs 68, a label line
        # 2-20 (a line of 21-67 characters is neither, its first sentence not even looked for).
        if 20 < b - a < 68 or b - a < 2:
            continue
        e = _sentence_end(text, a, b)
        if e < b:
            # A paragraph led by a short two-clause sentence and carrying a long body.
            if not (8 <= e - a <= 45 and b - e >= 60 and text[e - 1] == "。" and "，" in text[a:e]):
                continue
        elif not (2 <= b - a <= 20 and _is_label_line(text[a:b])):
            continue
        line = text[a:b]
        if (
            line[0].isdigit()
            or _ITEM_START.match(line)
            or _VENDOR.search(line[:20])
            or cues.WRAP_STRONG.match(line)
            or cues.WRAP_WEAK.match(line)
        ):
            continue
        if e < b:
            cands.append(_Head(a, b, 1, "", None, "topic", source="topic", heading_end=e))
        else:
            labels.append(_Head(a, b, 1, "", None, "topic", source="topic", heading_end=b))
    labels = _heading_lines(text, paras, labels)
    if len(cands) < 2:
        return labels
    # Parallel headings share their first words ("坚持把…作为…"); a stray aphorism does not.
    groups: dict[str, list[_Head]] = {}
    for h in cands:
        groups.setdefault(text[h.start : h.start + 2], []).append(h)
    chosen = [h for g in groups.values() if len(g) >= 2 for h in g]
    # Topic headings carry the report: they are a good share of its plain paragraphs and
    # few. Official prose that merely starts paragraphs alike ("周总理说，…") is not headed so.
    plain = sum(1 for a, b in paras[first:last] if a not in numbered_starts and not _ITEM_START.match(text, a, b))
    if not 2 <= len(chosen) <= 12 or len(chosen) * 10 < plain * 3:
        chosen = []
    return sorted(chosen + labels, key=lambda h: h.start)


def _heading_lines(text: str, paras, labels: list[_Head]) -> list[_Head]:
    """Short unnumbered lines that stand between finished paragraphs and head a long one:
    "强化政治担当" above its part. A line inside broken-up prose (a title cut out of its
    sentence) follows no sentence end and is not one."""
    keep = []
    for h in labels:
        i = _index_of(paras, h.start)
        if i == 0 or i + 1 >= len(paras):
            continue
        prev = text[paras[i - 1][0] : paras[i - 1][1]]
        nxt = text[paras[i + 1][0] : paras[i + 1][1]]
        if prev[-1:] in "。！？!?" and len(nxt) >= 60 and not _is_label_line(nxt):
            keep.append(h)
    return keep if 2 <= len(keep) <= 12 else []


def _index_of(paras, a: int) -> int:
    """The index of the paragraph that starts at ``a`` (paragraphs are sorted): a bisection, not a dict of every
    paragraph's start built for a few look-ups (a law has a hundred paragraphs, the laws 73,000)."""
    i = bisect.bisect_left(paras, (a,))
    if i == len(paras) or paras[i][0] != a:
        raise KeyError(a)
    return i


_SELF = re.compile(r"我|本人|自身")


def _intro_kind(intro: str, family: str) -> str | None:
    """plans / shortcomings / None for the paragraph before a restarted series. A （一） list
    restarts in every article of a law ("…应当采取以下措施："), so a restarted （一） series
    needs the writer's own words: "下一步，我将…：", "针对以上问题，…", "本人还存在…不足："."""
    if family == "cn":
        return (
            "plans"
            if cues.PLAN_INTRO.search(intro) or cues.PLAN_CUE.match(intro)
            else "shortcomings"
            if cues.SHORT_CUE.search(intro)
            else None
        )
    if cues.PLAN_CUE.match(intro) or (cues.PLAN_INTRO.search(intro) and _SELF.search(intro)):
        return "plans"
    return "shortcomings" if cues.SHORT_CUE.search(intro) and _SELF.search(intro) else None


def _restarted_parts(text: str, paras, heads: list[_Head]) -> list[_Head]:
    """A second 一、二、 (or （一）（二）) series led by a paragraph such as "现就…做如下安排" or
    "下一步，我将抓好以下工作：" is the plans (or shortcomings) part: that paragraph becomes a
    part whose children are the new series."""
    out = []
    seen = {"cn": 0, "pcn": 0}  # the last number of each series (（一） counts within its 一、 part)
    top_numbered = False
    head_starts = {h.start for h in heads}
    for h in heads:
        if h.family in seen and h.number == 1 and seen[h.family] >= 2:
            i = _index_of(paras, h.start)
            if i > 0 and paras[i - 1][0] not in head_starts:
                a, b = paras[i - 1]
                intro = text[a:b]
                kind = _intro_kind(intro, h.family)
                if kind:
                    # Under 一、 a restarted （一） series forms a part between 一、 and （一）.
                    rank = 0 if h.family == "cn" else (1.5 if top_numbered else 1)
                    out.append(
                        _Head(
                            a,
                            b,
                            rank,
                            "",
                            None,
                            "part",
                            source="paragraph",
                            kind=kind,
                            heading_end=_sentence_end(text, a, b),
                        )
                    )
        if h.family in seen and h.number:
            seen[h.family] = h.number
        if h.rank <= 1 and h.source == "numbered":
            top_numbered = True
            seen["pcn"] = 0
        out.append(h)
    return out
