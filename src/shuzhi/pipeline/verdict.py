"""Each report's 审核结论 for the committee — 可提交 / 需修改 / 重点核查 — with the reasons, from rules the config sets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.findings import severity_rank

# The three conclusions, in rising order of concern: the one vocabulary of the dashboard, Excel and results.json.
SUBMIT, REVISE, FOCUS = "可提交", "需修改", "重点核查"
DECISIONS = (SUBMIT, REVISE, FOCUS)


@dataclass
class Verdict:
    decision: str
    reasons: list[str] = field(default_factory=list)  # why, most serious first, each naming its codes

    def to_dict(self) -> dict[str, Any]:
        return {"decision": self.decision, "reasons": list(self.reasons)}

    @property
    def text(self) -> str:
        """The conclusion and its reasons in one line (an Excel cell, a tooltip)."""
        return self.decision + ("：" + "；".join(self.reasons) if self.reasons else "")


def _matches(code: str, selectors: list[str]) -> bool:
    return any(code.startswith(s.upper()) for s in selectors)


def _counted(findings, selectors: list[str]) -> list[str]:
    """“标题 N 处（代码）” for each code of the findings that a selector names, in the findings' code order."""
    counts: dict[str, list] = {}
    for f in findings:
        if _matches(f.code, selectors):
            counts.setdefault(f.code, []).append(f)
    return [f"{fs[0].title} {len(fs)} 处（{code}）" for code, fs in sorted(counts.items())]


def verdict_of(result, settings: dict[str, Any]) -> Verdict:
    """The conclusion for one checked report: 重点核查 when a focus finding (or enough copied text) is there,
    需修改 when a revise finding or one at revise-severity is, 可提交 otherwise."""
    findings = list(result.findings)  # once: a review's findings are read back from disk (pipeline.spool)
    focus = _counted(findings, settings["focus"])
    copied = (result.profile.get("copy_round") or result.profile.get("copy") or {}).get("total_copied", 0) or 0
    if copied >= settings["focus-copied"]:
        focus.insert(0, f"与其他报告相同的文字占 {copied:.0%}")
    if focus:
        return Verdict(FOCUS, focus)
    revise = _counted(findings, settings["revise"])
    level = settings["revise-severity"]
    if level != "none":
        rest = [
            f
            for f in findings
            if not _matches(f.code, settings["revise"]) and severity_rank(f.severity) >= severity_rank(level)
        ]
        revise += _counted(rest, sorted({f.code for f in rest}))
    if revise:
        return Verdict(REVISE, revise)
    return Verdict(SUBMIT, ["没有发现需要修改的问题"])


def add_verdicts(results, config) -> None:
    """Set ``result.verdict`` of every checked report of a round."""
    for r in results:
        r.verdict = verdict_of(r, config.verdict)
