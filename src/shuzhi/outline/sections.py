"""The outline's data (sections, title, opening, closing) and its text and JSON views."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.document import Document


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
        """This section and every one under it, in document order (depth first, parent first)."""
        # One generator with a stack, not one per level: a law's 100 articles with their items make
        # thousands of sections, walked several times.
        stack = [self]
        while stack:
            s = stack.pop()
            yield s
            if s.children:
                stack.extend(reversed(s.children))


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
        stack = self.sections[::-1]
        while stack:
            s = stack.pop()
            yield s
            if s.children:
                stack.extend(reversed(s.children))

    def find(self, kind: str) -> Section | None:
        for s in self.walk():
            if s.kind == kind:
                return s
        return None

    def find_all(self, kind: str) -> list[Section]:
        return [s for s in self.walk() if s.kind == kind]


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
