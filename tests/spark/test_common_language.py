"""The corpus rule, `shuzhi corpus`'s default (issue #12): common language as the copy index learns it.

A passage fingerprint in the reports of more than max_authors distinct authors (the person column where given,
else the document) is common language: it makes no candidate pair and seeds no passage. Copying between two
reports is still found. On a small corpus the pairs and passages are those of the one-machine index
(shuzhi.similarity.index: every report added, each checked against the others).
"""

from __future__ import annotations

import random

import pytest

from shuzhi.similarity.core.settings import DEFAULT
from shuzhi.spark import from_table, run_corpus
from spark.corpus_builder import CORPUS, edit, paragraphs

SCHEMA = "id string, text string, person string"


def _cjk(rng: random.Random, n: int) -> str:
    """Random characters: bodies that share nothing, so only what is planted links two reports."""
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(n))


@pytest.fixture(scope="module")
def stock_run(spark):
    gov = sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))
    stock = max(paragraphs(gov[3].read_text(encoding="utf-8")), key=len)[:300]
    own = max(paragraphs(gov[17].read_text(encoding="utf-8")), key=len)[:300]
    copied = max(paragraphs(gov[9].read_text(encoding="utf-8")), key=len)[:300]
    rng = random.Random(5)
    n = DEFAULT.max_authors + 2  # one author more than common language allows, and one to spare
    rows = [(f"many{i:02d}", _cjk(rng, 600) + "\n" + stock + "\n" + _cjk(rng, 200), f"人{i}") for i in range(n)]
    # The same passage in as many reports of one person: one author, so not common language.
    rows += [(f"one{i:02d}", _cjk(rng, 600) + "\n" + own + "\n" + _cjk(rng, 200), "同一人") for i in range(n)]
    # Two reports of two more people with the stock passage and a passage one copied from the other.
    rows += [
        ("x", _cjk(rng, 500) + "\n" + stock + "\n" + _cjk(rng, 300) + "\n" + copied + "\n" + _cjk(rng, 200), "甲"),
        ("y", _cjk(rng, 400) + "\n" + copied + "\n" + _cjk(rng, 500) + "\n" + stock + "\n" + _cjk(rng, 100), "乙"),
    ]
    df = spark.createDataFrame(rows, SCHEMA)
    t = run_corpus(from_table(df), rules=False)
    text = dict((k, v) for k, v, _ in rows)
    return {"pairs": t.pairs.collect(), "passages": t.passages.collect(), "text": text, "stock": stock, "n": n}


def test_a_stock_passage_of_more_than_max_authors_people_makes_no_pair(stock_run):
    pairs = {(r["a"], r["b"]) for r in stock_run["pairs"]}
    assert not {p for p in pairs if p[0].startswith("many") or p[1].startswith("many")}
    # The same passage in the reports of one person is not common language: every pair of them is found.
    n = stock_run["n"]
    one = {(f"one{i:02d}", f"one{j:02d}") for i in range(n) for j in range(i + 1, n)}
    assert one <= pairs


def test_a_copy_between_two_reports_is_still_found_without_the_stock_passage(stock_run):
    text, stock = stock_run["text"], stock_run["stock"]
    found = [r for r in stock_run["passages"] if (r["a"], r["b"]) == ("x", "y")]
    assert len(found) == 1  # the copied passage; the stock passage both hold is no passage
    m = found[0]
    assert m["chars"] >= 250
    assert text["x"][m["a_start"] : m["a_end"]] == text["y"][m["b_start"] : m["b_end"]]
    # The passage's paragraph in each report, as the copy rules print it: 1 + the newlines before it.
    assert m["a_paragraph"] == text["x"].count("\n", 0, m["a_start"]) + 1 > 1
    assert m["b_paragraph"] == text["y"].count("\n", 0, m["b_start"]) + 1
    assert stock not in text["x"][m["a_start"] : m["a_end"]] and text["x"][m["a_start"] : m["a_end"]] not in stock


@pytest.fixture(scope="module")
def small_corpus(spark):
    """40 reports from a pool of 60 paragraphs (each in a few reports), three stock paragraphs in 15 reports each,
    two near-duplicates, 25 authors (some with two or more reports)."""
    rng = random.Random(3)
    gov = sorted((CORPUS / "gov-reports").glob("gwr_*.txt"))
    pool = [p for g in gov[:6] for p in paragraphs(g.read_text(encoding="utf-8"), 60)]
    pool = rng.sample(pool, 63)
    stock, pool = pool[:3], pool[3:]
    rows = []
    for i in range(40):
        body = rng.sample(pool, 6)
        for s in stock:
            if rng.random() < 0.4:
                body.insert(rng.randrange(len(body) + 1), s)
        rows.append([f"d{i:02d}", "述职报告\n" + "\n".join(body), f"人{rng.randrange(25)}" if i % 4 else None])
    rows.append(["d40", edit(rows[3][1], rng), "人3"])
    rows.append(["d41", edit(rows[17][1], rng), None])
    df = spark.createDataFrame([tuple(r) for r in rows], SCHEMA)
    corpus = run_corpus(from_table(df), rules=False)
    review = run_corpus(from_table(df), rules=False, as_review=True)
    texts = {r["key"]: r["text"] for r in corpus.documents.select("key", "text").collect()}
    return {
        "rows": rows,
        "texts": texts,
        "pairs": corpus.pairs.collect(),
        "passages": corpus.passages.collect(),
        "review_pairs": review.pairs.collect(),
    }


def test_same_pairs_and_passages_as_the_index(small_corpus, tmp_path):
    from shuzhi.similarity.index.store import DocMeta, Index
    from shuzhi.similarity.sources import check_against_index

    texts = small_corpus["texts"]
    person = {r[0]: r[2] for r in small_corpus["rows"]}
    idx = Index(tmp_path / "idx", create=True)
    added = dict(idx.add((texts[k], DocMeta(source=k, person=person[k])) for k in sorted(texts)))
    assert None not in added.values()
    key_of = {i: k for k, i in added.items()}
    want_pairs, want_passages = {}, set()
    for a in sorted(texts):
        report = check_against_index(texts[a], idx, person=person[a], exclude=[added[a]])
        assert len(report.sources) < 50  # the index aligns at most 50 candidates a report: none left out here
        for s in report.sources:
            b = key_of[s.id]
            if b < a:  # each pair from its first report's side, as corpus aligns it
                continue
            want_pairs[(a, b)] = (round(s.copied, 6), round(s.near_duplicate, 6))
            for m in s.matches:
                want_passages.add((a, b, m.a_start, m.a_end, m.b_start, m.b_end, m.chars, round(m.identity, 6)))
    idx.close()
    got_pairs = {
        (r["a"], r["b"]): (round(r["a_copied"], 6), round(r["near_duplicate"], 6)) for r in small_corpus["pairs"]
    }
    got_passages = {
        (r["a"], r["b"], r["a_start"], r["a_end"], r["b_start"], r["b_end"], r["chars"], round(r["identity"], 6))
        for r in small_corpus["passages"]
    }
    assert len(want_pairs) > 40 and len(want_passages) > 40
    assert got_pairs == want_pairs
    assert got_passages == want_passages


def test_the_review_rule_aligns_the_stock_paragraphs_the_corpus_rule_drops(small_corpus):
    """On the same corpus `--as-review` finds more pairs: those linked only by the stock paragraphs.

    (The two near-duplicates d40, d41 left out: under the review rule they meet the others through their cluster's
    first report.)"""
    alone = lambda pairs: {(r["a"], r["b"]) for r in pairs if r["b"] not in ("d40", "d41")}  # noqa: E731
    corpus, review = alone(small_corpus["pairs"]), alone(small_corpus["review_pairs"])
    assert corpus < review
    assert len(review - corpus) >= 50
