"""`shuzhi corpus` as a library: shuzhi's checks and copy detection over a corpus on Apache Spark.

DataFrames in, DataFrames out, from a user's own SparkSession::

    from shuzhi.spark import read_input, run_corpus
    tables = run_corpus(read_input(spark, "hdfs:///reports/2025"))
    tables.findings.groupBy("code").count().show()
    tables.write("hdfs:///audits/2025")

Needs the extra ``shuzhi[spark]`` (pyspark) and Java 17+.
"""

from __future__ import annotations

from .session import require_pyspark

require_pyspark()

from .inputs import from_table, read_input  # noqa: E402
from .pipeline import CorpusTables, read_tables, run_corpus  # noqa: E402
from .summary import write_summary  # noqa: E402

__all__ = ["CorpusTables", "from_table", "read_input", "read_tables", "run_corpus", "write_summary"]
