"""Copy detection at corpus scale: band keys and fingerprints grouped, candidates aligned, copy rules per document.

Two candidate rules, both as Spark plans (group-bys and joins on the executors; nothing of the corpus is collected
on the driver):

**The corpus rule (the default)** — the copy index's (``shuzhi index`` / ``check --index``, and compare_all's):

1. every document's winnowed fingerprints and LSH band keys (computed in stage 1, on the executors);
2. a passage fingerprint found in the reports of more than ``settings.max_authors`` distinct authors (the person
   column where given, else the document itself) is common language — counted by a group-by per fingerprint;
3. candidates: pairs sharing a fingerprint that is not common, or an LSH band key, by joins on the key;
4. the common fingerprints seed no run in the alignment (the index's ``ignore``): stock wording shared by a
   province's reports makes no pair and no passage, copying between two of them still does.

**The review rule** (``as_review=True``; ``shuzhi corpus --as-review``) — `review`'s decisions for a round
(shuzhi.similarity.compare_round_docs), for small sets:

2'. nothing is learnt as common language from the documents under review (only the curated formulas are masked):
   the more reports copy one template, the more is seen, never less; near-identical documents (signatures
   agreeing in NEAR_IDENTICAL of their slots, linked through a shared LSH band) form a cluster; each member is
   aligned with the cluster's first document only;
3'. candidates: pairs sharing any fingerprint or an LSH band key, members of a cluster other than its
   representative left out, then each member paired with its representative and with the documents outside its
   cluster that share a fingerprint its representative lacks (outside_pairs). On a corpus of reports drawn from
   common sources nearly every pair is then a candidate (99 % of them at 1,000 synthesized reports): the work
   grows as N².

Both:

- skew: a bucket (band key or fingerprint) with more than ``max_bucket`` documents is not expanded to all its
  pairs; each member is paired with the bucket's first document instead (a star, as large-scale MinHash
  deduplication does), so 5,000 copies of one template cost 5,000 alignments, not 12.5 million;
- each candidate aligned by shuzhi's own alignment, formulas masked, on the executors, after `review`'s filter
  (exact shared runs of min_chars characters in all, or a near-duplicate Jaccard);
- per document, C301/C302 from the pairs it is in (as `review` runs them), 本人 by person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial

import numpy as np
from pyspark import StorageLevel
from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from . import bridge
from .clusters import connected_components
from .documents import load_row
from .prefilter import DOCUMENT, PASSAGE, contexts_agree, loose_documents, worth_aligning
from .schema import ALIGNED, CLUSTER_LIST, COPY_CHECKED, FINDING

# Buckets larger than this are paired as a star (see the module docstring). Far above what a fair LSH
# bucket holds (with 32 bands of 4 rows, unrelated reports almost never share one), so only true skew —
# thousands of copies of one template, or a band of mandatory wording — is affected.
MAX_BUCKET = 500


@dataclass
class CopyResult:
    pairs: DataFrame  # ALIGNED rows: pairs with a copied passage or a near-duplicate score
    copy_checked: DataFrame  # COPY_CHECKED rows: the copy findings and copy report of each document in a pair
    skew: DataFrame  # the buckets paired as a star: tier, bucket, documents
    candidates: DataFrame | None = None  # (a, b): the candidate pairs aligned (checkpointed: counting is cheap)
    blocks: int | None = None  # the alignment's blocks (blocks_for): a text is shipped to at most this many cells


def detect(
    checked: DataFrame,
    inputs: DataFrame,
    settings=None,
    config_path=None,
    max_bucket=MAX_BUCKET,
    blocks: int | None = None,
    as_review: bool = False,
    cell_memory: int | None = None,
) -> CopyResult:
    """Candidates, alignment and copy rules (the module docstring). ``blocks``: the alignment's blocks, by default
    as many as a cell of ``cell_memory`` bytes needs (block_docs_for; cell_memory_for by default)."""
    s = settings or bridge.DEFAULT
    # What copy detection reads of a checked document, kept apart from the texts and findings.
    ok = checked.where(F.col("error_code").isNull()).select(
        "key", "order", "person", "fps", "bands", "signature", "fp_contexts"
    )
    common = None  # the review rule: nothing is common language
    if as_review:
        ok = ok.persist(StorageLevel.MEMORY_AND_DISK)  # the review rule's joins scan it many times
        bands = ok.where(F.size("bands") > 0).select("key", "order", F.explode("bands").alias("bucket"))
        band_pairs, band_skew = bucket_pairs(bands, max_bucket)
        cand, fp_skew, members = _review_candidates(ok, band_pairs, s, max_bucket)
        skew = fp_skew.withColumn("tier", F.lit("passage")).unionByName(band_skew.withColumn("tier", F.lit("document")))
        candidates = cand
    else:
        # Every band key and fingerprint of every document, grouped in one shuffle (bucket_members), then
        # checkpointed: the pairs, the stars, the common set and the skew table all read it.
        shared = bucket_members(ok, s.max_authors).localCheckpoint()
        rows, skew = member_pairs(shared, max_bucket)
        # Each pair once (a near-duplicate shares hundreds of buckets: repeats shipped to the cells cost the JVM's
        # pickling and the workers' unpickling), and only the pairs that can hold a passage or be near-duplicates:
        # a lone shared fingerprint whose context agrees on neither side makes no passage (prefilter).
        cand = worth_aligning(rows, loose_documents(shared, max_bucket)).localCheckpoint()
        # The fingerprints that are common language: together, in every cell, they seed no run (align_candidates).
        common = shared.where("common").select(F.col("bucket").alias("fp"))
        members = None
        candidates = cand

    texts = checked.where(F.col("error_code").isNull()).select(
        "key", "order", "source", "person", "unit", "year", "text"
    )
    if blocks is None:
        sc = checked.sparkSession.sparkContext
        size = texts.agg(F.count("*").alias("n"), F.avg(F.length("text")).alias("chars")).first()
        budget = cell_memory if cell_memory is not None else cell_memory_for(sc.getConf())
        blocks = blocks_for(size["n"], sc.defaultParallelism, block_docs_for(size["chars"] or 0, budget))
    pairs = align_candidates(cand, texts, s, blocks, config_path, common).persist(StorageLevel.MEMORY_AND_DISK)

    sides = _sides(pairs).join(
        texts.select(
            F.col("key").alias("other"),
            F.col("order").alias("other_order"),
            F.col("source").alias("other_source"),
            F.col("person").alias("other_person"),
            F.col("unit").alias("other_unit"),
            F.col("year").alias("other_year"),
            F.encode("text", "UTF-32").alias("other_u32"),
        ),
        "other",
    )
    # What the copy rules read of the other report: per passage, its paragraph number and its text — not the
    # whole text (15 KB a side; 1.5 GB of shuffle at 1,000 synthesized reports).
    sides = sides.withColumn("other_passages", F.expr(OTHER_PASSAGES)).drop("other_u32")
    grouped = sides.groupBy("me").agg(F.collect_list(F.struct(*[c for c in sides.columns if c != "me"])).alias("sides"))
    todo = grouped.join(inputs.select(F.col("key").alias("me"), "key", "source", "content", "text", "person"), "me")
    if members is not None:
        todo = todo.join(cluster_lists(members, texts), "me", "left")
    else:  # the corpus rule, as the index: no near-identical clusters in the copy report
        todo = todo.withColumn("cluster", F.lit(None).cast(CLUSTER_LIST)).withColumn(
            "representative", F.lit(None).cast("string")
        )
    run = partial(_copy_partition, settings=s.to_dict(), config_path=config_path)
    copy_checked = checked.sparkSession.createDataFrame(todo.rdd.mapPartitions(run), COPY_CHECKED)
    return CopyResult(pairs, copy_checked, skew, candidates, blocks)


# Per match of a side, the other report's paragraph number at the passage (computed in the alignment cell, where
# the text is at hand: counting the newlines before every passage here cost 90 s of JVM CPU at 10,000 synthesized
# reports, 1.15 million sides) and the passage's text, cut from the other text in UTF-32 (encoded once per text,
# before the join): four bytes a character, so a passage is a slice at 4·offset, as Python's str[start:end] — a
# substring of the UTF-8 string walked every character before the passage, for every match of every side.
OTHER_PASSAGES = (
    "transform(matches, m -> named_struct("
    "'paragraph', m.b_paragraph, "
    "'text', decode(substring(other_u32, m.b_start * 4 + 1, (m.b_end - m.b_start) * 4), 'UTF-32')))"
)


def _author():
    """A document's author for common language: its person where given, else the document itself (as the index)."""
    named = F.length(F.trim(F.coalesce(F.col("person"), F.lit("")))) > 0
    return F.when(named, F.concat(F.lit("p:"), "person")).otherwise(F.concat(F.lit("d:"), "key")).alias("author")


def bucket_members(ok: DataFrame, max_authors: int) -> DataFrame:
    """Every posting (tier, bucket, key, order) of a band key or passage fingerprint held by two documents or more,
    with its bucket's statistics — documents (postings in the bucket), head (its first document by order) and
    common (a fingerprint in the reports of more than ``max_authors`` distinct authors: common language, as the
    copy index counts it) — in ONE shuffle: windows over (tier, bucket), the distinct authors counted by a dense
    rank (no per-bucket list is built, so a bucket of a million documents is spilled, not held in an array).

    (Three group-bys and a join before: each a shuffle of the postings, and a stage and plan of its own.)
    """
    # Each fingerprint with its seed context (none where the rows carry no contexts: such a posting excludes nothing).
    contexts = (
        F.col("fp_contexts")
        if "fp_contexts" in ok.columns
        else F.transform("fps", lambda _: F.lit(None).cast("bigint"))
    )
    posting = F.explode(F.arrays_zip(F.col("fps").alias("fp"), contexts.alias("context"))).alias("p")
    passages = ok.select(F.lit(PASSAGE).alias("tier"), posting, "key", "order", _author()).select(
        "tier", F.col("p.fp").alias("bucket"), "key", "order", "author", F.col("p.context").alias("context")
    )
    bands = ok.select(
        F.lit(DOCUMENT).alias("tier"),
        F.explode("bands").alias("bucket"),
        "key",
        "order",
        F.lit(None).cast("string").alias("author"),
        F.lit(None).cast("bigint").alias("context"),
    )
    # The bucket first: the postings' sort then compares the bucket's 8-byte prefix and almost never the rest (with
    # the tier first, a constant, every comparison went on to the bucket and the author: 32.9 s of sorting at
    # 10,000 synthesized reports). The same windows either way.
    bucket = Window.partitionBy("bucket", "tier")
    ranked = passages.unionByName(bands).withColumn("n_author", F.dense_rank().over(bucket.orderBy("author")))
    stats = ranked.select(
        "tier",
        "bucket",
        "key",
        "order",
        "context",
        F.count("*").over(bucket).alias("documents"),
        F.min(F.struct("order", "key")).over(bucket).alias("head"),
        ((F.col("tier") == PASSAGE) & (F.max("n_author").over(bucket) > F.lit(max_authors))).alias("common"),
    )
    return stats.where(F.col("documents") >= 2)


def member_pairs(members: DataFrame, max_bucket: int) -> tuple[DataFrame, DataFrame]:
    """Candidate pairs (a, b, tier, agree), a before b in order, of bucket_members' rows that are not common
    language: every pair of a bucket of at most ``max_bucket`` documents, a star on its first document for a
    larger one — one row per pair and bucket (a pair found in several buckets is repeated: worth_aligning keeps it
    once), with the bucket's tier and whether the two seed contexts agree (prefilter.contexts_agree; always true
    for a star). And the skew table: the starred buckets (bucket, documents, tier). The self-join is on the
    buckets' own partitioning (no further shuffle)."""
    kept = members.where(~F.col("common"))
    fair = kept.where(F.col("documents") <= max_bucket).select("tier", "bucket", "key", "order", "context")
    x, y = fair.alias("x"), fair.alias("y")
    all_pairs = (
        x.join(y, ["bucket", "tier"])
        .where(F.col("x.order") < F.col("y.order"))
        .select(
            F.col("x.key").alias("a"),
            F.col("y.key").alias("b"),
            "tier",
            contexts_agree(F.col("x.context"), F.col("y.context")).alias("agree"),
        )
    )
    big = kept.where(F.col("documents") > max_bucket)
    star = big.where(F.col("order") != F.col("head.order")).select(
        F.col("head.key").alias("a"), F.col("key").alias("b"), "tier", F.lit(True).alias("agree")
    )
    tier = F.when(F.col("tier") == PASSAGE, F.lit("passage")).otherwise(F.lit("document"))
    skew = big.select("bucket", "documents", tier.alias("tier")).distinct()
    return all_pairs.unionByName(star), skew


def _review_candidates(ok: DataFrame, band_pairs: DataFrame, s, max_bucket: int):
    """`review`'s candidates: any shared fingerprint or band, near-identical clusters through their representative.

    Returns (candidate pairs, oversized fingerprint buckets, cluster members)."""
    post = ok.select("key", "order", F.explode("fps").alias("fp"))
    stats = post.groupBy("fp").agg(F.count("*").alias("n"))
    fp_members = post.join(stats.where(F.col("n") >= 2).select("fp"), "fp")
    fp_pairs, fp_skew = bucket_pairs(fp_members.select(F.col("fp").alias("bucket"), "key", "order"), max_bucket)
    band_pairs = band_pairs.persist(StorageLevel.MEMORY_AND_DISK)  # read by the clusters and by the candidates
    members = near_identical_members(ok, band_pairs, s.num_perm)
    rep_of = members.where(F.col("key") != F.col("rep")).select("key", "rep").persist(StorageLevel.MEMORY_AND_DISK)
    led = rep_of.select(F.col("key").alias("k"))
    cand = (
        fp_pairs.union(band_pairs)
        .distinct()
        .join(led.withColumnRenamed("k", "a"), "a", "left_anti")
        .join(led.withColumnRenamed("k", "b"), "b", "left_anti")
        .select("a", "b")
        .union(rep_of.select(F.col("rep").alias("a"), F.col("key").alias("b")))
        .union(outside_pairs(ok, post, members, rep_of))
    ).localCheckpoint()  # computed once: the alignment reads it twice (the texts each group needs, its pairs)
    return cand, fp_skew, members


def align_candidates(
    cand: DataFrame,
    texts: DataFrame,
    settings,
    blocks: int,
    config_path: str | None = None,
    common: DataFrame | None = None,
):
    """The candidate pairs (a, b) aligned on the executors: a DataFrame of ALIGNED rows.

    No text travels with a pair. The documents are cut into ``blocks`` blocks by a hash of their key, and a pair
    goes to the cell of its two documents' blocks (unordered): blocks·(blocks + 1)/2 cells (alignment_cells). Each
    text goes to the cells where it has a pair (route_to_cells), in the same shuffle as the pairs; a cell's texts
    are within its two blocks, so a task holds the texts of two blocks at most — bounded by the block size
    (blocks_for), not by the corpus — and a text is shipped min(blocks, partners) times, not ``blocks`` times. A
    cell drops repeated pairs (a pair found in several buckets).

    A cell's texts are fingerprinted once and all its pairs handled in bulk (shuzhi.similarity.core.allpairs.
    given_pairs): the exact shared runs and the exact Jaccard of every pair, vectorized as in `review`'s round,
    then only the pairs that can hold a passage (runs of min_chars characters in all) or be near-duplicates are
    aligned — the filter `review` applies to a round (compare_round_docs), so the result is the same.

    ``common``: (fp) — the fingerprints that are common language (the corpus rule), repeats allowed. Their set, in
    the 32-bit form the alignment masks (corpus_common32), is sent to every cell once (a broadcast) and seeds no
    run, as the copy index ignores one set for all its documents. (Each cell masked the union of its own
    documents' lists before: at 31,500 reports 332 shared fingerprints that are not common collide at 32 bits with
    a common one, so a pair lost or kept a passage by what else its cell held, and the pairs changed with the block
    count — with the cluster's cores.)

    The cells read their rows and hand their pairs back as Arrow batches (mapInArrow; bridge.align_pairs_arrow):
    no Row object per text or pair read, no pickled tuple per pair and passage converted again in the JVM.
    (Before: Row objects in, pickled ALIGNED tuples out, turned into a DataFrame in the JVM; at 10,000 synthesized
    reports the alignment stage took 252 executor-s, against 186 now; docs/bench/spark.md, 2026-12-07.)
    """
    none = F.lit(None).cast("string")
    docs = texts.select("key", F.lit(TEXT).alias("kind"), "text")
    cand, docs = alignment_cells(cand, docs, blocks)
    rows = [
        docs.select("part", "kind", "key", "text", none.alias("a"), none.alias("b")),
        cand.select("part", F.lit(PAIR).alias("kind"), none.alias("key"), none.alias("text"), "a", "b"),
    ]
    cells = blocks * (blocks + 1) // 2
    union = rows[0]
    for r in rows[1:]:
        union = union.unionByName(r)
    ordered = union.repartition(cells, "part").sortWithinPartitions("part", "kind")
    masked = np.zeros(0, np.uint32) if common is None else corpus_common32(common)
    shared = texts.sparkSession.sparkContext.broadcast(masked)
    return ordered.mapInArrow(
        partial(_align_parts, settings=settings.to_dict(), config_path=config_path, common=shared), ALIGNED
    )


def corpus_common32(common: DataFrame) -> np.ndarray:
    """The 32-bit forms (similarity.core.align.top32: the high half) of the fingerprints of ``common`` (fp),
    sorted and distinct: computed in the JVM, a few hundred thousand values collected (1.3 MB at 31,500 reports)."""
    high = common.select(F.shiftrightunsigned("fp", 32).alias("fp32")).distinct()
    return np.unique(np.array([r[0] for r in high.collect()], dtype=np.int64)).astype(np.uint32)


# The rows of a cell, in this order: its texts, then its pairs.
TEXT, PAIR = 0, 2


def _block(col: str, blocks: int):
    return F.pmod(F.xxhash64(col), F.lit(blocks))


def route_to_cells(docs: DataFrame, cand: DataFrame) -> DataFrame:
    """``docs`` (with a key column), each row once in every cell where its document has a pair of ``cand`` (a, b,
    part): the distinct (key, cell) of the pairs joined to the documents (in the JVM); a document in no pair goes
    nowhere. (part, *docs' columns)

    (A collect_set of each document's cells, exploded, before: the same rows through Spark's object aggregate;
    a distinct of two columns is the plainer plan. No difference measured at 10,000 synthesized reports.)"""
    ends = cand.select(F.col("a").alias("key"), "part").unionByName(cand.select(F.col("b").alias("key"), "part"))
    return docs.join(ends.distinct(), "key").select("part", *docs.columns)


def alignment_cells(cand: DataFrame, docs: DataFrame, blocks: int) -> tuple[DataFrame, DataFrame]:
    """(cand with its cell ``part``, docs with the ``part`` of every cell they go to): a pair's cell is the
    unordered pair of its documents' blocks (a hash of the key modulo ``blocks``), numbered low·blocks + high; a
    document's text goes to the cells of its pairs only — of the ``blocks`` cells of its block, those where it has
    a partner.

    (Every text went to all ``blocks`` cells of its block before: the texts shipped grew as N²/BLOCK_DOCS.)"""
    ba, bb = _block("a", blocks), _block("b", blocks)
    cand = cand.withColumn("part", (F.least(ba, bb) * blocks + F.greatest(ba, bb)).cast("int"))
    return cand, route_to_cells(docs, cand)


# What one alignment task (a cell) may hold, by default: its two blocks' texts and their fingerprints. A laptop's
# local[*] runs one task per core, each in a Python worker of its own; a cluster executor's budget is its
# spark.executor.pyspark.memory shared by its cores (cell_memory_for), or given (``shuzhi corpus --cell-memory``).
CELL_MEMORY = 1 << 30
# A document held in a cell: its text (2 bytes a character in Python) and its compact fingerprint (codes and
# positions 4 bytes each, the sorted k-gram set 8, the mask and winnowed fingerprints): 20 bytes a character
# measured at 5,000 characters (98 KiB a report), 24 with the rows it came in (docs/bench/spark.md, 2026-12-06 night).
CELL_BYTES_PER_CHAR = 24
# Beside the documents, a cell's batch of pairs being aligned (bridge.PAIR_BATCH: seeds, runs, Jaccard bitsets):
# about 230 MB measured for 100,000 pairs, whatever the block size.
CELL_BATCH_BYTES = 256 << 20


def block_docs_for(chars_per_doc: float, cell_memory: int = CELL_MEMORY) -> int:
    """Documents a block may hold so that a cell — two blocks' documents and one batch of pairs — fits
    ``cell_memory`` bytes, for documents of ``chars_per_doc`` characters on average."""
    room = max(cell_memory - CELL_BATCH_BYTES, cell_memory // 4)
    return max(1, int(room // (2 * CELL_BYTES_PER_CHAR * max(1.0, chars_per_doc))))


def cell_memory_for(conf) -> int:
    """The default budget of a cell: two thirds of an executor's spark.executor.pyspark.memory shared by its cores
    (spark.executor.cores) where set, else CELL_MEMORY. ``conf``: a SparkConf.

    (Two thirds: a worker's resident memory was 1.3–1.6 GB under the 1 GiB budget at 31,500 reports — the
    interpreter, the rows being read and the allocator's free lists beside what a cell holds; Spark limits a
    worker to its share of spark.executor.pyspark.memory.)"""
    set_to = conf.get("spark.executor.pyspark.memory", None)
    if not set_to:
        return CELL_MEMORY
    cores = int(conf.get("spark.executor.cores", "1") or 1)
    return max(CELL_BATCH_BYTES * 2, parse_bytes(set_to) * 2 // 3 // max(1, cores))


def parse_bytes(size: str | int) -> int:
    """Bytes of a size written as Spark writes them: 512m, 2g, 1536k; a bare number is MiB, as
    spark.executor.pyspark.memory reads it. ValueError for anything else."""
    if isinstance(size, int):
        return size
    text = str(size).strip().lower().removesuffix("b").removesuffix("i")
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text) << 20


def blocks_for(documents: int, parallelism: int, block_docs: int) -> int:
    """Blocks of the alignment: enough that a block holds at most ``block_docs`` documents (block_docs_for: a
    cell's memory), and that there are at least twice as many cells as cores (``parallelism``) to keep them busy
    — and no more: each block more is one more cell a text may be shipped to and fingerprinted in (a report has
    a pair in nearly every cell of its block), so the copies of a text grow with the number of blocks."""
    blocks = 1
    while blocks * (blocks + 1) // 2 < 2 * max(1, parallelism):
        blocks += 1
    return max(blocks, -(-documents // max(1, block_docs)))


def near_identical_members(ok: DataFrame, band_pairs: DataFrame, num_perm: int) -> DataFrame:
    """(key, cluster, rep) of every document in a near-identical cluster; rep is the cluster's first document.

    The rule of shuzhi.similarity.core.clusters: two documents sharing an LSH band whose signatures agree in at
    least ``agreement_needed(num_perm)`` slots are linked; a cluster is a connected component of the links.
    """
    sig = ok.where(F.size("signature") > 0).select("key", "order", "signature")
    a = sig.select(F.col("key").alias("a"), F.col("signature").alias("a_sig"))
    b = sig.select(F.col("key").alias("b"), F.col("signature").alias("b_sig"))
    same = F.aggregate(
        F.zip_with("a_sig", "b_sig", lambda x, y: F.when(x == y, 1).otherwise(0)), F.lit(0), lambda acc, v: acc + v
    )
    edges = (
        band_pairs.distinct()
        .join(a, "a")
        .join(b, "b")
        .where(same >= bridge.agreement_needed(num_perm))
        .select("a", "b")
    )
    labels = connected_components(edges)
    first = labels.join(sig.select("key", "order"), "key")
    reps = first.groupBy("cluster").agg(F.min(F.struct("order", "key")).alias("head"))
    return first.join(reps, "cluster").select("key", "cluster", F.col("head.key").alias("rep"))


def outside_pairs(ok: DataFrame, post: DataFrame, members: DataFrame, rep_of: DataFrame) -> DataFrame:
    """(a, b), a before b in order: a cluster member and a document outside its cluster sharing a fingerprint the
    member's representative lacks (array_except), as shuzhi.similarity.compare.outside_pairs.

    A member meets the rest of its cluster through its representative only, but what it took from elsewhere is not
    in the representative; those fingerprints still find the documents that share them (never LSH bands).
    """
    fps_of = ok.select("key", "fps")
    extra = (
        rep_of.join(fps_of, "key")
        .join(fps_of.select(F.col("key").alias("rep"), F.col("fps").alias("rep_fps")), "rep")
        .select("key", F.explode(F.array_except("fps", "rep_fps")).alias("fp"))
    )
    label = members.select("key", "cluster")
    order = ok.select("key", "order")
    met = (
        extra.join(label, "key")
        .join(order, "key")
        .join(post.select(F.col("key").alias("other"), F.col("order").alias("other_order"), "fp"), "fp")
        .join(label.select(F.col("key").alias("other"), F.col("cluster").alias("other_cluster")), "other", "left")
        .where(F.col("other_cluster").isNull() | (F.col("other_cluster") != F.col("cluster")))
    )
    first = F.col("order") < F.col("other_order")
    return met.select(
        F.when(first, F.col("key")).otherwise(F.col("other")).alias("a"),
        F.when(first, F.col("other")).otherwise(F.col("key")).alias("b"),
    ).distinct()


def cluster_lists(members: DataFrame, texts: DataFrame) -> DataFrame:
    """(me, cluster, representative) per clustered document: the members (key, order, source) and the rep's source."""
    named = members.join(texts.select("key", "order", "source"), "key")
    lists = named.groupBy("cluster").agg(F.collect_list(F.struct("key", "order", "source")).alias("members"))
    rep_source = named.where(F.col("key") == F.col("rep")).select("cluster", F.col("source").alias("representative"))
    return (
        members.join(lists, "cluster")
        .join(rep_source, "cluster")
        .select(F.col("key").alias("me"), F.col("members").alias("cluster"), "representative")
    )


def bucket_pairs(members: DataFrame, max_bucket: int) -> tuple[DataFrame, DataFrame]:
    """Pairs (a, b), a before b in order, of the documents sharing a bucket; stars for oversized buckets."""
    # (A key seen twice in one document only repeats pairs, which the caller's distinct removes.)
    members = members.select("bucket", "key", "order")
    sizes = members.groupBy("bucket").agg(
        F.count("*").alias("documents"), F.min(F.struct("order", "key")).alias("head")
    )
    fair = members.join(sizes.where(F.col("documents").between(2, max_bucket)).select("bucket"), "bucket")
    x, y = fair.alias("x"), fair.alias("y")
    all_pairs = (
        x.join(y, "bucket")
        .where(F.col("x.order") < F.col("y.order"))
        .select(F.col("x.key").alias("a"), F.col("y.key").alias("b"))
    )
    big = sizes.where(F.col("documents") > max_bucket)
    star = (
        members.join(big, "bucket")
        .where(F.col("order") != F.col("head.order"))
        .select(F.col("head.key").alias("a"), F.col("key").alias("b"))
    )
    return all_pairs.union(star), big.select("bucket", "documents")


def _align_parts(batches, settings: dict, config_path: str | None, common):
    """Arrow batches of the rows (part, kind, key, text, a, b) of one or more cells, each cell's rows together and
    sorted by kind: its texts, then its pairs (repeats possible: a pair found in several buckets); ``common``: a
    broadcast of the corpus's 32-bit common-language fingerprints. Yields Arrow batches of ALIGNED rows.

    All pairs of a cell are aligned together (bridge.align_numbered_arrow), every text fingerprinted once per cell
    with the config's formulas masked, as in stage 1 and in `review`. A cell's pairs are numbered by their keys'
    places among its texts' sorted keys (Arrow's index_in), repeats dropped and ordered by number (np.unique): the
    order of sorted((a, b) tuples), with no Python tuple per pair (a set and sorted() of ~440,000 tuples was 2.3 of
    a cell's 31.8 s at 5,000 synthesized reports)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    s = bridge.Settings.from_dict(settings)
    fl = bridge.formulas(bridge.config_for(config_path))
    masked = common.value
    part, texts, a_parts, b_parts = None, {}, [], []

    def cell():
        keys = sorted(texts)
        known = pa.array(keys, a_parts[0].type)  # string or large_string, as Spark sent them
        ia = pc.index_in(pa.chunked_array(a_parts), value_set=known).to_numpy().astype(np.int64)
        ib = pc.index_in(pa.chunked_array(b_parts), value_set=known).to_numpy().astype(np.int64)
        code = np.unique(ia * len(keys) + ib)
        pairs = np.stack(np.divmod(code, len(keys)), axis=1)
        return bridge.align_numbered_arrow(keys, pairs, texts, {}, s, fl, masked)

    for rb in batches:
        parts = rb.column("part").to_numpy(zero_copy_only=False)
        kinds = rb.column("kind").to_numpy(zero_copy_only=False)
        # Runs of one cell and one kind within the batch.
        cut = np.flatnonzero(np.r_[True, (parts[1:] != parts[:-1]) | (kinds[1:] != kinds[:-1]), True])
        for lo, hi in zip(cut[:-1].tolist(), cut[1:].tolist(), strict=True):
            p, kind = int(parts[lo]), int(kinds[lo])
            if p != part:
                if a_parts:
                    yield from cell()
                part, texts, a_parts, b_parts = p, {}, [], []
            rows = rb.slice(lo, hi - lo)
            if kind == TEXT:
                texts.update(zip(rows.column("key").to_pylist(), rows.column("text").to_pylist(), strict=True))
            else:
                a_parts.append(rows.column("a"))
                b_parts.append(rows.column("b"))
    if a_parts:
        yield from cell()


def _sides(pairs: DataFrame) -> DataFrame:
    """Each pair seen from both documents: (me, other, copied, near_duplicate, matches with me as a)."""
    flipped = F.transform(
        "matches",
        lambda m: F.struct(
            m["b_start"].alias("a_start"),
            m["b_end"].alias("a_end"),
            m["a_start"].alias("b_start"),
            m["a_end"].alias("b_end"),
            m["chars"].alias("chars"),
            m["identity"].alias("identity"),
            m["b_paragraph"].alias("a_paragraph"),
            m["a_paragraph"].alias("b_paragraph"),
        ),
    )
    a = pairs.select(
        F.col("a").alias("me"),
        F.col("b").alias("other"),
        F.col("a_copied").alias("copied"),
        "near_duplicate",
        "matches",
    )
    b = pairs.select(
        F.col("b").alias("me"),
        F.col("a").alias("other"),
        F.col("b_copied").alias("copied"),
        "near_duplicate",
        flipped.alias("matches"),
    )
    return a.unionByName(b)


def _copy_partition(rows, settings: dict, config_path: str | None):
    from .documents import _tuple

    config = bridge.config_for(config_path)
    s = bridge.Settings.from_dict(settings)
    for row in rows:
        try:
            doc = load_row(row, config)
        except bridge.ShuzhiError:  # it loaded in stage 1; a file changed since then keeps its stage-1 findings
            continue
        # Sources in the order `review` meets them (by the other document's place in the round);
        # the copy report then orders them by share copied.
        sides = sorted((r.asDict(recursive=True) for r in row["sides"]), key=lambda d: d["other_order"])
        others = [c["source"] for c in sorted(row["cluster"] or (), key=lambda c: c["order"]) if c["key"] != row["me"]]
        found, report = bridge.copy_findings(doc, sides, config, s, row["person"], others, row["representative"])
        records = [_tuple(r, FINDING) for r in bridge.finding_records(found)]
        yield row["me"], records, json.dumps(report, ensure_ascii=False)
