"""Starting Spark for `shuzhi corpus`: pyspark and Java checked first, with a Chinese message naming what to install."""

from __future__ import annotations

import os
import shutil

from ..model.errors import ShuzhiError

PYSPARK_MISSING = (
    "未安装 Spark 扩展：shuzhi corpus 需要 pyspark、pyarrow 和 pandas。请运行 pip install 'shuzhi[spark]'"
    "（在 shuzhi 所在的 Python 环境中）。"
)
JAVA_MISSING = (
    "未找到 Java 运行环境：Spark 需要 Java 17 或更新版本。Debian/Ubuntu 上请运行 "
    "sudo apt-get install default-jre-headless（或 openjdk-17-jre-headless），"
    "或把已安装的 Java 目录设为环境变量 JAVA_HOME。"
)


def require_pyspark():
    """The pyspark module, or a coded error (E501) naming the extra. pyarrow too: the alignment cells hand their
    pairs back to Spark as Arrow batches (copying.align_candidates: Spark's mapInArrow, which needs pandas too)."""
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
        import pyspark
    except ImportError as e:
        raise ShuzhiError(PYSPARK_MISSING, code="E501") from e
    return pyspark


def java_found() -> bool:
    home = os.environ.get("JAVA_HOME")
    if home and os.access(os.path.join(home, "bin", "java"), os.X_OK):
        return True
    return shutil.which("java") is not None


def require_java() -> None:
    if not java_found():
        raise ShuzhiError(JAVA_MISSING, code="E502")


# The JVM options of a local run (the JVM is started here, so they can still be given; a cluster's executors are
# configured by the cluster): the parallel (throughput) collector instead of G1. A corpus run is a batch job — no
# one waits on a pause — and at 10,000 synthesized reports the JVM's own CPU fell from 164–200 s (G1) to 133–150 s
# (issue #12, docs/bench/spark.md, 2026-12-07). Both compilers stay on: from 1,000 reports to 10,000 the JVM's work
# in its tasks grew tenfold and the optimizing compiler (C2) now pays back its compiling (tasks' CPU 119–171 s with
# the quick compiler alone, 73–88 s with both); at 1,000 reports the quick compiler alone was cheaper (59 against
# 85 s), the size a laptop's trial run has, not the one `corpus` is for.
LOCAL_JAVA_OPTIONS = "-XX:+UseParallelGC"


def start(
    master: str | None = None,
    partitions: int | None = None,
    app_name: str = "shuzhi corpus",
    java_options: str | None = LOCAL_JAVA_OPTIONS,
):
    """A SparkSession for the command line (a user's own session is used as it is by the library API).

    ``master`` defaults to local[*] unless spark-submit already set one. ``java_options``: the driver JVM's options
    for a local master (LOCAL_JAVA_OPTIONS; None: the JVM's defaults), unless spark-submit started the JVM.
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    elif not os.environ.get("SPARK_MASTER") and "spark.master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", ""):
        builder = builder.master("local[*]")
    if master is None or master.startswith("local"):
        # A local run needs no web UI, and the JVM should not print its banner in a reviewer's terminal.
        builder = builder.config("spark.ui.showConsoleProgress", "false")
        if java_options and "spark.driver.extraJavaOptions" not in os.environ.get("PYSPARK_SUBMIT_ARGS", ""):
            builder = builder.config("spark.driver.extraJavaOptions", java_options)
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    require_java()
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # the JVM did not start: almost always Java itself
        if "JAVA_GATEWAY_EXITED" in str(e) or "Java gateway" in str(e):
            raise ShuzhiError(JAVA_MISSING + f"（Spark 报告：{type(e).__name__}）", code="E502") from e
        raise
    spark.sparkContext.setLogLevel("ERROR")
    return spark
