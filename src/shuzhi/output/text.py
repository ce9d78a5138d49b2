"""Human-readable text output: `path:line:col: CODE message` with the excerpt."""
from __future__ import annotations

from typing import TextIO

_SEV = {"error": "错误", "warning": "警告", "info": "提示"}


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
    for e in errors:
        err.write(f"{e.get('source') or ''}: {e['code']} {e['message']}\n")
    n_docs = len(results)
    summary = f"检查了 {n_docs} 份报告，发现 {total} 个问题"
    if errors:
        summary += f"，{len(errors)} 个文件无法检查"
    out.write(summary + "。\n")
