"""Files checked a group at a time (pipeline.grouped): each file's outcome is what checking it alone gives.

The oracle is main's way before the groups (e162396's iter_check): check_file_safely per file, in order.
"""

from __future__ import annotations

import json
import time

import pytest

from conftest import CORPUS, SEEDS
from shuzhi.analysis import document as analysed
from shuzhi.figures import quantities
from shuzhi.pipeline import batch, grouped
from shuzhi.pipeline.grouped import check_files_safely
from shuzhi.pipeline.isolation import FileError, check_file_safely
from shuzhi.rules.config import Config, config_from_dict

MARK = "本段用于分组检查测试。"


def _one_by_one(files, config, budget=None):
    """e162396's iter_check without an index: each file loaded and checked on its own."""
    return [check_file_safely(path, config, budget, source=source) for path, source in files]


def _slowed(monkeypatch, *, load: tuple[str, float], sentences: tuple[str, float]) -> None:
    """Loading a text holding load[0] takes load[1] s more; splitting one holding sentences[0], sentences[1] s."""
    real_split, real_prepare = analysed.split_sentences, analysed.prepare

    def slow_split(text):
        if sentences[0] in text:
            time.sleep(sentences[1])
        return real_split(text)

    def slow_prepare(raw, *a, **kw):
        if load[0] in raw:
            time.sleep(load[1])
        return real_prepare(raw, *a, **kw)

    monkeypatch.setattr(analysed, "split_sentences", slow_split)
    monkeypatch.setattr(analysed, "prepare", slow_prepare)


def _same(out) -> str:
    return json.dumps(
        [o.to_dict() if isinstance(o, FileError) else ["result", o.to_dict()] for o in out],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )


def _files(tmp_path):
    paths = [
        *SEEDS,
        *sorted((CORPUS / "gov-reports").glob("*.txt"))[:6],
        *sorted((CORPUS / "laws").glob("*.txt"))[:40],
        *sorted((CORPUS / "samples").glob("*.txt"))[:10],
    ]
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "marked.txt").write_text("2023年度述职报告\n一、学习\n" + MARK + "完成投资12亿元。\n", encoding="utf-8")
    bad = [tmp_path / "missing.txt", tmp_path / "binary.txt", tmp_path / "empty.txt", tmp_path / "marked.txt"]
    paths[3:3] = bad[:2]
    paths[20:20] = bad[2:]
    return [(p, str(p)) for p in paths]


def test_a_group_gives_each_file_what_checking_it_alone_gives(tmp_path):
    files = _files(tmp_path)
    cfg = Config()
    alone = _one_by_one(files, cfg)
    assert {o.code for o in alone if isinstance(o, FileError)} == {"E001", "E101", "E102"}
    assert _same(check_files_safely(files, cfg)) == _same(alone)


def test_check_paths_in_groups_keeps_the_order_and_the_outcomes(tmp_path, monkeypatch):
    files = _files(tmp_path)
    cfg = Config()
    alone = _one_by_one(files, cfg)
    monkeypatch.setattr(batch, "GROUP", 7)  # groups across the bad files, a last short one
    got = list(batch.iter_check(files, cfg))
    assert [s for s, _, _ in got] == [s for _, s in files]
    assert _same([r if r is not None else FileError(s, e["code"], e["message"]) for s, r, e in got]) == _same(alone)


@pytest.mark.parametrize(
    ("module", "name"), [(analysed, "parse_outline"), (analysed, "split_sentences"), (quantities, "extract")]
)
def test_an_analysis_that_fails_ahead_fails_as_it_did_in_the_rules(tmp_path, monkeypatch, module, name):
    files = _files(tmp_path)
    real = getattr(module, name)

    def fails_on_the_mark(x, *a, **kw):
        text = x if isinstance(x, str) else x.text
        if MARK in text:
            raise ValueError("broken analysis")
        return real(x, *a, **kw)

    monkeypatch.setattr(module, name, fails_on_the_mark)
    cfg = Config()
    alone = _one_by_one(files, cfg)
    marked = alone[[s for _, s in files].index(str(tmp_path / "marked.txt"))]
    # The rules that ask for it crash (X001: the figures), or the profile does (E113: the outline, the sentences).
    if module is quantities:
        assert any(f.code == "X001" for f in marked.findings)
    else:
        assert isinstance(marked, FileError) and marked.code == "E113"
    assert _same(check_files_safely(files, cfg)) == _same(alone)


def test_a_file_s_budget_runs_over_all_its_steps(tmp_path, monkeypatch):
    # 0.6 s while loading and 0.6 s in an analysis computed ahead: over a 1-second budget, though each step is
    # within it. Per step, the file would have been checked.
    files = [(p, str(p)) for p in SEEDS[:2]] + [(tmp_path / "marked.txt", str(tmp_path / "marked.txt"))]
    files += [(p, str(p)) for p in SEEDS[2:4]]
    (tmp_path / "marked.txt").write_text("2023年度述职报告\n" + MARK + "\n", encoding="utf-8")
    _slowed(monkeypatch, load=(MARK, 0.6), sentences=(MARK, 0.6))
    cfg = Config()
    cfg.file_time_budget = 1.0
    out = check_files_safely(files, cfg)
    assert [getattr(o, "code", None) for o in out] == [None, None, "E114", None, None]
    assert "1 秒" in out[2].message
    cfg.file_time_budget = 3.0
    assert [getattr(o, "code", None) for o in check_files_safely(files, cfg)] == [None] * 5


def test_a_runaway_analysis_ahead_is_e114_and_the_group_goes_on(tmp_path, monkeypatch):
    files = [(p, str(p)) for p in SEEDS[:2]] + [(tmp_path / "marked.txt", str(tmp_path / "marked.txt"))]
    (tmp_path / "marked.txt").write_text("2023年度述职报告\n" + MARK + "\n", encoding="utf-8")
    real = analysed.split_sentences

    def runs_away(text):
        while MARK in text:
            pass
        return real(text)

    monkeypatch.setattr(analysed, "split_sentences", runs_away)
    cfg = Config()
    cfg.file_time_budget = 1.0
    t0 = time.perf_counter()
    out = check_files_safely(files, cfg)
    assert time.perf_counter() - t0 < 30
    assert [getattr(o, "code", None) for o in out] == [None, None, "E114"]
    assert _same(out[:2]) == _same(_one_by_one(files[:2], Config()))


def test_the_figures_are_computed_ahead_only_where_a_figures_rule_runs(tmp_path):
    files = [(p, str(p)) for p in SEEDS[:3]]
    cfg = config_from_dict({"per-file-ignores": {SEEDS[1].name: ["N"]}})
    out = check_files_safely(files, cfg)
    alone = _one_by_one(files, cfg)
    assert _same(out) == _same(alone)
    for grouped_result, result in zip(out, alone, strict=True):
        for name in ("quantities", "claims", "outline", "sentences"):
            assert (name in grouped_result.document.__dict__) == (name in result.document.__dict__), name
    assert "quantities" not in out[1].document.__dict__ and "quantities" in out[0].document.__dict__


def test_no_timer_is_left_running(tmp_path):
    import signal

    check_files_safely([(p, str(p)) for p in SEEDS[:2]], Config())
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)


def test_the_group_is_the_module_s():
    assert batch.GROUP == grouped.GROUP >= 2


def test_the_group_s_timer_stops_only_the_file_whose_time_is_up(tmp_path, monkeypatch):
    # One timer for the group, armed for the least time left: it fires after 1 s of the group's wall time,
    # while b.txt's sentences run (0.6 s of a.txt's loading before, 0.7 s of b.txt's step), yet each file
    # has spent well under its 1-second budget: both are checked.
    other = "本段用于分组计时测试。"
    (tmp_path / "a.txt").write_text("2023年度述职报告\n" + MARK + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("2023年度述职报告\n" + other + "\n", encoding="utf-8")
    files = [(tmp_path / n, str(tmp_path / n)) for n in ("a.txt", "b.txt")]
    _slowed(monkeypatch, load=(MARK, 0.6), sentences=(other, 0.7))
    cfg = Config()
    cfg.file_time_budget = 1.0
    t0 = time.perf_counter()
    out = check_files_safely(files, cfg)
    assert time.perf_counter() - t0 > 1.2  # the timer did fire within the group
    assert [getattr(o, "code", None) for o in out] == [None, None]
