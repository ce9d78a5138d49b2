"""Sentence segmentation of the analysed text (offsets, not copies)."""

from __future__ import annotations

import re

# A sentence is a run of text up to 。！？； (or a newline, or the end), with any closing
# quotes and brackets that follow its punctuation. Short quotations and parentheses are
# taken whole, so “不忘初心。牢记使命” or （含。） do not end the sentence; a long or
# unclosed one falls back to character by character. The sentence-ending characters are
# excluded from the plain-text run, so the terminator always matches: no backtracking.
_SHORT = 40
_T = "。！？!?；;"


def _group(o: str, c: str) -> str:
    # A quotation whose last character ends a sentence ("他说：“要学习。”") ends the
    # sentence too, so the group must not close right after a terminator.
    return rf"{re.escape(o)}(?:[^{c}\n]{{0,{_SHORT - 1}}}[^{c}\n{_T}])?{re.escape(c)}"


_PAIRS = ("“”", "‘’", "（）", "()", "「」", "『』")
# The leading (?=[^\n]): the only empty matches the rest has are at a newline and at the end (any other
# character is taken by the run, a group, an opener or the punctuation), and no sentence starts at either:
# refused there by the engine, they no longer come back to Python as Match objects to drop (one per
# paragraph: the laws' 74,000 of 167,000 matches).
_SENTENCE = re.compile(
    r"(?=[^\n])"
    rf"(?:[^{_T}\n“‘（(「『]+|" + "|".join(_group(o, c) for o, c in _PAIRS) + r"|[“‘（(「『])*+"
    rf"(?:[{_T}]+[”’」』）)]*|(?=\n)|$)"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; the end includes the closing punctuation and quotes.

    Sentences never cross a newline (a paragraph break) and never include one.
    """
    return [m.span() for m in _SENTENCE.finditer(text)]
