"""Human-readable text output: `path:line:col: CODE message` with the excerpt."""
from __future__ import annotations

from typing import TextIO

_SEV = {"error": "错误", "warning": "警告", "info": "提示"}


_PROFILE_DIMS = ("学", "德", "职", "责", "廉", "法")


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
            out.write(f"{loc}: {f.code} [{_SEV[f.severity]}] {f.message}\n")
            if f.excerpt:
                out.write(f"    | {f.excerpt}\n")
        line = profile_line(r.profile)
        if line:
            out.write(f"{r.source}: {line}\n")
    for e in errors:
        err.write(f"{e.get('source') or ''}: {e['code']} {e['message']}\n")
    n_docs = len(results)
    summary = f"检查了 {n_docs} 份报告，发现 {total} 个问题"
    if errors:
        summary += f"，{len(errors)} 个文件无法检查"
    out.write(summary + "。\n")
