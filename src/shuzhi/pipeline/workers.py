"""Worker processes that can be killed: the machinery under pipeline.isolation, without the checker.

``run_isolated`` does ``work`` on each task in forked worker processes; a worker that dies or overruns
its file's time budget is killed and replaced, and that file gets its coded Chinese error (E113, E114)
while the others go on. This module imports nothing of the loaders, rules or analyses, so that
`shuzhi index add` (pipeline.indexing) starts without them; pipeline.isolation re-exports all of it
and adds the checking work.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.findings import Result

if TYPE_CHECKING:  # pragma: no cover
    from ..rules.config import Config

# Seconds a worker gets beyond the budget to report its own E114 before it is killed.
KILL_GRACE = 5.0
# The budget is for a file of up to this size; a larger file gets proportionally more. Checking is
# linear in the text, so a genuine 50 MB report needs five times a 10 MB one; a runaway (a scan
# that is not linear) still overruns, by far.
BUDGET_BYTES = 10 * 1024 * 1024


def file_budget(budget: float | None, path, size: int | None = None) -> float | None:
    """The time budget of one file: ``budget`` seconds per started BUDGET_BYTES (at least ``budget``).
    ``size``: the file's size when the caller has it (else it is asked of the file system)."""
    if not budget or budget <= 0:
        return budget
    if size is None:
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


def _expire(signum, frame):
    raise BudgetExceeded()


# True in a worker process (_worker_loop), whose SIGALRM handler is _expire for all its files: each file's
# timer is then two setitimer calls. Installing and restoring the handler around every file (signal.signal
# converts both handlers to enums and back) cost 14 us a file, 41 ms of CPU for 3,000 small files.
_EXPIRE_INSTALLED = False


@contextlib.contextmanager
def _timer(budget: float | None):
    """Raise BudgetExceeded in this thread after ``budget`` seconds (no-op off the main thread or without SIGALRM)."""
    if _EXPIRE_INSTALLED and budget and budget > 0 and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0):
        signal.setitimer(signal.ITIMER_REAL, budget)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return
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

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


Task = tuple[Path, str, object]  # (path, source, index: an opened Index, a directory to open, or None)

# What a worker does with one file: (path, source, index, config, budget) -> its outcome, never raising for
# anything the file does (pipeline.isolation checks it; `index add` reads files for the index instead).
Work = Callable[[Path, str, object, "Config", "float | None"], object]


def _worker_loop(
    conn, tasks: Sequence[Task], config: Config, budget: float, work: Work, progress, after_list=None
) -> None:
    """Do the tasks the parent names by number (a list of them at a time), until told to stop (None).

    Before each task its number and start time go into ``progress`` (memory shared with the parent, no
    message): the parent knows which file a worker is on when it has to kill it or finds it dead. The
    outcomes of a list go back in one message, after ``after_list(outcomes)`` when given.
    """
    global _EXPIRE_INSTALLED
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if hasattr(signal, "setitimer"):  # the budget's handler, once for every file of this worker (see _timer)
        signal.signal(signal.SIGALRM, _expire)
        _EXPIRE_INSTALLED = True
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        if chunk is None:
            return
        outs = []
        for i in chunk:
            progress[1] = time.monotonic()
            progress[0] = i
            path, source, index = tasks[i]
            try:
                out = work(path, source, index, config, budget)
            except BaseException as e:  # even the index failing to open is this file's error
                out = internal_error(source, e)
            if isinstance(out, Result):
                _lighten(out.document)
            outs.append(out)
        if after_list is not None:
            progress[1] = time.monotonic()  # its own time, as the list's last file has
            after_list(outs)
        try:
            conn.send(outs)
        except Exception:  # an outcome that cannot be sent back: that one is E113, the others go back
            conn.send([_sendable(out, tasks[i][1]) for i, out in zip(chunk, outs, strict=True)])


def _sendable(out, source: str):
    try:
        pickle.dumps(out)
    except Exception as e:
        return internal_error(source, e)
    return out


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
    progress: object  # shared [task number, start time] (see _worker_loop)
    chunk: list[int] | None = None
    ahead: list[int] | None = None  # a second list sent before the first one's outcomes came back (ahead=True)


def _give(w: _Worker, pending: deque) -> None:
    """A worker without a list given the next one."""
    if w.chunk is None and pending:
        w.chunk = pending.popleft()
        w.progress[1] = time.monotonic()
        w.progress[0] = w.chunk[0]
        w.conn.send(w.chunk)


def _give_ahead(workers: list[_Worker], pending: deque, ahead: bool) -> None:
    """With ``ahead`` (run_isolated's), each busy worker its next list too while more lists are left than
    workers: the last ones go to whichever worker is free first, not to one that is still busy."""
    for w in workers if ahead else ():
        if w.chunk is not None and w.ahead is None and len(pending) > len(workers):
            w.ahead = pending.popleft()  # its progress is the worker's own when it starts it
            try:
                w.conn.send(w.ahead)
            except OSError:  # it died on its list: found when its outcomes cannot be read; this one waits
                pending.appendleft(w.ahead)
                w.ahead = None


def _roomy(conn, ahead: bool, size: int = 4 << 20) -> None:
    """With ``ahead``, let a worker's outcomes (a list's texts, a few MB at most) go into its socket's buffer
    whole, so that it goes on with its next list instead of waiting until this process reads them (the
    kernel caps the size)."""
    if not ahead:
        return
    try:
        s = socket.socket(fileno=os.dup(conn.fileno()))
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, size)
        finally:
            s.close()
    except (OSError, ValueError):  # not a socket (a platform's pipes): as it is
        pass


def _outcomes(came: list[tuple[list[int], list]]):
    """(task, outcome) of lists that came back, in the order they came."""
    for chunk, outs in came:
        yield from zip(chunk, outs, strict=True)


def run_isolated(
    tasks: Sequence[Task],
    config: Config,
    *,
    work: Work,
    jobs: int = 1,
    budget: float | None = None,
    grace: float = KILL_GRACE,
    on_done: Callable[[int, object], None] | None = None,
    chunk: int = 1,
    while_working: Callable[[], None] | None = None,
    after_list: Callable[[list], None] | None = None,
    ahead: bool = False,
) -> list:
    """Do ``work`` on ``tasks`` in ``jobs`` worker processes; a worker that dies or overruns is replaced.

    Returns one outcome per task, in order. Workers are forked, so they share the caller's Config
    (custom rule registries included) and ``work`` without pickling them. Without fork (not Linux/macOS)
    the files are done in this process with the in-thread timer only. Whatever ``work`` returns comes
    back, a FileError (E113, E114) when its worker died or was killed.

    ``chunk``: tasks handed to a worker at a time (one message there and one back per list, not per
    file: what thousands of small files cost in messages). A worker that dies or is killed costs only
    the file it was on (it knows which from the shared progress); the other files of its list are done
    again by a new worker.

    ``while_working``: called once in this process when the workers have their first lists (at once when
    there are no workers): what the caller has to do anyway (open an index, its fsyncs) is done while
    they work. What it raises stops the workers and is raised.

    ``after_list``: called in a worker with the outcomes of each of its lists before they are sent back
    (in place; it must not raise). Not called without workers.

    ``ahead``: each worker is sent its next list while it works on one, and its outcomes have room in its
    socket, so that it does not wait for this process to read them and answer (many short lists: `index add`).
    A worker lost with two lists costs the file it was on, as with one; the other files of both are done
    again by a new worker.
    """
    budget = config.file_time_budget if budget is None else budget
    outcomes: list = [None] * len(tasks)
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        ctx = None
    if ctx is None or not tasks:
        if while_working is not None:
            while_working()
        for i, (path, source, index) in enumerate(tasks):
            outcomes[i] = work(path, source, index, config, budget)
            if on_done:
                on_done(i, outcomes[i])
        return outcomes

    def start() -> _Worker:
        parent, child = ctx.Pipe()
        _roomy(child, ahead)
        progress = ctx.RawArray("d", 2)
        p = ctx.Process(
            target=_worker_loop, args=(child, tasks, config, budget, work, progress, after_list), daemon=True
        )
        p.start()
        child.close()
        return _Worker(p, parent, progress)

    def finish(i: int, out) -> None:
        outcomes[i] = out
        if on_done:
            on_done(i, out)

    def lost(w: _Worker, out_of) -> _Worker:
        """The worker died or overran on the task in its progress: that task's outcome is ``out_of(i)``; the
        rest of its list goes back to the front of the queue. Returns its replacement."""
        assert w.chunk is not None
        i = int(w.progress[0])
        if i not in w.chunk and i not in (w.ahead or ()):  # died before starting its first task
            i = w.chunk[0]
        finish(i, out_of(i))
        pending.extendleft(reversed([[j] for j in w.chunk + (w.ahead or []) if j != i]))
        w.chunk = w.ahead = None
        w.process.kill()
        w.process.join()
        w.conn.close()
        return start()

    def limit(w: _Worker) -> float:
        """When the task a worker is on must be over (its own timer had its chance): monotonic seconds."""
        i = int(w.progress[0])
        return w.progress[1] + (file_budget(budget, tasks[i][0]) or 0) + grace

    size = max(1, chunk)
    order = list(range(len(tasks)))
    n = max(1, min(jobs, -(-len(order) // size)))
    # With something to do while they work, each worker's first list is a quarter of its share: it
    # is not left waiting for its second list until the caller is done.
    first = max(size, len(order) // (4 * n)) if while_working is not None else size
    head = [order[k * first : (k + 1) * first] for k in range(n)]
    pending: deque[list[int]] = deque(h for h in head if h)
    pending.extend(order[k : k + size] for k in range(n * first, len(order), size))

    def take(k: int, ready, came: list) -> None:
        """Worker k's outcomes when they came (``came``), its next list given at once; a worker dead or overrun
        replaced."""
        w = workers[k]
        if w.conn in ready:
            try:
                outs = w.conn.recv()
            except (EOFError, OSError):  # the worker died (killed for memory, a crash in C)
                workers[k] = lost(w, lambda i: internal_error(tasks[i][1], died=True))
                return
            came.append((w.chunk, outs))
            w.chunk, w.ahead = w.ahead, None  # the list sent ahead (ahead=True) is the one it is on now
            # It works on its next list while this process takes the outcomes in (on_done: a review fingerprints
            # and spools each report there), instead of waiting for that.
            _give(w, pending)
        elif timed and time.monotonic() > limit(w):
            # It ignored its own timer (code that does not see signals): stop it from outside.
            i = int(w.progress[0])
            spent = file_budget(budget, tasks[i][0]) or 0
            workers[k] = lost(w, lambda i, spent=spent: budget_error(tasks[i][1], spent))

    workers = [start() for _ in range(n)]
    timed = bool(budget and budget > 0)
    try:
        while pending or any(w.chunk is not None for w in workers):
            for w in workers:
                _give(w, pending)
            _give_ahead(workers, pending, ahead)
            if while_working is not None:
                todo, while_working = while_working, None
                todo()
            busy = [w for w in workers if w.chunk is not None]
            timeout = max(0.0, min(limit(w) for w in busy) - time.monotonic()) if timed else None
            ready = wait([w.conn for w in busy], timeout)
            came: list[tuple[list[int], list]] = []
            for k in [k for k, w in enumerate(workers) if w.chunk is not None]:
                take(k, ready, came)
            for i, out in _outcomes(came):
                finish(i, out)
    finally:
        for w in workers:
            with contextlib.suppress(OSError, ValueError):
                w.conn.send(None)
        for w in workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
    return outcomes
