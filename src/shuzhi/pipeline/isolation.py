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

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from ..analysis.history.identity import identify
from ..loaders import load
from ..model.document import Document
from ..model.errors import ShuzhiError
from ..model.findings import Result
from ..rules.config import Config
from ..rules.engine import check_document
from .history import check_with_history

# Seconds a worker gets beyond the budget to report its own E114 before it is killed.
KILL_GRACE = 5.0
# The budget is for a file of up to this size; a larger file gets proportionally more. Checking is
# linear in the text, so a genuine 50 MB report needs five times a 10 MB one; a runaway (a scan
# that is not linear) still overruns, by far.
BUDGET_BYTES = 10 * 1024 * 1024


def file_budget(budget: float | None, path) -> float | None:
    """The time budget of one file: ``budget`` seconds per started BUDGET_BYTES (at least ``budget``)."""
    if not budget or budget <= 0:
        return budget
    try:
        size = os.stat(path).st_size
    except (OSError, TypeError, ValueError):
        return budget
    return budget * max(1.0, size / BUDGET_BYTES)


@dataclass
class FileError:
    """One file that could not be checked: its code and Chinese message (``detail`` is for logs, never shown)."""

    source: str
    code: str
    message: str
    detail: str = ""

    def to_dict(self) -> dict:
        return {"source": self.source, "code": self.code, "message": self.message}


class BudgetExceeded(BaseException):
    """Raised by the timer in the checking thread. A BaseException, so no rule's ``except Exception`` eats it."""


def budget_error(source: str, budget: float) -> FileError:
    return FileError(
        source,
        "E114",
        f"检查该文件超过了单个文件的时间上限（{budget:.0f} 秒），已停止并跳过，其余文件照常检查。"
        "文件可能异常庞大或经过特殊构造；如确是正常报告，可在配置中调大 file-time-budget。",
    )


def internal_error(source: str, exc: BaseException | None = None, *, died: bool = False) -> FileError:
    """E113: shuzhi itself failed on this file. The message is Chinese; the exception stays in ``detail``."""
    what = "检查进程意外退出" if died else "检查该文件时程序内部出错"
    detail = "" if exc is None else f"{type(exc).__name__}: {exc}"[:500]
    return FileError(
        source,
        "E113",
        f"{what}，该文件未能检查，其余文件照常检查。请用 Word/WPS 打开该文件另存一份后重试；"
        "如仍出错，请把该文件交给维护人员排查。",
        detail,
    )


def _outcome_of_error(source: str, e: ShuzhiError) -> FileError:
    return FileError(source, e.code, e.message)


@contextlib.contextmanager
def _timer(budget: float | None):
    """Raise BudgetExceeded in this thread after ``budget`` seconds (no-op off the main thread or without SIGALRM)."""
    usable = (
        budget
        and budget > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # someone else's timer is running: leave it
    )
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise BudgetExceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def load_safely(
    path: str | os.PathLike, config: Config, budget: float | None = None, *, source: str | None = None
) -> Document | FileError:
    """Load one file; any failure is a FileError (for `index add`, which loads without checking)."""
    source = str(path) if source is None else source
    budget = file_budget(config.file_time_budget if budget is None else budget, path)
    try:
        with _timer(budget):
            return load(path, max_bytes=config.max_file_size, source=source, lexicons=config.lexicons)
    except BudgetExceeded:
        return budget_error(source, budget)
    except ShuzhiError as e:
        return _outcome_of_error(source, e)
    except MemoryError:
        return FileError(source, "E107", "文件过大，内存不足，无法读取。请拆分文件或在内存更大的机器上检查。")
    except Exception as e:  # the point of this function
        return internal_error(source, e)


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
                return check_with_history(doc, config, index, declared=declared)
            result = check_document(doc, config)
            if declared is not None:
                aliases = config.history.get("aliases")
                result.identity = identify(doc, **declared, aliases=aliases).to_dict()
            return result
    except BudgetExceeded:
        return budget_error(source, budget)
    except ShuzhiError as e:
        return _outcome_of_error(source, e)
    except MemoryError:
        return FileError(source, "E107", "文件过大，内存不足，无法检查。请拆分文件或在内存更大的机器上检查。")
    except Exception as e:  # the point of this function
        return internal_error(source, e)


# ---- worker processes that can be killed ------------------------------------------------------

Task = tuple[Path, str, object]  # (path, source, index: an opened Index, a directory to open, or None)

_INDEXES: dict[str, object] = {}  # per process: each copy-detection index opened once


def _index(spec):
    if spec is None or not isinstance(spec, (str, os.PathLike)):
        return spec
    key = str(spec)
    if key not in _INDEXES:
        from ..similarity.index.store import Index

        _INDEXES[key] = Index(key)
    return _INDEXES[key]


# What a worker does with one file: (path, source, index, config, budget) -> its outcome, never raising for
# anything the file does (check_file_safely by default; `index add` reads files for the index instead).
Work = Callable[[Path, str, object, Config, "float | None"], object]


def _check_work(path, source: str, index, config: Config, budget: float | None) -> Result | FileError:
    return check_file_safely(path, config, budget, source=source, index=_index(index))


def review_work(declared_of: Callable[[str], dict]) -> Work:
    """The work of a review's workers: each file checked with what the reviewer said about its author
    (``declared_of(source)``, pipeline.authors.Authors.declared), so that its Result carries its identity."""

    def work(path, source: str, index, config: Config, budget: float | None) -> Result | FileError:
        return check_file_safely(path, config, budget, source=source, index=_index(index), declared=declared_of(source))

    return work


def _worker_loop(conn, tasks: Sequence[Task], config: Config, budget: float, work: Work = _check_work) -> None:
    """Check the files the parent names by number, one at a time, until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            i = conn.recv()
        except EOFError:
            return
        if i is None:
            return
        path, source, index = tasks[i]
        try:
            out = work(path, source, index, config, budget)
        except BaseException as e:  # even the index failing to open is this file's error
            out = internal_error(source, e)
        if isinstance(out, Result):
            _lighten(out.document)
        try:
            conn.send(out)
        except Exception as e:  # a result that cannot be sent back
            conn.send(internal_error(source, e))


# Analyses the round's later steps never read again: dropped before a checked report is sent back from
# a worker, so that the document kept for the round is its text, units and metadata, not every
# intermediate analysis (the dimension memo alone is keyed by the worker's own lexicons object).
_AFTER_CHECK = ("_shuzhi_memo", "quantities", "sentences")


def _lighten(doc) -> None:
    if doc is None:
        return
    for name in _AFTER_CHECK:
        doc.__dict__.pop(name, None)


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object
    task: int | None = None
    started: float = 0.0
    limit: float = 0.0  # seconds this task may take before the worker is killed


def run_isolated(
    tasks: Sequence[Task],
    config: Config,
    *,
    jobs: int = 1,
    budget: float | None = None,
    grace: float = KILL_GRACE,
    on_done: Callable[[int, Result | FileError], None] | None = None,
    work: Work = _check_work,
) -> list[Result | FileError]:
    """Check ``tasks`` in ``jobs`` worker processes; a worker that dies or overruns is replaced.

    Returns one outcome per task, in order. Workers are forked, so they share the caller's Config
    (custom rule registries included) and ``work`` without pickling them. Without fork (not Linux/macOS)
    the files are checked in this process with the in-thread timer only. ``work`` is what is done with
    each file (checking it, by default); whatever it returns comes back, a FileError (E113, E114) when
    its worker died or was killed.
    """
    budget = config.file_time_budget if budget is None else budget
    outcomes: list[Result | FileError | None] = [None] * len(tasks)
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        ctx = None
    if ctx is None or not tasks:
        for i, (path, source, index) in enumerate(tasks):
            outcomes[i] = work(path, source, index, config, budget)
            if on_done:
                on_done(i, outcomes[i])
        return outcomes  # type: ignore[return-value]

    def start() -> _Worker:
        parent, child = ctx.Pipe()
        p = ctx.Process(target=_worker_loop, args=(child, tasks, config, budget, work), daemon=True)
        p.start()
        child.close()
        return _Worker(p, parent)

    def finish(w: _Worker, out: Result | FileError) -> None:
        assert w.task is not None
        outcomes[w.task] = out
        if on_done:
            on_done(w.task, out)
        w.task = None

    def replace(w: _Worker) -> _Worker:
        w.process.kill()
        w.process.join()
        w.conn.close()
        return start()

    pending = deque(range(len(tasks)))
    workers = [start() for _ in range(max(1, min(jobs, len(tasks))))]
    hard_limit = budget + grace if budget and budget > 0 else None
    try:
        while pending or any(w.task is not None for w in workers):
            for w in workers:
                if w.task is None and pending:
                    w.task = pending.popleft()
                    w.started = time.monotonic()
                    w.limit = (file_budget(budget, tasks[w.task][0]) or 0) + grace
                    w.conn.send(w.task)
            busy = [w for w in workers if w.task is not None]
            timeout = None
            if hard_limit is not None:
                timeout = max(0.0, min(w.started + w.limit for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout)
            for k, w in enumerate(workers):
                if w.task is None:
                    continue
                source = tasks[w.task][1]
                if w.conn in ready:
                    try:
                        out = w.conn.recv()
                    except (EOFError, OSError):  # the worker died (killed for memory, a crash in C)
                        finish(w, internal_error(source, died=True))
                        workers[k] = replace(w)
                        continue
                    finish(w, out)
                elif hard_limit is not None and time.monotonic() - w.started > w.limit:
                    # It ignored its own timer (code that does not see signals): stop it from outside.
                    finish(w, budget_error(source, w.limit - grace))
                    workers[k] = replace(w)
    finally:
        for w in workers:
            with contextlib.suppress(OSError, ValueError):
                w.conn.send(None)
        for w in workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
    return outcomes  # type: ignore[return-value]
