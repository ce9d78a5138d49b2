"""Texts whose only decimal digits are 0-9, and regexes for them with ``\\d`` written as ``[0-9]``.

In a str pattern ``\\d`` is any character of Unicode category Nd (str.isdecimal): the engine tests each
character's category, ~1.7x the time of the range test ``[0-9]`` (over the laws: the dimension figures 30 ->
17 ms, the signals' facts 45 -> 25 ms, the quantities 92 -> 60 ms). In a text holding no decimal digit other
than 0-9 the two match the same characters, so such a text may be searched with the pattern rewritten
(``ascii_digit_pattern``); ``ascii_digits`` says whether a text is one (nearly every report: the loader makes
full-width digits ASCII). A text with another digit (٣, ३, 𝟑) is searched with the pattern as written.
"""

from __future__ import annotations

import re

import numpy as np

# Where a decimal digit other than 0-9 can be, per code point of the BMP: the ranges below hold every one there
# (tests/text/test_fast_scans_checkfast8.py checks every code point); the last entry stands for every code point
# beyond the BMP (a lookup clipped to it), so they are all looked at. None of Chinese text's own characters is
# marked: the CJK symbols, ideographs and punctuation, full-width punctuation, general punctuation.
_OTHER_DIGIT_RANGES = ((0x0660, 0x1C59), (0xA620, 0xABF9), (0xFF10, 0xFF19))
_MAYBE = np.zeros(0x10000, bool)
for _lo, _hi in _OTHER_DIGIT_RANGES:
    _MAYBE[_lo : _hi + 1] = True
_MAYBE[0xFFFF] = True  # (a noncharacter) every code point beyond the BMP

# The texts asked about lately, by identity (each kept, so its id is not reused): the dimension figures, the signals'
# facts and the quantities each ask about a document's text, one document at a time or (pipeline.grouped) each
# analysis over a group of documents in turn. Emptied when it holds more than _KEPT_TEXTS texts or _KEPT_CHARS
# characters (a group of 64 laws holds ~330,000).
_KEPT_TEXTS = 256
_KEPT_CHARS = 4_000_000
_kept: dict[int, tuple[str, bool]] = {}
_kept_chars = 0


def ascii_digits(text: str) -> bool:
    """True when every decimal digit of ``text`` (every character ``\\d`` matches) is one of 0-9."""
    global _kept_chars
    hit = _kept.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    if text.isascii():
        answer = True
    else:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
        maybe = _MAYBE.take(codes, mode="clip")
        answer = not (maybe.any() and any(chr(c).isdecimal() for c in np.unique(codes[maybe]).tolist()))
    if len(_kept) >= _KEPT_TEXTS or _kept_chars + len(text) > _KEPT_CHARS:
        _kept.clear()
        _kept_chars = 0
    _kept[id(text)] = (text, answer)
    _kept_chars += len(text)
    return answer


def ascii_digit_pattern(pattern: str) -> str:
    """``pattern`` with ``\\d`` matching 0-9 only: ``[0-9]`` outside a class, ``0-9`` inside one; ``\\D`` as
    ``[^0-9]`` (not inside a class: refused). Every other escape and character is kept."""
    out: list[str] = []
    in_class = False
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            if e == "d":
                out.append("0-9" if in_class else "[0-9]")
            elif e == "D":
                if in_class:
                    raise ValueError(f"\\D inside a class: {pattern!r}")
                out.append("[^0-9]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(c)
        i += 1
        if not in_class and c == "[":
            in_class = True
            # "]" first in a class (after an optional "^") is a literal.
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("]")
                i += 1
        elif in_class and c == "]":
            in_class = False
    return "".join(out)


def ascii_digit_twin(compiled: re.Pattern, compile=re.compile) -> re.Pattern:
    """``compiled`` recompiled (by ``compile``) with ``\\d`` as 0-9, for the texts ``ascii_digits`` accepts."""
    return compile(ascii_digit_pattern(compiled.pattern), compiled.flags & ~re.UNICODE)
