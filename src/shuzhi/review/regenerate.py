"""`shuzhi review --from OUTDIR/results.json`: a round's dashboard, Excel and Word files written again from its
results, without checking anything again.

The findings, their ids, the profiles, the order of the files, the notes and the round's comparison all
come from results.json (its "round" part, written by `shuzhi review`). The reports themselves are read
again — loaded, not checked — because the Word files are written on them and the report pages show
their text.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from ..loaders import load
from ..model.errors import ShuzhiError
from ..model.findings import Result
from ..pipeline.copying import RoundCopying
from ..pipeline.runner import Entry, Round
from ..rules.config import Config, load_config
from . import Review, _clear_previous_round, _no_links_to_write_through, write_views

__all__ = ["regenerate"]


def _refuse(path: Path, why: str) -> ShuzhiError:
    return ShuzhiError(
        f"{path} 不是 shuzhi review 写出的 results.json：{why}。请对报告重新运行 shuzhi review。", code="E008"
    )


def read_round(path: Path) -> tuple[dict, dict]:
    """(the parsed results.json, its "round" part); ShuzhiError E001/E008 when it is not a review's."""
    if not path.is_file():
        raise ShuzhiError(f"结果文件不存在：{path}", code="E001")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise _refuse(path, f"无法读取其中的 JSON（{type(e).__name__}）") from None
    info = data.get("round") if isinstance(data, dict) else None
    if not isinstance(info, dict) or not isinstance(data.get("results"), list):
        raise _refuse(path, "其中没有本轮的信息（round）——`shuzhi check --format json` 的输出不能用于 --from")
    return data, info


def _round_from(data: dict, info: dict, config: Config, path: Path) -> Round:
    try:
        results = [Result.from_dict(r) for r in data["results"]]
    except (KeyError, TypeError, ValueError) as e:
        raise _refuse(path, f"结果的格式不对（{e}）") from None
    errors = list(data.get("errors") or [])
    n_path = int(info.get("path_errors") or 0)
    rnd = Round(path_errors=errors[:n_path], jobs=int(info.get("jobs") or 1), notes=list(info.get("notes") or []))
    for kind, i in info.get("entries") or []:
        if kind == "result":
            result = results[i]
            try:
                # Loaded, not checked: the Word file is written on the report, its page shows the text.
                doc = load(result.source, max_bytes=config.max_file_size, lexicons=config.lexicons)
            except ShuzhiError as e:
                raise ShuzhiError(
                    f"无法读取报告原文 {result.source}（{e.code} {e.message}）：重新生成需要本轮报告的原文件。",
                    code="E008",
                ) from None
            doc.key = result.key or doc.key
            result.document = doc
            rnd.entries.append(Entry(result.source, result=result))
        else:
            error = errors[i]
            rnd.entries.append(Entry(error.get("source") or "", error=error))
    copying = info.get("copying")
    rnd.copying = RoundCopying.from_dict(copying) if isinstance(copying, dict) else None
    return rnd


def regenerate(
    results_path,
    outdir=None,
    *,
    config: Config | None = None,
    config_path: str | None = None,
    progress: bool = False,
) -> Review:
    """Write the dashboard, Excel and Word files of the round whose results.json is ``results_path`` into
    ``outdir`` (by default the folder of results.json), from its results alone: nothing is checked again."""
    path = Path(results_path)
    data, info = read_round(path)
    if config is None:
        config = load_config(config_path)
    t0 = time.perf_counter()
    rnd = _round_from(data, info, config, path)
    outdir = Path(outdir) if outdir is not None else path.parent
    outdir.mkdir(parents=True, exist_ok=True)
    _no_links_to_write_through(outdir)
    target = outdir / "results.json"
    if target.resolve() != path.resolve():
        _clear_previous_round(outdir)
        shutil.copyfile(path, target)
    out = Review(rnd, [], outdir)
    out.files["results.json"] = target
    t1 = time.perf_counter()
    seconds = write_views(out, config, progress)
    out.seconds = {"read": t1 - t0, **seconds, "total": time.perf_counter() - t0}
    return out
