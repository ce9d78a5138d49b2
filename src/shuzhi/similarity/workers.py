"""The round's worker processes: a fork context where the system has one, and the heap given back between tasks."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing


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
