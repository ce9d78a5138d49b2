"""`shuzhi corpus`: a whole corpus checked and cross-compared on Apache Spark, written as Parquet tables."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from ..model.errors import ShuzhiError
from .options import build_config, config_option


@click.command("corpus")
@click.argument("input_path", metavar="输入")
@click.option(
    "-o", "--output", "outdir", required=True, metavar="目录", help="输出目录：各表（Parquet）与 summary.html"
)
@click.option(
    "--master",
    default=None,
    metavar="地址",
    help="Spark 主节点，如 local[4]、yarn、k8s://…、spark://主机:7077（默认 local[*]）",
)
@click.option("--partitions", type=click.IntRange(min=1), default=None, metavar="数量", help="输入切分与混洗的分区数")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "files", "parquet", "jsonl"]),
    default="auto",
    help="输入格式：报告文件目录，或含 id、text 列的 Parquet / JSON Lines 表（默认按路径判断）",
)
@click.option(
    "--max-bucket",
    type=click.IntRange(min=2),
    default=None,
    metavar="数量",
    help="一个候选分组最多两两比对的报告数，超出时组内只与第一份比对（默认 500）",
)
@click.option(
    "--cell-memory",
    default=None,
    metavar="大小",
    help="每个比对任务（两块报告及其指纹）可用的内存，如 1g、4g、512m；越大，分块越少，每份报告被复制、重算指纹的次数越少"
    "（默认：集群为 Python 进程设了内存上限时，取每核所分的三分之二，否则 1g；见 docs/corpus.md）",
)
@click.option(
    "--as-review",
    is_flag=True,
    default=False,
    help="按审核轮次逐对比对（小规模）：与 shuzhi review 结果完全相同，不把多人共有的片段视为通用语言；"
    "报告多时几乎每两份都要比对，耗时按数量的平方增长",
)
@config_option
def corpus_cmd(input_path, outdir, master, partitions, fmt, max_bucket, cell_memory, as_review, config_path):
    """在 Apache Spark 上审查整个语料库：逐份检查、相互查重、聚类近似重复，结果写为 Parquet 表和离线汇总页。

    输入是报告文件目录（.txt、.docx、.pdf），或含 id、text 列（可选 person、unit、year）的 Parquet / JSON Lines 表。
    需要安装 shuzhi[spark] 和 Java 17。

    查重规则默认与复制检测索引（shuzhi index、check --index）相同：出现在超过 10 位不同作者（有 person 列时按人，
    否则按份；即复制检测参数 max_authors）报告中的片段视为通用语言（套话），不据此配对、也不计入复制段落；两份报告之间的抄袭仍能找到。
    规模较小、需要与 shuzhi review 逐对比对结果一致时，加 --as-review。

    退出码：0 没有问题；1 有达到失败级别的问题；2 参数或输入错误（或没有一份报告能读取）；3 中断；4 内部错误。
    """
    from ..spark.session import require_pyspark, start

    require_pyspark()
    cfg = build_config(config_path)
    budget = _cell_memory(cell_memory)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    t0 = time.perf_counter()
    from pyspark.sql import SparkSession

    # Inside a running application (a notebook, a test) the session is the caller's: used, not stopped.
    own = SparkSession.getActiveSession() is None
    spark = start(master, partitions)
    try:
        from ..spark import read_input, read_tables, run_corpus, write_summary
        from ..spark.copying import MAX_BUCKET

        inputs = read_input(spark, input_path, fmt)
        # Spark packs many small files (or one table file) into few partitions: spread the documents over
        # every core, or stage 1 runs on one or two of them.
        target = partitions or 2 * spark.sparkContext.defaultParallelism
        if partitions or inputs.rdd.getNumPartitions() < target:
            inputs = inputs.repartition(target)
        tables = run_corpus(
            inputs,
            config_path=config_path,
            max_bucket=max_bucket or MAX_BUCKET,
            as_review=as_review,
            cell_memory=budget,
        )
        tables.write(outdir)
        written = read_tables(spark, outdir)
        if "://" not in outdir:
            summary_path = Path(outdir) / "summary.html"
            s = write_summary(written, summary_path, config_path=config_path)
        else:
            from ..spark.summary import summarize

            summary_path, s = None, summarize(written, config_path=config_path)
        levels = ("info", "warning", "error")
        failing = levels[levels.index(cfg.fail_level) :]
        failed = written.findings.where(written.findings.severity.isin(*failing)).limit(1).count()
    finally:
        if own:
            spark.stop()
    unreadable = sum(n for _, n in s.unreadable)
    click.echo(
        f"审查了 {s.documents - unreadable} 份报告，发现 {s.findings} 个问题，{s.pairs} 对报告有复制段落或整篇相似，"
        f"{s.cluster_count} 个近似重复簇"
        + (f"，{unreadable} 个文件无法读取" if unreadable else "")
        + f"（用时 {time.perf_counter() - t0:.1f} 秒）。"
    )
    for code, n in s.unreadable:
        click.echo(f"无法读取：{code} {n} 个文件（见 documents 表的 error_code、error_message 列）", err=True)
    click.echo(f"各表（Parquet）：{outdir}")
    if summary_path is not None:
        click.echo(f"汇总页：{summary_path}")
    if s.documents == unreadable:
        if s.documents == 0:
            raise ShuzhiError(f"{input_path} 中没有可检查的报告（.txt、.docx、.pdf、.doc、.wps）。", code="E002")
        return 2
    return 1 if failed else 0


def _cell_memory(value: str | None) -> int | None:
    """--cell-memory in bytes (None: the default), or a usage error naming valid forms."""
    if value is None:
        return None
    from ..spark.copying import CELL_BATCH_BYTES, parse_bytes

    try:
        size = parse_bytes(value)
    except ValueError:
        size = 0
    if size < 2 * CELL_BATCH_BYTES:
        raise click.BadParameter(
            f"{value!r} 不是有效的内存大小：请写成 512m、1g、4g 这样的形式，且不小于 512m。", param_hint="--cell-memory"
        )
    return size


COMMANDS = [corpus_cmd]
