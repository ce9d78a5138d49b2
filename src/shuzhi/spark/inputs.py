"""What `shuzhi corpus` reads: a folder tree of report files, or a Parquet/JSON-lines table of texts."""

from __future__ import annotations

import os
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from ..model.errors import ShuzhiError
from .bridge import SUPPORTED

# Every input becomes these columns: one row per document.
INPUT_SCHEMA = T.StructType(
    [
        T.StructField("key", T.StringType(), False),  # unique in the corpus: the table's id, or the file's path
        T.StructField("source", T.StringType(), True),  # what messages and tables name the document by
        T.StructField("order", T.StringType(), True),  # sort key: the order `review` sorts files in
        T.StructField("content", T.BinaryType(), True),  # a file's bytes (folder input)
        T.StructField("text", T.StringType(), True),  # a table's text
        T.StructField("person", T.StringType(), True),
        T.StructField("unit", T.StringType(), True),
        T.StructField("year", T.IntegerType(), True),
    ]
)

FORMATS = ("auto", "files", "parquet", "jsonl")


def detect_format(path: str) -> str:
    """files, parquet or jsonl, from the path (suffix, or the files a local folder holds)."""
    low = path.rstrip("/").lower()
    if low.endswith(".parquet"):
        return "parquet"
    if low.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    p = Path(path)
    if p.is_dir():
        names = [n for n in os.listdir(p) if not n.startswith((".", "_"))]
        if names and all(n.endswith(".parquet") for n in names):
            return "parquet"
    return "files"


def read_input(spark: SparkSession, path: str, fmt: str = "auto") -> DataFrame:
    """The input as INPUT_SCHEMA rows."""
    if "://" not in path and not os.path.exists(path):
        raise ShuzhiError(f"路径不存在：{path}。请检查路径是否正确。", code="E001")
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt == "files":
        return read_files(spark, path)
    reader = spark.read.parquet if fmt == "parquet" else spark.read.json
    return from_table(reader(path))


def read_files(spark: SparkSession, path: str) -> DataFrame:
    """Every report file under ``path`` (recursively) as bytes; the loaders run later, on the executors.

    Skipped as `review` skips them: other suffixes, hidden files and folders, Word's ~$ lock files.
    """
    df = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        # Spark also skips names starting with "_" by default; `review` reads those, and skips only hidden ones.
        .option("ignoredPathSegmentRegex", r"^\.")
        .load(path)
        .select("path", "content")
    )
    empty = empty_files(spark, path)
    if empty:
        # Spark's file sources leave zero-length files out; they are bad files (E101) and must be rows.
        df = df.unionByName(spark.createDataFrame([(p, b"") for p in empty], "path string, content binary"))
    local = "://" not in path
    root = str(Path(path).resolve()) if local else path.rstrip("/")
    given = path.rstrip("/") if path not in ("/", "") else path

    if local:
        # Spark names a local file file:/abs/path; the source is named as `review` names it: the path given + the rest.
        bare = F.regexp_replace("path", r"^file:(//)?", "")
        inside = F.substring(bare, len(root) + 1, 1 << 30)
        source = F.when(bare.startswith(root + "/"), F.concat(F.lit(given), inside)).otherwise(bare)
    else:
        source = F.col("path")
    files = df.select(source.alias("source"), "content")
    name = F.element_at(F.split("source", "/"), -1)
    suffix = F.lower(F.regexp_extract(name, r"(\.[^.]*)$", 1))
    rel = F.substring("source", len(given) + 2, 1 << 30) if local else F.col("source")
    hidden = rel.rlike(r"(^|/)\.") | name.startswith("~$")
    files = files.where(suffix.isin(*SUPPORTED) & ~hidden)
    return files.select(
        F.col("source").alias("key"),
        "source",
        F.translate("source", "/", "\u0000").alias("order"),  # component by component, as pathlib sorts
        "content",
        F.lit(None).cast("string").alias("text"),
        F.lit(None).cast("string").alias("person"),
        F.lit(None).cast("string").alias("unit"),
        F.lit(None).cast("int").alias("year"),
    )


def empty_files(spark: SparkSession, path: str) -> list[str]:
    """The zero-length files under ``path``, listed on the driver through Hadoop's FileSystem (paths only)."""
    jvm = spark.sparkContext._jvm
    root = jvm.org.apache.hadoop.fs.Path(path)
    fs = root.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    it = fs.listFiles(root, True)
    out = []
    while it.hasNext():
        st = it.next()
        if st.getLen() == 0:
            out.append(st.getPath().toString())
    return out


def from_table(df: DataFrame) -> DataFrame:
    """A table with id and text (and optional source, person, unit, year) as INPUT_SCHEMA rows."""
    cols = {c.lower(): c for c in df.columns}
    missing = [c for c in ("id", "text") if c not in cols]
    if missing:
        raise ShuzhiError(
            f"语料表缺少必需的列：{'、'.join(missing)}。需要 id（每份报告唯一）和 text（全文），"
            f"可选 source、person、unit、year；现有列：{'、'.join(df.columns) or '无'}。",
            code="E503",
        )

    def col(name: str, cast: str):
        return F.col(cols[name]).cast(cast) if name in cols else F.lit(None).cast(cast)

    key = F.col(cols["id"]).cast("string")
    return df.select(
        key.alias("key"),
        F.coalesce(col("source", "string"), key).alias("source"),
        key.alias("order"),
        F.lit(None).cast("binary").alias("content"),
        col("text", "string").alias("text"),
        col("person", "string").alias("person"),
        col("unit", "string").alias("unit"),
        col("year", "int").alias("year"),
    )
