"""Per-file isolation: whatever one file does (a broken part, a crash, a runaway), it becomes that file's coded error.

One function checks one file safely, wherever a batch runs — `shuzhi check`, `review`, `index add`, the web
app's worker, the Spark executors::

    from shuzhi.pipeline.isolation import check_file_safely, FileError
    out = check_file_safely(path, config, budget=120)   # Result, or FileError (code, Chinese message)

In the calling thread it enforces the time budget with a timer signal (the main thread of a Unix process:
Python code and the regex engine both stop at it). Code that ignores signals (a C library in a loop) can
only be stopped from outside: ``run_isolated`` checks files in worker processes and kills and replaces a
worker that overruns its budget.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from ..loaders import load
from ..model.document import Document
from ..model.errors import ShuzhiError
from ..model.findings import Result
from ..rules.config import Config
from ..rules.engine import check_document
from .workers import (  # noqa: F401  (re-exported: the machinery's names, as before the split)
    BUDGET_BYTES,
    KILL_GRACE,
    BudgetExceeded,
    FileError,
    Task,
    Work,
    _lighten,
    _timer,
    budget_error,
    file_budget,
    internal_error,
)
from .workers import run_isolated as _run_isolated


def error_outcome(source: str, e: BaseException, budget: float | None, doing: str = "检查") -> FileError:
    """The FileError of what one file's load or check raised: E114 when its budget ran out, a loader's or rule's
    coded error as it is, E107 when memory ran out, E113 for anything else (an internal error)."""
    if isinstance(e, BudgetExceeded):
        return budget_error(source, budget)
    if isinstance(e, ShuzhiError):
        return FileError(source, e.code, e.message)
    if isinstance(e, MemoryError):
        return FileError(source, "E107", f"文件过大，内存不足，无法{doing}。请拆分文件或在内存更大的机器上检查。")
    return internal_error(source, e)


def load_safely(
    path: str | os.PathLike, config: Config, budget: float | None = None, *, source: str | None = None
) -> Document | FileError:
    """Load one file; any failure is a FileError (for `index add`, which loads without checking)."""
    source = str(path) if source is None else source
    budget = file_budget(config.file_time_budget if budget is None else budget, path)
    try:
        with _timer(budget):
            return load(path, max_bytes=config.max_file_size, source=source, lexicons=config.lexicons)
    except (BudgetExceeded, Exception) as e:  # the point of this function
        return error_outcome(source, e, budget, "读取")


def check_file_safely(
    path: str | os.PathLike,
    config: Config,
    budget: float | None = None,
    *,
    source: str | None = None,
    index=None,
    declared: dict | None = None,
) -> Result | FileError:
    """Load and check one file (against a copy-detection ``index`` too: copies and the person's history);
    never raises for anything the file does.

    ``declared`` (a review: pipeline.authors.Authors.declared) is what the reviewer said about its author; the
    Result then carries its ``identity``, recognised from the report where nothing was said.

    ``budget`` is seconds for this file (None: the config's ``file-time-budget``; 0: none). Returns the
    Result, or a FileError: the loader's code (E1xx), E107 when memory ran out, E113 for an internal
    error, E114 when the budget ran out. The budget is for a file of up to 10 MB and grows in proportion
    beyond (file_budget).
    """
    source = str(path) if source is None else source
    budget = file_budget(config.file_time_budget if budget is None else budget, path)
    try:
        with _timer(budget):
            doc = load(path, max_bytes=config.max_file_size, source=source, lexicons=config.lexicons)
            if index is not None:
                from .history import check_with_history  # the copy and history machinery: with an index only

                return check_with_history(doc, config, index, declared=declared)
            result = check_document(doc, config)
            if declared is not None:
                from ..analysis.history.identity import identify  # a review's authors only

                aliases = config.history.get("aliases")
                result.identity = identify(doc, **declared, aliases=aliases).to_dict()
            return result
    except (BudgetExceeded, Exception) as e:  # the point of this function
        return error_outcome(source, e, budget)


# ---- worker processes that can be killed ------------------------------------------------------

_INDEXES: dict[str, object] = {}  # per process: each copy-detection index opened once


def _index(spec):
    if spec is None or not isinstance(spec, (str, os.PathLike)):
        return spec
    key = str(spec)
    if key not in _INDEXES:
        from ..similarity.index.store import Index

        _INDEXES[key] = Index(key)
    return _INDEXES[key]


def _check_work(path, source: str, index, config: Config, budget: float | None) -> Result | FileError:
    return check_file_safely(path, config, budget, source=source, index=_index(index))


def review_work(declared_of: Callable[[str], dict]) -> Work:
    """The work of a review's workers: each file checked with what the reviewer said about its author
    (``declared_of(source)``, pipeline.authors.Authors.declared), so that its Result carries its identity."""

    def work(path, source: str, index, config: Config, budget: float | None) -> Result | FileError:
        return check_file_safely(path, config, budget, source=source, index=_index(index), declared=declared_of(source))

    return work


def run_isolated(
    tasks: Sequence[Task],
    config: Config,
    *,
    jobs: int = 1,
    budget: float | None = None,
    grace: float = KILL_GRACE,
    on_done: Callable[[int, Result | FileError], None] | None = None,
    work: Work = _check_work,
    chunk: int = 1,
) -> list[Result | FileError]:
    """Check ``tasks`` in ``jobs`` worker processes; a worker that dies or overruns is replaced
    (pipeline.workers.run_isolated, whose ``work`` is checking each file unless told otherwise)."""
    return _run_isolated(tasks, config, work=work, jobs=jobs, budget=budget, grace=grace, on_done=on_done, chunk=chunk)
