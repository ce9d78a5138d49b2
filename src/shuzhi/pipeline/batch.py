"""Checking many paths: directories walked, each bad file reported, the others done."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..model.findings import Result
from ..rules.config import Config
from .grouped import GROUP, check_files_safely
from .isolation import FileError, check_file_safely
from .paths import expand


@dataclass
class Batch:
    results: list[Result] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


def iter_check(
    files: list[tuple[Path, str]], config: Config, *, index=None, quiet=None
) -> Iterator[tuple[str, Result | None, dict | None]]:
    """Check files one by one, yielding (source, result, error): each file isolated, within its time budget.

    With ``index`` (a shuzhi.similarity.index.Index) the copy rules run too. Without one, files are checked
    GROUP at a time, each shared analysis for all of them in turn (pipeline.grouped: the same outcome per file),
    their analyses and rules within ``quiet()`` when given.
    """
    if index is not None:
        outcomes: Iterable = ((s, check_file_safely(p, config, source=s, index=index)) for p, s in files)
    else:
        outcomes = (
            (files[i + k][1], out)
            for i in range(0, len(files), GROUP)
            for k, out in enumerate(check_files_safely(files[i : i + GROUP], config, quiet=quiet))
        )
    for source, out in outcomes:
        if isinstance(out, FileError):
            yield source, None, out.to_dict()
        else:
            yield source, out, None


def check_paths(
    paths: Iterable[str | os.PathLike],
    config: Config | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    index=None,
) -> Batch:
    config = config or Config()
    files, errors = expand(paths)
    batch = Batch(errors=errors)
    with _checked_documents_out_of_gc(enabled=index is None) as set_aside:
        quiet = None if set_aside is _nothing else lambda: _collector_off(set_aside)
        for source, result, error in iter_check(files, config, index=index, quiet=quiet):
            if progress:
                progress(source)
            if result is not None:
                batch.results.append(result)
            else:
                batch.errors.append(error)
            set_aside()
    return batch


@contextmanager
def _checked_documents_out_of_gc(enabled: bool = True):
    """Let Python's cyclic garbage collector skip the documents already checked, during a batch.

    A batch keeps every checked document (its Result holds it) and the collector walks all live
    objects again at each full collection: on gov-reports (88 files) that was 0.08-0.17 s of a
    0.8 s batch. Checking makes no reference cycles (gc.collect() finds nothing after a batch), so
    gc.freeze() after each document frees nothing later than it would have been; everything is
    unfrozen when the batch ends. Left alone when the caller froze objects or disabled the collector,
    and with a copy index (not measured for cycles: its checks are left to the collector as before).
    """
    if not enabled or not gc.isenabled() or gc.get_freeze_count():
        yield _nothing
        return
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def _nothing() -> None:
    """set_aside when the batch leaves the collector alone."""


@contextmanager
def _collector_off(set_aside: Callable[[], None]):
    """The collector off while a group's documents are analysed and checked (pipeline.grouped), and what was made
    set aside (gc.freeze) before it is on again.

    Analysing and checking a loaded text makes no reference cycles (gc.collect() after check_paths with the
    collector off finds nothing, on seeds, gov-reports and laws), so nothing waits longer to be freed; but with it
    on, its collections walked each group's young documents again and again (48-92 ms of check_paths' 1.6-1.7 s
    over the laws). Loading stays with the collector on (a Word file's objects may hold cycles).
    """
    gc.disable()
    try:
        yield
    finally:
        set_aside()
        gc.enable()
