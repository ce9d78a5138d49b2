"""Table input (JSON Lines, Parquet) with id, text, person, unit, year; 本人 decided by person."""

from __future__ import annotations

import json

import pytest

from shuzhi.model.errors import ShuzhiError
from shuzhi.spark import read_input, run_corpus
from spark.corpus_builder import CORPUS, paragraphs

SEEDS = sorted((CORPUS / "seeds").glob("0*.txt"))


def _passage(n: int) -> str:
    """A long paragraph of a gov report: copied text that is no formula."""
    text = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))[n].read_text(encoding="utf-8")
    return max(paragraphs(text), key=len)[:400]


@pytest.fixture(scope="module")
def table_run(spark, tmp_path_factory):
    """Five reports by three people: 张三's 2024 report copies his 2023 one and a colleague's passage."""
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    own, other = _passage(0), _passage(1)
    rows = [
        {"id": "zs-2023", "text": seeds[0] + "\n" + own, "person": "张三", "unit": "甲县", "year": 2023},
        {"id": "zs-2024", "text": seeds[1] + "\n" + own + "\n" + other, "person": "张三", "unit": "甲县", "year": 2024},
        {"id": "ls-2024", "text": seeds[2] + "\n" + other, "person": "李四", "unit": "乙县", "year": 2024},
        {"id": "ww-2024", "text": seeds[3], "person": "王五", "year": 2024},
        {"id": "blank", "text": "   ", "person": "赵六"},
    ]
    path = tmp_path_factory.mktemp("table") / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    t = run_corpus(read_input(spark, str(path)))
    return {
        "documents": {r["key"]: r for r in t.documents.collect()},
        "findings": t.findings.collect(),
        "pairs": t.pairs.collect(),
    }


def test_rows_become_documents_with_their_columns(table_run):
    docs = table_run["documents"]
    assert set(docs) == {"zs-2023", "zs-2024", "ls-2024", "ww-2024", "blank"}
    assert docs["zs-2024"]["person"] == "张三" and docs["zs-2024"]["unit"] == "甲县" and docs["zs-2024"]["year"] == 2024
    assert docs["blank"]["error_code"] == "E101" and "文本为空" in docs["blank"]["error_message"]
    assert docs["ww-2024"]["error_code"] is None and json.loads(docs["ww-2024"]["profile"])["chars"] > 1000


def test_own_earlier_report_is_told_apart_by_person(table_run):
    pairs = {(r["a"], r["b"]) for r in table_run["pairs"]}
    assert {("zs-2023", "zs-2024"), ("ls-2024", "zs-2024")} <= pairs
    c301 = [f for f in table_run["findings"] if f["key"] == "zs-2024" and f["code"] == "C301"]
    by_source = {}
    for f in c301:
        data = json.loads(f["data"])
        by_source[data["source_id"]] = data["own"]
    assert by_source == {"zs-2023": True, "ls-2024": False}
    copy = json.loads(table_run["documents"]["zs-2024"]["copy"])
    assert 0 < copy["copied_excluding_own"] < copy["total_copied"]
    # The colleague's report: its source is not its own author's.
    copy_ls = json.loads(table_run["documents"]["ls-2024"]["copy"])
    assert copy_ls["copied_excluding_own"] == copy_ls["total_copied"] > 0


def test_parquet_input(spark, tmp_path):
    texts = [p.read_text(encoding="utf-8") for p in SEEDS[:2]]
    path = str(tmp_path / "reports.parquet")
    spark.createDataFrame(
        [(1, texts[0], "甲"), (2, texts[1], "乙")], "ID long, Text string, Person string"
    ).write.parquet(path)
    df = read_input(spark, path).collect()
    assert sorted((r["key"], r["person"], r["text"][:20]) for r in df) == [
        ("1", "甲", texts[0][:20]),
        ("2", "乙", texts[1][:20]),
    ]


def test_missing_columns_are_a_coded_error(spark, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "body": "正文"}\n', encoding="utf-8")
    with pytest.raises(ShuzhiError) as e:
        read_input(spark, str(path))
    assert e.value.code == "E503"
    assert "text" in e.value.message and "body" in e.value.message
