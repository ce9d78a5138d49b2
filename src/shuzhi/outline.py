"""The outline of a report: title, opening, numbered and topic-sentence sections, closing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document

# Heading markers by level. Level 1: 一、 第一， ; level 2: （一）; level 3: 1. 1、; level 4: （1）
_MARKERS = [
    (1, re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|第[一二三四五六七八九十]{1,3}[，、,：:]?(?=[^\d]))")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")),
    (3, re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
]


@dataclass
class Section:
    level: int
    marker: str
    heading_start: int
    heading_end: int
    start: int
    end: int
    kind: str = "body"  # body | shortcomings | plans
    children: list["Section"] = field(default_factory=list)

    def heading(self, text: str) -> str:
        return text[self.heading_start:self.heading_end]

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Outline:
    title: tuple[int, int] | None = None
    opening: tuple[int, int] | None = None
    sections: list[Section] = field(default_factory=list)
    closing: tuple[int, int] | None = None
    # Inline enumerations (一是…二是…) as (start, end, marker).
    items: list[tuple[int, int, str]] = field(default_factory=list)

    def walk(self):
        for s in self.sections:
            yield from s.walk()

    def find(self, kind: str) -> Section | None:
        for s in self.walk():
            if s.kind == kind:
                return s
        return None


def _heading_end(text: str, start: int, end: int) -> int:
    """A heading line may run on into its body: cut at the first 。 if any."""
    i = text.find("。", start, end)
    return i + 1 if 0 <= i else end


def parse_outline(doc: Document) -> Outline:
    text = doc.text
    paras = doc.paragraphs
    out = Outline()
    if not paras:
        return out
    out.title = paras[0]
    stack: list[Section] = []
    first_section_start = None
    for a, b in paras[1:]:
        line = text[a:b]
        for level, rx in _MARKERS:
            m = rx.match(line)
            if m:
                sec = Section(level, m.group(), a, _heading_end(text, a, b), a, len(text))
                while stack and stack[-1].level >= level:
                    stack.pop().end = a
                if stack:
                    stack[-1].children.append(sec)
                else:
                    out.sections.append(sec)
                    if first_section_start is None:
                        first_section_start = a
                stack.append(sec)
                break
    for s in stack:
        s.end = len(text)
    if len(paras) > 1:
        open_end = first_section_start if first_section_start is not None else paras[1][1]
        out.opening = (paras[1][0], open_end)
    return out


_KIND_LABEL = {"body": "", "shortcomings": "［问题］", "plans": "［打算］"}


def _clip(s: str, n: int = 40) -> str:
    s = s.replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def outline_to_text(doc: Document) -> str:
    o = doc.outline
    t = doc.text
    lines = []
    if o.title:
        lines.append(f"标题：{_clip(t[o.title[0]:o.title[1]], 60)}")
    if o.opening:
        lines.append(f"开头：{_clip(t[o.opening[0]:o.opening[1]])}")
    for s in o.walk():
        indent = "  " * s.level
        label = _KIND_LABEL.get(s.kind, f"［{s.kind}］")
        lines.append(f"{indent}{label}{_clip(s.heading(t), 50)}  [{s.start}-{s.end}]")
    if o.closing:
        lines.append(f"结尾：{_clip(t[o.closing[0]:o.closing[1]])}")
    return "\n".join(lines)


def _sec_dict(s: Section, text: str) -> dict:
    return {
        "level": s.level,
        "marker": s.marker,
        "heading": s.heading(text),
        "kind": s.kind,
        "start": s.start,
        "end": s.end,
        "children": [_sec_dict(c, text) for c in s.children],
    }


def outline_to_dict(doc: Document) -> dict:
    o = doc.outline
    t = doc.text

    def span(x):
        return None if x is None else {"start": x[0], "end": x[1], "text": t[x[0]:x[1]]}

    return {
        "title": span(o.title),
        "opening": span(o.opening),
        "sections": [_sec_dict(s, t) for s in o.sections],
        "closing": span(o.closing),
    }
