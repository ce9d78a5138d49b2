"""Issue #16 on Spark: eleven copies of one template are one cluster, found as `review` finds them.

With --as-review the corpus run learns no common language from the corpus and pairs each member of a near-identical cluster with
the cluster's representative, as shuzhi.similarity.compare_round_docs does: the same findings, the same pairs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = tmp_path_factory.mktemp("county") / "round"
    root.mkdir()
    seeds = sorted(SEEDS.glob("0*.txt"))
    template = seeds[0].read_text(encoding="utf-8")
    for k in range(11):
        (root / f"county-{k:02d}.txt").write_text(template, encoding="utf-8")
    for p in seeds[1:3]:  # two reports of their own
        (root / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def test_eleven_copies_on_spark_as_in_review(spark, county, tmp_path):
    from shuzhi.cli import main
    from shuzhi.pipeline.copying import add_copy_findings, compare_round
    from shuzhi.pipeline.runner import check_round
    from shuzhi.rules.config import load_config
    from shuzhi.spark import read_tables

    config = load_config(None)
    rnd = check_round([str(county)], config=config, jobs=1)
    rnd.copying = compare_round([r.document for r in rnd.results])
    add_copy_findings(rnd.results, rnd.copying, config)

    assert main(["corpus", str(county), "-o", str(tmp_path / "out"), "--as-review"]) == 1
    tables = read_tables(spark, str(tmp_path / "out"))

    expected = {(r.source, f.id, f.code, f.message) for r in rnd.results for f in r.findings if f.code[0] == "C"}
    got = {
        (r["source"], r["id"], r["code"], r["message"])
        for r in tables.findings.where("code like 'C%'").select("source", "id", "code", "message").collect()
    }
    assert got == expected
    c302 = [e for e in expected if e[2] == "C302"]
    assert len(c302) == 11 and all("与本轮另外 10 份报告基本相同" in e[3] for e in c302)

    results = rnd.results
    want_pairs = {(results[c.a_index].source, results[c.b_index].source) for c in rnd.copying.comparisons}
    got_pairs = {(r["a_source"], r["b_source"]) for r in tables.pairs.collect()}
    assert got_pairs == want_pairs
    assert len([p for p in got_pairs if "county-" in p[0] and "county-" in p[1]]) == 10  # a star, not 55 pairs

    copies = {
        r["source"]: json.loads(r["copy"])
        for r in tables.documents.where("copy is not null").select("source", "copy").collect()
    }
    for r in results:
        if "county-" in r.source:
            assert copies[r.source]["total_copied"] == r.profile["copy_round"]["total_copied"] >= 0.9
            assert copies[r.source]["cluster"] == r.profile["copy_round"]["cluster"]


def test_a_member_meets_a_document_outside_its_cluster_on_spark_as_in_review(spark, tmp_path):
    """A near-copy of A with a passage of B: Spark pairs it with B (a fingerprint A lacks), as `review` does."""
    from shuzhi.cli import main
    from shuzhi.pipeline.copying import compare_round
    from shuzhi.pipeline.runner import check_round
    from shuzhi.rules.config import load_config
    from shuzhi.spark import read_tables

    root = tmp_path / "round"
    root.mkdir()
    seeds = sorted(SEEDS.glob("0*.txt"))
    template, other = seeds[0].read_text(encoding="utf-8"), seeds[1].read_text(encoding="utf-8")
    taken = other[len(other) // 2 : len(other) // 2 + 300]
    lines = template.split("\n")
    (root / "a.txt").write_text(template, encoding="utf-8")
    (root / "b.txt").write_text(other, encoding="utf-8")
    (root / "m.txt").write_text("\n".join([*lines[:4], taken, *lines[4:]]), encoding="utf-8")

    rnd = check_round([str(root)], config=load_config(None), jobs=1)
    rnd.copying = compare_round([r.document for r in rnd.results])
    names = [Path(r.source).name for r in rnd.results]
    assert [[names[i] for i in c] for c in rnd.copying.clusters] == [["a.txt", "m.txt"]]
    want = {frozenset((names[c.a_index], names[c.b_index])) for c in rnd.copying.comparisons}
    assert frozenset(("m.txt", "b.txt")) in want

    main(["corpus", str(root), "-o", str(tmp_path / "out"), "--as-review"])
    tables = read_tables(spark, str(tmp_path / "out"))
    got = {frozenset((Path(r["a_source"]).name, Path(r["b_source"]).name)) for r in tables.pairs.collect()}
    assert got == want
