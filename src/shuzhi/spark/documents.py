"""Stage 1 on the executors: every document loaded and checked by shuzhi's own pipeline, a bad file a row."""

from __future__ import annotations

import json
from functools import partial

from pyspark.sql import DataFrame

from . import bridge
from .schema import CHECKED, CLAIM, FINDING


def check_documents(
    inputs: DataFrame, *, settings=None, config_path: str | None = None, rules: bool = True
) -> DataFrame:
    """INPUT_SCHEMA rows in, one CHECKED row per document out (findings, claims, fingerprints or an error).

    ``rules=False`` loads and fingerprints only (copy detection alone: no findings but C301/C302, no claims).
    """
    settings = settings or bridge.DEFAULT
    run = partial(_check_partition, settings=settings.to_dict(), config_path=config_path, rules=rules)
    rdd = inputs.select("key", "source", "order", "content", "text", "person", "unit", "year").rdd.mapPartitions(run)
    # The rows are built to CHECKED by _check_partition (tests/spark/test_row_types.py checks them against it):
    # Spark's per-value check of every row in the workers was a quarter of this stage's Python time (0.5 ms a
    # document of 5,000 characters, most of it the ~900 fingerprints of its arrays).
    return inputs.sparkSession.createDataFrame(rdd, CHECKED, verifySchema=False)


def load_row(row, config):
    """The Document of an input row: a file's bytes through the loaders, or a table's text."""
    if row["content"] is not None:
        return bridge.load_bytes(bytes(row["content"]), row["source"], config)
    return bridge.load_text(row["text"], row["source"], row["key"], config.lexicons)


def _tuple(rec: dict, schema) -> tuple:
    return tuple(rec[f.name] for f in schema.fields)


def _check_partition(rows, settings: dict, config_path: str | None, rules: bool = True):
    config = bridge.config_for(config_path)
    s = bridge.Settings.from_dict(settings)
    fl = bridge.formulas(config)
    for row in rows:
        base = (row["key"], row["source"], row["order"], row["person"], row["unit"])
        try:
            doc = load_row(row, config)
            result = bridge.check_loaded(doc, config) if rules else None
        except Exception as e:  # one bad document is a row, never the end of the job
            code, message = bridge.error_of(e, row["source"])
            yield (*base, row["year"], None, None, None, None, code, message, None, [], [], [], [], [], [])
            continue
        key = bridge.text_key(doc.text)
        findings, claims = [], []
        if result is not None:
            findings = [_tuple(r, FINDING) for r in bridge.finding_records(result.findings)]
            try:
                claims = [_tuple(r, CLAIM) for r in bridge.claim_records(doc)]
            except Exception:  # claims are a view of the N rules' work: a failure here must not lose the findings
                claims = []
        p = bridge.prints(doc.text, s, fl)
        yield (
            *base,
            row["year"],  # as given; the year read from the report itself is in meta
            key,
            doc.char_count,
            json.dumps(result.meta if result else doc.meta.to_dict(), ensure_ascii=False),
            json.dumps(result.profile, ensure_ascii=False) if result else None,
            None,
            None,
            doc.text,
            findings,
            claims,
            p.fps,
            p.bands,
            p.signature,
            p.contexts,
        )
