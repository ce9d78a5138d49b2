"""Reading files for `shuzhi index add` as check and review read them: each in a worker that can be killed.

Each file is read for the index (similarity.index.from_files.read_for_index: its analysed text and year)
in a worker process of pipeline.isolation, within the same per-file time budget as `check` and `review`
(the config's ``file-time-budget``). Whatever one file does, it becomes that file's coded Chinese error
and the others are read and indexed: the loader's own code (E1xx), E107 when memory ran out, E113 when
shuzhi itself failed on it or its worker died (a crash in a C library, killed for memory), E114 when it
overran its budget (stopped by its timer, or killed from outside when it ignored the timer).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.errors import ShuzhiError
from ..similarity.index.from_files import Read, fingerprint_reads, read_for_index, warm
from .workers import (
    KILL_GRACE,
    BudgetExceeded,
    FileError,
    _timer,
    budget_error,
    file_budget,
    internal_error,
    run_isolated,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..rules.config import Config


def read_safely(path: Path, source: str, config: Config, budget: float | None = None, *, full: bool = False) -> Read:
    """read_for_index() of one file within its time budget; never raises for anything the file does."""
    try:  # asked once: the budget and the reader's checks (a file that cannot be asked: the reader says why)
        st = os.stat(path)
    except (OSError, ValueError):
        st = None
    budget = file_budget(
        config.file_time_budget if budget is None else budget, path, st.st_size if st is not None else None
    )
    try:
        with _timer(budget):
            return read_for_index(path, source, config.max_file_size, full=full, lexicons=config.lexicons, stat=st)
    except BudgetExceeded:
        return _as_read(budget_error(source, budget))
    except ShuzhiError as e:
        return Read(source, error={"source": source, "code": e.code, "message": e.message})
    except MemoryError:
        return Read(
            source,
            error={
                "source": source,
                "code": "E107",
                "message": "文件过大，内存不足，无法读取。请拆分文件后再加入索引。",
            },
        )
    except Exception as e:  # the point of this function
        return _as_read(internal_error(source, e))


# Files handed to a worker at a time: one message each way per list, not per file (3,000 files of a few
# hundred characters spent more in messages than in reading). Lists small enough that the workers share
# the files evenly, and that a worker killed with a list loses little (its other files are read again).
MAX_CHUNK = 64


def chunk_size(n: int, jobs: int) -> int:
    """Files per message for ``n`` files in ``jobs`` workers: about eight lists per worker, at most MAX_CHUNK."""
    return max(1, min(MAX_CHUNK, n // (8 * max(1, jobs))))


def _as_read(err: FileError) -> Read:
    return Read(err.source, error=err.to_dict())


def read_all(
    files: Iterable[tuple[Path, str]],
    config: Config | None = None,
    *,
    jobs: int = 1,
    full: bool = False,
    budget: float | None = None,
    grace: float = KILL_GRACE,
    while_reading: Callable[[], None] | None = None,
    prints: tuple | None = None,
) -> list[Read]:
    """read_safely() of every (path, source), in order, in ``jobs`` killable worker processes.

    ``while_reading``: called once in this process while the workers read (see run_isolated's while_working).
    ``prints``: (settings, formulas) of the index the texts go to: each worker fingerprints the texts of
    each list it read (from_files.fingerprint_reads), so that Index.add only stores them."""
    if config is None:
        from ..rules.config import Config

        config = Config()
    tasks = [(p if isinstance(p, Path) else Path(p), s, None) for p, s in files]
    if any(p.suffix.lower() == ".txt" for p, _, _ in tasks):
        warm(config.lexicons, prints)

    def work(path, source, _index, cfg, file_budget_s):
        return read_safely(path, source, cfg, file_budget_s, full=full)

    outcomes = run_isolated(
        tasks,
        config,
        jobs=jobs,
        budget=budget,
        grace=grace,
        work=work,
        chunk=chunk_size(len(tasks), jobs),
        while_working=while_reading,
        after_list=None if prints is None else lambda outs: fingerprint_reads(outs, *prints),
        ahead=True,
    )
    return [_as_read(o) if isinstance(o, FileError) else o for o in outcomes]
