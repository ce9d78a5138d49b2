"""The offline summary page over the corpus tables."""

from __future__ import annotations

import re

from shuzhi.spark.summary import render, summarize, year_plot


def test_summary_counts_match_tables(tables, corpus_out):
    s = summarize(tables)
    assert s.documents == tables.documents.count()
    assert s.findings == tables.findings.count()
    assert dict((c, n) for c, _, n, _ in s.rules) == {
        r["code"]: r["count"] for r in tables.findings.groupBy("code").count().collect()
    }
    assert s.pairs == tables.pairs.count() > 0
    assert s.clusters and s.clusters[0][0] == max(r["size"] for r in tables.clusters.select("size").collect())
    # The assembled reports carry their year in the title; the seeds and gov-report chunks mostly do not.
    years = [y for y, *_ in s.by_year]
    assert set(range(2019, 2025)) <= set(years)
    assert all(0 <= c <= 1 and 0 <= f <= 1 for _, _, c, f in s.by_year)


def test_page_is_offline_chinese_with_plot(tables, corpus_out):
    out, _ = corpus_out
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "<svg" in page and "平均复制比" in page and "平均套话占比" in page
    assert not re.search(r"(src|href)=\"https?://", page)  # nothing fetched from the network
    assert "<script" not in page
    s = summarize(tables)
    assert f'<td class="n">{s.documents}</td>' in page
    for code, title, n, _ in s.rules:
        assert f'<td>{code}</td><td>{title}</td><td class="n">{n}</td>' in page
    # Shares are written as percentages, never as raw fractions.
    assert not re.search(r">0\.\d+<", page)
    assert render(s) == page


def test_year_plot_points_follow_values():
    svg = year_plot([(2020, 3, 0.10, 0.05), (2021, 4, 0.30, 0.05)], width=400, height=200)
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert len(circles) == 4
    (x0, y0), (x1, y1) = [(float(a), float(b)) for a, b in circles[:2]]
    assert x1 > x0 and y1 < y0  # a higher copy ratio is drawn higher
    assert "没有可用的年度信息" in year_plot([])
