"""The report's title paragraph and the paragraph its opening starts with."""

from __future__ import annotations

import re

from ..text.fastre import compile_skipping
from .markers import _VENDOR, opens_numbered

_TITLE_WORDS = re.compile(r"报告|述职|述廉|述德|述学|述责|述法|总结|汇报")

_DATE_LINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
# What raises a candidate's score (compiled once: re.search(str) looks its pattern up in re's cache on
# every call, four times a paragraph).
_SHU_KIND = re.compile(r"述[学德职责廉法]")
_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}年")
_TITLE_ROLE = compile_skipping(r"[县市区镇乡委局](?:长|书记|常委|主任)|长|书记")
_ENDS_SENTENCE = re.compile(r"[。！？：:]$")


def first_after_title(text: str, paras, t: int | None) -> int:
    """Index of the paragraph the report's opening starts with, after the title ``t`` (None: no title)."""
    if t is None:
        return 0
    first = t + 1
    # Lines right after the title that are no sentence (a repeated title, a subtitle, a
    # vendor's line) do not open the report.
    while first < len(paras) - 1 and first - t <= 3:
        line = text[paras[first][0] : paras[first][1]]
        if len(line) <= 40 and "。" not in line and not opens_numbered(line):
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
        if opens_numbered(line):
            break
        score = 0
        if _TITLE_WORDS.search(line):
            score += 2
        if _SHU_KIND.search(line):
            score += 2
        if _TITLE_YEAR.search(line):
            score += 1
        if _TITLE_ROLE.search(line):
            score += 1
        if score >= 2 and score > best_score:
            best, best_score = i, score
    if best is None and paras:
        # A title that names no report ("…而奋斗"): a short first line that is no sentence.
        line = text[paras[0][0] : paras[0][1]]
        if (
            len(line) <= 60
            and not _ENDS_SENTENCE.search(line)
            and not _VENDOR.search(line)
            and "。" not in line
            and not opens_numbered(line)
        ):
            best = 0
    return best
