"""`shuzhi index add` reads each file in a killable worker (issue #15): a file that overruns its time budget,
crashes shuzhi or kills its worker is listed with its code in Chinese, and the other files are indexed."""

from __future__ import annotations

import os
import re
import signal
import sqlite3

from conftest import run_cli, seed
from loaders.hostile_docx import patch_member, report_docx
from loaders.scanbuilder import render_pages
from shuzhi.pipeline import indexing
from shuzhi.rules.config import Config

_ENGLISH = re.compile(r"[A-Za-z]{4,}")


def _indexed(ix) -> list[str]:
    with sqlite3.connect(ix / "index.sqlite") as db:
        return sorted(os.path.basename(r[0]) for r in db.execute("SELECT source FROM docs"))


def test_index_add_lists_a_file_over_its_budget_and_a_broken_one_and_indexes_the_rest(tmp_path):
    # Real files: two reports, a scanned page (OCR takes seconds: over a 2-second budget) and a .docx
    # whose deflate stream is corrupt.
    d = tmp_path / "round"
    d.mkdir()
    (d / "a.txt").write_bytes(seed(0).read_bytes())
    render_pages(["2023年度述职述廉报告", "一年来，本人认真履行职责，完成了全年各项任务。"] * 12)[0].save(d / "b.png")
    (d / "c.txt").write_bytes(seed(1).read_bytes())
    patch_member(report_docx(d / "d.docx"), "word/document.xml", garble=True)
    cfg = tmp_path / "shuzhi.toml"
    cfg.write_text("file-time-budget = 2\n", encoding="utf-8")
    ix = tmp_path / "ix"
    p = run_cli("index", "add", "--index", str(ix), "--config", str(cfg), "--jobs", "2", str(d))
    assert p.returncode == 0, p.stderr
    assert _indexed(ix) == ["a.txt", "c.txt"]
    listed = {
        os.path.basename(m.group(1)): (m.group(2), m.group(3))
        for m in re.finditer(r"^(\S+): (E\d{3}) (.*)$", p.stderr, re.M)
    }
    assert set(listed) == {"b.png", "d.docx"}, p.stderr
    assert listed["b.png"][0] == "E114" and "2 秒" in listed["b.png"][1]
    assert listed["d.docx"][0] == "E103"
    assert "加入 2 份" in p.stdout and "无法读取 2 份" in p.stdout


def _files(tmp_path, n=3):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(n):
        (d / f"{'abc'[i]}.txt").write_bytes(seed(i).read_bytes())
    return [(p, str(p)) for p in sorted(d.iterdir())]


def _failing_on(monkeypatch, name: str, fail):
    """read_for_index, failing for the file ``name`` as ``fail`` does (the workers are forked: they see it)."""
    real = indexing.read_for_index

    def reader(path, source, *a, **kw):
        if path.name == name:
            fail()
        return real(path, source, *a, **kw)

    monkeypatch.setattr(indexing, "read_for_index", reader)


def _codes(reads) -> list[str | None]:
    return [r.error["code"] if r.error else None for r in reads]


def test_an_exception_while_reading_is_e113_in_chinese(tmp_path, monkeypatch):
    # It used to be E110 with the exception's English text in the message.
    def fail():
        raise IndexError("list index out of range")

    _failing_on(monkeypatch, "b.txt", fail)
    reads = indexing.read_all(_files(tmp_path), Config(), jobs=2)
    assert _codes(reads) == [None, "E113", None]
    assert not _ENGLISH.findall(reads[1].error["message"].replace("Word", ""))
    assert reads[0].text and reads[2].text


def test_a_worker_that_dies_while_reading_is_e113_and_the_others_are_read(tmp_path, monkeypatch):
    # As a C library crashing on the file: the worker process is gone. It used to break the whole pool,
    # and the files after it were read again in the main process, where the same crash would kill `index add`.
    _failing_on(monkeypatch, "b.txt", lambda: os._exit(11))
    reads = indexing.read_all(_files(tmp_path), Config(), jobs=1)
    assert _codes(reads) == [None, "E113", None]
    assert "进程意外退出" in reads[1].error["message"]
    assert reads[2].text


def test_a_reader_that_ignores_its_timer_is_killed_after_its_budget(tmp_path, monkeypatch):
    def hang():
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            pass

    _failing_on(monkeypatch, "a.txt", hang)
    cfg = Config()
    cfg.file_time_budget = 1
    reads = indexing.read_all(_files(tmp_path), cfg, jobs=1, grace=0.5)
    assert _codes(reads) == ["E114", None, None]
    assert "1 秒" in reads[0].error["message"]


def _many(tmp_path, n):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(n):
        (d / f"r{i:02d}.txt").write_bytes(seed(i % 5).read_bytes())
    return [(p, str(p)) for p in sorted(d.iterdir())]


def test_files_go_to_workers_in_lists_and_a_death_costs_only_its_file(tmp_path, monkeypatch):
    # 40 files in one worker: lists of several files (indexing.chunk_size); the worker dies on the 8th, in
    # the middle of its list. That file is E113; the files before and after it in the list are read by the
    # new worker.
    files = _many(tmp_path, 40)
    assert indexing.chunk_size(len(files), 1) > 1
    _failing_on(monkeypatch, "r07.txt", lambda: os._exit(11))
    reads = indexing.read_all(files, Config(), jobs=1)
    assert _codes(reads) == [None] * 7 + ["E113"] + [None] * 32
    assert [r.source for r in reads] == [s for _, s in files]
    assert all(r.text for i, r in enumerate(reads) if i != 7)


def test_a_file_that_ignores_its_timer_inside_a_list_is_the_only_one_killed(tmp_path, monkeypatch):
    def hang():
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            pass

    files = _many(tmp_path, 24)
    _failing_on(monkeypatch, "r05.txt", hang)
    cfg = Config()
    cfg.file_time_budget = 1
    reads = indexing.read_all(files, cfg, jobs=2, grace=0.5)
    assert _codes(reads) == [None] * 5 + ["E114"] + [None] * 18
    assert "1 秒" in reads[5].error["message"]
