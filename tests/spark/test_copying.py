"""Copy detection at scale: skewed buckets paired as a star; under the review rule nothing is learnt as common
language from the corpus."""

from __future__ import annotations

import random

import pytest

from shuzhi.spark import from_table, run_corpus
from shuzhi.spark.copying import bucket_pairs
from spark.corpus_builder import CORPUS, paragraphs


def test_bucket_pairs_all_pairs_then_star(spark):
    members = spark.createDataFrame(
        [(1, f"k{i}", f"o{i}") for i in range(5)] + [(2, "k0", "o0"), (2, "k1", "o1")],
        "bucket long, key string, order string",
    )
    pairs, skew = bucket_pairs(members, max_bucket=4)
    got = sorted(tuple(r) for r in pairs.collect())
    # Bucket 1 (5 documents > 4) is a star on its first document; bucket 2 gives its one pair.
    assert got == [("k0", "k1"), ("k0", "k1"), ("k0", "k2"), ("k0", "k3"), ("k0", "k4")]
    assert [tuple(r) for r in skew.collect()] == [(1, 5)]
    pairs, skew = bucket_pairs(members, max_bucket=10)
    assert len(pairs.collect()) == 10 + 1 and skew.count() == 0


@pytest.fixture(scope="module")
def template_run(spark):
    """Six copies of one template (lightly edited) and a passage shared by twelve reports."""
    gov = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))
    template = "\n".join(paragraphs(gov[2].read_text(encoding="utf-8"))[:12])
    shared = max(paragraphs(gov[3].read_text(encoding="utf-8")), key=len)[:300]
    own = max(paragraphs(gov[17].read_text(encoding="utf-8")), key=len)[:300]
    rng = random.Random(7)
    # Bodies that share nothing (random characters), so that only the planted passages link the reports.
    bodies = ["".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(600)) for _ in range(24)]
    # Each copy edited at a place of its own: what the copies share, all six share (one bucket of 6 > 3).
    rows = [(f"t{i}", template[: 90 * i] + "某" + template[90 * i + 1 :], None) for i in range(6)]
    # One passage in the reports of twelve different people, another in twelve of one person.
    rows += [(f"many{i:02d}", bodies[i] + "\n" + shared, f"人{i}") for i in range(12)]
    rows += [(f"one{i:02d}", bodies[12 + i] + "\n" + own, "同一人") for i in range(12)]
    df = spark.createDataFrame(rows, "id string, text string, person string")
    t = run_corpus(from_table(df), max_bucket=3, as_review=True)
    starts = {key: len(text) - 300 for key, text, _ in rows if not key.startswith("t")}
    return {
        "pairs": t.pairs.collect(),
        "passages": t.passages.collect(),
        "clusters": t.clusters.collect(),
        "skew": t.skew.collect(),
        "shared_starts": starts,
    }


def test_skewed_template_is_a_star_and_one_cluster(template_run):
    t_pairs = sorted(
        (r["a"], r["b"]) for r in template_run["pairs"] if r["a"].startswith("t") and r["b"].startswith("t")
    )
    assert t_pairs == [("t0", f"t{i}") for i in range(1, 6)]
    assert template_run["skew"] and all(r["documents"] > 3 for r in template_run["skew"])
    clusters = {r["key"]: r["cluster"] for r in template_run["clusters"]}
    assert {clusters[f"t{i}"] for i in range(6)} == {"t0"}


def test_nothing_is_learnt_as_common_language_under_the_review_rule(template_run):
    """Issue #16 (as_review=True): a passage in twelve people's reports is a copy, as in twelve reports of one person.

    (It used to be common language once more than max_authors people wrote it: the more reports copied one
    text, the less was seen.) Each bucket of twelve (> 3) is a star; other pairs of them can still meet in an
    LSH band (their Jaccard is about 0.16: a few in a hundred pairs do).
    """
    pairs = {(r["a"], r["b"]) for r in template_run["pairs"]}
    starts = template_run["shared_starts"]
    for group in ("many", "one"):
        linked = {
            (r["a"], r["b"])
            for r in template_run["passages"]
            if r["a"].startswith(group) and r["a_end"] > starts[r["a"]]
        }
        star = {(f"{group}00", f"{group}{i:02d}") for i in range(1, 12)}
        assert star <= linked == {(a, b) for a, b in pairs if a.startswith(group)}
        assert len(linked - star) <= 5  # not the 55 other pairs of twelve reports
