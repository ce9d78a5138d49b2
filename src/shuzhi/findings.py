"""Findings and per-document results: the one model every output format writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")


def severity_rank(s: str) -> int:
    return SEVERITIES.index(s)


@dataclass
class Hit:
    """What a rule reports: a span of the analysed text, a message and evidence."""

    start: int
    end: int
    message: str
    data: dict[str, Any] = field(default_factory=dict)
    # For findings about text kept out of the analysed text (vendor residue):
    # the raw span it covers, used for line/column.
    raw_span: tuple[int, int] | None = None


@dataclass
class Finding:
    code: str
    name: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    data: dict[str, Any] = field(default_factory=dict)
    page: int | None = None
    end_page: int | None = None
    title: str = ""
    # From a heuristic rule: a signal for a reviewer to verify, not a verdict.
    heuristic: bool = False

    @property
    def title_label(self) -> str:
        """The rule's title, marked when the rule is heuristic (for every human-facing writer)."""
        t = self.title or self.name
        return f"{t}（启发式，请人工复核）" if self.heuristic else t

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
            "data": self.data,
            "heuristic": self.heuristic,
        }
        if self.page is not None:
            d["page"] = self.page
            d["end_page"] = self.end_page
        return d


@dataclass
class Result:
    """The findings for one document."""

    source: str
    doc_id: str
    meta: dict[str, Any]
    findings: list[Finding]
    profile: dict[str, Any] = field(default_factory=dict)
    document: Any = None  # the Document, for writers that need the text; never serialized

    def to_dict(self) -> dict[str, Any]:
        d = {
            "source": self.source,
            "doc_id": self.doc_id,
            "meta": self.meta,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.profile:
            d["profile"] = self.profile
        return d
