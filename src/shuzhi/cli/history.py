"""`shuzhi history PERSON --index DIR`: a person's reports by year, checked against each other."""

from __future__ import annotations

import json
import sys

import click

from ..model.errors import ShuzhiError
from ..model.findings import severity_rank
from .options import build_config, config_option


@click.command("history")
@click.argument("person", metavar="姓名")
@click.option(
    "--index",
    "index_dir",
    required=True,
    type=click.Path(file_okay=False),
    metavar="目录",
    help="索引目录（用 shuzhi index add --person 姓名 --year 年度 加入此人各年度的报告）",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True, help="输出格式"
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), metavar="文件", default=None, help="写入文件（默认输出到屏幕）"
)
@config_option
def history_cmd(person, index_dir, fmt, output, config_path):
    """一个人的历年报告：逐年与此人更早年度的报告比对（存在问题重复 H601、打算无下文 H602、成绩照搬 H603、
    同一指标同一年度数字不一 H604），并把各年的覆盖情况和概况并列。

    \b
    退出码：0 没有往年对照问题；1 有达到失败级别的往年对照问题；2 参数错误、索引不存在或索引中没有此人的报告。
    """
    from ..pipeline.person_history import person_history
    from ..similarity.index.store import Index
    from ..writers.history import render_html, render_text

    cfg = build_config(config_path)
    ix = Index(index_dir)
    try:
        ph = person_history(ix, person, cfg)
    finally:
        ix.close()
    data = ph.to_dict()
    if fmt == "json":
        page = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        page = render_html(data)
    else:
        page = render_text(data)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as f:
                f.write(page)
        except OSError as e:
            raise ShuzhiError(f"无法写入输出文件 {output}：{e.strerror or e}", code="E004") from e
        click.echo(f"已写入 {output}", err=True)
    else:
        sys.stdout.write(page)
    threshold = severity_rank(cfg.fail_level)
    found = [f for e in ph.entries for f in e.history_findings if severity_rank(f.severity) >= threshold]
    return 1 if found else 0


COMMANDS = [history_cmd]
