"""Clusters of near-duplicates: connected components of the near-duplicate pairs, by label propagation on joins."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

# The C302 defaults: a pair is an edge when its documents are near-duplicates (Jaccard of the k-gram sets) or
# one covers most of the other.
COVERAGE = 0.8


def near_duplicate_edges(pairs: DataFrame, near_duplicate: float, coverage: float = COVERAGE) -> DataFrame:
    return pairs.where(
        (F.col("near_duplicate") >= near_duplicate) | (F.greatest("a_copied", "b_copied") >= coverage)
    ).select("a", "b")


def connected_components(edges: DataFrame, max_rounds: int = 64) -> DataFrame:
    """(key, cluster) for every document in an edge: the cluster is named by its smallest key.

    Min-label propagation: each round a vertex takes the smallest label among itself and its neighbours,
    until no label changes (rounds = the components' diameter, small for near-duplicate clusters). Each
    round's labels are checkpointed locally so the plan does not grow with the rounds.
    """
    both = edges.select(F.col("a").alias("src"), F.col("b").alias("dst")).union(
        edges.select(F.col("b").alias("src"), F.col("a").alias("dst"))
    )
    both = both.distinct().localCheckpoint()
    labels = both.select(F.col("src").alias("key")).distinct().withColumn("cluster", F.col("key")).localCheckpoint()
    for _ in range(max_rounds):
        heard = both.join(labels.withColumnRenamed("key", "src"), "src").select(F.col("dst").alias("key"), "cluster")
        new = labels.unionByName(heard).groupBy("key").agg(F.min("cluster").alias("cluster")).localCheckpoint()
        changed = (
            new.join(labels.withColumnRenamed("cluster", "old"), "key")
            .where(F.col("cluster") != F.col("old"))
            .limit(1)
            .count()
        )
        labels = new
        if not changed:
            break
    return labels


def clusters_table(pairs: DataFrame, documents: DataFrame, near_duplicate: float) -> DataFrame:
    """One row per document in a cluster: cluster (its smallest key), size, key, source, person, unit, year."""
    labels = connected_components(near_duplicate_edges(pairs, near_duplicate))
    sizes = labels.groupBy("cluster").agg(F.count("*").alias("size"))
    docs = documents.select("key", "source", "person", "unit", "year")
    return (
        labels.join(sizes, "cluster")
        .join(docs, "key")
        .select("cluster", "size", "key", "source", "person", "unit", "year")
    )
