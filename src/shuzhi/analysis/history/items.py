"""Items of a report's shortcomings and plans parts, and what is left of them once stock language is masked."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ...lexicons.loader import Lexicons
from ..document import AnalysedDocument as Document

# An item opens with its own marker: 一是 / 二是 / 首先 / 1. / （一） …
_MARKER_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|第[一二三四五六七八九十]+[，,、]?|"
    r"[（(]?[一二三四五六七八九十\d]+[)）]|\d+[.、．]|[①-⑳])[，,、：:]?"
)
# Lead-ins that introduce the list rather than state an item ("…存在一些问题和不足：").
_LEAD_RE = re.compile(r"[：:]\s*$|(?:以下|如下|下列|几个方面|几点|一些问题|一些不足)[^，。；]{0,6}[。；]?\s*$")
MIN_CONTENT = 8  # characters left after masking for an item to be compared at all


@dataclass(frozen=True)
class Item:
    """One shortcoming or plan: its span in the document's analysed text and its text."""

    start: int
    end: int
    text: str


def parts(doc: Document, kind: str) -> list:
    """The outermost sections of this kind ("shortcomings", "plans", "body")."""
    out = []
    for s in doc.outline.walk():
        if s.kind == kind and not any(p.start <= s.start < p.end for p in out):
            out.append(s)
    return out


def part_spans(doc: Document, kind: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of this kind; the headings of shortcomings and plans parts left out."""
    return [(s.start if kind == "body" else s.heading_end, s.end) for s in parts(doc, kind)]


def items_of(doc: Document, kind: str) -> list[Item]:
    """The items of the shortcomings or plans parts: 一是… enumerations, else sub-parts, else sentences."""
    out: list[Item] = []
    text = doc.text
    for sec in parts(doc, kind):
        a, b = sec.heading_end, sec.end
        units = [(s, e) for s, e, _ in doc.outline.items if a <= s < b]
        if not units:
            units = [(c.start, c.end) for c in sec.children]
        if not units:
            units = [(s, e) for s, e in doc.sentences if a <= s < b]
        for s, e in units:
            t = text[s:e].strip()
            if not t or _LEAD_RE.search(t):
                continue
            out.append(Item(s, e, t))
    return out


def fold(text: str) -> str:
    """Letters and digits only (full-width folded), every digit written 0: the text items are compared in."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        cat = unicodedata.category(ch)
        if cat == "Nd":
            out.append("0")
        elif cat[0] in "LN":
            out.append(ch.lower())
    return "".join(out)


@cache
def _stock_re(phrases: tuple[str, ...]) -> re.Pattern:
    folded = sorted({fold(p) for p in phrases if fold(p)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, folded))) if folded else re.compile(r"(?!)")


def stock_phrases(lexicons: Lexicons | None = None) -> tuple[str, ...]:
    """Mandatory formulas, stock terms and stock self-criticism: never evidence that two items are one."""
    lex = lexicons or Lexicons()
    names = ("formulas.mandatory", "formulas.stock", "formalism.generic_self_criticism")
    return tuple(dict.fromkeys(p for name in names for p in lex.get(name) if p))


def mask(text: str, phrases: tuple[str, ...]) -> str:
    """Folded text with every stock phrase taken out."""
    return _stock_re(phrases).sub("", fold(text))


def content(text: str, phrases: tuple[str, ...]) -> str:
    """The item without its marker and with every stock phrase masked out (folded text)."""
    return mask(_MARKER_RE.sub("", text.strip(), count=1), phrases)


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


def similarity(a: str, b: str) -> tuple[float, float]:
    """(dice, containment) of the two contents' character bigram sets; reordered clauses keep both high."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0, 0.0
    shared = len(x & y)
    return 2 * shared / (len(x) + len(y)), shared / min(len(x), len(y))


def same_item(a: str, b: str, *, dice: float = 0.5, containment: float = 0.8) -> float | None:
    """The score when two masked contents state the same thing (None when they do not)."""
    if len(a) < MIN_CONTENT or len(b) < MIN_CONTENT:
        return None
    d, c = similarity(a, b)
    if d >= dice or (c >= containment and min(len(a), len(b)) >= 2 * MIN_CONTENT):
        return d
    return None
