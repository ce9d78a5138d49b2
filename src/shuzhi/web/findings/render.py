"""A report's text as HTML paragraphs with every finding highlighted and linked to its card."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SEV_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Mark:
    start: int
    end: int
    anchor: str
    severity: str
    state: str  # open / confirmed / dismissed / explain


def paragraphs(text: str, marks: list[Mark]) -> list[SafeString]:
    """Split at newlines; inside each paragraph wrap finding spans in <mark> (nested spans: the worst wins)."""
    out: list[SafeString] = []
    pos = 0
    for para in text.split("\n"):
        a, b = pos, pos + len(para)
        pos = b + 1
        if not para.strip():
            continue
        inside = [m for m in marks if (m.start < b and m.end > a) or (m.start == m.end and a <= m.start <= b)]
        cuts = sorted({a, b, *(max(a, min(b, x)) for m in inside for x in (m.start, m.end))})
        html: list[str] = []
        for m in inside:
            if m.start == m.end and m.start == a:
                html.append(_pin(m))
        for x, y in itertools.pairwise(cuts):
            covering = [m for m in inside if m.start <= x and m.end >= y and m.start < m.end]
            seg = escape(text[x:y])
            if covering:
                m = min(covering, key=lambda m: (SEV_ORDER.get(m.severity, 3), m.end - m.start))
                ids = " ".join(c.anchor for c in covering)
                seg = f'<a class="hl sev-{m.severity} st-{m.state}" href="#{m.anchor}" data-findings="{ids}">{seg}</a>'
            html.append(seg)
            for m in inside:
                if m.start == m.end == y and y != a:
                    html.append(_pin(m))
        out.append(mark_safe("".join(html)))
    return out


def _pin(m: Mark) -> str:
    return f'<a class="pin sev-{m.severity} st-{m.state}" href="#{m.anchor}" title="此处有删除的内容">▲</a>'
