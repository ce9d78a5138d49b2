"""`shuzhi compare A B`: copied passages between two reports, side by side (text, JSON, HTML)."""

from __future__ import annotations

import html
import json
import sys

import click

from .options import build_config, config_option


def _settings_option(f):
    f = click.option(
        "--min-chars",
        type=click.IntRange(5, 200),
        default=None,
        help="至少连续相同多少个字（规范化后）才算复制，默认 13",
    )(f)
    return f


def _write_text(c, out) -> None:
    a, b = c.a, c.b
    out.write(f"A：{a.source}\nB：{b.source}\n")
    out.write(
        f"A 中见于 B 的文字：{c.a_copied:.1%}；B 中见于 A 的文字：{c.b_copied:.1%}；"
        f"文档相似度（Jaccard）：{c.near_duplicate:.1%}\n"
    )
    if not c.matches:
        out.write("没有发现相同或近似的段落（固定提法不计）。\n")
        return
    out.write(f"相同或近似的段落 {len(c.matches)} 处：\n")
    for i, m in enumerate(c.matches, 1):
        pa0, _ = a.span_position(m.a_start, m.a_end)
        pb0, _ = b.span_position(m.b_start, m.b_end)
        out.write(f"\n[{i}] {m.chars} 字，相似度 {m.identity:.0%}\n")
        out.write(f"  A {pa0.line}:{pa0.column} | {a.text[m.a_start : m.a_end].replace(chr(10), ' ')}\n")
        out.write(f"  B {pb0.line}:{pb0.column} | {b.text[m.b_start : m.b_end].replace(chr(10), ' ')}\n")


def _marked(text: str, spans: list[tuple[int, int, int]]) -> str:
    """HTML of ``text`` with each (start, end, match number) span highlighted."""
    out, pos = [], 0
    for s, e, n in sorted(spans):
        if s < pos:
            s = pos
        if e <= s:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark id="m{n}" title="段落 {n}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>\n")


def _write_html(c, out) -> None:
    a_spans = [(m.a_start, m.a_end, i) for i, m in enumerate(c.matches, 1)]
    b_spans = [(m.b_start, m.b_end, i) for i, m in enumerate(c.matches, 1)]
    rows = "".join(
        f"<tr><td>{i}</td><td>{m.chars}</td><td>{m.identity:.0%}</td>"
        f"<td>{html.escape(c.a.text[m.a_start : m.a_end][:60])}</td></tr>"
        for i, m in enumerate(c.matches, 1)
    )
    out.write(f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>shuzhi 比对：{html.escape(c.a.source)} ↔ {html.escape(c.b.source)}</title>
<style>
body {{ font-family: "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 1.5em; }}
.cols {{ display: flex; gap: 1.5em; }} .cols > div {{ flex: 1; border: 1px solid #ccc; padding: .8em; line-height: 1.7; }}
mark {{ background: #ffe08a; }} table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: .2em .5em; }}
</style></head><body>
<h1>复制比对</h1>
<p>A：{html.escape(c.a.source)}<br>B：{html.escape(c.b.source)}</p>
<p>A 中见于 B 的文字：<b>{c.a_copied:.1%}</b>；B 中见于 A 的文字：<b>{c.b_copied:.1%}</b>；文档相似度：<b>{c.near_duplicate:.1%}</b>。固定提法不计。</p>
<table><tr><th>段落</th><th>字数</th><th>相似度</th><th>开头</th></tr>{rows}</table>
<div class="cols"><div><h2>A</h2>{_marked(c.a.text, a_spans)}</div><div><h2>B</h2>{_marked(c.b.text, b_spans)}</div></div>
</body></html>
""")


@click.command("compare")
@click.argument("a")
@click.argument("b")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True, help="输出格式"
)
@_settings_option
@config_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="写入文件而不是标准输出")
def compare_cmd(a, b, fmt, min_chars, config_path, output):
    """比较两份报告：列出相同或近似的段落（两边的位置、字数、相似度）和复制比例。

    固定提法（以习近平同志为核心的党中央等）不计为复制。退出码：0 没有相同段落；1 有相同段落；2 输入错误。
    """
    from pathlib import Path

    from ..model.errors import ShuzhiError
    from ..similarity.compare import compare
    from ..similarity.core.formulas import formula_list
    from ..similarity.core.settings import Settings

    for given in (a, b):
        if Path(given).is_dir():
            raise ShuzhiError(
                f"{given} 是目录；compare 比较两个文件（shuzhi compare 文件A 文件B）。"
                f"要相互比对一整轮报告，请用 shuzhi review 目录 -o 输出目录。",
                code="E203",
            )
    from .. import load

    cfg = build_config(config_path)
    doc_a = load(a, config=cfg)
    doc_b = load(b, config=cfg)
    settings = Settings(min_chars=min_chars) if min_chars else Settings()
    c = compare(doc_a, doc_b, settings, formulas=formula_list(lexicons=cfg.lexicons))
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 (closed below; stdout is not)
    try:
        if fmt == "json":
            out.write(json.dumps(c.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif fmt == "html":
            _write_html(c, out)
        else:
            _write_text(c, out)
    finally:
        if output:
            out.close()
    return 1 if c.matches else 0


COMMANDS = [compare_cmd]
