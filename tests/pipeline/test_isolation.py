"""Per-file isolation (issue #15): one bad, crashing or runaway file costs only itself, in check, review and index add."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3

from conftest import run_cli, seed
from loaders.hostile_docx import patch_member, report_docx
from shuzhi.pipeline import isolation
from shuzhi.pipeline.batch import check_paths
from shuzhi.pipeline.isolation import FileError, check_file_safely, run_isolated
from shuzhi.rules import rule
from shuzhi.rules.config import Config, config_from_dict
from shuzhi.rules.registry import Registry

_ENGLISH = re.compile(r"[A-Za-z]{4,}")


def english(message: str) -> list[str]:
    """English words in a message, product names (Word) and the config key named in it aside."""
    return [w for w in _ENGLISH.findall(message) if w not in ("Word", "file", "time", "budget")]


TRIGGER = "本报告触发测试规则。"


def _round(tmp_path):
    """a.txt and c.txt are reports; b.docx has a corrupt deflate stream (it used to stop the batch: exit 4)."""
    d = tmp_path / "round"
    d.mkdir()
    (d / "a.txt").write_bytes(seed(0).read_bytes())
    patch_member(report_docx(d / "b.docx"), "word/document.xml", garble=True)
    (d / "c.txt").write_bytes(seed(1).read_bytes())
    return d


def test_check_dir_goes_on_after_a_corrupt_docx(tmp_path):
    d = _round(tmp_path)
    p = run_cli("check", "--format", "json", str(d))
    assert p.returncode == 1, p.stderr  # findings in the two reports; not 4 (internal error)
    out = json.loads(p.stdout)
    assert sorted(os.path.basename(r["source"]) for r in out["results"]) == ["a.txt", "c.txt"]
    assert [(os.path.basename(e["source"]), e["code"]) for e in out["errors"]] == [("b.docx", "E103")]


def test_index_add_commits_the_good_files_around_a_bad_one(tmp_path):
    d = _round(tmp_path)
    ix = tmp_path / "ix"
    p = run_cli("index", "add", "--index", str(ix), str(d))
    assert p.returncode == 0, p.stderr
    assert "b.docx: E103" in p.stderr
    with sqlite3.connect(ix / "index.sqlite") as db:
        sources = sorted(os.path.basename(r[0]) for r in db.execute("SELECT source FROM docs"))
    assert sources == ["a.txt", "c.txt"]


def test_any_exception_while_loading_is_e111_in_chinese_and_the_batch_goes_on(tmp_path, monkeypatch):
    # A bug in a loader (here: one that raises for one file) must cost that file only.
    d = _round(tmp_path)
    real = isolation.load

    def buggy(path, **kw):
        if str(path).endswith("a.txt"):
            raise IndexError("list index out of range")
        return real(path, **kw)

    monkeypatch.setattr(isolation, "load", buggy)
    batch = check_paths([d], Config())
    assert [os.path.basename(r.source) for r in batch.results] == ["c.txt"]
    codes = {os.path.basename(e["source"]): e["code"] for e in batch.errors}
    assert codes == {"a.txt": "E113", "b.docx": "E103"}
    message = next(e["message"] for e in batch.errors if e["code"] == "E113")
    assert not english(message) and "IndexError" not in message


@rule(
    code="N997",
    name="test-runs-away",
    title="测试：遇到触发句就不停运行的规则",
    severity="warning",
    triggers=(TRIGGER,),
    passes=(),
)
def runs_away(doc, ctx):
    """检查什么：测试用。遇到触发句就一直运行（Python 代码，能被计时信号打断）。"""
    while TRIGGER in doc.text:
        pass
    return iter(())


@rule(
    code="N996",
    name="test-ignores-signals",
    title="测试：遇到触发句就屏蔽信号并不停运行的规则",
    severity="warning",
    triggers=(TRIGGER,),
    passes=(),
)
def ignores_signals(doc, ctx):
    """检查什么：测试用。像陷入循环的 C 代码一样不理会计时信号，只能从外部终止。"""
    if TRIGGER in doc.text:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            pass
    return iter(())


@rule(
    code="N995",
    name="test-kills-its-process",
    title="测试：遇到触发句就让进程退出的规则",
    severity="warning",
    triggers=(TRIGGER,),
    passes=(),
)
def kills_its_process(doc, ctx):
    """检查什么：测试用。像 C 库崩溃一样让检查进程直接退出。"""
    if TRIGGER in doc.text:
        os._exit(11)
    return iter(())


def _with(r, budget: float) -> Config:
    cfg = Config(registry=Registry([*Registry.default(), r]))
    cfg.file_time_budget = budget
    return cfg


def _runaway_round(tmp_path):
    d = tmp_path / "runaway"
    d.mkdir()
    (d / "a.txt").write_bytes(seed(0).read_bytes())
    (d / "b.txt").write_text("2023年度述职报告\n" + TRIGGER + "\n本人认真履行职责。\n", encoding="utf-8")
    (d / "c.txt").write_bytes(seed(1).read_bytes())
    return [(p, str(p), None) for p in sorted(d.iterdir())]


def test_a_runaway_file_is_e112_after_its_budget_and_the_batch_goes_on(tmp_path):
    files = _runaway_round(tmp_path)
    batch = check_paths([files[0][0].parent], _with(runs_away, 2))
    assert [os.path.basename(r.source) for r in batch.results] == ["a.txt", "c.txt"]
    [error] = batch.errors
    assert error["code"] == "E114" and "2 秒" in error["message"] and "file-time-budget" in error["message"]


def test_a_worker_that_ignores_its_timer_is_killed_and_replaced(tmp_path):
    files = _runaway_round(tmp_path)
    outcomes = run_isolated(files, _with(ignores_signals, 1), jobs=1, grace=0.5)
    assert [type(o).__name__ for o in outcomes] == ["Result", "FileError", "Result"]
    assert outcomes[1].code == "E114"
    # The replacement worker checked c.txt after the kill.
    assert outcomes[2].source.endswith("c.txt") and outcomes[2].findings


def test_a_worker_that_dies_is_e111_and_replaced(tmp_path):
    files = _runaway_round(tmp_path)
    outcomes = run_isolated(files, _with(kills_its_process, 0), jobs=2)
    assert [getattr(o, "code", None) for o in outcomes] == [None, "E113", None]
    assert "进程意外退出" in outcomes[1].message and not english(outcomes[1].message)


def test_check_file_safely_returns_the_loader_s_code(tmp_path):
    out = check_file_safely(tmp_path / "missing.txt", Config())
    assert isinstance(out, FileError) and out.code == "E001"


def test_file_time_budget_is_read_from_the_config():
    assert config_from_dict({"file-time-budget": 30}).file_time_budget == 30
    assert config_from_dict({"file-time-budget": 0}).file_time_budget == 0
    for bad in ("30", -1, True):
        try:
            config_from_dict({"file-time-budget": bad})
        except Exception as e:
            assert getattr(e, "code", None) == "E201" and "file-time-budget" in str(e)
        else:
            raise AssertionError(f"{bad!r} was accepted")


def test_the_budget_grows_with_the_file_beyond_10_mb(tmp_path):
    # Checking is linear: a genuine 50 MB report needs five times a 10 MB one (it got E114 at 120 s).
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_bytes(b"x" * 1000)
    with open(big, "wb") as f:
        f.truncate(25 * 1024 * 1024)
    assert isolation.file_budget(120, small) == 120
    assert isolation.file_budget(120, big) == 300
    assert isolation.file_budget(0, big) == 0
