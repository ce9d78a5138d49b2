"""Connected components: union-find on the driver for few edges, label propagation on joins for many."""

from __future__ import annotations

import pytest

from shuzhi.spark.clusters import connected_components, near_duplicate_edges


@pytest.mark.parametrize("driver_edges", [0, 3, 1000], ids=["propagation", "propagation-over-limit", "driver"])
def test_components_of_a_chain_a_star_and_a_pair(spark, driver_edges):
    edges = [("d", "c"), ("c", "b"), ("b", "a"), ("a", "e"), ("x", "y"), ("m", "n1"), ("m", "n2"), ("m", "n3")]
    df = spark.createDataFrame(edges, "a string, b string")
    labels = {r["key"]: r["cluster"] for r in connected_components(df, driver_edges=driver_edges).collect()}
    assert labels == {
        **dict.fromkeys("abcde", "a"),
        "x": "x",
        "y": "x",
        **dict.fromkeys(["m", "n1", "n2", "n3"], "m"),
    }


def test_edges_are_near_duplicates_or_mostly_covered(spark):
    pairs = spark.createDataFrame(
        [("a", "b", 0.1, 0.2, 0.6), ("c", "d", 0.85, 0.1, 0.1), ("e", "f", 0.3, 0.3, 0.2)],
        "a string, b string, a_copied double, b_copied double, near_duplicate double",
    )
    assert sorted(tuple(r) for r in near_duplicate_edges(pairs, 0.5).collect()) == [("a", "b"), ("c", "d")]
