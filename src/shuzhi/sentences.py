"""Sentence segmentation of the analysed text (offsets, not copies)."""
from __future__ import annotations

import re

_END = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]*|\n|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; the end includes the closing punctuation."""
    out = []
    for m in _END.finditer(text):
        a, b = m.span()
        if b > a:
            if text[b - 1] == "\n":
                b -= 1
            if b > a:
                out.append((a, b))
    return out
