"""The corpus run: stage 1 (check every document), copy detection, clusters — the tables `shuzhi corpus` writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyspark import StorageLevel
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from . import bridge
from .clusters import clusters_table
from .copying import MAX_BUCKET, detect
from .documents import check_documents
from .schema import TABLES


@dataclass
class CorpusTables:
    """The output tables (Spark DataFrames); ``write`` stores them as Parquet, one folder each."""

    documents: DataFrame  # key, source, person, unit, year, text_key, chars, meta, profile, copy, error, text
    findings: DataFrame  # key, source, id, code, …, data (one row per finding, ids stable)
    claims: DataFrame  # key, source, code, relation, verdict, formula, computed, stated, …
    pairs: DataFrame  # a, b, sources, a_copied, b_copied, near_duplicate, copied chars, passages
    passages: DataFrame  # a, b, offsets in both, chars, identity
    clusters: DataFrame  # cluster, size, key, source, person, unit, year
    skew: DataFrame  # buckets paired as a star (tier, bucket, documents)
    extra: dict = field(default_factory=dict)

    def write(self, outdir: str, mode: str = "overwrite") -> dict[str, str]:
        """Every table as Parquet under ``outdir`` (pairs first: the other tables reuse its persisted result)."""
        paths = {}
        for name in ("pairs", *[t for t in TABLES if t != "pairs"], "skew"):
            path = _join(outdir, name)
            getattr(self, name).write.mode(mode).parquet(path)
            paths[name] = path
        return paths


def read_tables(spark, outdir: str) -> CorpusTables:
    """The tables a run wrote under ``outdir``, read back (for the summary, or a later analysis)."""
    t = {name: spark.read.parquet(_join(outdir, name)) for name in (*TABLES, "skew")}
    return CorpusTables(**t)


def _join(base: str, name: str) -> str:
    return f"{base.rstrip('/')}/{name}" if "://" in base else str(Path(base) / name)


def run_corpus(
    inputs: DataFrame,
    *,
    settings=None,
    config_path: str | None = None,
    max_bucket: int = MAX_BUCKET,
    rules: bool = True,
    as_review: bool = False,
    cell_memory: int | None = None,
) -> CorpusTables:
    """The tables for INPUT_SCHEMA rows (``read_input`` or ``from_table``); nothing runs until a table is used.

    ``rules=False``: copy detection alone (the plain rules are skipped; C301/C302 still run).

    Candidates (shuzhi.spark.copying): by default the copy index's rule — passage fingerprints in the reports of
    more than ``settings.max_authors`` distinct authors (person, else the document) are common language, make no
    candidate and seed no passage; the work grows with the copying, not with N². ``as_review=True``: `review`'s
    rule (nothing common, near-identical clusters): the same pairs as `shuzhi review` on the same files, for small
    sets (nearly every pair of a large corpus of reports is then aligned).

    ``cell_memory``: bytes one alignment task may hold (two blocks of documents and their fingerprints); the
    larger, the fewer blocks and the fewer times each text is shipped and fingerprinted. Default: an executor's
    spark.executor.pyspark.memory shared by its cores where set, else 1 GiB (copying.cell_memory_for).
    """
    s = settings or bridge.DEFAULT
    checked = check_documents(inputs, settings=s, config_path=config_path, rules=rules)
    checked = checked.persist(StorageLevel.MEMORY_AND_DISK)
    cr = detect(checked, inputs, s, config_path, max_bucket, as_review=as_review, cell_memory=cell_memory)
    copy_checked = cr.copy_checked.persist(StorageLevel.MEMORY_AND_DISK)

    named = checked.select("key", "source")
    documents = checked.join(copy_checked.select("key", "copy"), "key", "left").select(
        "key",
        "source",
        "person",
        "unit",
        "year",
        "text_key",
        "chars",
        "meta",
        "profile",
        "copy",
        "error_code",
        "error_message",
        "text",
    )
    own = checked.select("key", "source", F.explode("findings").alias("f"))
    copied = copy_checked.join(named, "key").select("key", "source", F.explode("copy_findings").alias("f"))
    findings = own.unionByName(copied).select("key", "source", "f.*")
    claims = checked.select("key", "source", F.explode("claims").alias("c")).select("key", "source", "c.*")

    pairs = (
        cr.pairs.join(named.select(F.col("key").alias("a"), F.col("source").alias("a_source")), "a")
        .join(named.select(F.col("key").alias("b"), F.col("source").alias("b_source")), "b")
        .select(
            "a",
            "b",
            "a_source",
            "b_source",
            "a_copied",
            "b_copied",
            "near_duplicate",
            "a_chars",
            "b_chars",
            F.size("matches").alias("passages"),
            "matches",
        )
    )
    passages = pairs.select("a", "b", "a_source", "b_source", F.posexplode("matches").alias("n", "m")).select(
        "a", "b", "a_source", "b_source", "n", "m.*"
    )
    pairs = pairs.drop("matches")
    clusters = clusters_table(cr.pairs, checked, s.near_duplicate)
    return CorpusTables(
        documents,
        findings,
        claims,
        pairs,
        passages,
        clusters,
        cr.skew,
        {"candidates": cr.candidates, "blocks": cr.blocks},
    )
