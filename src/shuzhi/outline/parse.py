"""The outline of a report: title, opening, numbered and topic-sentence sections, closing."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..model.document import Document
from . import cues
from .enumerations import CN_DIGITS as _CN
from .enumerations import cn_number, find_items
from .parts import shortcomings_before_plans, split_combined

__all__ = ["Outline", "Section", "cn_number", "find_items", "outline_to_dict", "outline_to_text", "parse_outline"]

# Heading markers at the start of a paragraph, by family, with their rank
# (1: 一、  2: （一）  3: 1.  4: （1）  5: ①). "第一，" gets its rank from context
# (see _numbered_heads). A digit right after the marker means a number, not a heading:
# "1.5亿元", "3、4月份".
# "一、二季度", "一、二、三产业", "第一、二批" count quarters and sectors: no heading.
_NOT_AFTER_CN = rf"(?![{_CN}](?:、|季度|产|批|类|级|期))"
_FAMILIES = (
    ("cn", 1, re.compile(rf"(?P<num>[{_CN}]{{1,3}})(?:、|\.(?!\d)){_NOT_AFTER_CN}")),
    ("di", 0, re.compile(rf"第(?P<num>[{_CN}]{{1,3}})(?:部分)?[，、,：:]{_NOT_AFTER_CN}")),
    ("pcn", 2, re.compile(rf"[（(](?P<num>[{_CN}]{{1,3}})[）)]")),
    ("ar", 3, re.compile(r"(?P<num>\d{1,2})(?:、|\.)(?![\d%])")),
    ("par", 4, re.compile(r"[（(](?P<num>\d{1,2})[）)]")),
    ("circ", 5, re.compile(r"(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
    # 其一，其二，… like 第一，(rank from context); only a series that counts 1, 2 (see _series_only).
    ("qi", 0, re.compile(rf"其(?P<num>[{_CN}]{{1,2}})[，、,：:]{_NOT_AFTER_CN}")),
    # Roman numerals Ⅰ、 / I. only before a Chinese word: "Ⅱ、Ⅲ类", "Ⅲ级响应", "I型" are no headings.
    (
        "roman",
        0,
        re.compile(
            r"(?P<num>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|VIII|VII|VI|IV|IX|XII|XI|III|II|I|V|X)[、.]"
            r"(?=\s*[\u4e00-\u9fff])(?![ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[类级期型度号])"
        ),
    ),
)
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


_ITEM_START = re.compile(rf"(?:[{_CN}]{{1,3}}是|首先|其次|再次|最后)")
_TITLE_WORDS = re.compile(r"报告|述职|述廉|述德|述学|述责|述法|总结|汇报")
_VENDOR = re.compile(r"仅供|禁止外传|QQ|微信|会员|订阅|咨询|下载|整理|版权|【")
_SENT_END = cues.SENT_END


@dataclass
class Section:
    level: int
    marker: str
    heading_start: int
    heading_end: int
    start: int
    end: int
    kind: str = "body"  # body | shortcomings | plans
    children: list[Section] = field(default_factory=list)
    # The heading's number (一 → 1, （3） → 3); None for unnumbered headings.
    number: int | None = None
    # Nesting depth in the tree, 1 for top-level sections (level is the marker's rank).
    depth: int = 1
    # How the heading was recognised: numbered | topic | label | paragraph
    source: str = "numbered"

    def heading(self, text: str) -> str:
        return text[self.heading_start : self.heading_end]

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Outline:
    title: tuple[int, int] | None = None
    opening: tuple[int, int] | None = None
    sections: list[Section] = field(default_factory=list)
    # The closing formula ("特此报告，请予评议") through the end; else the final
    # paragraph when it stands outside the body sections (a wrap-up paragraph).
    closing: tuple[int, int] | None = None
    # Inline enumerations (一是…二是…) as (start, end, marker).
    items: list[tuple[int, int, str]] = field(default_factory=list)
    # Only the closing formula sentence, None when the report has none.
    closing_formula: tuple[int, int] | None = None
    # The "现将…报告如下" sentence of the opening.
    opening_statement: tuple[int, int] | None = None

    def walk(self):
        for s in self.sections:
            yield from s.walk()

    def find(self, kind: str) -> Section | None:
        for s in self.walk():
            if s.kind == kind:
                return s
        return None

    def find_all(self, kind: str) -> list[Section]:
        return [s for s in self.walk() if s.kind == kind]


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
        for family, rank, rx in _FAMILIES:
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


def _is_label_line(line: str) -> bool:
    """A short line that is no sentence: an unnumbered heading such as "存在的问题"."""
    return (
        2 <= len(line) <= 20
        and not re.search(r"[。！？!?；;，,]", line)
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
        line = text[a:b]
        if (
            line[0].isdigit()
            or _ITEM_START.match(line)
            or _VENDOR.search(line[:20])
            or cues.WRAP_STRONG.match(line)
            or cues.WRAP_WEAK.match(line)
        ):
            continue
        e = _sentence_end(text, a, b)
        topic = text[a:e]
        if e < b:
            # A paragraph led by a short two-clause sentence and carrying a long body.
            if 8 <= len(topic) <= 45 and "，" in topic and b - e >= 60 and topic[-1] == "。":
                cands.append(_Head(a, b, 1, "", None, "topic", source="topic", heading_end=e))
        elif _is_label_line(line):
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
    index = {a: i for i, (a, _) in enumerate(paras)}
    keep = []
    for h in labels:
        i = index[h.start]
        if i == 0 or i + 1 >= len(paras):
            continue
        prev = text[paras[i - 1][0] : paras[i - 1][1]]
        nxt = text[paras[i + 1][0] : paras[i + 1][1]]
        if prev[-1:] in "。！？!?" and len(nxt) >= 60 and not _is_label_line(nxt):
            keep.append(h)
    return keep if 2 <= len(keep) <= 12 else []


_DATE_LINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def first_after_title(text: str, paras, t: int | None) -> int:
    """Index of the paragraph the report's opening starts with, after the title ``t`` (None: no title)."""
    if t is None:
        return 0
    first = t + 1
    # Lines right after the title that are no sentence (a repeated title, a subtitle, a
    # vendor's line) do not open the report.
    while first < len(paras) - 1 and first - t <= 3:
        line = text[paras[first][0] : paras[first][1]]
        if len(line) <= 40 and "。" not in line and not any(rx.match(line) for _, _, rx in _FAMILIES):
            first += 1
        else:
            break
    return first


def find_title(text: str, paras) -> int | None:
    """Index of the title paragraph, or None (public: meta.quick_year finds the title the same way)."""
    return _find_title(text, paras)


def _find_title(text: str, paras) -> int | None:
    """Index of the title paragraph: short, names a report, ideally with a 述 kind, role or year."""
    best, best_score = None, 0
    for i, (a, b) in enumerate(paras[:20]):
        line = text[a:b]
        if len(line) > 60 and line.rstrip()[-1:] in "。！？":
            break  # the body has begun
        if len(line) > 50 or "。" in line or _VENDOR.search(line) or line.startswith("—"):
            continue  # a sentence, a vendor's line, a subtitle ("——在…上的报告")
        if _DATE_LINE.search(line):
            continue  # "2012年12月3日…会议通过": a dateline, not a title
        if any(rx.match(line) for _, _, rx in _FAMILIES):
            break
        score = 0
        if _TITLE_WORDS.search(line):
            score += 2
        if re.search(r"述[学德职责廉法]", line):
            score += 2
        if re.search(r"(?:19|20)\d{2}年", line):
            score += 1
        if re.search(r"[县市区镇乡委局](?:长|书记|常委|主任)|长|书记", line):
            score += 1
        if score >= 2 and score > best_score:
            best, best_score = i, score
    if best is None and paras:
        # A title that names no report ("…而奋斗"): a short first line that is no sentence.
        line = text[paras[0][0] : paras[0][1]]
        if (
            len(line) <= 60
            and not re.search(r"[。！？：:]$", line)
            and not _VENDOR.search(line)
            and "。" not in line
            and not any(rx.match(line) for _, _, rx in _FAMILIES)
        ):
            best = 0
    return best


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
    under = None
    if (
        last is not None
        and any(b == last.heading_end for _, b in paras)
        and text[last.heading_end - 1] not in _SENT_END
    ):
        under = next((a for a, _ in paras if a >= last.heading_end), None)
    half = paras[-1][1] * 2 // 5
    near = max(first, len(paras) - 6)
    for i in range(first, len(paras)):
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
        second = text[a : _sentence_end(text, _sentence_end(text, a, b), b)]
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
    index = {a: i for i, (a, _) in enumerate(paras)}
    head_starts = {h.start for h in heads}
    for h in heads:
        if h.family in seen and h.number == 1 and seen[h.family] >= 2:
            i = index[h.start]
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


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] == "\n":
        end -= 1
    return end


def _set_kinds(text: str, paras, roots: list[Section]) -> None:
    for s in roots:
        for sec in s.walk():
            if sec.kind == "body" and sec.source in ("numbered", "label"):
                sec.kind = _label_kind(text[sec.heading_start + len(sec.marker) : sec.heading_end])


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
    content_end = paras[-1][1]

    heads = _numbered_heads(text, paras, first)
    # Short unnumbered label lines that name the shortcomings or plans part.
    starts = {h.start for h in heads}
    for a, b in paras[first + 1 :]:
        line = text[a:b]
        if a not in starts and _is_label_line(line) and _label_kind(line) != "body":
            heads.append(_Head(a, b, 1, "", None, "label", source="label", heading_end=b))
    heads.sort(key=lambda h: h.start)
    heads = _restarted_parts(text, paras, heads)

    tops = [h for h in heads if h.rank <= 1]
    last_named = bool(tops) and (
        tops[-1].kind != "body"
        or _label_kind(text[tops[-1].start + len(tops[-1].marker) : tops[-1].heading_end]) != "body"
    )
    wi = _wrapup_start(text, paras, first + 1, heads, last_named)
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

    have = {s.kind for r in roots for s in r.walk()}
    formula = None
    if wi is not None:
        extra, formula = _wrapup_sections(text, paras, wi, content_end, have)
        roots.extend(extra)
    out.sections = roots

    sec_start = min((s.start for s in roots), default=None)
    open_end = sec_start if sec_start is not None else (body_end if wi is not None else paras[first][1])
    if open_end > paras[first][0]:
        out.opening = (paras[first][0], _trim_end(text, open_end))
        m = cues.STATEMENT.search(text, out.opening[0], out.opening[1])
        if m:
            out.opening_statement = (m.start(), _sentence_end(text, m.end(), out.opening[1]))

    if formula is not None:
        out.closing_formula = (formula, _sentence_end(text, formula, content_end))
        out.closing = (formula, content_end)
    else:
        la, lb = paras[-1]
        in_body = any(s.kind == "body" and s.start <= la < s.end for r in roots for s in r.walk())
        if not in_body and la >= (sec_start or 0) and (roots or wi is not None) and la > paras[first][0]:
            out.closing = (la, lb)
    out.items = find_items(text)
    return out


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


_KIND_LABEL = {"body": "", "shortcomings": "［问题］", "plans": "［打算］"}


def _clip(s: str, n: int = 40) -> str:
    s = s.replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def outline_to_text(doc: Document) -> str:
    o = doc.outline
    t = doc.text
    lines = []
    if o.title:
        lines.append(f"标题：{_clip(t[o.title[0] : o.title[1]], 60)}")
    if o.opening:
        lines.append(f"开头：{_clip(t[o.opening[0] : o.opening[1]])}")
    for s in o.walk():
        indent = "  " * s.depth
        label = _KIND_LABEL.get(s.kind, f"［{s.kind}］")
        n_items = sum(1 for a, _, _ in o.items if s.start <= a < s.end) if not s.children else 0
        extra = f"（{n_items}项）" if n_items else ""
        lines.append(f"{indent}{label}{_clip(s.heading(t), 50)}{extra}  [{s.start}-{s.end}]")
    if o.closing:
        lines.append(f"结尾：{_clip(t[o.closing[0] : o.closing[1]])}")
    return "\n".join(lines)


def _sec_dict(s: Section, text: str) -> dict:
    return {
        "level": s.level,
        "depth": s.depth,
        "marker": s.marker,
        "number": s.number,
        "heading": s.heading(text),
        "kind": s.kind,
        "source": s.source,
        "start": s.start,
        "end": s.end,
        "children": [_sec_dict(c, text) for c in s.children],
    }


def outline_to_dict(doc: Document) -> dict:
    o = doc.outline
    t = doc.text

    def span(x):
        return None if x is None else {"start": x[0], "end": x[1], "text": t[x[0] : x[1]]}

    return {
        "title": span(o.title),
        "opening": span(o.opening),
        "opening_statement": span(o.opening_statement),
        "sections": [_sec_dict(s, t) for s in o.sections],
        "items": [{"start": a, "end": b, "marker": m} for a, b, m in o.items],
        "closing": span(o.closing),
        "closing_formula": span(o.closing_formula),
    }
