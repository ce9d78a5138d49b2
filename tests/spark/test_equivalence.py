"""Done-when of issue #12: `shuzhi corpus` on Spark gives what `shuzhi review` gives on the same files.

The corpus (tests/spark/corpus_builder.py): the five seeds, the 范文 (GB18030), chunks of 16 government work
reports, 150 reports assembled from their paragraphs, 25 near-duplicates and 25 planted 300-character passages,
one .docx, two bad files — about 290 files.
"""

from __future__ import annotations

import json


def test_command_finished_with_findings(corpus_out):
    """The job finishes despite the bad files; findings at the failure level make the exit code 1, as in review."""
    out, code = corpus_out
    assert code == 1
    assert (out / "summary.html").is_file()


def test_same_documents_and_bad_files(reviewed, tables, corpus_dir):
    _, planted = corpus_dir
    docs = tables.documents.select("source", "error_code", "error_message").collect()
    assert len(docs) == planted.files == len(reviewed.entries)
    errors = {r["source"]: r["error_code"] for r in docs if r["error_code"]}
    assert errors == {e["source"]: e["code"] for e in reviewed.errors}
    root = str(corpus_dir[0])
    assert errors == {f"{root}/{k}": v for k, v in planted.bad.items()}
    messages = {r["source"]: r["error_message"] for r in docs if r["error_code"]}
    assert messages == {e["source"]: e["message"] for e in reviewed.errors}


def test_same_findings_by_id(reviewed, tables):
    expected = set()
    for r in reviewed.results:
        for f in r.findings:
            expected.add((r.source, f.id, f.code, f.start, f.end, f.message))
    got = {
        (r["source"], r["id"], r["code"], r["start"], r["end"], r["message"])
        for r in tables.findings.select("source", "id", "code", "start", "end", "message").collect()
    }
    assert any(e[2] == "C301" for e in expected) and any(e[2] == "C302" for e in expected)
    assert all(len(e[1]) == 16 for e in expected)
    assert got == expected


def test_same_pairs_and_passages(reviewed, tables):
    results = reviewed.results
    expected_pairs, expected_passages = {}, set()
    for c in reviewed.copying.comparisons:
        a, b = results[c.a_index].source, results[c.b_index].source
        expected_pairs[(a, b)] = (round(c.a_copied, 6), round(c.b_copied, 6), round(c.near_duplicate, 6))
        for m in c.matches:
            expected_passages.add((a, b, m.a_start, m.a_end, m.b_start, m.b_end, m.chars, round(m.identity, 6)))
    got_pairs = {
        (r["a_source"], r["b_source"]): (
            round(r["a_copied"], 6),
            round(r["b_copied"], 6),
            round(r["near_duplicate"], 6),
        )
        for r in tables.pairs.collect()
    }
    got_passages = {
        (
            r["a_source"],
            r["b_source"],
            r["a_start"],
            r["a_end"],
            r["b_start"],
            r["b_end"],
            r["chars"],
            round(r["identity"], 6),
        )
        for r in tables.passages.collect()
    }
    assert len(expected_pairs) > 100
    assert got_pairs == expected_pairs
    assert got_passages == expected_passages


def test_planted_copies_found_and_clustered(tables, corpus_dir):
    root, planted = corpus_dir
    src = lambda rel: f"{root}/{rel}"  # noqa: E731
    pairs = {frozenset((r["a_source"], r["b_source"])) for r in tables.pairs.collect()}
    for a, b in planted.near_duplicates + planted.passages:
        assert frozenset((src(a), src(b))) in pairs
    cluster_of = {r["source"]: r["cluster"] for r in tables.clusters.collect()}
    for a, b in planted.near_duplicates:
        assert cluster_of[src(a)] == cluster_of[src(b)]


def test_copy_report_in_documents(reviewed, tables):
    """The copy report `review` puts in profile.copy_round is the documents table's copy column."""
    expected = {
        r.source: r.profile["copy_round"]["total_copied"] for r in reviewed.results if "copy_round" in r.profile
    }
    got = {
        r["source"]: json.loads(r["copy"])["total_copied"]
        for r in tables.documents.where("copy is not null").select("source", "copy").collect()
    }
    assert len(expected) > 50
    assert got == expected
