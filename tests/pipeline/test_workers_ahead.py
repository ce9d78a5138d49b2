"""run_isolated(ahead=True): each worker has its next list before it sends back the one it is on (index add).

A worker then never waits for the parent to take its outcomes and answer; a worker lost with two lists
costs only the file it was on, the files of both lists are done again by its replacement.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from shuzhi.pipeline.workers import FileError, run_isolated
from shuzhi.rules.config import Config


def _tasks(n: int):
    return [(Path(f"/nowhere/f{i:02d}.txt"), f"f{i:02d}", None) for i in range(n)]


def _cfg(budget: float = 0) -> Config:
    cfg = Config()
    cfg.file_time_budget = budget
    return cfg


def test_outcomes_in_order_with_lists_sent_ahead():
    def work(path, source, _index, _cfg, _budget):
        return (source, os.getpid())

    outcomes = run_isolated(_tasks(50), _cfg(), work=work, jobs=2, chunk=3, ahead=True)
    assert [o[0] for o in outcomes] == [f"f{i:02d}" for i in range(50)]
    assert len({o[1] for o in outcomes}) == 2  # both workers took lists


def test_a_worker_goes_on_with_its_next_list_while_the_parent_is_busy(tmp_path):
    # The parent is busy for 0.6 s (while_working) right after handing out the first lists: a worker that
    # has its next list already, and room in its socket for the 1 MB outcome of the first, goes on with
    # it; without ahead it waits for the parent (to read the outcome and to send the next list).
    log = tmp_path / "log"

    def work(path, source, _index, _cfg, _budget):
        with open(log, "a") as f:
            f.write(f"{source} {time.monotonic()}\n")
        return source + "x" * 1_000_000

    for ahead in (True, False):
        log.write_text("")
        done = []
        run_isolated(
            _tasks(4),
            _cfg(),
            work=work,
            jobs=1,
            chunk=1,
            while_working=lambda done=done: (time.sleep(0.6), done.append(time.monotonic())),
            ahead=ahead,
        )
        started = dict(line.split() for line in log.read_text().splitlines())
        assert (float(started["f01"]) < done[0]) == ahead


def test_a_worker_that_dies_with_two_lists_costs_only_its_file():
    def work(path, source, _index, _cfg, _budget):
        if source == "f07":
            os._exit(11)
        return source

    outcomes = run_isolated(_tasks(24), _cfg(), work=work, jobs=2, chunk=4, ahead=True)
    assert [o if isinstance(o, str) else o.code for o in outcomes] == [
        "E113" if i == 7 else f"f{i:02d}" for i in range(24)
    ]


def test_a_worker_past_its_budget_with_two_lists_is_killed_and_the_rest_done():
    def work(path, source, _index, _cfg, _budget):
        if source == "f05":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # deaf to its own timer
            while True:
                pass
        return source

    outcomes = run_isolated(_tasks(16), _cfg(1), work=work, jobs=1, chunk=3, grace=0.5, ahead=True)
    assert isinstance(outcomes[5], FileError) and outcomes[5].code == "E114"
    assert [o for i, o in enumerate(outcomes) if i != 5] == [f"f{i:02d}" for i in range(16) if i != 5]
