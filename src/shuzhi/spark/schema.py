"""The tables `shuzhi corpus` writes, as Spark schemas (one place, so the docs and the code agree)."""

from __future__ import annotations

from pyspark.sql import types as T

S, INT, L, D, B = T.StringType(), T.IntegerType(), T.LongType(), T.DoubleType(), T.BooleanType()


def _struct(*fields: tuple[str, T.DataType]) -> T.StructType:
    return T.StructType([T.StructField(n, t, True) for n, t in fields])


FINDING = _struct(
    ("id", S),
    ("code", S),
    ("name", S),
    ("severity", S),
    ("message", S),
    ("start", INT),
    ("end", INT),
    ("line", INT),
    ("column", INT),
    ("end_line", INT),
    ("end_column", INT),
    ("page", INT),
    ("excerpt", S),
    ("heuristic", B),
    ("data", S),  # the evidence, JSON
)

CLAIM = _struct(
    ("code", S),
    ("relation", S),
    ("verdict", S),
    ("formula", S),
    ("computed", S),
    ("stated", S),
    ("diagnosis", S),
    ("start", INT),
    ("end", INT),
    ("line", INT),
    ("column", INT),
    ("excerpt", S),
    ("data", S),  # the claim's operands and interval, JSON
)

# Stage 1: one row per input document (kept, persisted, between the stages).
CHECKED = _struct(
    ("key", S),
    ("source", S),
    ("order", S),
    ("person", S),
    ("unit", S),
    ("year", INT),
    ("text_key", S),
    ("chars", INT),
    ("meta", S),
    ("profile", S),
    ("error_code", S),
    ("error_message", S),
    ("text", S),
    ("findings", T.ArrayType(FINDING)),
    ("claims", T.ArrayType(CLAIM)),
    ("fps", T.ArrayType(L)),
    ("bands", T.ArrayType(L)),
    ("signature", T.ArrayType(L)),
    ("fp_contexts", T.ArrayType(L)),  # per fingerprint of fps, its seed context (shuzhi.similarity.core.contexts)
)

PASSAGE = _struct(
    ("a_start", INT),
    ("a_end", INT),
    ("b_start", INT),
    ("b_end", INT),
    ("chars", INT),
    ("identity", D),
    # The paragraph of a_start in a and of b_start in b: 1 + the newlines before it in the document's text.
    ("a_paragraph", INT),
    ("b_paragraph", INT),
)

ALIGNED = _struct(
    ("a", S),
    ("b", S),
    ("a_copied", D),
    ("b_copied", D),
    ("near_duplicate", D),
    ("a_chars", INT),
    ("b_chars", INT),
    ("matches", T.ArrayType(PASSAGE)),
)

# The members of a document's near-identical cluster, as the copy rules read them (the review rule only).
CLUSTER_LIST = T.ArrayType(_struct(("key", S), ("order", S), ("source", S)))

COPY_CHECKED = _struct(("key", S), ("copy_findings", T.ArrayType(FINDING)), ("copy", S))

TABLES = ("documents", "findings", "claims", "pairs", "passages", "clusters")
