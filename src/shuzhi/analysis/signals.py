"""Sentence-level signals shared by the F rules and the profile: agency, unit subjects, facts, formulas."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np

from ..lexicons.loader import Lexicons
from ..model.document import Document
from ..text.digits import ascii_digit_twin, ascii_digits
from ..text.fastre import compile_skipping
from .dimensions import find_phrases, memo, phrase_automaton

# The author as agent: 本人/我 (not 我们, 我县, 我局 …), or the verbs only the author
# does in person, which these reports write without a subject (亲自…, 主持召开…).
_PERSONAL_RE = re.compile(
    r"本人|我(?![们国省市县区镇乡村局委部院校司厅处办队所站中行社会团单])"
    r"|亲自|亲力亲为|主持召开|主持研究|主持制定|主持起草|牵头|带头|带领|率队|分管"
)
# The unit as subject: a collective that stands where a personal report needs the author.
_UNIT_RE = re.compile(
    r"全(?:国|省|市|县|区|镇|乡|旗|州|局|委|院|校|系统|行业|公司)|我(?:们|国|省|市|县|区|镇|乡|局|委|部|院|校|司|厅|处|中心|单位|公司)"
    r"|本(?:单位|部门|系统|公司)|公司|客服部|各部门"
)
# Either, in one search (the personal alternative captured). Told its start set (compile_skipping), the
# alternation of groups skips as the two alternations of literals do.
_AGENCY_RE = compile_skipping(f"({_PERSONAL_RE.pattern})|{_UNIT_RE.pattern}")
# Facts: a figure, a placeholder standing for one, a dated event, a named document.
FACT_PATTERN = (
    r"\d+(?:\.\d+)?|[XＸ×*]{1,4}(?=[个项家件亿万元%人户次年月日起名])|《[^》]{2,40}》"
    r"|[一二三四五六七八九十〇零]{1,4}月[一二三四五六七八九十]{0,3}日?"
)
# The same matches, written to start with one character class (the four alternatives start with
# disjoint characters; a lookbehind picks the alternative): the regex engine then skips the
# positions where no fact can start, 3x faster over a report (tests/test_fast_scans.py).
_NUMERALS = "一二三四五六七八九十〇零"
_FACT_RE = re.compile(
    rf"[\dXＸ×*《{_NUMERALS}](?:(?<=\d)\d*(?:\.\d+)?"
    r"|(?<=[XＸ×*])[XＸ×*]{0,3}(?=[个项家件亿万元%人户次年月日起名])|(?<=《)[^》]{2,40}》"
    rf"|(?<=[{_NUMERALS}])[{_NUMERALS}]{{0,3}}月[一二三四五六七八九十]{{0,3}}日?)"
)
_FACT_RE_ASCII = ascii_digit_twin(_FACT_RE)  # for a text whose digits are 0-9 (text.digits)
# Four-character phrases strung together (主动作为，勇于担当，开拓进取，攻坚克难):
# stock formula even when no single phrase is in the lexicon.
CHAIN_PATTERN = r"(?:[\u4e00-\u9fff]{4}[，、]){2,}[\u4e00-\u9fff]{4}(?=[，。；、！])"
# Searched from its first separator (rare), the first four characters checked behind it: every
# CJK character would otherwise start a match attempt. chain_matches() gives CHAIN_PATTERN's matches.
_CHAIN_AT_SEPARATOR_RE = re.compile(
    r"[，、](?<=[\u4e00-\u9fff]{4}[，、])(?:[\u4e00-\u9fff]{4}[，、])+[\u4e00-\u9fff]{4}(?=[，。；、！])"
)


# From this many characters on, the separators that can open a chain are found over the code points first.
CHAIN_SCAN_MIN = 512
_COMMA, _ENUM_COMMA = ord("，"), ord("、")


def chain_matches(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans re.finditer(CHAIN_PATTERN, text, start, end) gives, found 4x faster.

    A match's first separator has the next one five characters on (four Chinese characters between). On a long
    text the pattern is tried only at such separators (found over the code points, numpy), in order, from where
    the last match leaves off: every match starts at one of them, so these are the search's matches. The search
    tried it at every separator, one character in ten of a law (over every text: laws 33 -> 15 ms, gov-reports
    14 -> 5.5 ms)."""
    end = len(text) if end is None else min(end, len(text))
    out: list[tuple[int, int]] = []
    search = _CHAIN_AT_SEPARATOR_RE.search
    pos = start + 4  # a match starting at s has its first separator at s + 4
    if end - start < CHAIN_SCAN_MIN:
        while True:
            m = search(text, pos, end)
            if m is None:
                return out
            out.append((m.start() - 4, m.end()))
            pos = m.end() + 4  # the next match starts at or after this one's end, like finditer
    codes = np.frombuffer(text[start:end].encode("utf-32-le", "surrogatepass"), np.uint32)
    seps = np.flatnonzero((codes == _COMMA) | (codes == _ENUM_COMMA))
    match = _CHAIN_AT_SEPARATOR_RE.match
    for c in (seps[:-1][seps[1:] - seps[:-1] == 5] + start).tolist():
        if c < pos:
            continue
        m = match(text, c, end)
        if m is not None:
            out.append((m.start() - 4, m.end()))
            pos = m.end() + 4
    return out


@dataclass
class Signals:
    sentences: list[tuple[int, int]]
    personal: list[int] = field(default_factory=list)  # indexes into sentences
    unit: list[int] = field(default_factory=list)
    facts: list[tuple[int, int]] = field(default_factory=list)
    formula_spans: list[tuple[int, int, str]] = field(default_factory=list)  # merged, with the phrase/kind
    formula_chars: int = 0
    body_chars: int = 0

    @property
    def formula_starts(self) -> list[int]:
        return [a for a, _, _ in self.formula_spans]

    @property
    def agency_share(self) -> float | None:
        n = len(self.personal) + len(self.unit)
        return None if n == 0 else len(self.personal) / n

    @property
    def fact_density(self) -> float:
        """Facts per 1,000 characters of the body."""
        return 1000 * len(self.facts) / max(self.body_chars, 1)

    @property
    def formula_density(self) -> float:
        """Share of body characters inside stock formulas."""
        return self.formula_chars / max(self.body_chars, 1)


def formula_automaton(lexicons: Lexicons):
    return phrase_automaton(lexicons, ("formalism.formulas",))


def formula_spans(text: str, automaton, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Merged spans of text[start:end] covered by lexicon formulas or four-character chains."""
    end = len(text) if end is None else end
    spans = [(a, b, ph) for a, b, ph, _ in find_phrases(automaton, text, start, end)]
    spans += [(a, b, "四字格排比") for a, b in chain_matches(text, start, end)]
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for a, b, ph in spans:
        if merged and a <= merged[-1][1]:
            pa, pb, pph = merged[-1]
            merged[-1] = (pa, max(pb, b), pph)
        else:
            merged.append((a, b, ph))
    return merged


def spans_within(spans: list, starts: list[int], a: int, b: int) -> list:
    """The (start, end, …) spans lying in [a, b), given their sorted start offsets."""
    return spans[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)]


def has_fact(text: str, start: int, end: int) -> bool:
    """bool(facts_in(text, start, end)), without listing them: the first match decides."""
    return (_FACT_RE_ASCII if ascii_digits(text) else _FACT_RE).search(text, start, end) is not None


def facts_in(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    fact_re = _FACT_RE_ASCII if ascii_digits(text) else _FACT_RE
    return [m.span() for m in fact_re.finditer(text, start, end)]


def _agency(text: str, sents: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The sentences (indexes) where _PERSONAL_RE finds something, and of the others those where _UNIT_RE does.

    One search for both; where the first hit is a unit, a personal search from that hit on (no personal
    match starts before it). Most sentences have neither: one search instead of two."""
    personal: list[int] = []
    unit: list[int] = []
    agency, personal_search = _AGENCY_RE.search, _PERSONAL_RE.search
    for i, (a, b) in enumerate(sents):
        m = agency(text, a, b)
        if m is None:
            continue
        if m.start(1) >= 0 or personal_search(text, m.start(), b):
            personal.append(i)
        else:
            unit.append(i)
    return personal, unit


def signals_of(doc: Document, lexicons: Lexicons | None = None) -> Signals:
    lexicons = lexicons or Lexicons()
    return memo(doc, "signals", lexicons, lambda: _signals(doc, lexicons))


def formula_window(doc: Document) -> tuple[int, int]:
    """Where the signals look for stock formulas: the body (after the title) to the end."""
    title = doc.outline.title
    return (title[1] if title else 0), len(doc.text)


def _signals(doc: Document, lexicons: Lexicons) -> Signals:
    text = doc.text
    body_start = formula_window(doc)[0]
    # The sentences are sorted by start: those from body_start on are a slice.
    sentences = doc.sentences
    sents = sentences[bisect.bisect_left(sentences, (body_start,)) :]
    sig = Signals(sents)
    sig.personal, sig.unit = _agency(text, sents)
    sig.facts = facts_in(text, body_start)
    sig.formula_spans = formula_spans(text, formula_automaton(lexicons), body_start)
    sig.formula_chars = sum(b - a for a, b, _ in sig.formula_spans)
    body = text[body_start:]
    # The analysed text keeps only line breaks and the odd space between Latin words.
    sig.body_chars = len(body) - sum(body.count(c) for c in " \n\t\u3000\xa0")
    return sig
