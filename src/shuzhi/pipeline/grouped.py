"""Checking a few files together: each shared analysis computed for all of them in turn, then each file's rules.

``check_files_safely(files, config)`` gives what ``check_file_safely`` gives for each file — the same Result or the
same FileError — in the same order. Only the order of the work differs: the files are loaded one after another,
then the outline of each, then its metadata, sentences, figures, dimension analysis and signals, and last each
file's rules, profile and metadata as ``check_document`` makes them (finding the analyses computed).

Why: checking one document after another runs every stage's code and tables once per document, and each stage
finds the processor's caches filled by the stages before it. Over the 768 laws the stages cost ~2.1 s of CPU so,
against ~1.66 s with each stage run over every law in a row (docs/bench/user-wait.md §4l); loading alone ~0.33 s
against ~0.20 s.

What stays as it was, per file:
- its time budget: each file's wall time is summed over its steps, and each step runs under a timer set to what
  is left of that file's budget (E114 when it runs out, whichever step it is in);
- its errors: a load error is its E1xx; an analysis that raises while computed ahead is left for the rules to
  compute again (they fail the same way: X001, or E113 from the profile, as before); a BudgetExceeded, a
  ShuzhiError, a MemoryError or any other error of the last step is what ``check_file_safely`` makes of it.
- the analyses computed: those every check computes (``check_document``'s metadata and profile: the outline,
  sentences, paragraphs, dimension analysis and signals), and the figures and their claims only when a figures
  rule (N) runs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence

from ..analysis.dimensions import analyse, dimension_automaton
from ..analysis.signals import formula_automaton, formula_window, signals_of
from ..model.findings import Result
from ..rules.config import Config
from ..rules.engine import ENGINE, _runnable
from ..text import acscan
from . import isolation
from .workers import BudgetExceeded, FileError, file_budget

# Files checked together. check_paths over the laws (one process, CPU, min/median of 6, load ~1.2): groups of 1
# 1767/1865 ms, 8 1632/1682, 16 1579/1681, 32 1560/1651, 64 1534/1587, 128 1528/1585. Every document of a group is
# held until its rules have run (a batch keeps them all anyway).
GROUP = 64


def _analyses(config: Config) -> list[tuple[bool | None, Callable]]:
    """The analyses computed ahead for each document, in the order the rules first ask for them: (for the figures
    rules only, the analysis of one document), or (None, a search over the group's documents)."""
    lex = config.lexicons
    return [
        (False, lambda d: d.outline),
        (False, lambda d: d.meta),
        (False, lambda d: d.sentences),
        (False, lambda d: d.paragraphs),
        (True, lambda d: d.quantities),
        (True, lambda d: d.claims),
        (None, lambda docs: _phrases_ahead(docs, lex)),
        (False, lambda d: analyse(d, lex)),
        (False, lambda d: signals_of(d, lex)),
    ]


def _phrases_ahead(docs: list, lexicons) -> None:
    """The dimension cues and the stock formulas of a group's texts searched together (text.acscan.search_ahead),
    each in the window the dimension analysis and the signals then ask for (one by one, as before)."""
    texts = [d.text for d in docs]
    starts = []
    for d in docs:
        try:
            starts.append(formula_window(d)[0])
        except Exception:  # its outline failed: the signals will fail as they did
            starts.append(len(d.text))
    acscan.search_ahead(
        [
            (dimension_automaton(lexicons), [(t, 0, len(t)) for t in texts if t]),
            (formula_automaton(lexicons), [(t, a, len(t)) for t, a in zip(texts, starts, strict=True) if a < len(t)]),
        ]
    )


def _figures_rules_run(config: Config, source: str) -> bool:
    """Whether a figures rule (N) runs on this file: the rules run_rules runs for it (plain check: no extra needs)."""
    provided = {ENGINE, "campaign"} if config.campaign else {ENGINE}
    return any(r.family == "N" for r in _runnable(config, config.enabled_codes(source), provided))


class _Budgets:
    """Each file's time budget over its steps (what _timer gives one file checked on its own).

    One timer for the group, armed for the least time any file has left: no file can run out before it fires (a
    file's time passes only while its own steps run). When it fires, the file whose step is running gets
    BudgetExceeded if its own time is up; else the timer is armed again for the least left then. A file whose
    time is up is refused at its next step. (A timer set and cleared around every step cost ~20 us a file: 4 ms
    of 66 over 200 one-line reports.)"""

    def __init__(self, budgets: list[float | None]):
        self.budgets = budgets
        self.spent = [0.0] * len(budgets)
        self.usable = (
            hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and any(b and b > 0 for b in budgets)
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # someone else's timer is running: leave it
        )
        self.previous = None
        self.current: int | None = None  # the file whose step is running
        self.since = 0.0  # when that step began (perf_counter)

    def __enter__(self):
        if self.usable:
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            self._arm()
        return self

    def __exit__(self, *exc):
        if self.usable:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False

    def _left(self, i: int, now: float) -> float:
        left = self.budgets[i] - self.spent[i]
        return left - (now - self.since) if i == self.current else left

    def _arm(self) -> None:
        now = time.perf_counter()
        lefts = [x for i, b in enumerate(self.budgets) if b and b > 0 and (x := self._left(i, now)) > 0]
        signal.setitimer(signal.ITIMER_REAL, min(lefts) if lefts else 0)

    def _fire(self, signum, frame) -> None:
        i = self.current
        if i is not None and self.budgets[i] and self.budgets[i] > 0 and self._left(i, time.perf_counter()) <= 0:
            raise BudgetExceeded()
        self._arm()

    def share(self, files: list[int], docs: list, step: Callable) -> None:
        """``step(the files' documents)``, a search over them all (linear in their text: no timer stops it), its
        time shared among the files by their characters; if it fails, each analysis is computed on its own."""
        if not files:
            return
        t0 = time.perf_counter()
        with contextlib.suppress(Exception):
            step([docs[i] for i in files])
        took = time.perf_counter() - t0
        sizes = [len(docs[i].text) for i in files]
        total = sum(sizes) or 1
        for i, n in zip(files, sizes, strict=True):
            self.spent[i] += took * n / total

    def run(self, i: int, step: Callable):
        """``step()`` within what is left of file i's budget (BudgetExceeded when it runs out)."""
        b = self.budgets[i]
        if self.usable and b and b > 0 and b - self.spent[i] <= 0:
            raise BudgetExceeded()
        self.current = i
        t0 = self.since = time.perf_counter()
        try:
            return step()
        finally:
            self.current = None
            self.spent[i] += time.perf_counter() - t0


def _ahead(step: Callable, doc) -> None:
    """Compute one analysis of ``doc`` ahead; if it fails, the rules that ask for it compute it again."""
    with contextlib.suppress(Exception):  # BudgetExceeded is a BaseException: it goes on
        step(doc)


def check_files_safely(
    files: Sequence[tuple[str | os.PathLike, str]],
    config: Config,
    budget: float | None = None,
    *,
    quiet: Callable[[], contextlib.AbstractContextManager] | None = None,
) -> list[Result | FileError]:
    """``check_file_safely(path, config, budget, source=source)`` of each (path, source), in order (see above).

    ``quiet``: a context the analyses and rules of the group run in, once loaded (check_paths: the garbage
    collector off, see batch.py)."""
    budgets = [file_budget(config.file_time_budget if budget is None else budget, path) for path, _ in files]
    out: list[Result | FileError | None] = [None] * len(files)
    docs: list = [None] * len(files)

    with _Budgets(budgets) as timing:

        def attempt(i: int, step: Callable):
            source = files[i][1]
            try:
                return timing.run(i, step)
            except (BudgetExceeded, Exception) as e:  # the point of this function
                out[i] = isolation.error_outcome(source, e, budgets[i])
            return None

        for i, (path, source) in enumerate(files):
            docs[i] = attempt(
                i,
                lambda p=path, s=source: isolation.load(
                    p, max_bytes=config.max_file_size, source=s, lexicons=config.lexicons
                ),
            )
        live = [i for i in range(len(files)) if out[i] is None]
        figures = {i for i in live if _figures_rules_run(config, files[i][1])}
        try:
            with quiet() if quiet is not None else contextlib.nullcontext():
                for for_figures, step in _analyses(config):
                    if for_figures is None:
                        timing.share([i for i in live if out[i] is None], docs, step)
                        continue
                    for i in live:
                        if out[i] is None and (not for_figures or i in figures):
                            attempt(i, lambda d=docs[i], f=step: _ahead(f, d))
                for i in live:
                    if out[i] is None:
                        result = attempt(i, lambda d=docs[i]: isolation.check_document(d, config))
                        if out[i] is None:
                            out[i] = result
                    docs[i] = None
        finally:
            acscan.search_ahead([])  # nothing of this group kept, whatever happened
    return out  # type: ignore[return-value]
