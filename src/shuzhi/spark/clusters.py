"""Clusters of near-duplicates: connected components of the near-duplicate pairs, by label propagation on joins."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

# The C302 defaults: a pair is an edge when its documents are near-duplicates (Jaccard of the k-gram sets) or
# one covers most of the other.
COVERAGE = 0.8

# Up to this many edges, the components are found on the driver (union-find over the collected edges: one Spark
# job, a few tens of MB); beyond it, by label propagation on the executors (a few jobs per round). Near-duplicate
# edges are few next to the corpus (a cluster of m copies has m - 1 to m(m - 1)/2 of them).
DRIVER_EDGES = 200_000


def near_duplicate_edges(pairs: DataFrame, near_duplicate: float, coverage: float = COVERAGE) -> DataFrame:
    return pairs.where(
        (F.col("near_duplicate") >= near_duplicate) | (F.greatest("a_copied", "b_copied") >= coverage)
    ).select("a", "b")


def connected_components(edges: DataFrame, max_rounds: int = 64, driver_edges: int = DRIVER_EDGES) -> DataFrame:
    """(key, cluster) for every document in an edge: the cluster is named by its smallest key.

    At most ``driver_edges`` edges: collected and joined by union-find on the driver (per-round Spark jobs cost
    more than the work itself at that size). More, by min-label propagation: each round a vertex takes the smallest label among itself and its neighbours,
    until no label changes (rounds = the components' diameter, small for near-duplicate clusters). Each
    round's labels are checkpointed locally so the plan does not grow with the rounds.
    """
    few = edges.select("a", "b").limit(driver_edges + 1).collect()
    if len(few) <= driver_edges:
        return edges.sparkSession.createDataFrame(_components(few), "key string, cluster string")
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


def _components(edges) -> list[tuple[str, str]]:
    """(key, smallest key of its component) for every vertex of the edges (union-find)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the root is always its component's smallest key
    return [(k, root(k)) for k in parent]


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
