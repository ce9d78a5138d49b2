"""Linking on real text: the five seed templates' stock wrap-ups never make a repeated shortcoming."""

from __future__ import annotations

import shuzhi
from conftest import SEEDS
from shuzhi.analysis.history.items import stock_phrases
from shuzhi.analysis.history.link import Earlier, repeated_shortcomings


def test_seed_templates_taken_as_one_persons_five_years_share_no_shortcoming():
    # Different vendors' templates, all with 理论学习不够经常 / 开拓创新不够主动 style wrap-ups: if stock
    # self-criticism linked reports, treating them as one person's years would produce H601s.
    docs = [shuzhi.load(p) for p in SEEDS]
    assert len(docs) == 5
    ph = stock_phrases()
    for i, d in enumerate(docs):
        earlier = [Earlier(o, 2018 + j, f"seed {j}") for j, o in enumerate(docs) if j != i]
        assert repeated_shortcomings(d, 2030, earlier, ph) == []
    # Seed 001's own wrap-up copied into the same person's next report is found: the check is not blind here.
    sc = docs[1].outline.find("shortcomings")
    text = (
        "县长2024年度述职报告\n一、履职情况\n本人牵头建成第二水厂。\n二、存在的问题\n" + docs[1].text[sc.start : sc.end]
    )
    later = shuzhi.loads(text)
    got = repeated_shortcomings(later, 2024, [Earlier(docs[1], 2023, "seed 1")], ph)
    assert got and all(r.earlier.year == 2023 and r.in_a_row == 2 for r in got)
