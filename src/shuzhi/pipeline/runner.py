"""A review round: every report checked in parallel workers, bad files listed, the round compared."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..loaders import load
from ..model.errors import ShuzhiError
from ..model.findings import Result
from ..rules.config import Config, load_config
from ..rules.engine import check_document
from ..similarity.index.store import Index
from .batch import expand
from .history import check_with_history

# The config of the worker processes. Rules are not picklable (the decorator
# replaces the module-level function by its Rule), so where fork is available
# the workers inherit the parent's Config as it is (custom registries, --select);
# elsewhere each worker reads the same config file as the parent.
_WORKER_CONFIG: Config | None = None


def fork_context():
    """The fork start method where the platform has it: workers then inherit the parent's objects."""
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def _pool(jobs: int, config: Config, config_path: str | None) -> ProcessPoolExecutor:
    global _WORKER_CONFIG
    ctx = fork_context()
    if ctx is not None:
        _WORKER_CONFIG = config
        return ProcessPoolExecutor(jobs, mp_context=ctx)
    return ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(config_path, os.getcwd()))


@dataclass
class Entry:
    """One file of the round, in the order given: a Result or an error, never both."""

    source: str
    result: Result | None = None
    error: dict | None = None
    # The Word file with comments (annotate.Annotated), or an error dict if it could not be written.
    annotated: object | None = None


@dataclass
class Round:
    entries: list[Entry] = field(default_factory=list)
    # Errors about the paths themselves (missing path, empty directory).
    path_errors: list[dict] = field(default_factory=list)
    copying: object | None = None  # review.copying.RoundCopying
    jobs: int = 1
    notes: list[str] = field(default_factory=list)

    @property
    def results(self) -> list[Result]:
        return [e.result for e in self.entries if e.result is not None]

    @property
    def errors(self) -> list[dict]:
        return self.path_errors + [e.error for e in self.entries if e.error is not None]


Outcome = tuple[Result | None, dict | None]


_INDEXES: dict[str, object] = {}  # per process: the copy-detection index opened once


def _open_index(index_dir: str):
    if index_dir not in _INDEXES:
        _INDEXES[index_dir] = Index(index_dir)
    return _INDEXES[index_dir]


def _check_one(path: Path, source: str, config: Config, index_dir: str | None = None) -> Outcome:
    """Load and check one file (against the index too, with ``index_dir``)."""
    try:
        doc = load(path, max_bytes=config.max_file_size, source=source)
        if index_dir is not None:
            result = check_with_history(doc, config, _open_index(index_dir))
        else:
            result = check_document(doc, config)
    except ShuzhiError as e:
        e.source = source
        return None, e.to_dict()
    except Exception as e:
        return None, {
            "source": source,
            "code": "E110",
            "message": f"读取或检查该文件时出错（{type(e).__name__}: {e}）。请用 Word 打开并另存后再检查。",
        }
    return result, None


def _init_worker(config_path: str | None, cwd: str) -> None:
    global _WORKER_CONFIG
    os.chdir(cwd)
    _WORKER_CONFIG = load_config(config_path)


def _worker(path: Path, source: str, index_dir: str | None = None) -> Outcome:
    assert _WORKER_CONFIG is not None
    return _check_one(path, source, _WORKER_CONFIG, index_dir)


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def check_round(
    paths,
    *,
    config: Config | None = None,
    config_path: str | None = None,
    jobs: int | None = None,
    progress: bool = False,
    index_dir: str | None = None,
    on_done: Callable[[str], None] | None = None,
    outdir: str | os.PathLike | None = None,
) -> Round:
    """Check every file under ``paths``; ``jobs`` > 1 uses worker processes.

    Files under ``outdir`` (a previous review's Word files when OUTDIR is inside a PATH) are not reports.

    Workers read their config from ``config_path`` (the same lookup as the
    parent when None); ``config`` is used in-process (jobs == 1) and for
    reading limits here.
    """
    config = config or load_config(config_path)
    files, path_errors = expand(paths)
    if outdir is not None:
        out = Path(outdir).resolve()
        files = [(p, s) for p, s in files if out not in p.resolve().parents]
    files = [(p, s, index_dir) for p, s in files]
    jobs = default_jobs() if jobs is None else max(1, jobs)
    jobs = min(jobs, max(1, len(files)))
    rnd = Round(entries=[Entry(f[1]) for f in files], path_errors=path_errors, jobs=jobs)
    if not progress:
        _run(rnd, files, config, config_path, jobs, on_done)
        return rnd
    with progress_bar("检查", len(files)) as (bar, task):

        def tick(source: str) -> None:
            bar.update(task, advance=1, description=Path(source).name[-40:])
            bar.refresh()
            if on_done:
                on_done(source)

        _run(rnd, files, config, config_path, jobs, tick)
    return rnd


@contextlib.contextmanager
def progress_bar(label: str, total: int):
    """A rich progress bar on stderr, refreshed by hand: no refresh thread while workers are forked."""
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=False,
        auto_refresh=False,
    ) as bar:
        yield bar, bar.add_task("", total=total)


def _run(rnd: Round, files, config: Config, config_path, jobs: int, on_done) -> None:
    if jobs == 1:
        for entry, (path, source, index) in zip(rnd.entries, files, strict=False):
            entry.result, entry.error = _check_one(path, source, config, index)
            if on_done:
                on_done(source)
        return
    pending = set(range(len(files)))
    with _pool(jobs, config, config_path) as pool:
        futures = {pool.submit(_worker, *files[i]): i for i in range(len(files))}
        try:
            for fut in as_completed(futures):
                i = futures[fut]
                rnd.entries[i].result, rnd.entries[i].error = fut.result()
                pending.discard(i)
                if on_done:
                    on_done(files[i][1])
        except BrokenProcessPool:
            pass  # a worker died (a crash in a native library): retried one by one below
    for i in sorted(pending):
        rnd.entries[i].result, rnd.entries[i].error = _isolated(files[i], config, config_path)
        if on_done:
            on_done(files[i][1])


def _isolated(file: tuple, config: Config, config_path: str | None) -> Outcome:
    """Check one file in a process of its own, so a crash takes down only that file."""
    try:
        with _pool(1, config, config_path) as pool:
            return pool.submit(_worker, *file).result()
    except BrokenProcessPool:
        return None, {
            "source": file[1],
            "code": "E110",
            "message": "处理该文件时检查进程意外退出（文件可能已损坏）。请用 Word 打开并另存后再检查。",
        }
