"""One row per file of the round, shared by the dashboard and the Excel summary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.coverage import required_dimensions
from ..model.findings import Result, severity_rank
from ..model.vocabulary import COVERAGE_ORDER
from ..rules.config import Config

FAMILIES = ("P", "N", "S", "F", "T", "C", "H")
FAMILY_LABELS = {"P": "占位", "N": "数字", "S": "结构", "F": "形式", "T": "术语", "C": "复制", "H": "往年"}
# The usual order of the dimensions (DOMAIN.md §1); others follow in the order found.
DIMENSION_ORDER = COVERAGE_ORDER
# Every report is expected to have these parts (S302, S303), whatever its 述 kinds.
ALWAYS_REQUIRED = ("问题", "打算")
# Known profile keys (profile.py): label, whether the value is a share (shown as %),
# whether the dashboard table shows it (the Excel sheet shows all).
PROFILE_FIELDS = {
    "personal_agency": ("个人主体占比", True, True),
    "unclassified": ("未分类占比", True, False),
    "personal_sentences": ("个人主体句数", False, False),
    "unit_sentences": ("单位主体句数", False, False),
    "fact_density": ("事实密度（每千字）", False, True),
    "formula_density": ("套话占比", True, True),
    "index_copied": ("与索引复制比", True, True),
}
PROFILE_LABELS = {k: v[0] for k, v in PROFILE_FIELDS.items()}


def is_share(key: str) -> bool:
    return PROFILE_FIELDS.get(key, ("", False, True))[1]


@dataclass
class Row:
    index: int  # position in the round
    id: str  # file-system-safe, unique: used for reports/<id>.html
    source: str
    name: str  # what a reviewer knows the report by: 姓名·职务·单位 where known (``label``), else its file name
    result: Result | None = None
    error: dict | None = None
    result_index: int | None = None  # index into Round.results (for similarity)
    families: dict[str, int] = field(default_factory=dict)
    severities: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, float | None] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # other numeric profile keys
    copy_ratio: float | None = None
    copy_largest: float | None = None
    # (code, title, count, severity), the most severe first: what to look at.
    issues: list[tuple[str, str, int, str]] = field(default_factory=list)
    annotated: str | None = None  # file name under OUTDIR/annotated/
    required: dict[str, str] = field(default_factory=dict)  # dimension -> the 述 kind requiring it
    # Parts marked 缺: exactly those a finding says are missing (S301 per dimension, S302 问题, S303 打算), so the
    # coverage table and the findings never disagree.
    missing: set[str] = field(default_factory=set)

    @property
    def decision(self) -> str | None:
        """The report's 审核结论 (可提交 / 需修改 / 重点核查), when the round gave one."""
        v = self.result.verdict if self.result is not None else None
        return (v.get("decision") if isinstance(v, dict) else v.decision) if v is not None else None

    @property
    def reasons(self) -> list[str]:
        v = self.result.verdict if self.result is not None else None
        return list((v.get("reasons") if isinstance(v, dict) else v.reasons) or []) if v is not None else []

    @property
    def meta(self) -> dict:
        return self.result.meta if self.result else {}

    @property
    def file(self) -> str:
        """The report's file name (without folders): shown beside its author's name, never instead of it."""
        return Path(self.source.replace("\\", "/")).name

    @property
    def identity(self) -> dict:
        """The author (姓名, 职务, 单位, 年度, evidence) of a review's report: {} when not known."""
        d = self.result.identity if self.result is not None else None
        return d if isinstance(d, dict) else {}

    @property
    def person(self) -> str | None:
        return self.identity.get("name")

    @property
    def post(self) -> str | None:
        return self.identity.get("post") or self.meta.get("role")

    @property
    def unit(self) -> str | None:
        return self.identity.get("unit")

    @property
    def year(self) -> int | None:
        return self.identity.get("year") or self.meta.get("year")

    @property
    def identity_evidence(self) -> list[str]:
        """Where each fact about the author came from, in Chinese (“姓名“王芳”来自落款（“报告人：王芳”）”)."""
        return [e.get("described") or "" for e in self.identity.get("evidence") or [] if e.get("described")]

    @property
    def chars(self) -> int | None:
        if not self.result:
            return None
        return self.result.document.char_count  # the same as profile["chars"]


_UNSAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff_-]+")


def slug(name: str) -> str:
    s = _UNSAFE.sub("-", name).strip("-")
    return s[:40] or "report"


def share_of(v: Any) -> float | None:
    """A coverage value as a share in [0, 1] where it can be read as one."""
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v) / 100 if v > 1 else float(v)
    if isinstance(v, dict):
        for k in ("share", "ratio", "coverage", "value"):
            if isinstance(v.get(k), (int, float)):
                return share_of(v[k])
        if isinstance(v.get("present"), bool):
            return 1.0 if v["present"] else 0.0
    return None


def _required(doc, config) -> dict[str, str]:
    """The dimensions this report must cover, as S301 decides them."""
    config = config or Config()
    try:
        req = dict(required_dimensions(doc, config.lexicons, config.campaign))
    except Exception:
        req = {}
    for d in ALWAYS_REQUIRED:
        req.setdefault(d, "所有报告")
    return req


def build_rows(rnd, config=None) -> list[Row]:
    rows: list[Row] = []
    result_index = 0
    for i, entry in enumerate(rnd.entries):
        name = Path(entry.source).name
        ident = getattr(entry.result, "identity", None)
        if isinstance(ident, dict) and ident.get("label"):
            name = ident["label"]
        row = Row(i, f"{i + 1:04d}-{slug(Path(entry.source).stem)}", entry.source, name, entry.result, entry.error)
        path = getattr(entry.annotated, "path", None)
        row.annotated = path.name if path is not None else None
        if entry.result is not None:
            row.result_index = result_index
            result_index += 1
            fs = list(entry.result.findings)  # once: a review's findings are read back from disk (pipeline.spool)
            row.families = {f: sum(1 for x in fs if x.code[0] == f) for f in FAMILIES}
            row.severities = {s: sum(1 for x in fs if x.severity == s) for s in ("error", "warning", "info")}
            counts: dict[str, list] = {}
            for x in fs:
                count = counts.setdefault(x.code, [x.title or x.name, 0, x.severity])
                count[1] += 1
                if severity_rank(x.severity) > severity_rank(count[2]):
                    count[2] = x.severity
            row.issues = sorted(
                ((c, t, n, s) for c, (t, n, s) in counts.items()), key=lambda i: (-severity_rank(i[3]), i[0])
            )
            row.missing = missing_parts(fs)
            prof = entry.result.profile or {}
            cov = prof.get("coverage")
            if isinstance(cov, dict):
                row.coverage = {str(k): share_of(v) for k, v in cov.items()}
                row.required = _required(entry.result.document, config)
            for k, v in prof.items():
                if k not in ("chars", "coverage") and isinstance(v, (int, float)) and not isinstance(v, bool):
                    row.extra[k] = v
            if isinstance(prof.get("copy"), dict):  # `--index`: CNKI-style metrics against the index
                row.extra["index_copied"] = prof["copy"].get("total_copied")
            cp = rnd.copying
            if cp is not None and cp.enabled and row.result_index in cp.ratio:
                row.copy_ratio = cp.ratio[row.result_index]
                row.copy_largest = cp.largest.get(row.result_index)
                rc = prof.get("copy_round")
                if isinstance(rc, dict):  # the copy rules' own measure (stock formulas excluded)
                    row.copy_ratio = rc.get("total_copied", row.copy_ratio)
                    row.copy_largest = rc.get("max_single", row.copy_largest)
        rows.append(row)
    return rows


# The part each structure rule says is missing.
MISSING_PART_OF = {"S302": "问题", "S303": "打算"}


def missing_parts(findings) -> set[str]:
    out = set()
    for f in findings:
        if f.code in MISSING_PART_OF:
            out.add(MISSING_PART_OF[f.code])
        elif f.code == "S301" and isinstance((f.data or {}).get("dimension"), str):
            out.add(f.data["dimension"])
    return out


def dimensions(rows: list[Row]) -> list[str]:
    found: list[str] = []
    for r in rows:
        for k in r.coverage:
            if k not in found:
                found.append(k)
    known = [d for d in DIMENSION_ORDER if d in found]
    return known + [d for d in found if d not in known]


def extra_keys(rows: list[Row], *, table: bool = False) -> list[str]:
    """Other numeric profile keys found; ``table``: only those the dashboard table shows."""
    found: list[str] = []
    for r in rows:
        for k in r.extra:
            if k not in found and (not table or PROFILE_FIELDS.get(k, ("", False, True))[2]):
                found.append(k)
    return found


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.0f}%"
