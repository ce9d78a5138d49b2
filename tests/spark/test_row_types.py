"""The rows shuzhi's Spark stages build in Python match their schemas value by value.

`createDataFrame` is told not to check them again (verifySchema=False: Spark's per-value check in the workers was
a quarter of stage 1's Python time), so the check is here, with Spark's own verifier, on rows of every kind a
stage makes: a checked report, a report whose file cannot be read, an empty text, a report with rules and claims;
an aligned pair with passages, a near-duplicate pair."""

from __future__ import annotations

import io

import docx
from pyspark.sql.types import _make_type_verifier

from shuzhi.spark import bridge
from shuzhi.spark.documents import _check_partition
from shuzhi.spark.schema import ALIGNED, CHECKED
from spark.corpus_builder import CORPUS, paragraphs


def _input(key, text=None, content=None, source=None, person=None):
    return {
        "key": key,
        "source": source or f"{key}.txt",
        "order": key,
        "content": content,
        "text": text,
        "person": person,
        "unit": None,
        "year": None,
    }


def _docx(text: str) -> bytes:
    d = docx.Document()
    for p in text.split("\n"):
        d.add_paragraph(p)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_checked_rows_match_their_schema():
    seed = sorted((CORPUS / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    rows = [
        _input("seed", text=seed, person="张三"),
        _input("word", content=_docx(seed), source="word.docx"),
        _input("broken", content=b"PK\x03\x04 not a zip", source="broken.docx"),
        _input("empty", text=""),
    ]
    verify = _make_type_verifier(CHECKED)
    for rules in (True, False):
        out = list(_check_partition(rows, settings=bridge.DEFAULT.to_dict(), config_path=None, rules=rules))
        findings = out[0][CHECKED.fieldNames().index("findings")]
        assert bool(findings) == rules  # with rules, the seed's findings are in its row
        assert len(out) == len(rows)
        for row in out:
            verify(row)  # raises TypeError/ValueError on a value of the wrong type or a null where none may be
        by_key = {r[0]: r for r in out}
        assert by_key["broken"][CHECKED.fieldNames().index("error_code")]  # the bad file is a row with its code
        assert by_key["seed"][CHECKED.fieldNames().index("fps")]  # and the report has its fingerprints


def test_aligned_rows_match_their_schema():
    gov = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))
    paras = [p for path in gov[:4] for p in paragraphs(path.read_text(encoding="utf-8"))]
    shared = "\n".join(paras[:3])
    texts = {
        "a": "\n".join([paras[10], shared, paras[11]]),
        "b": "\n".join([paras[12], shared, paras[13]]),
        "c": "\n".join(paras[20:40]),
    }
    texts["d"] = texts["c"].replace("。", "，", 1)  # a near-duplicate of c
    fl = bridge.formulas(bridge.config_for(None))
    batches = bridge.align_pairs_arrow(sorted([("a", "b"), ("c", "d"), ("a", "c")]), texts, {}, bridge.DEFAULT, fl)
    out = [(*list(r.values())[:-1], [tuple(m.values()) for m in r["matches"]]) for b in batches for r in b.to_pylist()]
    assert {(r[0], r[1]) for r in out} >= {("a", "b"), ("c", "d")}
    assert any(r[-1] for r in out)  # passages among them
    verify = _make_type_verifier(ALIGNED)
    for row in out:
        verify(row)


def test_aligned_arrow_batches_have_the_schema_spark_expects():
    # The cells hand their pairs to Spark as Arrow batches (mapInArrow): their schema must be Spark's own
    # conversion of ALIGNED, or the job fails at its end.
    from pyspark.sql.pandas.types import to_arrow_schema

    assert bridge.aligned_arrow_schema() == to_arrow_schema(ALIGNED)
    gov = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))
    paras = [p for path in gov[:4] for p in paragraphs(path.read_text(encoding="utf-8"))]
    texts = {"a": "\n".join(paras[10:20]), "b": "\n".join(paras[12:22])}
    fl = bridge.formulas(bridge.config_for(None))
    (batch,) = bridge.align_pairs_arrow([("a", "b")], texts, {}, bridge.DEFAULT, fl)
    assert batch.schema == to_arrow_schema(ALIGNED) and batch.num_rows == 1
    assert len(batch.column("matches")[0]) > 0  # the shared paragraphs are a passage
