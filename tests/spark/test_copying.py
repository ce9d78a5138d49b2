"""Copy detection at scale: skewed buckets paired as a star; under the review rule nothing is learnt as common
language from the corpus."""

from __future__ import annotations

import json
import random
from collections import defaultdict

import pytest

from shuzhi.loaders import loads
from shuzhi.spark import from_table, run_corpus
from shuzhi.spark.bridge import DEFAULT
from shuzhi.spark.copying import (
    CELL_BATCH_BYTES,
    CELL_BYTES_PER_CHAR,
    CELL_MEMORY,
    align_candidates,
    alignment_cells,
    block_docs_for,
    blocks_for,
    bucket_pairs,
    cell_memory_for,
    parse_bytes,
)
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


def test_alignment_cells_hold_at_most_two_blocks_of_texts(spark):
    """Every pair of 60 documents as candidates, cut into 4 blocks: a cell receives the texts of its pairs'
    documents, and those are at most two blocks' (the documents fall into 4 disjoint blocks); cut by the first
    document alone, every group needed nearly all 60 texts."""
    keys = [f"d{i:03d}" for i in range(60)]
    cand = spark.createDataFrame([(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]], "a string, b string")
    docs = spark.createDataFrame([(k, "正文" + k) for k in keys], "key string, text string")
    with_part, routed = alignment_cells(cand, docs, 4)
    texts = defaultdict(set)
    for r in routed.collect():
        assert r["text"] == "正文" + r["key"]
        texts[r["part"]].add(r["key"])
    for r in with_part.collect():
        assert {r["a"], r["b"]} <= texts[r["part"]]
    # The cells of one block with itself: their texts are the blocks, which cover the documents without overlap.
    diagonal = [texts[i * 4 + i] for i in range(4)]
    assert sorted(k for block in diagonal for k in block) == keys
    assert len(texts) == 4 * 5 // 2
    for held in texts.values():
        assert sum(1 for block in diagonal if block & held) <= 2
    assert max(len(held) for held in texts.values()) <= 45  # old cut: 60, 60, 60, 60


def test_a_text_goes_only_to_the_cells_of_its_pairs(spark):
    """60 documents in 8 blocks, each paired with its next only (a chain): a text is shipped to the one or two
    cells of its pairs — not to the 8 cells of its block — and a document in no pair to none."""
    keys = [f"d{i:03d}" for i in range(60)]
    chain = [(keys[i], keys[i + 1]) for i in range(40)]  # d041 … d059 are in no pair
    cand = spark.createDataFrame(chain, "a string, b string")
    docs = spark.createDataFrame([(k, "正文" + k) for k in keys], "key string, text string")
    with_part, routed = alignment_cells(cand, docs, 8)
    need = defaultdict(set)
    for r in with_part.collect():
        need[r["a"]].add(r["part"])
        need[r["b"]].add(r["part"])
    got = defaultdict(set)
    for r in routed.collect():
        assert r["text"] == "正文" + r["key"] and r["part"] not in got[r["key"]]
        got[r["key"]].add(r["part"])
    assert got == need
    assert sum(len(p) for p in got.values()) <= 2 * 40  # all 8 cells of each block: 480 rows


def test_blocks_for_bounds_block_size_and_keeps_cores_busy():
    assert blocks_for(100, 2, block_docs=2_000) == 3  # 6 cells for 2 cores
    assert blocks_for(100, 8, block_docs=2_000) == 6  # 21 cells ≥ 16
    assert blocks_for(10_000, 2, block_docs=2_000) == 5
    assert blocks_for(100_000, 2, block_docs=2_000) == 50


def test_blocks_are_sized_by_a_cell_memory_budget_not_a_fixed_count():
    """Issue #12, 30,000 reports: blocks of a fixed 2,000 documents made 16 blocks, and a report (160 candidate
    partners) was shipped to, and fingerprinted in, nearly all 16 cells of its block. A block now holds what a
    cell's memory allows: 5,000-character reports under the default 1 GiB, about 3,300 a block — 10 blocks at
    31,500 documents, 4 at 10,500 (6 before); a larger budget, fewer still; longer reports, smaller blocks."""
    per_block = block_docs_for(5_000)
    assert 3_000 <= per_block <= 3_600
    assert blocks_for(31_500, 2, per_block) == 10
    assert blocks_for(10_500, 2, per_block) == 4
    assert blocks_for(31_500, 2, block_docs_for(5_000, 4 << 30)) == 3
    assert block_docs_for(50_000) == per_block // 10
    # What a cell holds at that size stays within its budget: two blocks of documents and one batch of pairs.
    assert 2 * per_block * 5_000 * CELL_BYTES_PER_CHAR + CELL_BATCH_BYTES <= CELL_MEMORY


def test_cell_memory_from_the_executors_python_memory():
    from pyspark import SparkConf

    assert cell_memory_for(SparkConf(loadDefaults=False)) == CELL_MEMORY
    conf = SparkConf(loadDefaults=False).set("spark.executor.pyspark.memory", "16g").set("spark.executor.cores", "4")
    assert cell_memory_for(conf) == (16 << 30) * 2 // 3 // 4  # two thirds of each core's share
    assert [parse_bytes(v) for v in ("512m", "2g", "2G", "1536k", "3gb", "100")] == [
        512 << 20,
        2 << 30,
        2 << 30,
        1536 << 10,
        3 << 30,
        100 << 20,
    ]
    with pytest.raises(ValueError):
        parse_bytes("一些")


def test_the_run_uses_the_blocks_its_cell_memory_allows(spark):
    """The budget reaches the plan, and the pairs do not depend on it: 30 reports drawn from the paragraphs of six
    government reports in 3 blocks under the default budget (the fewest for 2 cores), in 6 under a budget that
    holds 5 of them a block; the same pairs and passages either way."""
    gov = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))[:6]
    rng = random.Random(5)
    paras = [p for path in gov for p in paragraphs(path.read_text(encoding="utf-8"))]
    rows = [(f"r{i:02d}", "\n".join(rng.sample(paras, 8)), None) for i in range(30)]
    df = spark.createDataFrame(rows, "id string, text string, person string")
    chars = sum(len(t) for _, t, _ in rows) / len(rows)
    # block_docs_for under a small budget: a quarter of it for the documents, 2·CELL_BYTES_PER_CHAR a character.
    five = int(4 * 2 * CELL_BYTES_PER_CHAR * chars * 5.5)
    assert block_docs_for(chars, five) == 5
    runs = [run_corpus(from_table(df), rules=False, cell_memory=m) for m in (None, five)]
    assert [r.extra["blocks"] for r in runs] == [3, 6]
    found = [sorted(tuple(r) for r in t.passages.drop("a_source", "b_source").collect()) for t in runs]
    assert found[0] and found[0] == found[1]


def test_alignment_is_the_same_whatever_the_cells(spark):
    """The aligned pairs do not depend on how the pairs are cut into cells (each cell gets the texts it needs)."""
    gov = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))[:6]
    rng = random.Random(3)
    paras = [p for path in gov for p in paragraphs(path.read_text(encoding="utf-8"))]
    rows = []
    for i in range(14):
        picked = rng.sample(paras, 8)
        rows.append((f"k{i:02d}", str(i), "\n".join(picked)))
    texts = spark.createDataFrame(rows, "key string, order string, text string")
    keys = [k for k, _, _ in rows]
    cand = spark.createDataFrame([(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]], "a string, b string")
    runs = [sorted(map(tuple, align_candidates(cand, texts, DEFAULT, n).collect())) for n in (1, 2, 5)]
    assert runs[0] and runs[0] == runs[1] == runs[2]


def test_the_common_mask_does_not_depend_on_the_cells(spark):
    """Every cell masks the corpus's whole common-language set, not the lists of the documents it happens to hold.

    The fingerprints of the paragraphs a and b share are common (in a real corpus: other documents' common
    fingerprints whose 32-bit forms equal those — 332 such collisions at 31,500 synthesized reports). Before, they
    came as the common list of document c, and the pair (a, b) was masked only in a cell that also held c (a cell
    of c's pair with d): found under 2 to 8 blocks, not under 1. Now it is masked under every cut, as the copy
    index ignores one set for all its documents."""
    import numpy as np

    from shuzhi.spark import bridge

    gov = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))[:6]
    paras = [p for path in gov for p in paragraphs(path.read_text(encoding="utf-8"))]
    rng = random.Random(5)
    picked = rng.sample(paras, 12)
    shared_ab, shared_cd = picked[0] + picked[1], picked[2] + picked[3]
    rows = [
        ("a", "0", "\n".join([picked[4], shared_ab, picked[5]])),
        ("b", "1", "\n".join([picked[6], shared_ab, picked[7]])),
        ("c", "2", "\n".join([picked[8], shared_cd, picked[9]])),
        ("d", "3", "\n".join([picked[10], shared_cd, picked[11]])),
    ]
    texts = spark.createDataFrame(rows, "key string, order string, text string")
    cand = spark.createDataFrame([("a", "b"), ("c", "d")], "a string, b string")
    fl = bridge.formulas(bridge.config_for(None))
    listed = bridge._fingerprint(rows[0][2], DEFAULT, fl).winnowed[1].view(np.int64).tolist()
    common = spark.createDataFrame([(fp,) for fp in listed], "fp long")
    plain = sorted((r[0], r[1]) for r in align_candidates(cand, texts, DEFAULT, 1).collect())
    assert plain == [("a", "b"), ("c", "d")]  # nothing masked: both pairs copy
    found = {
        n: sorted((r[0], r[1]) for r in align_candidates(cand, texts, DEFAULT, n, common=common).collect())
        for n in range(1, 9)
    }
    assert set(map(tuple, found.values())) == {(("c", "d"),)}, found


def test_cli_refuses_a_cell_memory_it_cannot_read(tmp_path, capsys):
    """--cell-memory: a usage error (exit 2) in Chinese, before Spark starts, for a size it cannot read or one
    below 512m (a cell's batch of pairs alone takes about 256 MB)."""
    from shuzhi.cli import main

    for bad in ("很多", "100m"):
        assert main(["corpus", str(tmp_path), "-o", str(tmp_path / "out"), "--cell-memory", bad]) == 2
        assert "--cell-memory" in capsys.readouterr().err


def test_copy_evidence_quotes_the_other_report_as_python_slices_it(spark):
    """The copy finding's excerpt of the other report is its text[b_start:b_end], offsets in characters, with
    characters outside the Basic Multilingual Plane (four bytes in UTF-8, two UTF-16 units) and CRLF paragraphs
    before the passage (the JVM cuts the passages from the text encoded in UTF-32). Offsets are in the text as
    loaded, where CRLF is one newline."""
    gov = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))
    shared = max(paragraphs(gov[5].read_text(encoding="utf-8")), key=len)[:320]
    rng = random.Random(11)
    rare = [chr(c) for c in range(0x20000, 0x20040)]  # CJK Extension B
    bodies = [
        "".join(rng.choice(rare) if rng.random() < 0.3 else chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(400))
        for _ in range(3)
    ]
    texts = {
        "x": bodies[0] + "\r\n" + bodies[1][:50] + "\r\n" + shared + "\r\n结尾𠀀。",
        "y": "𠀁𠀂\n" + bodies[2] + "\n" + shared,
    }
    df = spark.createDataFrame([(k, t, None) for k, t in texts.items()], "id string, text string, person string")
    t = run_corpus(from_table(df), as_review=True)
    rows = t.findings.where("code = 'C301'").select("key", "data").collect()
    assert {r["key"] for r in rows} == {"x", "y"}
    for r in rows:
        data = json.loads(r["data"])
        other = loads(texts["y" if r["key"] == "x" else "x"]).text  # as loaded: CRLF read as one newline
        assert data["source_excerpt"] == other[data["source_start"] : data["source_end"]][:300]
        assert shared[:100] in data["source_excerpt"] or data["source_excerpt"] in shared
        assert data["source_paragraph"] == other.count("\n", 0, data["source_start"]) + 1
