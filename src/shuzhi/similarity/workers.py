"""The round's worker processes: a fork context where the system has one, and the heap given back between tasks."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing

import numpy as np

from .core.allpairs import RoundSlices
from .core.jaccard import jaccards, jaccards_later
from .core.shingle import Fingerprint


def _release_heap() -> None:
    """The garbage collected and the heap's free pages given back to the system."""
    gc.collect()
    _trim_heap()


def _trim_heap() -> None:
    """The heap's free pages given back to the system (glibc's malloc_trim; elsewhere nothing)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _fork_context():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


class Beside:
    """``prepare(*args)`` run now in a forked process, beside this one; ``call(x)`` later sends it ``x`` and returns
    what the function ``prepare`` returned gives for ``x``: so the work that needs only ``args`` overlaps this
    process's own. None from ``call`` when the process could not be forked or did not answer (the caller then does
    the work itself: an error raised there is raised again where it can be seen). One call; the process ends after it.
    """

    def __init__(self, prepare, *args):
        self._conn = self._proc = None
        ctx = _fork_context()
        if ctx is None:
            return
        ours, theirs = ctx.Pipe()
        try:
            proc = ctx.Process(target=_beside, args=(theirs, prepare, args), daemon=True)
            proc.start()
        except OSError:
            ours.close()
            return
        finally:
            theirs.close()
        self._conn, self._proc = ours, proc

    def call(self, x):
        if self._conn is None:
            return None
        try:
            self._conn.send(x)
            return self._conn.recv()
        except (EOFError, OSError):
            return None
        finally:
            self._conn.close()
            self._proc.join()
            self._conn = None


def _beside(conn, prepare, args) -> None:
    """Beside's forked process: the work on ``args``, then one answer. Whatever fails here ends it without a word:
    the caller, told nothing, does the work itself and raises what fails there."""
    try:
        fn = prepare(*args)
        x = conn.recv()
        conn.send(fn(x))
    except BaseException:  # reported where the caller does the work again
        pass
    finally:
        conn.close()


def _jaccards_beside(fps: list[Fingerprint]):
    """RoundSlices' ``jaccard_of`` for ``fps``: jaccards_later's work on the k-gram sets started now in a forked
    process (Beside), the pairs' sums made there once they are known; all of it made here if that process fails."""
    child = Beside(_jaccard_work, fps)

    def of(pairs: np.ndarray) -> np.ndarray:
        got = child.call(pairs)
        return got if got is not None else jaccards(fps, pairs, **RoundSlices.JACCARD)

    return of


def _jaccard_work(fps: list[Fingerprint]):
    later = jaccards_later(fps)
    return lambda pairs: later(pairs, **RoundSlices.JACCARD)
