"""`shuzhi review`: a round of reports checked and compared, written as a dashboard, Excel, Word and JSON."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from ..pipeline.copying import add_copy_findings, compare_round
from ..pipeline.runner import Round, check_round, progress_bar
from ..rules.config import Config, load_config
from ..similarity.index.store import Index
from ..writers.annotate import annotate_all, annotated_paths
from ..writers.dashboard import write_dashboard
from ..writers.jsonfmt import dumps
from ..writers.rows import Row, build_rows
from ..writers.xlsx import write_xlsx

__all__ = ["Review", "review"]


@dataclass
class Review:
    round: Round
    rows: list[Row]
    outdir: Path
    files: dict[str, Path] = field(default_factory=dict)
    annotated: dict = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def review(
    paths,
    outdir,
    *,
    config: Config | None = None,
    config_path: str | None = None,
    jobs: int | None = None,
    index: str | None = None,
    progress: bool = False,
) -> Review:
    """Review every report under ``paths`` and write all outputs under ``outdir``.

    Bad files are listed (dashboard, Excel, JSON ``errors``), never raised.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    if config is None:
        config = load_config(config_path)
    t0 = time.perf_counter()
    index_dir = _usable_index(index)
    rnd = check_round(
        paths, config=config, config_path=config_path, jobs=jobs, progress=progress, index_dir=index_dir, outdir=outdir
    )
    t1 = time.perf_counter()
    if progress and len(rnd.results) > 1:
        Console(stderr=True).print(f"比对本轮 {len(rnd.results)} 份报告（复制检测）……")
    rnd.copying = compare_round([r.document for r in rnd.results])
    add_copy_findings(rnd.results, rnd.copying, config)
    t2 = time.perf_counter()
    _clear_previous_round(outdir)
    out = Review(rnd, [], outdir)
    out.files["results.json"] = outdir / "results.json"
    out.files["results.json"].write_text(dumps(rnd.results, rnd.errors) + "\n", encoding="utf-8")
    t3 = time.perf_counter()
    # After the round comparison, so the copy findings get their comments too.
    checked = [e for e in rnd.entries if e.result is not None]
    targets = annotated_paths([e.source for e in checked], outdir)
    pairs = [(e.result, t) for e, t in zip(checked, targets, strict=False)]
    if progress:
        with progress_bar("批注", len(pairs)) as (bar, task):

            def tick():
                bar.update(task, advance=1)
                bar.refresh()

            annotated = annotate_all(pairs, rnd.jobs, tick)
    else:
        annotated = annotate_all(pairs, rnd.jobs)
    for entry, done in zip(checked, annotated, strict=False):
        entry.annotated = done
        if isinstance(done, dict):
            rnd.notes.append(f"{Path(entry.source).name}：{done['message']}")
    t4 = time.perf_counter()
    out.rows = rows = build_rows(rnd, config)
    out.files["summary.xlsx"] = write_xlsx(rnd, rows, outdir / "summary.xlsx")
    t5a = time.perf_counter()
    out.files["index.html"] = write_dashboard(
        rnd,
        rows,
        outdir,
        extra_files={"Excel 汇总表": "summary.xlsx", "带批注的 Word 文件": "annotated/", "JSON 结果": "results.json"},
    )
    t5 = time.perf_counter()
    out.seconds = {
        "check": t1 - t0,
        "compare": t2 - t1,
        "json": t3 - t2,
        "word": t4 - t3,
        "xlsx": t5a - t4,
        "dashboard": t5 - t5a,
        "total": t5 - t0,
    }
    return out


def _clear_previous_round(outdir: Path) -> None:
    """Remove the per-report files a previous review wrote here, so no report of another round stays beside these.

    Only shuzhi's own outputs (annotated/*.docx, reports/*.html) of a directory holding shuzhi's results.json.
    """
    previous = outdir / "results.json"
    try:
        # Only a directory shuzhi wrote: its results.json names the tool near the top.
        if '"shuzhi"' not in previous.read_text(encoding="utf-8", errors="replace")[:400]:
            return
    except OSError:
        return
    for sub, pattern in (("annotated", "*.docx"), ("reports", "*.html")):
        for old in (outdir / sub).glob(pattern):
            old.unlink(missing_ok=True)


def _usable_index(index: str | None) -> str | None:
    """The index directory, opened once here so that a broken index stops the command before any work.

    (IndexFileError is a ShuzhiError: exit 2 with its message.)
    """
    if index is None:
        return None

    Index(index).close()
    return str(index)
