"""Human-readable text output: `path:line:col: CODE message` with the excerpt."""

from __future__ import annotations

from typing import TextIO

from ..model.vocabulary import CLASSES

_SEV = {"error": "错误", "warning": "警告", "info": "提示"}


_PROFILE_DIMS = CLASSES


def profile_line(p: dict) -> str:
    """The profile in one line: measured numbers, not a verdict (see shuzhi.profile)."""
    cov = p.get("coverage")
    if not cov:
        return ""
    parts = ["篇幅 " + " ".join(f"{'履职' if d == '职' else d}{cov[d]:.0%}" for d in _PROFILE_DIMS if d in cov)]
    if p.get("personal_agency") is not None:
        parts.append(f"本人句占 {p['personal_agency']:.0%}")
    parts.append(f"事实 {p['fact_density']:.1f}/千字")
    parts.append(f"套话 {p['formula_density']:.0%}")
    return "画像：" + "；".join(parts)


def write(results, errors, out: TextIO, err: TextIO, *, color: bool = False) -> None:
    total = 0
    for r in results:
        for f in r.findings:
            total += 1
            loc = f"{r.source}:{f.line}:{f.column}"
            if f.page is not None:
                loc += f" (第{f.page}页)"
            elif f.cell is not None or f.paragraph is not None:
                loc += f" ({f.where})"  # a .docx: line counts table cells as paragraphs, so say where
            sev = _SEV[f.severity] + ("·启发式" if f.heuristic else "")
            out.write(f"{loc}: {f.code} [{sev}] {f.message}\n")
            if f.excerpt:
                out.write(f"    | {f.excerpt}\n")
        line = profile_line(r.profile)
        if line:
            out.write(f"{r.source}: {line}\n")
    for e in errors:
        err.write(f"{e.get('source') or ''}: {e['code']} {e['message']}\n")
    out.write(summary_line(results, errors) + "\n")


def summary_line(results, errors) -> str:
    """检查了 N 份报告，发现 M 个问题（错误 a，警告 b，提示 c）。"""
    counts = {s: 0 for s in ("error", "warning", "info")}
    for r in results:
        for f in r.findings:
            counts[f.severity] += 1
    total = sum(counts.values())
    summary = f"检查了 {len(results)} 份报告，发现 {total} 个问题"
    if total:
        summary += "（" + "，".join(f"{_SEV[s]} {n}" for s, n in counts.items() if n) + "）"
    if errors:
        summary += f"，{len(errors)} 个文件无法检查"
    return summary + "。"


def write_statistics(results, errors, out: TextIO, err: TextIO) -> None:
    """One line per rule: count, code, name, severity — most frequent first (like `ruff --statistics`)."""
    rows: dict[str, list] = {}
    for r in results:
        for f in r.findings:
            row = rows.setdefault(f.code, [0, f.name, f.severity, f.title, set()])
            row[0] += 1
            row[4].add(r.source)
    for code, (n, name, sev, title, docs) in sorted(rows.items(), key=lambda kv: (-kv[1][0], kv[0])):
        out.write(f"{n:>6}  {code}  {name:<32} {_SEV[sev]}  {title}（{len(docs)} 份报告）\n")
    for e in errors:
        err.write(f"{e.get('source') or ''}: {e['code']} {e['message']}\n")
    out.write(summary_line(results, errors) + "\n")
