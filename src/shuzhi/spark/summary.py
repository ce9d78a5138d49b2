"""The corpus summary page: one offline HTML file (no script, no CDN) over the output tables."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from . import bridge


@dataclass
class Summary:
    documents: int = 0
    unreadable: list[tuple[str, int]] = field(default_factory=list)  # (error code, files)
    findings: int = 0
    rules: list[tuple[str, str, int, int]] = field(default_factory=list)  # code, title, findings, documents
    pairs: int = 0
    passages: int = 0
    sources: list[tuple[str, int, int]] = field(default_factory=list)  # source, partners, copied characters
    clusters: list[tuple[int, list[str]]] = field(default_factory=list)  # size, some members
    cluster_count: int = 0
    by_year: list[tuple[int, int, float, float]] = field(default_factory=list)  # year, documents, copy, formulas
    skewed: int = 0


def summarize(tables, top: int = 20, config_path: str | None = None) -> Summary:
    """Small aggregates of the tables (the only data brought to the driver)."""
    s = Summary()
    docs: DataFrame = tables.documents
    s.documents = docs.count()
    s.unreadable = [
        (r["error_code"], r["n"])
        for r in docs.where("error_code is not null")
        .groupBy("error_code")
        .agg(F.count("*").alias("n"))
        .orderBy("error_code")
        .collect()
    ]
    titles = bridge.rule_titles(config_path)
    rules = tables.findings.groupBy("code").agg(F.count("*").alias("n"), F.countDistinct("key").alias("docs")).collect()
    s.rules = sorted(((r["code"], titles.get(r["code"], ""), r["n"], r["docs"]) for r in rules), key=lambda t: t[0])
    s.findings = sum(r[2] for r in s.rules)
    pairs = tables.pairs
    s.pairs = pairs.count()
    s.passages = tables.passages.count()
    sides = pairs.select(F.col("a_source").alias("source"), F.col("b_chars").alias("chars"), "passages").unionByName(
        pairs.select(F.col("b_source").alias("source"), F.col("a_chars").alias("chars"), "passages")
    )
    s.sources = [
        (r["source"], r["partners"], int(r["chars"] or 0))
        for r in sides.where("passages > 0")
        .groupBy("source")
        .agg(F.count("*").alias("partners"), F.sum("chars").alias("chars"))
        .orderBy(F.desc("partners"), F.desc("chars"), "source")
        .limit(top)
        .collect()
    ]
    cl = tables.clusters
    s.cluster_count = cl.select("cluster").distinct().count()
    biggest = cl.select("cluster", "size").distinct().orderBy(F.desc("size"), "cluster").limit(10)
    members = (
        cl.join(biggest.select("cluster"), "cluster")
        .groupBy("cluster", "size")
        .agg(F.slice(F.sort_array(F.collect_list("source")), 1, 5).alias("some"))
        .orderBy(F.desc("size"), "cluster")
        .collect()
    )
    s.clusters = [(r["size"], list(r["some"])) for r in members]
    year = F.coalesce(F.col("year"), F.get_json_object("meta", "$.year").cast("int"))
    copy = F.coalesce(F.get_json_object("copy", "$.total_copied").cast("double"), F.lit(0.0))
    formulas = F.get_json_object("profile", "$.formula_density").cast("double")
    s.by_year = [
        (r["y"], r["n"], r["copy"], r["formulas"] or 0.0)
        for r in docs.where("error_code is null")
        .select(year.alias("y"), copy.alias("copy"), formulas.alias("formulas"))
        .where("y is not null")
        .groupBy("y")
        .agg(F.count("*").alias("n"), F.avg("copy").alias("copy"), F.avg("formulas").alias("formulas"))
        .orderBy("y")
        .collect()
    ]
    s.skewed = tables.skew.count()
    return s


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def year_plot(rows: list[tuple[int, int, float, float]], width: int = 640, height: int = 260) -> str:
    """An inline SVG line chart: mean copy ratio and mean stock-formula share per year (percent)."""
    if not rows:
        return "<p>没有可用的年度信息（输入表没有 year 列，报告中也没有识别出年度）。</p>"
    left, right, top, bottom = 56, 16, 16, 40
    years = [r[0] for r in rows]
    series = [("平均复制比", "#c0392b", [r[2] for r in rows]), ("平均套话占比", "#2e86c1", [r[3] for r in rows])]
    ymax = max([v for _, _, vals in series for v in vals] + [0.01])
    ymax = min(1.0, ymax * 1.15)
    span = max(1, years[-1] - years[0])

    def x(yr: int) -> float:
        return left + (width - left - right) * ((yr - years[0]) / span if len(years) > 1 else 0.5)

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - v / ymax)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="按年度的复制比与套话占比">'
    ]
    for i in range(5):
        v = ymax * i / 4
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end">{_pct(v)}</text>')
    step = max(1, len(years) // 10)
    for yr in years[::step]:
        out.append(
            f'<text x="{x(yr):.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle">{yr}年</text>'
        )
    for i, (label, color, vals) in enumerate(series):
        pts = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in zip(years, vals, strict=True))
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{pts}"/>')
        for yr, v in zip(years, vals, strict=True):
            out.append(
                f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="3" fill="{color}"><title>{yr}年 {label} {_pct(v)}</title></circle>'
            )
        lx = left + 10 + i * 140
        out.append(f'<rect x="{lx}" y="{height - 14}" width="12" height="4" fill="{color}"/>')
        out.append(f'<text x="{lx + 16}" y="{height - 9}" font-size="12">{label}</text>')
    out.append("</svg>")
    return "\n".join(out)


_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:2em auto;max-width:60em;
color:#222;line-height:1.5}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}
td.n{text-align:right}.note{color:#555;font-size:.9em}
"""


def render(s: Summary, title: str = "语料审查汇总") -> str:
    e = html.escape
    parts = [
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title><style>{_CSS}</style></head><body>',
        f"<h1>{e(title)}</h1>",
        "<h2>概况</h2><table>",
        f'<tr><th>报告</th><td class="n">{s.documents}</td></tr>',
        f'<tr><th>无法读取</th><td class="n">{sum(n for _, n in s.unreadable)}</td></tr>',
        f'<tr><th>问题</th><td class="n">{s.findings}</td></tr>',
        f'<tr><th>有复制段落或整篇相似的报告对</th><td class="n">{s.pairs}</td></tr>',
        f'<tr><th>复制段落</th><td class="n">{s.passages}</td></tr>',
        f'<tr><th>近似重复簇</th><td class="n">{s.cluster_count}</td></tr>',
        "</table>",
    ]
    if s.unreadable:
        parts.append(
            "<p>无法读取的文件（按错误代码）：" + "；".join(f"{e(c)} {n} 份" for c, n in s.unreadable) + "。</p>"
        )
    if s.skewed:
        parts.append(
            f'<p class="note">有 {s.skewed} 个候选分组（同一段文字或同一组签名）包含的报告过多，'
            "组内只与组中第一份报告比对（见 docs/corpus.md）。</p>"
        )
    parts.append("<h2>各规则的问题数</h2><table><tr><th>规则</th><th>名称</th><th>问题数</th><th>涉及报告</th></tr>")
    parts += [
        f'<tr><td>{e(c)}</td><td>{e(t)}</td><td class="n">{n}</td><td class="n">{d}</td></tr>' for c, t, n, d in s.rules
    ]
    parts.append("</table>")
    parts.append(
        "<h2>被复制最多的来源</h2>"
        '<p class="note">与最多份其他报告共有复制段落的报告；复制字数为其他报告中与之相同或近似的字数之和。</p>'
        "<table><tr><th>报告</th><th>相关报告数</th><th>复制字数</th></tr>"
    )
    parts += [f'<tr><td>{e(src)}</td><td class="n">{n}</td><td class="n">{c}</td></tr>' for src, n, c in s.sources]
    parts.append("</table>")
    parts.append("<h2>最大的近似重复簇</h2><table><tr><th>报告数</th><th>其中的报告（至多五份）</th></tr>")
    parts += [f'<tr><td class="n">{n}</td><td>{"<br>".join(e(m) for m in some)}</td></tr>' for n, some in s.clusters]
    parts.append("</table>")
    parts.append("<h2>按年度：复制比与套话占比</h2>")
    parts.append(year_plot(s.by_year))
    if s.by_year:
        parts.append("<table><tr><th>年度</th><th>报告数</th><th>平均复制比</th><th>平均套话占比</th></tr>")
        parts += [
            f'<tr><td>{y}年</td><td class="n">{n}</td><td class="n">{_pct(c)}</td><td class="n">{_pct(f)}</td></tr>'
            for y, n, c, f in s.by_year
        ]
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_summary(tables, path: str | Path, config_path: str | None = None) -> Summary:
    s = summarize(tables, config_path=config_path)
    Path(path).write_text(render(s), encoding="utf-8")
    return s
