"""`shuzhi index add|list|stats|remove|compact`: the persistent copy-detection index."""

from __future__ import annotations

import json

import click

from .options import config_option


def _index_option(f):
    return click.option(
        "--index", "index_dir", required=True, type=click.Path(file_okay=False), help="索引目录（不存在时由 add 创建）"
    )(f)


@click.group("index")
def index_group():
    """复制检测索引：把报告和模板加入索引，之后用 `shuzhi check --index 目录` 查重。"""


@index_group.command("add")
@_index_option
@click.argument("paths", nargs=-1, required=True)
@click.option("--person", default=None, help="作者（同一作者的往年报告在“去除本人”复制比中不计）")
@click.option("--unit", default=None, help="单位")
@click.option("--year", type=click.IntRange(1949, 2100), default=None, help="年度")
@click.option("--round", "round_", default=None, help="轮次名称，如 2024年度述职")
@click.option(
    "--kind",
    type=click.Choice(["report", "template"]),
    default="report",
    show_default=True,
    help="report：报告；template：模板或范文（不计作者）",
)
@click.option(
    "--min-chars",
    type=click.IntRange(5, 200),
    default=None,
    help="新建索引时：至少连续相同多少个字才算复制（默认 13；已有索引沿用建立时的设置）",
)
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False),
    metavar="名册文件",
    default=None,
    help="本轮名册（CSV 或 XLSX，列：文件、姓名、单位、职务、年度），按文件名给出每份报告的作者、单位和年度",
)
@click.option(
    "--identify",
    is_flag=True,
    default=False,
    help="没有 --person 也不在名册中时，从报告本身识别作者（落款“报告人：姓名”、标题“某某同志”、开头“我叫某某”）",
)
@config_option
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="并行读取文件的进程数（默认为 CPU 核数，最多 8）"
)
def add_cmd(index_dir, paths, person, unit, year, round_, kind, min_chars, manifest, identify, config_path, jobs):
    """把报告（文件或目录）加入索引。已在索引中的相同文本跳过；无法读取的文件报告后继续。

    \b
    作者、单位、年度依次取自：--person/--unit/--year，名册（--manifest），
    报告本身（--identify；年度总取自标题或开头）。识别的依据逐份列在标准错误。
    无法读取的文件逐个列在标准错误（路径、错误代码、原因）。
    退出码与 check 相同：0 至少一份已加入或已在索引中（其余无法读取的已列出）；
    2 参数错误或没有一份能加入（全部无法读取）。
    """
    from ..pipeline.indexing import read_all
    from ..pipeline.manifest import read_manifest, row_for
    from ..pipeline.paths import expand
    from ..rules.config import load_config
    from ..similarity.core.formulas import formula_list
    from ..similarity.core.settings import Settings
    from ..similarity.index.from_files import default_jobs

    # The config as read (load_config): no rule runs here, so the rules are not loaded to validate a selection.
    cfg = load_config(config_path)
    rows = read_manifest(manifest) if manifest else {}
    aliases = cfg.history.get("aliases")
    settings = Settings(min_chars=min_chars) if min_chars else Settings()
    files, errors = expand(paths)
    formulas = formula_list(lexicons=cfg.lexicons)
    opened = []

    def open_index():
        # While the workers read: the store's imports and a new index's tables (their fsyncs) cost no wait.
        from ..similarity.index.store import Index

        opened.append(Index(index_dir, create=True, settings=settings, formulas=formulas))

    # The light path (each file's analysed text and year, read in worker processes that are killed past the
    # file's time budget, as in check and review); the whole document only when --identify reads the author
    # from the report itself.
    try:
        # The workers fingerprint what they read as a new index's settings would (an existing index with others
        # fingerprints the texts itself in Index.add).
        reads = read_all(
            files,
            cfg,
            jobs=jobs or default_jobs(),
            full=identify,
            while_reading=open_index,
            prints=(settings, formulas),
        )
    except BaseException:
        for ix in opened:
            ix.close()
        raise
    ix = opened[0]
    from ..similarity.index.store import DocMeta

    def items():
        for r in reads:
            if r.error is not None:
                errors.append(r.error)
                continue
            who_person, who_unit, who_year = person, unit, year
            row = row_for(rows, r.source)
            if kind == "report" and (row or identify) and not person:
                from ..analysis.history.identity import identify as identify_author

                ident = identify_author(r.doc if identify else None, manifest_row=row, aliases=aliases)
                who_person = ident.person
                who_unit = unit or ident.unit
                who_year = year or ident.year
                said = ident.describe() if ident.person else "未能识别作者（没有落款“报告人：姓名”等）"
                click.echo(f"{r.source}：{said}", err=True)
            meta = DocMeta(
                source=r.source, person=who_person, unit=who_unit, year=who_year or r.year, round=round_, kind=kind
            )
            yield r.text, meta, r.prints

    try:
        # One transaction and one segment for up to 20,000 files (they are all read by now), fingerprinted
        # 500 at a time as the batches of 500 were (the same postings): not six segments merged after.
        # Fingerprinting in up to two threads: the workers are done by then, and numpy's loops use the other core.
        added = ix.add(items(), batch=20_000, group=500, threads=min(2, jobs or default_jobs()))
    finally:
        ix.close()
    new = sum(1 for _, i in added if i is not None)
    for e in errors:
        click.echo(f"{e.get('source') or ''}: {e['code']} {e['message']}", err=True)
    click.echo(f"加入 {new} 份，已在索引中 {len(added) - new} 份，无法读取 {len(errors)} 份。")
    # As check: 2 only when nothing could be added; otherwise the unreadable files were listed above.
    return 2 if errors and not added else 0


@index_group.command("stats")
@_index_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats_cmd(index_dir, fmt):
    """索引概况：文档数、作者数、段数、设置、磁盘占用。"""
    from ..similarity.index.store import Index

    with Index(index_dir) as ix:
        st = ix.stats()
    if fmt == "json":
        click.echo(json.dumps(st, ensure_ascii=False, indent=2))
        return 0
    per = st["bytes"] / st["documents"] if st["documents"] else 0
    click.echo(f"索引 {index_dir}（格式 {st['format']} 第 {st['version']} 版）")
    click.echo(
        f"文档 {st['documents']} 份（其中模板 {st['templates']} 份），已移除 {st['removed']} 份，作者 {st['authors']} 位"
    )
    click.echo(f"字数 {st['characters']}，指纹 {st['postings']} 个，段 {st['segments']} 个")
    click.echo(f"磁盘 {st['bytes'] / 1024:.0f} KB（每份 {per / 1024:.1f} KB）")
    s = st["settings"]
    click.echo(
        f"设置：连续 {s['min_chars']} 字（{s['kgram']} 字组），MinHash {s['num_perm']}，"
        f"超过 {s['max_authors']} 位作者共有的片段视为通用语言，固定提法 {st['formulas']} 条"
    )
    return 0


@index_group.command("list")
@_index_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式"
)
def list_cmd(index_dir, fmt):
    """列出索引中的文档：编号、内容键、路径、作者、单位、年度、轮次、类型、字数、加入时间。

    `shuzhi index remove` 可用这里列出的编号、路径或内容键。
    """
    from ..similarity.index.store import Index

    with Index(index_dir) as ix:
        docs = ix.listing()
    if fmt == "json":
        click.echo(json.dumps(docs, ensure_ascii=False, indent=2))
        return 0
    for d in docs:
        kind = "模板" if d["kind"] == "template" else "报告"
        extra = "，".join(str(v) for v in (d["person"], d["unit"], d["year"], d["round"]) if v not in (None, ""))
        click.echo(
            f"{d['id']}\t{d['source'] or '（无路径）'}\t{kind}\t{extra or '—'}\t{d['chars']} 字\t"
            f"加入 {d['added']}\t键 {d['key']}"
        )
    click.echo(f"共 {len(docs)} 份。")
    return 0


@index_group.command("remove")
@_index_option
@click.argument("keys", nargs=-1, required=True)
def remove_cmd(index_dir, keys):
    """从索引中移除文档（按加入时的路径、编号或内容键）。"""
    from ..similarity.index.store import Index

    n = 0
    with Index(index_dir) as ix:
        for key in keys:
            removed = ix.remove([key])
            if not removed:
                click.echo(
                    f"shuzhi: E305 索引中没有“{key}”（或已移除）。请用加入时写的路径（原样）、编号或内容键。", err=True
                )
            n += removed
    click.echo(f"移除 {n} 份。")
    return 0 if n else 2


@index_group.command("compact")
@_index_option
def compact_cmd(index_dir):
    """合并索引段并清除已移除文档的指纹（可随时中断，索引仍可用）。"""
    from ..similarity.index.store import Index

    with Index(index_dir) as ix:
        n = ix.compact()
        st = ix.stats()
    click.echo(f"合并了 {n} 个段；现有 {st['segments']} 个段，{st['documents']} 份文档。")
    return 0


COMMANDS = [index_group]
