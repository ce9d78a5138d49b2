"""Which dimension (学 德 能 勤 绩 责 廉 法, 问题, 打算) each part of a report covers, with the evidence."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from ..lexicons.loader import Lexicons
from ..model.document import Document
from ..model.vocabulary import CLASSES, DIMENSIONS, WORK
from ..text import acscan
from ..text.digits import ascii_digit_twin, ascii_digits
from ..text.fastre import compile_skipping
from .blocks import Block, Blocks, cue_weight
from .blocks import PriorSweep as _PriorSweep

LEXICON_OF = {
    "学": "dimensions.study",
    "德": "dimensions.morality",
    "能": "dimensions.ability",
    "勤": "dimensions.diligence",
    "绩": "dimensions.results",
    "责": "dimensions.responsibility",
    "廉": "dimensions.integrity",
    "法": "dimensions.law",
}
# Specific classes win ties: a paragraph as much about 廉 as about work is a 廉 paragraph.
_TIE_ORDER = {c: i for i, c in enumerate(("廉", "责", "法", "德", "学", "职"))}
HEADING_WEIGHT = 3  # a cue in a heading that governs a paragraph counts this many times
MIN_SCORE = 2  # a paragraph needs this many cue points to be classified at all


# A paragraph also counts for a second class scoring at least this share of the
# winner's score (study and political morality are often written as one).
SECONDARY_RATIO = 0.6

# A figure with a unit is evidence of results (绩) besides the cue words.
# Possessive and anchored at the start of a digit run: on a run of n digits with no unit after it the
# plain form tried every start and every length (n² steps: minutes for 20,000 digits). The matches are
# the same, since digits never end in the middle of a run when a unit must follow.
# The lookbehind comes after the first digit ("a digit not preceded by a digit"): a pattern opening with
# a lookbehind makes the engine try every position, one opening with \d jumps from digit to digit (4x).
_FIGURE_RE = re.compile(
    r"\d(?<!\d\d)\d*+(?:\.\d++)?\s*+(?:%|％|亿|万|千|百|个|家|项|件|起|户|人|名|所|亩|公里|千米|米|吨|元|次|批|座|条|套|台)"
)
_FIGURE_RE_ASCII = ascii_digit_twin(_FIGURE_RE)  # for a text whose digits are 0-9 (text.digits)
# The unclassified-text gate of S301 reads any measured figure as work ("排查整改隐患318处"); the
# classifier keeps the narrower list above (a wider one pulls 廉 paragraphs such as "腾退了12平方米"
# towards 职).
_GATE_FIGURE_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|亿|万|千|百|个|家|项|件|起|户|人|名|所|亩|公里|千米|米|吨|元|次|批|座|条|套|台|处|场|篇|期|天|"
    r"小时|平方米|公顷|辆|份|支|队|张|间|栋|轮|块|株|棵|头|只|宗|例|册|本|部|种|类|届|季度)"
)

# Fallback detection of the shortcomings / plans parts when the outline marks none.
_SHORT_CUE_RE = compile_skipping(
    r"(?:存在|还有|仍有|尚有|也有)(?:着)?[^，。；：]{0,4}?(?:差距|不足|短板|问题|欠缺)"
    r"|不足之处|(?:问题|不足)主要(?:表现|体现)|主要(?:表现|体现)在|差距和不足|问题和不足"
    r"|(?:存在的|主要)?(?:问题|不足)(?:主要)?(?:是|有)[：:]"
    # Other ways officials write it (second held-out set): 主要不足在于… 短板是… 需要改进的地方…
    r"|(?:问题|不足|差距|短板|失误)(?:主要)?(?:在于|表现在|体现在)|不足的是|短板(?:是|也很明显|主要)"
    r"|(?:需要|有待|亟待|还需)改进的(?:地方|方面)|(?:欠缺|毛病|缺点|弱项|薄弱环节)(?:的地方)?(?:也|还)?(?:不少|很多|较多|明显|主要)"
    r"|(?:存在|还有|仍有|尚有|也有)[^，。；：]{0,4}?(?:毛病|缺点|弱项|薄弱环节|不到位的地方)"
    r"|不到位的地方|没有做好的(?:事|地方|工作)|做得不够的|还没有解决好的|我的失误|欠缺的地方|存在的短板"
    r"|离[^，。；]{0,12}(?:还有|仍有|尚有|存在)[^，。；]{0,4}?(?:距离|差距)"
    r"|暴露出(?:了)?(?:一些|不少|许多)(?:问题|不足)"
    r"|(?:我|本人|自己)(?:的|身上的?)(?:问题|不足|差距|短板|缺点|毛病)(?:是|在于|主要)"
    r"|做得不(?:好|够)的(?:地方|事)|主要问题是|从自身找原因"
)
# Last resort (third held-out set): a closing paragraph with two different words of
# self-criticism ("不足也不少：…调研次数不够多…思考不深") is a shortcomings part however it opens.
_SELF_CRITICAL_RE = re.compile(
    r"不够|不足|不强|不深|不高|不周|不力|不严|不到位|不充分|不及时|不扎实|不细|欠缺|有待(?:提高|加强|改进)"
    r"|需要改进|差距|短板|薄弱|反思|失误"
)
MIN_SELF_CRITICAL = 2
_SELF_RE = re.compile(r"我|本人|自己|自身")
# "正视存在的问题""解决存在的问题" are about work, not self-criticism.
_NOT_SELF_RE = re.compile(r"正视|解决|针对|整改|发现|查找|梳理|排查|破解|聚焦|化解|研究")
_PLANS_CUE_RE = re.compile(r"今后|下一步|下步|明年|新的一年|来年|我将|本人将|将以更|将继续|将进一步|将坚持|将始终")
CLOSING_PARAGRAPHS = 3  # inline cues are looked for only in the last paragraphs


@dataclass
class Part:
    """The shortcomings (问题) or plans (打算) part, and how it was found."""

    kind: str  # "shortcomings" | "plans"
    start: int
    end: int
    source: str  # "outline" | "heading" | "cue"
    cue: str = ""


@dataclass
class DimensionAnalysis:
    blocks: Sequence[Block]  # a Blocks, or a list of Block
    body_chars: int
    chars: dict[str, int]
    coverage: dict[str, float]
    evidence: dict[str, list[str]]
    shortcomings: Part | None
    plans: Part | None
    # Share of the body in paragraphs of 30+ characters that no cue classified (the
    # opening excepted): where it is high, "dimension missing" cannot be trusted.
    unclassified: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "coverage": {d: round(v, 4) for d, v in self.coverage.items()},
            "evidence": {d: v[:8] for d, v in self.evidence.items() if v},
            "shortcomings": None if self.shortcomings is None else vars(self.shortcomings),
            "plans": None if self.plans is None else vars(self.plans),
            "unclassified": round(self.unclassified, 4),
        }


def memo(doc: Document, name: str, lexicons: Lexicons, build):
    """Compute an analysis once per (document, lexicons) and keep it on the document."""
    store = doc.__dict__.setdefault("_shuzhi_memo", {})
    key = (name, id(lexicons))
    hit = store.get(key)
    if hit is not None and hit[0] is lexicons:
        return hit[1]
    value = build()
    store[key] = (lexicons, value)
    return value


def phrase_automaton(lexicons: Lexicons, names: tuple[str, ...], tag_of=None):
    """One Aho–Corasick automaton over several lexicons; each phrase maps to its tags."""

    def build():
        a = ahocorasick.Automaton()
        tags: dict[str, list[str]] = {}
        for name in names:
            tag = tag_of(name) if tag_of else name
            for phrase in lexicons.get(name):
                if phrase:
                    tags.setdefault(phrase, [])
                    if tag not in tags[phrase]:
                        tags[phrase].append(tag)
        for phrase, t in tags.items():
            a.add_word(phrase, (phrase, tuple(t)))
        if tags:
            a.make_automaton()
        return a if tags else None

    return lexicons.cached(("automaton", *names), build)


def find_phrases(automaton, text: str, start: int = 0, end: int | None = None):
    """(start, end, phrase, tags) of the longest non-overlapping matches in text[start:end]."""
    if automaton is None:
        return []
    end = len(text) if end is None else min(end, len(text))
    if start >= end:
        return []
    out = []
    for last, (phrase, tags) in acscan.iter_long(automaton, text, start, end):
        out.append((last - len(phrase) + 1, last + 1, phrase, tags))
    return out


def dimension_automaton(lexicons: Lexicons):
    inverse = {v: k for k, v in LEXICON_OF.items()}
    return phrase_automaton(lexicons, tuple(LEXICON_OF.values()), inverse.get)


def analyse(doc: Document, lexicons: Lexicons | None = None) -> DimensionAnalysis:
    """The dimension analysis of ``doc`` (computed once per document and word lists)."""
    lexicons = lexicons or Lexicons()
    return memo(doc, "dimensions", lexicons, lambda: _analyse(doc, lexicons))


# ---- the shortcomings and plans parts ---------------------------------------------
def _cue_finder(cues: list[str]) -> re.Pattern | None:
    """A regex finding any of ``cues``: where it finds none, no cue is in the text (a first test)."""
    return re.compile("|".join(re.escape(c) for c in cues)) if cues else None


def _heading_part(
    doc: Document, kind: str, cues: list[str], finder: re.Pattern | None = None, sections: list | None = None
) -> Part | None:
    text = doc.text
    if finder is None:
        finder = _cue_finder(cues)
    if finder is None:
        return None  # no cue: no heading names the part
    search = finder.search
    for s in doc.outline.walk() if sections is None else sections:
        if search(text, s.heading_start, s.heading_end) is None:
            continue  # no cue in the heading (most sections of a law): not even copied
        h = s.heading(text)
        if len(h) > 30:  # a long "heading" is a topic sentence that may mention 问题 in passing
            continue
        for c in cues:
            if c in h:
                return Part(kind, s.start, s.end, "heading", c)
    # An unnumbered heading line: a short paragraph naming the part.
    paras = doc.paragraphs
    for i, (a, b) in enumerate(paras[1:], start=1):
        if b - a > 24 or search(text, a, b) is None:
            continue
        line = text[a:b]
        if line.endswith(("。", "；")):
            continue
        for c in cues:
            if c in line:
                end = len(text)
                for a2, b2 in paras[i + 1 :]:
                    if b2 - a2 <= 24 and not text[a2:b2].endswith("。"):
                        end = a2
                        break
                return Part(kind, a, end, "heading", c)
    return None


def _clause_start(text: str, pos: int, floor: int) -> int:
    i = max(text.rfind(c, floor, pos) for c in "，。；,;！？：\n")
    return i + 1 if i >= floor else floor


def _sentence_start(doc: Document, pos: int) -> int:
    for a, b in doc.sentences:
        if a <= pos < b:
            return a
    return pos


def find_parts(doc: Document, lexicons: Lexicons, sections: list | None = None) -> tuple[Part | None, Part | None]:
    """The shortcomings and plans parts: from the outline, else from headings, else from cue sentences.

    ``sections``: list(doc.outline.walk()) when the caller has it (the outline is walked once, not five times)."""
    o = doc.outline
    found: dict[str, Part | None] = {}
    for kind, key in (("shortcomings", "dimensions.shortcomings_headings"), ("plans", "dimensions.plans_headings")):
        s = o.find(kind) if sections is None else next((x for x in sections if x.kind == kind), None)
        if s is not None:
            found[kind] = Part(kind, s.start, s.end, "outline")
        else:
            cues = lexicons.get(key)
            finder = lexicons.cached(("cue-finder", key), lambda cues=cues: _cue_finder(cues))
            found[kind] = _heading_part(doc, kind, cues, finder, sections)
    short, plans = found["shortcomings"], found["plans"]
    if short is not None and plans is not None:
        return _trim(short, plans)
    # Inline cues in the closing paragraphs ("虽然…但仍有差距，主要是……。今后，我将……").
    text = doc.text
    tail = doc.paragraphs[1:][-CLOSING_PARAGRAPHS:]
    for a, b in tail:
        if plans is None:
            m = _PLANS_CUE_RE.search(text, a, b)
            if m:
                plans = Part("plans", _clause_start(text, m.start(), a), b, "cue", m.group())
        if short is None:
            m = next(
                (
                    m
                    for m in _SHORT_CUE_RE.finditer(text, a, b)
                    if not _NOT_SELF_RE.search(text, max(a, m.start() - 4), m.start())
                ),
                None,
            )
            if m and (plans is None or m.start() < plans.start or plans.start < a):
                s0 = _sentence_start(doc, m.start())
                # A shortcomings sentence often opens with 虽然…/回顾…: start the part there.
                end = b
                if plans is not None and a <= plans.start < b and plans.start > s0:
                    end = plans.start
                short = Part("shortcomings", s0, end, "cue", m.group())
    if short is None:
        for a, b in tail:
            if plans is not None and plans.start <= a:
                break  # the plans part has begun
            end = plans.start if plans is not None and a < plans.start < b else b
            words = {m.group() for m in _SELF_CRITICAL_RE.finditer(text, a, end)}
            # One such word about oneself ("我在工作中…耐心还不够") is enough too.
            about_me = words and any(
                _SELF_RE.search(text, x, y) and _SELF_CRITICAL_RE.search(text, x, y)
                for x, y in doc.sentences
                if a <= x < end
            )
            if len(words) >= MIN_SELF_CRITICAL or about_me:
                short = Part("shortcomings", a, end, "cue", "+".join(sorted(words)))
                break
    return _trim(short, plans)


def _trim(short: Part | None, plans: Part | None) -> tuple[Part | None, Part | None]:
    """A shortcomings part ends where the plans part begins (an outline section may run on)."""
    if short is not None and plans is not None and short.start < plans.start < short.end:
        short = Part(short.kind, short.start, plans.start, short.source, short.cue)
    return short, plans


# ---- classification -------------------------------------------------------------
def _classify(scores: dict[str, float]) -> tuple[str | None, tuple[str, ...]]:
    """The paragraph's class and the dimensions it counts for."""
    if sum(scores.values()) < MIN_SCORE:
        return None, ()  # no class can reach MIN_SCORE (scores are positive): most sentences
    # The same few score sets recur in every report; the result depends only on the set
    # (scores are whole numbers, so the order of the additions does not matter). Looked up first
    # as the items stand (no sort, no lru_cache call): the same dict gives the same items.
    items = tuple(scores.items())
    hit = _CLASSIFIED.get(items)
    if hit is None:
        if len(_CLASSIFIED) >= _CLASSIFIED_MAX:
            _CLASSIFIED.clear()
        hit = _CLASSIFIED[items] = _classify_items(tuple(sorted(items)))
    return hit


_CLASSIFIED: dict[tuple, tuple[str | None, tuple[str, ...]]] = {}
_CLASSIFIED_MAX = 16384


@lru_cache(maxsize=4096)
def _classify_items(items: tuple[tuple[str, float], ...]) -> tuple[str | None, tuple[str, ...]]:
    scores = dict(items)
    cls = {c: 0.0 for c in CLASSES}
    for d, v in scores.items():
        cls["职" if d in WORK else d] += v
    best, top = max(cls.items(), key=lambda kv: (kv[1], -_TIE_ORDER[kv[0]]))
    if top < MIN_SCORE:
        return None, ()
    floor = max(SECONDARY_RATIO * top, MIN_SCORE + 1)
    classes = [best] + [c for c, v in cls.items() if c != best and v >= floor]
    dims: list[str] = []
    for c in classes:
        if c == "职":
            dims.extend(d for d in WORK if scores.get(d, 0) > 0)
        else:
            dims.append(c)
    return best, tuple(dims)


def _analyse(doc: Document, lexicons: Lexicons) -> DimensionAnalysis:
    hits = _CueHits(doc.text, lexicons)
    sections = list(doc.outline.walk())
    short, plans = find_parts(doc, lexicons, sections)
    cuts = [(p.start, p.end, "问题" if p.kind == "shortcomings" else "打算") for p in (short, plans) if p]
    blocks = _blocks(_pieces(doc, cuts), hits, _heading_priors(doc, hits, sections))
    scored = blocks.scored()
    chars, evidence = _tally(doc, scored)
    opening = doc.outline.opening
    skip = opening[0] if opening else -1  # the opening paragraph is not "unclassified"
    body = unclassified = 0
    for a, b, _ in blocks.pieces:
        body += b - a
        if b - a >= 30 and a != skip:
            unclassified += b - a
    # Every block was counted as unlabelled: take back those with a label.
    unclassified -= sum(
        blk.end - blk.start
        for blk in scored
        if blk.label is not None and blk.end - blk.start >= 30 and blk.start != skip
    )
    body = body or 1
    coverage = {d: chars[d] / body for d in chars}
    return DimensionAnalysis(blocks, body, chars, coverage, evidence, short, plans, unclassified / body)


class _CueHits:
    """Every dimension cue of the text (and every figure, a cue of 绩), sorted, found by range."""

    def __init__(self, text: str, lexicons: Lexicons):
        hits = find_phrases(dimension_automaton(lexicons), text)
        figure_re = _FIGURE_RE_ASCII if ascii_digits(text) else _FIGURE_RE
        figures = [(m.start(), m.end(), m.group(), ("绩",)) for m in figure_re.finditer(text)]
        self.hits = sorted(hits + figures)
        self.starts = [h[0] for h in self.hits]

    def within(self, a: int, b: int):
        return self.hits[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]


def _heading_priors(
    doc: Document, hits: _CueHits, sections: list | None = None
) -> list[tuple[int, int, dict[str, float]]]:
    """Every section's heading cues weigh on the paragraphs under it."""
    priors: list[tuple[int, int, dict[str, float]]] = []
    for s in doc.outline.walk() if sections is None else sections:
        p: dict[str, float] = {}
        for _, _, phrase, tags in hits.within(s.heading_start, s.heading_end):
            for t in tags:
                p[t] = p.get(t, 0) + HEADING_WEIGHT * cue_weight(phrase)
        if p:
            priors.append((s.start, s.end, p))
    return priors


def _pieces(doc: Document, cuts: list[tuple[int, int, str]]) -> list[tuple[int, int, str | None]]:
    """The paragraphs (title left out), cut where the shortcomings and plans parts begin and end."""
    title = doc.outline.title
    if not cuts:
        return [(a, b, None) for a, b in doc.paragraphs if not (title and (a, b) == tuple(title))]
    pieces: list[tuple[int, int, str | None]] = []
    for a, b in doc.paragraphs:
        if title and (a, b) == tuple(title):
            continue
        segs: list[tuple[int, int, str | None]] = [(a, b, None)]
        for c0, c1, lab in cuts:
            nxt = []
            for x, y, seg_lab in segs:
                if seg_lab is not None or y <= c0 or x >= c1:
                    nxt.append((x, y, seg_lab))
                    continue
                if x < c0:
                    nxt.append((x, c0, None))
                nxt.append((max(x, c0), min(y, c1), lab))
                if y > c1:
                    nxt.append((c1, y, None))
            segs = nxt
        pieces.extend(segs)
    return pieces


def _blocks(pieces, hits: _CueHits, priors) -> Blocks:
    """One classified block per piece: its cues' weights plus the priors of the headings above it.

    Only the blocks the analysis counts are made here (23,000 of the laws' 73,000): a piece with no cue and
    no prior (41,000) or with one weak cue and no prior (8,600) is made when the blocks are read (``Blocks``).
    """
    made: dict[int, Block] = {}
    weak: dict[int, int] = {}
    sweep = _PriorSweep(priors)
    hs, starts = hits.hits, hits.starts
    n = len(starts)
    j = 0
    # The priors stay those of the last sweep.at() call up to ``until`` (where a section with a
    # prior begins or ends): most pieces need no call at all.
    priors_here: list[dict[str, float]] = []
    last, until = math.inf, -math.inf
    # A piece with no cue under the same priors as the previous such piece has its scores and class.
    prior_only: tuple[Any, dict[str, float], str | None, tuple[str, ...]] = (None, {}, None, ())
    for i, (a, b, part_label) in enumerate(pieces):
        # Pieces come in text order: the cues of each start where the previous piece's search
        # stopped (the same range hits.within(a, b) gives).
        j = bisect.bisect_left(starts, a, j)
        k = bisect.bisect_left(starts, b, j) if j < n and starts[j] < b else j
        if part_label is not None:
            ev = [(x, y, ph, t) for x, y, ph, tags in hs[j:k] for t in tags]
            made[i] = Block(a, b, part_label, {}, (part_label,), ev)
            continue
        if not (last <= a < until):
            priors_here = sweep.at(a)
            until = sweep.valid_until()
        last = a
        if j == k:
            if not priors_here:
                continue  # nothing to score (most paragraphs of a law): made when read
            if prior_only[0] is not priors_here:  # the priors' scores (8,000 pieces of the laws)
                scores = _scores([], priors_here)
                prior_only = (priors_here, scores, *_classify(scores))
            made[i] = Block(a, b, prior_only[2], dict(prior_only[1]), prior_only[3], [])
            continue
        if k == j + 1 and not priors_here:
            _, _, ph, tags = hs[j]
            if len(tags) == 1 and cue_weight(ph) < MIN_SCORE:
                # One weak cue and no prior: no class, and no sentence of it can have one. Made when read.
                weak[i] = j
                continue
        ev = [(x, y, ph, t) for x, y, ph, tags in hs[j:k] for t in tags]
        scores = _scores(ev, priors_here)
        label, dims = _classify(scores)
        made[i] = Block(a, b, label, scores, dims, ev)
    return Blocks(pieces, made, weak, hs)


def _scores(ev, priors_here) -> dict[str, float]:
    """A piece's scores: its cues' weights, then its headings' priors."""
    scores: dict[str, float] = {}
    for _, _, ph, t in ev:
        scores[t] = scores.get(t, 0) + cue_weight(ph)
    for p in priors_here:
        for t, v in p.items():
            scores[t] = scores.get(t, 0) + v
    return scores


_WORK = frozenset(WORK)


class _Tally:
    """Characters and evidence per dimension, as the blocks and their sentences are counted."""

    def __init__(self):
        # "职" is the 述职 content as a whole (a paragraph counting for any of 能/勤/绩).
        self.chars = {d: 0 for d in (*DIMENSIONS, "职", "问题", "打算")}
        self.evidence: dict[str, list[str]] = {d: [] for d in self.chars}
        self.seen: dict[str, set[str]] = {d: set() for d in self.chars}  # evidence[d] as a set

    def cite(self, d: str, ph: str) -> None:
        if ph not in self.seen[d]:
            self.seen[d].add(ph)
            self.evidence[d].append(ph)


def _tally(doc: Document, blocks: Iterable[Block]) -> tuple[dict[str, int], dict[str, list[str]]]:
    tally = _Tally()
    sents = doc.sentences
    sent_starts: list[int] | None = None  # made when a block's sentences are first counted
    cite = tally.cite
    for blk in blocks:
        if not blk.dims and not blk.evidence:
            continue  # counts for nothing and cites nothing
        for d in blk.dims:
            tally.chars[d] += blk.end - blk.start
        if not _WORK.isdisjoint(blk.dims):
            tally.chars["职"] += blk.end - blk.start
        dims = blk.dims
        elsewhere = False  # a cue of a dimension the block does not count for
        for _, _, ph, t in blk.evidence:
            if t in dims:
                cite(t, ph)
            else:
                elsewhere = True
        if blk.label in ("问题", "打算") or not elsewhere:
            # A sentence counts only for dimensions among its own cues' and not the block's (_count_sentences):
            # with every cue of the block counted by the block already, no sentence adds anything.
            continue
        if sent_starts is None:
            sent_starts = [x for x, _ in sents]
        _count_sentences(blk, sents, sent_starts, tally)
    return tally.chars, tally.evidence


def _count_sentences(blk: Block, sents, sent_starts: list[int], tally: _Tally) -> None:
    """A sentence about another dimension inside a paragraph classified otherwise
    (a 德 sentence closing a study paragraph) counts for that dimension too."""
    evidence = blk.evidence
    ev_starts = [e[0] for e in evidence]
    n_ev, n_sents = len(ev_starts), len(sents)
    bstart, bend = blk.start, blk.end
    bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right
    i = max(bisect_right(sent_starts, bstart) - 1, 0)
    while i < n_sents and sent_starts[i] < bend:
        a, b = sents[i]
        if a < bstart:
            a = bstart
        if b > bend:
            b = bend
        i += 1
        lo, hi = bisect_left(ev_starts, a), bisect_left(ev_starts, b)
        if lo == hi:
            # Most sentences hold no cue. Sentences are sorted and disjoint, so go straight
            # to the one holding the next cue (or stop: no cue is left after this sentence).
            if hi == n_ev:
                break
            i = max(i, bisect_right(sent_starts, ev_starts[hi]) - 1)
            continue
        if hi - lo == 1 and cue_weight(evidence[lo][2]) < MIN_SCORE:
            continue  # one weak cue: _classify would give no class (most cue sentences)
        ev = evidence[lo:hi]
        sc: dict[str, float] = {}
        for _, _, ph, t in ev:
            sc[t] = sc.get(t, 0) + cue_weight(ph)
        label, dims = _classify(sc)
        if label is None:
            continue
        if label == "职" and _WORK.isdisjoint(blk.dims):
            tally.chars["职"] += b - a
        for d in dims[:1] if label != "职" else [d for d in dims if d in WORK]:
            if d not in blk.dims:
                tally.chars[d] += b - a
                for _, _, ph, t in ev:
                    if t == d:
                        tally.cite(d, ph)
