"""`shuzhi claims`: every recomputable figure claim with its formula and verdict, statcheck-style."""

from __future__ import annotations

import csv
import io
import json
import sys

import click

from ..model.errors import LoadError, ShuzhiError
from .options import build_config, config_option

COLUMNS = (
    "source",
    "line",
    "column",
    "code",
    "relation",
    "verdict",
    "formula",
    "computed",
    "stated",
    "diagnosis",
    "excerpt",
)
JSON_VERSION = 1


def claim_rows(doc) -> list[dict]:
    """One flat row per claim of the document: what every output format writes."""
    from ..figures.claims import RELATION_NAMES, computed_text

    rows = []
    for c in doc.claims:
        pos = doc.position(c.start)
        d = c.to_dict()
        rows.append(
            {
                "source": doc.source,
                "line": pos.line,
                "column": pos.column,
                # A .docx counts table cells as paragraphs in ``line``: say where a reader finds it.
                "where": f"第{pos.cell[0]}个表格第{pos.cell[1]}行第{pos.cell[2]}列"
                if pos.cell is not None
                else f"第{pos.paragraph}段"
                if pos.paragraph is not None
                else "",
                "code": c.code,
                "relation": RELATION_NAMES[c.relation],
                "verdict": c.verdict,
                "formula": c.formula,
                "computed": computed_text(c),
                "stated": c.stated.text if c.stated is not None else c.extra.get("stated_text", ""),
                "diagnosis": c.diagnosis or c.reason or "",
                "excerpt": doc.excerpt(c.start, c.end, 8),
                "data": d,
            }
        )
    return rows


@click.command("claims")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "xlsx"]),
    default="table",
    show_default=True,
    help="输出格式（xlsx 需用 -o 指定文件）",
)
@click.option(
    "--all/--problems",
    "show_all",
    default=True,
    show_default=True,
    help="列出全部可复算的陈述，或只列出不一致、不可能的",
)
@config_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="写入文件而不是标准输出")
def claims_cmd(paths, fmt, show_all, config_path, output):
    """列出报告中可复算的数字陈述：关系、公式、计算区间、所述数值与结论（一致/不一致/不可能/无法复算）。

    退出码：0 全部一致；1 有不一致或不可能的数字；2 参数或输入错误。
    """
    from ..loaders import load
    from ..pipeline.paths import expand

    cfg = build_config(config_path)
    if fmt == "xlsx" and not output:
        raise ShuzhiError(
            "xlsx 格式需要用 -o 指定输出文件，例如：shuzhi claims 报告.docx --format xlsx -o 核算.xlsx", code="E203"
        )
    files, errors = expand(paths)
    rows: list[dict] = []
    loaded = 0
    for path, source in files:
        try:
            doc = load(path, max_bytes=cfg.max_file_size, source=source, lexicons=cfg.lexicons)
        except LoadError as e:
            e.source = source
            errors.append(e.to_dict())
            continue
        loaded += 1
        rows.extend(r for r in claim_rows(doc) if show_all or r["verdict"] in ("inconsistent", "impossible"))
    if fmt == "xlsx":
        _write_xlsx(rows, output)
    else:
        text = {"csv": _csv, "json": _json, "table": _table}[fmt](rows)
        if output:
            with open(output, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8") as f:
                f.write(text)
        else:
            sys.stdout.write(text)
    for e in errors:
        click.echo(f"{e.get('source') or ''}: {e['code']} {e['message']}", err=True)
    if not loaded and errors:
        return 2
    return 1 if any(r["verdict"] in ("inconsistent", "impossible") for r in rows) else 0


def _csv(rows) -> str:
    from ..figures.claims import VERDICT_ZH

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([r[c] if c != "verdict" else VERDICT_ZH[r[c]] for c in COLUMNS])
    return buf.getvalue()


def _json(rows) -> str:
    out = {"version": JSON_VERSION, "claims": [{**{c: r[c] for c in COLUMNS}, "data": r["data"]} for r in rows]}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def _table(rows) -> str:
    from ..figures.claims import VERDICT_ZH

    lines = []
    for r in rows:
        lines.append(
            f"{r['source']}:{r['line']}:{r['column']}{f' ({w})' if (w := r.get('where')) else ''}: "
            f"{r['code']} {r['relation']} "
            f"[{VERDICT_ZH[r['verdict']]}] {_formula_and_result(r)}" + (f"；{r['diagnosis']}" if r["diagnosis"] else "")
        )
        lines.append(f"    | {r['excerpt']}")
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in VERDICT_ZH}
    lines.append(
        "共 {} 条可复算陈述：{}。".format(len(rows), "，".join(f"{VERDICT_ZH[k]} {n}" for k, n in counts.items()))
    )
    return "\n".join(lines) + "\n"


def _formula_and_result(r: dict) -> str:
    """The formula, what it computes and what the report states, each said once.

    A sum's formula already names the stated whole (“3亿元 + 4亿元 + 5亿元 = 15亿元”): the computed sum of its
    parts follows as 分项合计, not as a second “=” (known defect: “… = 15亿元 = 10.5–13.5亿元”).
    """
    if r["data"].get("relation") == "sum":
        return f"{r['formula']}；分项合计 {r['computed'] or '—'}"
    return f"{r['formula']} = {r['computed'] or '—'}；所述 {r['stated'] or '—'}"


def _write_xlsx(rows, path) -> None:
    from openpyxl import Workbook

    from ..figures.claims import VERDICT_ZH

    wb = Workbook()
    ws = wb.active
    ws.title = "数字陈述"
    headers = ("文件", "行", "列", "规则", "关系", "结论", "公式", "计算值", "所述", "诊断或说明", "原文")
    ws.append(headers)
    for r in rows:
        ws.append([r[c] if c != "verdict" else VERDICT_ZH[r[c]] for c in COLUMNS])
    ws.auto_filter.ref = ws.dimensions  # sortable and filterable, as a reviewer expects
    ws.freeze_panes = "A2"
    wb.save(path)


COMMANDS = [claims_cmd]
