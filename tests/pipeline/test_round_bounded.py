"""Issue #17: what a round keeps per report does not grow with the round: the copy profile lists the largest
sources and counts the rest, a copied passage names a few of the other documents sharing it and counts them all."""

from __future__ import annotations

import json

from helpers.round_files import gov_paragraphs
from shuzhi.pipeline.copying import ROUND_SOURCES, add_copy_findings, compare_round
from shuzhi.pipeline.runner import check_round
from shuzhi.rules.config import Config
from shuzhi.rules.copying import OTHER_SOURCES
from shuzhi.writers.evidence import evidence_text

N = 30


def _round(tmp_path):
    """N reports of their own paragraphs, each with one paragraph all share and a second shared with its
    neighbours (so the shares copied differ)."""
    pool = gov_paragraphs()
    shared, own = pool[0], pool[1:]
    assert len(own) >= 7 * N
    for k in range(N):
        mine = own[6 * k : 6 * k + 6]
        paras = [f"第{k}号报告", mine[0], shared, *mine[1:], own[6 * N + k // 3]]
        (tmp_path / f"r{k:02d}.txt").write_text("\n".join(paras), encoding="utf-8")
    rnd = check_round([tmp_path], config=Config(select=["C"]), jobs=1)
    rnd.copying = compare_round([r.document for r in rnd.results])
    add_copy_findings(rnd.results, rnd.copying, Config(select=["C"]))
    return rnd


def test_copy_profile_lists_the_largest_sources_and_counts_them_all(tmp_path):
    rnd = _round(tmp_path)
    assert len(rnd.results) == N
    for r in rnd.results:
        copy = r.profile["copy_round"]
        listed = copy["sources"]
        assert copy["sources_total"] == N - 1 > ROUND_SOURCES  # every other report shares a paragraph
        assert len(listed) == ROUND_SOURCES
        shares = [s["copied"] for s in listed]
        assert shares == sorted(shares, reverse=True)
        assert shares[0] == copy["max_single"]
        json.dumps(copy)


def test_copied_passage_names_a_few_of_the_documents_sharing_it_and_counts_them(tmp_path):
    rnd = _round(tmp_path)
    seen = 0
    for r in rnd.results:
        for f in r.findings:
            if f.code != "C301" or "另见于" not in f.message:
                continue
            names = f.data["other_sources"]
            count = int(f.message.rsplit("另见于 ", 1)[1].split(" ")[0])
            assert names == sorted(names) and len(names) == min(count, OTHER_SOURCES)
            if count > OTHER_SOURCES:
                seen += 1
                assert f.data["other_sources_total"] == count
                # What the dashboard, Excel and Word show: the first names and the whole count, as before.
                shown = evidence_text(f.data).split("另见于：", 1)[1]
                assert shown.endswith(f" 等 {count} 份") and shown.count("《") == OTHER_SOURCES
            else:
                assert "other_sources_total" not in f.data
    assert seen >= N  # at least each report's copy of the shared paragraph (N - 2 others besides its source)
