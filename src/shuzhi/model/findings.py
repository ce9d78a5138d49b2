"""Findings and per-document results: the one model every output format writes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

SEVERITIES = ("info", "warning", "error")

# The version of the JSON a Result is written as (results.json, `check --format json`). Bump it when a
# field changes meaning or goes away; readers refuse a newer major version.
SCHEMA_VERSION = 1

# Characters of context on each side of the flagged text that a finding id covers: enough to tell
# two flagged copies of the same words apart, little enough that an edit elsewhere leaves it alone.
ID_CONTEXT = 8


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
    # What tells this hit apart from another of the same rule on the same words (S301's dimension,
    # C302's source): part of the finding id, so one of them going away leaves the other's id alone.
    subject: str = ""


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
    # Stable id: the document key, the code and the flagged text with a little context (finding_id).
    id: str = ""
    # Where in a .docx: the table cell ({"table", "row", "column"}, 1-based), or the body paragraph
    # counted without table cells (``line`` counts cells as paragraphs, in reading order).
    cell: dict[str, int] | None = None
    paragraph: int | None = None

    @property
    def where(self) -> str:
        """The location as a reader says it: 第2个表格第3行第4列, 第12段第5字, 第3页第8行, 第8行第5列."""
        if self.cell is not None:
            return f"第{self.cell['table']}个表格第{self.cell['row']}行第{self.cell['column']}列"
        if self.page is not None:
            return f"第{self.page}页第{self.line}行"
        if self.paragraph is not None:
            return f"第{self.paragraph}段第{self.column}字"
        return f"第{self.line}行第{self.column}列"

    @property
    def title_label(self) -> str:
        """The rule's title as shown beside each finding. A heuristic rule's mark (with its measured precision) is
        said once per report and rule group by the writers (shuzhi.writers.marks), not on every line."""
        return self.title or self.name

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
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
        if self.title:
            d["title"] = self.title
        if self.cell is not None:
            d["cell"] = self.cell
        if self.paragraph is not None:
            d["paragraph"] = self.paragraph
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """The Finding that ``to_dict`` wrote (unknown keys are ignored: they belong to newer writers)."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class Result:
    """The findings for one document."""

    source: str
    doc_id: str
    meta: dict[str, Any]
    findings: list[Finding]
    profile: dict[str, Any] = field(default_factory=dict)
    document: Any = None  # the Document, for writers that need the text; never serialized

    key: str = ""  # the document key finding ids are derived from
    # `review`'s 审核结论 for the committee (shuzhi.pipeline.verdict.Verdict); None outside a review.
    verdict: Any = None
    # `review`'s author of the report (shuzhi.analysis.history.identity.Identity.to_dict()): 姓名, 职务, 单位,
    # 年度, where each came from; None outside a review.
    identity: dict | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "key": self.key,
            "doc_id": self.doc_id,
            "meta": self.meta,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.profile:
            d["profile"] = self.profile
        if self.verdict is not None:
            d["verdict"] = self.verdict.to_dict() if hasattr(self.verdict, "to_dict") else self.verdict
        if self.identity is not None:
            d["identity"] = self.identity
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Result:
        """The Result that ``to_dict`` wrote; ``document`` stays None (results stand on their own)."""
        version = d.get("schema_version", SCHEMA_VERSION)
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise ValueError(
                f"results written with schema version {version!r}; this shuzhi reads up to {SCHEMA_VERSION}"
            )
        return cls(
            source=d["source"],
            doc_id=d.get("doc_id", ""),
            meta=dict(d.get("meta") or {}),
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            profile=dict(d.get("profile") or {}),
            key=d.get("key", ""),
            verdict=d.get("verdict"),
            identity=d.get("identity"),
        )


def finding_id(key: str, code: str, flagged: str, before: str, after: str, subject: str = "") -> str:
    """A finding's stable id: 16 hex digits over the document key, the code, the flagged text and its context.

    Nothing else goes in — no offsets, no message, no other finding — so the id survives a re-check
    of the same report and edits anywhere but in or right next to the flagged text.
    """
    h = hashlib.blake2b(digest_size=8)
    h.update("\x1f".join((key, code, flagged, before, after, subject)).encode("utf-8"))
    return h.hexdigest()


def disambiguate_ids(findings: Iterable[Finding]) -> None:
    """Give the 2nd, 3rd … finding with the same id (same code, same words, same context) distinct ids, in order."""
    seen: dict[str, int] = {}
    for f in findings:
        n = seen.get(f.id, 0)
        seen[f.id] = n + 1
        if n:
            f.id = hashlib.blake2b(f"{f.id}#{n}".encode(), digest_size=8).hexdigest()
