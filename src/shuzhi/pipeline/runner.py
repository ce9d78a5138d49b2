"""A review round: every report checked in parallel workers, bad files listed, the round compared."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..model.findings import Result
from ..rules.config import Config, load_config
from .authors import Authors
from .batch import expand
from .isolation import FileError, review_work, run_isolated


def fork_context():
    """The fork start method where the platform has it: workers then inherit the parent's objects."""
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


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


def _outcome(out: Result | FileError) -> Outcome:
    return (None, out.to_dict()) if isinstance(out, FileError) else (out, None)


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
    authors: Authors | None = None,
    keep: Callable[[int, Result], None] | None = None,
) -> Round:
    """Check every file under ``paths``; ``jobs`` > 1 uses worker processes.

    ``authors`` (a review): what the reviewer said about the authors (manifest, options); every Result then
    carries its ``identity``, and the round's notes say which manifest rows and reports did not meet.

    Files under ``outdir`` (a previous review's Word files when OUTDIR is inside a PATH) are not reports.
    ``keep(i, result)`` is called as each report's result comes back (``i``: its place among the files), before
    the next one is waited for: `review` spools the document there, so the round never holds them all.

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
    work = None
    if authors is not None:
        authors.check_round_size(len(files))
        rnd.notes.extend(authors.notes([f[1] for f in files]))
        work = review_work(authors.declared)
    if not progress:
        _run(rnd, files, config, config_path, jobs, on_done, work, keep)
        return rnd
    with progress_bar("检查", len(files)) as (bar, task):

        def tick(source: str) -> None:
            bar.update(task, advance=1, description=Path(source).name[-40:])
            bar.refresh()
            if on_done:
                on_done(source)

        _run(rnd, files, config, config_path, jobs, tick, work, keep)
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


def _run(rnd: Round, files, config: Config, config_path, jobs: int, on_done, work=None, keep=None) -> None:
    """Every file in a worker process of its own (pipeline.isolation): a crash or a runaway costs only that file.

    Workers are forked and share ``config``; ``config_path`` is unused here (kept for callers).
    """

    def done(i: int, out: Result | FileError) -> None:
        rnd.entries[i].result, rnd.entries[i].error = _outcome(out)
        if keep is not None and rnd.entries[i].result is not None:
            keep(i, rnd.entries[i].result)
        if on_done:
            on_done(files[i][1])

    if work is None:
        run_isolated(files, config, jobs=jobs, on_done=done)
    else:
        run_isolated(files, config, jobs=jobs, on_done=done, work=work)
