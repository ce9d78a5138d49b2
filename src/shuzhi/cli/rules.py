"""`shuzhi rules` and `shuzhi explain CODE`: the rules document themselves."""

from __future__ import annotations

import json

import click

from ..model.errors import ShuzhiError
from ..rules import FAMILIES
from ..rules.registry import Registry

_SEV = {"error": "错误", "warning": "警告", "info": "提示"}


def rule_markdown(r) -> str:
    """One rule's documentation page (also used for docs/rules.md)."""
    lines = [f"## {r.code} {r.name}：{r.title}", ""]
    lines.append(f"- 类别：{r.code[0]}（{FAMILIES[r.code[0]]}）")
    lines.append(f"- 默认严重程度：{r.severity}（{_SEV[r.severity]}）")
    if r.heuristic:
        lines.append(f"- 启发式规则：{r.precision.sentence()}。结果供人工复核，不是定论")
    if r.options:
        opts = "，".join(f"`{k}` = {json.dumps(v, ensure_ascii=False)}" for k, v in r.options.items())
        lines.append(f"- 参数（`[rules.{r.code}]`）：{opts}")
    lines += ["", r.doc, ""]
    if r.triggers:
        lines.append("会触发：")
        lines += [f"- `{t.replace(chr(10), ' / ')[:200]}`" for t in r.triggers]
        lines.append("")
    if r.passes:
        lines.append("不会触发：")
        lines += [f"- `{t.replace(chr(10), ' / ')[:200]}`" for t in r.passes]
        lines.append("")
    return "\n".join(lines)


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def rules_cmd(fmt):
    """列出全部规则。"""
    reg = Registry.default()
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "title": r.title,
                        "severity": r.severity,
                        "heuristic": r.heuristic,
                        "precision": r.precision.value if r.precision else None,
                        "precision_source": r.precision.source if r.precision else None,
                        "options": r.options,
                    }
                    for r in reg
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    elif fmt == "markdown":
        click.echo(docs_markdown(reg))
    else:
        for r in reg:
            h = "（启发式）" if r.heuristic else ""
            click.echo(f"{r.code}  {r.name:<32} {_SEV[r.severity]}  {r.title}{h}")


def docs_markdown(reg) -> str:
    parts = ["# 规则", "", "本页由 `shuzhi rules --format markdown` 生成，与 `shuzhi explain CODE` 同源。", ""]
    for fam, label in FAMILIES.items():
        rs = [r for r in reg if r.family == fam]
        if not rs:
            continue
        parts += [f"# {fam}：{label}", ""]
        parts += [rule_markdown(r) for r in rs]
    return "\n".join(parts)


@click.command("explain")
@click.argument("code")
def explain_cmd(code):
    """解释一条规则（代码或名称）或一个错误代码，如 shuzhi explain P101、shuzhi explain E103。"""
    from ..model.error_help import error_markdown

    reg = Registry.default()
    r = reg.get(code)
    if r is not None:
        click.echo(rule_markdown(r))
        return
    page = error_markdown(code)
    if page is None:
        raise ShuzhiError(
            f"未知的规则或错误代码“{code}”。`shuzhi rules` 列出全部规则，docs/output-formats.md 列出全部错误代码。",
            code="E202",
        )
    click.echo(page)


COMMANDS = [rules_cmd, explain_cmd]
