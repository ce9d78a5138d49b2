"""The candidate pairs worth aligning, decided in the JVM: a lone shared fingerprint must agree on a side context.

Under the corpus rule most candidate pairs share one passage fingerprint and nothing else (75 % of the 138,915
candidates at 1,000 synthesized reports), and nearly none of them holds a passage: the seed's k-gram is all the
two texts share there. A pair with one seed has one exact run, and a passage needs ``min_chars`` characters, so
the ``c`` characters before the seed or the ``c`` after its k-gram must be the same in both documents
(shuzhi.similarity.core.contexts; c = 4 for the defaults). Stage 1 hashes those contexts; here each candidate
pair is kept when it

- shares an LSH band key (the near-duplicate tier), or
- shares two passage fingerprints or more (buckets that are not common language), or
- shares one whose contexts agree on a side, or one selected twice in a document (no context: several seeds), or
- came from a star (a bucket of more than max_bucket documents), or names a document of such a passage bucket
  (the cell seeds from every fingerprint two documents share, the starred ones included, so the count here would
  be short).

Every pair dropped is one the alignment would drop: one seed whose run cannot reach min_chars characters. The one
case not covered by this argument is a pair with a near-duplicate Jaccard (≥ 0.5 by default) sharing no LSH band
and at most one fingerprint; such a pair shares half its k-grams, and at 1,000 synthesized reports the pairs of
that Jaccard share 619 fingerprints or more. Everything else about the pairs — which are found, their passages and
scores — is unchanged; the aggregation replaces the distinct that dropped repeated pairs (the same shuffle).
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

# The two tiers of buckets in copying.bucket_members: passage fingerprints and LSH band keys.
PASSAGE, DOCUMENT = 0, 1

_LOW32 = 0xFFFFFFFF


def contexts_agree(x: Column, y: Column) -> Column:
    """Whether two seed contexts (left32 << 32 | right32) agree on a side; a missing context agrees with all."""
    return (
        x.isNull()
        | y.isNull()
        | (F.shiftright(x, 32) == F.shiftright(y, 32))
        | ((x.bitwiseAND(F.lit(_LOW32))) == (y.bitwiseAND(F.lit(_LOW32))))
    )


def loose_documents(members: DataFrame, max_bucket: int) -> DataFrame | None:
    """The documents of a passage bucket paired as a star (more than ``max_bucket`` documents, not common
    language), or None when there is none (one short job on the checkpointed buckets: the usual case)."""
    big = members.where(
        (F.col("tier") == PASSAGE) & ~F.col("common") & (F.col("documents") > F.lit(max_bucket))
    ).select("key")
    if not big.take(1):
        return None
    return big.distinct()


def worth_aligning(rows: DataFrame, loose: DataFrame | None = None) -> DataFrame:
    """The distinct pairs (a, b) of copying.member_pairs' rows (a, b, tier, agree) that can hold a passage or be
    near-duplicates (the module docstring); ``loose``: loose_documents."""
    passage = F.col("tier") == PASSAGE
    agg = rows.groupBy("a", "b").agg(
        F.sum(passage.cast("int")).alias("shared"),
        F.max(F.col("agree") | ~passage).alias("agree"),
    )
    keep = (F.col("shared") >= 2) | F.col("agree")
    if loose is not None:
        agg = agg.join(loose.select(F.col("key").alias("a"), F.lit(True).alias("a_loose")), "a", "left").join(
            loose.select(F.col("key").alias("b"), F.lit(True).alias("b_loose")), "b", "left"
        )
        keep = keep | F.col("a_loose").isNotNull() | F.col("b_loose").isNotNull()
    return agg.where(keep).select("a", "b")
