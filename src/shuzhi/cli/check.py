"""`shuzhi check`: lint-like checking of reports with text, JSON and SARIF output."""

from __future__ import annotations

import sys

import click

from ..model.errors import ShuzhiError
from ..model.findings import severity_rank
from .options import build_config, config_option, selection_options


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True, help="输出格式"
)
@selection_options
@config_option
@click.option(
    "--fail-level",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="达到此严重程度的问题使退出码为 1（默认取配置，配置默认 warning）",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="写入文件而不是标准输出")
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="复制检测索引目录（`shuzhi index add` 建立）：同时运行 C301/C302 并给出复制比",
)
@click.option("--statistics", is_flag=True, help="只输出每条规则的问题数（按次数排序；仅用于文本输出）")
@click.option("--exit-zero", is_flag=True, help="有问题时退出码仍为 0（没有一份报告能检查时仍为 2）")
def check_cmd(paths, fmt, select, ignore, config_path, fail_level, output, index_dir, statistics, exit_zero):
    """检查报告（文件或目录），列出发现的问题。

    \b
    退出码：0 没有问题；1 有达到失败级别的问题；2 参数错误，或没有一份报告能检查；3 中断；4 内部错误。
    部分文件无法读取时照常检查其余文件，无法读取的列在标准错误和结果的 errors 中，不影响退出码。
    """
    if statistics and fmt != "text":
        raise ShuzhiError(
            f"--statistics 只用于文本输出；--format {fmt} 的结果中已含每条问题，请去掉其中一个选项。", code="E203"
        )
    from ..pipeline.batch import check_paths

    cfg = build_config(config_path, select, ignore)
    if fail_level:
        cfg.fail_level = fail_level
    index = None
    if index_dir:
        from ..similarity.index.store import Index

        index = Index(index_dir)
    try:
        batch = check_paths(paths, cfg, index=index)
    finally:
        if index is not None:
            index.close()
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 (closed below; stdout is not)
    try:
        if fmt == "json":
            from ..writers.jsonfmt import dumps

            out.write(dumps(batch.results, batch.errors) + "\n")
        elif fmt == "sarif":
            from ..writers.sarif import dumps

            out.write(dumps(batch.results, batch.errors, cfg.registry) + "\n")
        elif statistics:
            from ..writers.text import write_statistics

            write_statistics(batch.results, batch.errors, out, sys.stderr)
        else:
            from ..writers.text import write

            write(batch.results, batch.errors, out, sys.stderr)
            if index is not None:
                from ..similarity.sources import summary_line
                from ..writers.history import history_line

                for r in batch.results:
                    out.write(summary_line(r) + "\n")
                    line = history_line(r.profile.get("history"))
                    if line:
                        out.write(f"{r.source}: {line}\n")
    finally:
        if output:
            out.close()
    if fmt != "text":
        for e in batch.errors:
            click.echo(f"{e.get('source') or ''}: {e['code']} {e['message']}", err=True)
    if not batch.results and batch.errors:
        return 2
    threshold = severity_rank(cfg.fail_level)
    if not exit_zero and any(severity_rank(f.severity) >= threshold for r in batch.results for f in r.findings):
        return 1
    return 2 if batch.errors and not batch.results else 0


COMMANDS = [check_cmd]
