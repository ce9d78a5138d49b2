"""The corpus run's Spark plan stays small: the bucket statistics in one shuffle, few stages for a whole run.

Each Spark stage costs a plan, generated code the JVM compiles, and a pass over its input: at 1,000 reports
the JVM was three quarters of the run's CPU, over 41 stages (issue #12)."""

from __future__ import annotations

import random
from itertools import combinations

from shuzhi.spark import from_table, run_corpus
from shuzhi.spark.copying import DOCUMENT, PASSAGE, bucket_members, member_pairs

OK = "key string, order string, person string, fps array<bigint>, bands array<bigint>, signature array<bigint>"


def _documents(n: int = 40, seed: int = 4):
    """Documents drawing fingerprints and band keys from small pools (so buckets of every size form), a few
    authors writing several of them, one bucket far larger than the rest."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        fps = sorted(set(rng.sample(range(1, 60), 8)) | ({999} if i % 2 else set()))
        bands = sorted(set(rng.sample(range(1000, 1012), 3)))
        person = f"人{i % 7}" if i % 3 else None
        rows.append((f"k{i:02d}", f"o{i:02d}", person, fps, bands, []))
    return rows


def _expected(rows, max_authors: int, max_bucket: int):
    """What the buckets give, by hand: common fingerprints per document, and the candidate pairs."""
    buckets: dict[tuple[int, int], list] = {}
    for key, order, person, fps, bands, _ in rows:
        author = f"p:{person}" if person else f"d:{key}"
        for fp in fps:
            buckets.setdefault((PASSAGE, fp), []).append((order, key, author))
        for band in bands:
            buckets.setdefault((DOCUMENT, band), []).append((order, key, author))
    common, pairs, skew = set(), set(), set()
    for (tier, bucket), members in buckets.items():
        if len(members) < 2:
            continue
        if tier == PASSAGE and len({m[2] for m in members}) > max_authors:
            common |= {(m[1], bucket) for m in members}
            continue
        members.sort()
        if len(members) <= max_bucket:
            pairs |= {(x[1], y[1]) for x, y in combinations(members, 2)}
        else:
            pairs |= {(members[0][1], m[1]) for m in members[1:]}
            skew.add((bucket, len(members), "passage" if tier == PASSAGE else "document"))
    return common, pairs, skew


def test_bucket_members_and_pairs_as_counted_by_hand(spark):
    rows = _documents()
    ok = spark.createDataFrame(rows, OK)
    members = bucket_members(ok, max_authors=4).localCheckpoint()
    cand, skew = member_pairs(members, max_bucket=6)
    common, pairs, big = _expected(rows, 4, 6)
    assert common and big and len(pairs) > 100
    assert {(r["key"], r["bucket"]) for r in members.where("common").collect()} == common
    got = [(r["a"], r["b"]) for r in cand.collect()]
    assert set(got) == pairs
    assert {tuple(r) for r in skew.collect()} == big


def test_bucket_statistics_take_one_shuffle(spark):
    """Counts, first document and distinct authors of every bucket: one exchange of the postings (three
    group-bys and a join before)."""
    ok = spark.createDataFrame(_documents(), OK)
    plan = bucket_members(ok, max_authors=4)._jdf.queryExecution().executedPlan().toString()
    assert plan.count("Exchange hashpartitioning") == 1


def test_a_corpus_run_takes_few_stages(spark):
    """A whole run (copy detection, pairs collected) in at most 27 stages: 27 now — the corpus's common-language set
    collected once (a distinct) and broadcast to every cell, in place of each document's list routed to its cells —
    26 before that, 23 before each text was sent to the cells of its pairs only (a group-by of the pairs' cells per document and a join to the texts, the
    candidates checkpointed: read by both), 38 on the plan before (three group-bys and a join for the bucket
    statistics, a distinct and two joins to bring each cell its texts)."""
    rng = random.Random(9)
    base = ["".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(400)) for _ in range(12)]
    rows = [(f"r{i:02d}", "\n".join(rng.sample(base, 4))) for i in range(30)]
    sc = spark.sparkContext
    sc.setJobGroup("stages-test", "a corpus run, counted")
    try:
        tables = run_corpus(from_table(spark.createDataFrame(rows, "id string, text string")), rules=False)
        assert tables.pairs.collect()
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
    tracker = sc.statusTracker()
    ran = set()
    for job in tracker.getJobIdsForGroup("stages-test"):
        info = tracker.getJobInfo(job)
        for stage in info.stageIds if info else ():
            s = tracker.getStageInfo(stage)
            if s is not None and s.numCompletedTasks > 0:
                ran.add(stage)
    assert 0 < len(ran) <= 27
