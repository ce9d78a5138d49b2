"""`shuzhi review`: review a round of reports into a dashboard, an Excel summary, Word comments and JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..model.errors import ShuzhiError
from ..model.findings import severity_rank
from .options import build_config, config_option


@click.command("review")
@click.argument("paths", nargs=-1, required=False)
@click.option(
    "-o",
    "--output",
    "outdir",
    default=None,
    type=click.Path(file_okay=False),
    help="输出目录：index.html、summary.xlsx、annotated/、results.json（用 --from 时默认为 results.json 所在目录）",
)
@click.option(
    "--from",
    "from_results",
    default=None,
    type=click.Path(dir_okay=False),
    help="从上一轮 shuzhi review 写出的 results.json 重新生成看板、Excel 和 Word 文件，不重新检查（需能读取报告原文）",
)
@click.option(
    "--index",
    "index",
    type=click.Path(file_okay=False),
    default=None,
    help="复制检测索引目录（由 shuzhi index add 建立），本轮报告也与其中的报告比对",
)
@click.option(
    "--manifest",
    "manifest",
    default=None,
    type=click.Path(dir_okay=False),
    help="本轮名册（CSV 或 Excel）：文件、姓名、单位、职务、年度，按文件名对应报告；不在名册中的报告从报告本身识别作者",
)
@click.option("--person", default=None, help="报告人姓名（只审查一份报告时用；多份请用 --manifest）")
@click.option("--post", default=None, help="报告人职务（只审查一份报告时用）")
@click.option("--unit", default=None, help="报告人单位（可用于整轮）")
@click.option("--year", type=click.IntRange(1949, 2100), default=None, help="报告年度（可用于整轮）")
@config_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="并行进程数（默认为 CPU 核数，最多 8）")
@click.option("--no-progress", is_flag=True, default=False, help="不显示进度条")
@click.option(
    "--pretty-json", is_flag=True, default=False, help="results.json 缩进排版，便于阅读（文件更大，写得更慢）"
)
def review_cmd(
    paths, outdir, from_results, index, manifest, person, post, unit, year, config_path, jobs, no_progress, pretty_json
):
    """审查一轮报告：逐份检查并相互比对，生成离线看板、Excel 汇总表、带批注的 Word 文件和 JSON 结果。

    用 --from OUTDIR/results.json 时不重新检查：按其中的结果重新生成看板、Excel 和 Word 文件。

    报告人（姓名·职务·单位）依次取自：--person/--post/--unit/--year，名册（--manifest），索引登记（--index），
    报告本身（落款、标题、开头），依据写在每份报告的页面上。

    退出码：0 没有问题；1 有达到失败级别的问题；2 参数或输入错误（或没有一份报告能读取）；3 中断；4 内部错误。
    """
    from ..review import review

    if from_results is not None:
        if manifest or person or post or unit or year:
            raise click.UsageError("--from 沿用 results.json 中的报告人，不能再给出 --manifest、--person 等选项。")
        if paths:
            raise click.UsageError("--from 与报告路径只能给出一个：--from 按已有结果重新生成，不检查报告。")
        return _regenerate(from_results, outdir, config_path, no_progress)
    if not paths:
        raise click.UsageError("缺少要审查的报告路径（或用 --from OUTDIR/results.json 重新生成）。")
    if outdir is None:
        raise click.UsageError("缺少选项 -o / --output（输出目录）。")
    if index is not None and not Path(index).is_dir():
        raise ShuzhiError(f"索引目录不存在：{index}。请先用 shuzhi index add --index {index} 建立索引。", code="E001")
    from ..pipeline.authors import Authors

    authors = Authors.read(manifest, person=person, unit=unit, post=post, year=year)  # E401 before any work
    cfg = build_config(config_path)
    out = review(
        paths,
        outdir,
        config=cfg,
        config_path=config_path,
        jobs=jobs,
        index=index,
        progress=not no_progress and sys.stderr.isatty(),
        pretty_json=pretty_json,
        authors=authors,
    )
    rnd = out.round
    n_findings = sum(len(r.findings) for r in rnd.results)
    for e in rnd.errors:
        click.echo(f"{e.get('source') or ''}: {e['code']} {e['message']}", err=True)
    for note in rnd.notes + ([rnd.copying.note] if rnd.copying is not None and rnd.copying.note else []):
        click.echo(f"注意：{note}", err=True)
    summary = f"审查了 {len(rnd.results)} 份报告，发现 {n_findings} 个问题"
    if rnd.errors:
        summary += f"，{len(rnd.errors)} 个文件无法检查"
    click.echo(summary + f"（{rnd.jobs} 个并行进程，用时 {out.seconds['total']:.1f} 秒）。")
    click.echo(f"看板：{out.files['index.html']}")
    click.echo(f"Excel：{out.files['summary.xlsx']}")
    _summary_lines(out)
    written = sum(1 for e in rnd.entries if e.result is not None and not isinstance(e.annotated, dict))
    if written:  # no report read, no Word file: the folder was never made
        click.echo(f"带批注的 Word 文件：{Path(outdir) / 'annotated'}（{written} 份）")
    click.echo(f"JSON：{out.files['results.json']}")
    if not rnd.results:
        return 2
    threshold = severity_rank(cfg.fail_level)
    if any(severity_rank(f.severity) >= threshold for r in rnd.results for f in r.findings):
        return 1
    return 0


def _regenerate(from_results, outdir, config_path, no_progress) -> int:
    from ..review.regenerate import regenerate

    cfg = build_config(config_path)
    out = regenerate(
        from_results, outdir, config=cfg, config_path=config_path, progress=not no_progress and sys.stderr.isatty()
    )
    rnd = out.round
    for note in rnd.notes:
        click.echo(f"注意：{note}", err=True)
    click.echo(
        f"按 {from_results} 中的结果重新生成了 {len(rnd.results)} 份报告的看板、Excel 和 Word 文件"
        f"（未重新检查，用时 {out.seconds['total']:.1f} 秒）。"
    )
    click.echo(f"看板：{out.files['index.html']}")
    click.echo(f"Excel：{out.files['summary.xlsx']}")
    _summary_lines(out)
    click.echo(f"带批注的 Word 文件：{out.outdir / 'annotated'}")
    if not rnd.results:
        return 2
    threshold = severity_rank(cfg.fail_level)
    if any(severity_rank(f.severity) >= threshold for r in rnd.results for f in r.findings):
        return 1
    return 0


def _summary_lines(out) -> None:
    html, pdf = out.files.get("round-summary.html"), out.files.get("round-summary.pdf")
    if html is not None:
        click.echo(
            f"打印版汇总（考核组会议用）：{html}" + (f"，PDF：{pdf}" if pdf is not None else "（PDF 未生成，原因见上）")
        )


COMMANDS = [review_cmd]
