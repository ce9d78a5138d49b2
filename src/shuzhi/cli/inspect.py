"""`shuzhi text`, `shuzhi outline`, `shuzhi meta`: what shuzhi sees in a report."""

from __future__ import annotations

import json

import click

from .options import build_config, config_option


def _load(path, config_path):
    from .. import load

    cfg = build_config(config_path)
    return load(path, config=cfg)


@click.command("text")
@click.argument("path")
@config_option
def text_cmd(path, config_path):
    """打印分析用的规范化文本（检查结果中的 start/end 即指向这段文本；繁体报告显示逐字转换的简体）。"""
    doc = _load(path, config_path)
    click.echo(doc.text)


@click.command("outline")
@click.argument("path")
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def outline_cmd(path, config_path, fmt):
    """打印报告的结构树：标题、开头、各级标题、问题、打算、结尾。"""
    doc = _load(path, config_path)
    from ..outline.parse import outline_to_dict, outline_to_text

    if fmt == "json":
        click.echo(json.dumps(outline_to_dict(doc), ensure_ascii=False, indent=2))
    else:
        click.echo(outline_to_text(doc))


@click.command("meta")
@click.argument("path")
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def meta_cmd(path, config_path, fmt):
    """打印报告的元数据：标题、年度、职务、“述”的种类。"""
    doc = _load(path, config_path)
    m = doc.meta.to_dict()
    if fmt == "json":
        click.echo(json.dumps(m, ensure_ascii=False, indent=2))
    else:
        click.echo(f"标题：{m['title'] or '（无）'}")
        click.echo(f"年度：{m['year'] if m['year'] is not None else '（未注明）'}")
        click.echo(f"职务：{m['role'] or '（未识别）'}")
        click.echo(f"种类：{'、'.join(m['kinds']) or '（未注明）'}")
        script = "繁体（按逐字转换的简体分析，位置仍指向原文件）" if m["script"] == "traditional" else "简体"
        click.echo(f"文字：{script}")
        for note in m.get("loading", {}).get("notes", []):
            click.echo(f"读取：{note}")


COMMANDS = [text_cmd, outline_cmd, meta_cmd]
