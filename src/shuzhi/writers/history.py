"""`shuzhi history` pages: a person's reports by year, the year-over-year findings, coverage and profile
side by side — as text and as one self-contained HTML page (rendered from PersonHistory, never from documents)."""

from __future__ import annotations

import unicodedata
from html import escape
from urllib.parse import quote

from ..model.vocabulary import COVERAGE_ORDER

DIMENSIONS = COVERAGE_ORDER
PROFILE_ROWS = (
    ("chars", "字数", False),
    ("personal_agency", "个人主体占比", True),
    ("fact_density", "事实密度（每千字）", False),
    ("formula_density", "套话占比", True),
)
CODE_LABELS = {
    "H601": "问题重复",
    "H602": "打算无下文",
    "H603": "成绩照搬",
    "H604": "数字前后年不一",
}


def _year(y) -> str:
    return f"{y}年" if y else "年度不明"


def _cell(v, share: bool) -> str:
    if v is None:
        return "—"
    if share:
        return f"{v * 100:.0f}%"
    return f"{v:g}" if isinstance(v, float) else str(v)


def side_by_side(ph) -> list[tuple[str, list[str]]]:
    """(row label, one cell per year): coverage of each dimension, the profile numbers, the H counts."""
    rows: list[tuple[str, list[str]]] = []
    profiles = [e["profile"] for e in ph["reports"]]
    for code, label in CODE_LABELS.items():
        rows.append(
            (f"{label}（{code}）", [str(sum(1 for f in e["findings"] if f["code"] == code)) for e in ph["reports"]])
        )
    for d in DIMENSIONS:
        if any(d in p.get("coverage", {}) for p in profiles):
            rows.append((f"覆盖：{d}", [_cell(p.get("coverage", {}).get(d), True) for p in profiles]))
    for key, label, share in PROFILE_ROWS:
        rows.append((label, [_cell(p.get(key), share) for p in profiles]))
    return rows


def history_line(h: dict | None) -> str | None:
    """One line for `check --index`: whose history the H rules used, and which reports."""
    if not h:
        return None
    if not h.get("earlier"):
        return f"往年对照：{h.get('note') or '没有可比对的往年报告'}"
    ev = [e for e in h["identity"].get("evidence", []) if e["field"] == "name"]
    how = f"（{_EV_SOURCE.get(ev[0]['source'], ev[0]['source'])}）" if ev else ""
    years = "、".join(f"{e['year']}年" for e in h["earlier"])
    return f"往年对照：作者 {h['person']}{how}，与其 {years}的报告比对"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _ljust(s: str, n: int) -> str:
    return s + " " * max(0, n - _width(s))


def _rjust(s: str, n: int) -> str:
    return " " * max(0, n - _width(s)) + s


def render_text(ph) -> str:
    """The history as plain text: the years, the findings of each year, then the side-by-side table."""
    reports = ph["reports"]
    years = "、".join(_year(r["year"]) for r in reports)
    lines = [f"{ph['person']}：索引中 {len(reports)} 份报告（{years}）", ""]
    for r in reports:
        lines.append(f"【{_year(r['year'])}】《{r['source']}》")
        ident = r["identity"]
        if ident.get("post") or ident.get("unit"):
            lines.append(f"  职务：{ident.get('unit') or ''}{ident.get('post') or ''}")
        if r["compared_with"]:
            lines.append("  比对：" + "、".join(f"{c['year']}年《{c['source']}》" for c in r["compared_with"]))
        if r["note"]:
            lines.append(f"  说明：{r['note']}")
        if not r["findings"] and r["compared_with"]:
            lines.append("  与往年报告比对没有发现问题。")
        for f in r["findings"]:
            h = "（启发式，请人工复核）" if f.get("heuristic") else ""
            lines.append(f"  {f['code']} 第 {f['line']} 行 {CODE_LABELS.get(f['code'], '')}{h}：{f['message']}")
            d = f["data"]
            now = d.get("excerpt_now") or d.get("sentence_now")
            then = d.get("earlier_excerpt") or d.get("sentence_earlier") or d.get("plan")
            if now:
                lines.append(f"      本年：{now}")
            if then:
                lines.append(f"      {d.get('earlier_year')}年：{then}")
        lines.append("")
    table = side_by_side(ph)
    head = ["项目", *(_year(r["year"]) for r in reports)]
    width = max(_width(label) for label, _ in table) + 2
    lines.append("逐年对照：")
    lines.append(_ljust(head[0], width) + "".join(_rjust(h, 10) for h in head[1:]))
    for label, cells in table:
        lines.append(_ljust(label, width) + "".join(_rjust(c, 10) for c in cells))
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;max-width:75em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}.year{border-top:2px solid #555;margin-top:2em}
.finding{margin:.8em 0;padding:.5em .8em;background:#fafafa;border-left:4px solid #c80}
.finding.error{border-color:#c00}.finding.info{border-color:#888}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}.pair div{background:#fff;border:1px solid #ddd;padding:.4em}
.label{color:#666;font-size:90%}.note{color:#666}
"""


def _doc_link(source: str | None) -> str:
    """《name》 linking to the report as it was added to the index (a path relative to where `index add` ran)."""
    if not source:
        return "《》"
    href = quote(source.replace("\\", "/"), safe="/:.-_~")
    return f"《<a href='{escape(href)}'>{escape(source)}</a>》"


def render_html(ph) -> str:
    """One self-contained page (no scripts, no network)."""
    e = escape
    reports = ph["reports"]
    out = [
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>{e(ph['person'])}：往年对照</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(ph['person'])}：往年对照</h1>",
        f"<p>索引中 {len(reports)} 份报告：{e('、'.join(_year(r['year']) for r in reports))}。"
        "每一年的报告都与此人更早年度的报告比对：存在问题是否照抄、上一年的打算有没有下文、成绩是否照搬、"
        "同一指标同一年度的数字是否一致。</p>",
        "<h2>逐年对照</h2><table><tr><th>项目</th>",
        *(f"<th>{e(_year(r['year']))}</th>" for r in reports),
        "</tr>",
    ]
    for label, cells in side_by_side(ph):
        out.append(f"<tr><td>{e(label)}</td>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    for r in reports:
        out.append(f"<section class='year'><h2>{e(_year(r['year']))}：{_doc_link(r['source'])}</h2>")
        ident = r["identity"]
        who = "；".join(
            f"{_FIELD.get(ev['field'], '')}“{e(ev['value'])}”来自{e(_EV_SOURCE.get(ev['source'], ev['source']))}"
            for ev in ident.get("evidence", [])
        )
        if who:
            out.append(f"<p class='label'>作者信息：{who}</p>")
        if r["compared_with"]:
            cw = "、".join(f"{c['year']}年{_doc_link(c['source'])}" for c in r["compared_with"])
            out.append(f"<p class='label'>比对：{cw}</p>")
        if r["note"]:
            out.append(f"<p class='note'>{e(r['note'])}</p>")
        if not r["findings"] and r["compared_with"]:
            out.append("<p>与往年报告比对没有发现问题。</p>")
        for f in r["findings"]:
            d = f["data"]
            h = "（启发式，请人工复核）" if f.get("heuristic") else ""
            out.append(
                f"<div class='finding {e(f['severity'])}'><b>{e(f['code'])} {e(CODE_LABELS.get(f['code'], ''))}{h}</b>"
                f" 第 {f['line']} 行：{e(f['message'])}"
            )
            now = d.get("excerpt_now") or d.get("sentence_now") or f.get("excerpt")
            then = d.get("earlier_excerpt") or d.get("sentence_earlier") or d.get("plan")
            here = f"本年{_doc_link(r['source'])}"
            if f["code"] == "H602":
                here += "最接近的一段"
                now = d.get("closest_excerpt") or "（履职部分没有正文）"
            if then:
                out.append(
                    "<div class='pair'>"
                    f"<div><span class='label'>{here}</span><br>{e(now or '')}</div>"
                    f"<div><span class='label'>{d.get('earlier_year')}年{_doc_link(d.get('earlier_source'))}"
                    f"第 {d.get('earlier_paragraph')} 段</span><br>{e(then)}</div></div>"
                )
            out.append("</div>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out)


_FIELD = {"name": "姓名", "unit": "单位", "post": "职务", "year": "年度"}
_EV_SOURCE = {
    "index": "索引登记",
    "manifest": "名册",
    "signature": "落款",
    "title": "标题",
    "opening": "开头",
    "alias": "别名配置",
}
