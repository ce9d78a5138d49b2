"""The round's writers side by side (#17): a writer that fails does not lose the others' files."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli, seed_round


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_an_excel_that_cannot_be_written_loses_no_other_file(tmp_path, jobs):
    d = seed_round(tmp_path)
    out = tmp_path / "out"
    (out / "summary.xlsx").mkdir(parents=True)  # the Excel cannot be written there
    r = run_cli("review", str(d), "-o", str(out), "--jobs", jobs)
    assert r.returncode == 2, r.stderr
    assert "E004" in r.stderr and "summary.xlsx" in r.stderr  # said in Chinese, as before
    assert "无法写入" in r.stderr
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(data["results"]) == 4
    assert len(list((out / "annotated").glob("*.docx"))) == 4
    assert len(list((out / "reports").glob("*.html"))) == 4
    assert (out / "index.html").is_file() and (out / "round-summary.html").is_file()
    # The dashboard does not offer the Excel that was not written; it still offers the rest.
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="summary.xlsx"' not in index
    assert 'href="results.json"' in index and 'href="round-summary.html"' in index


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_a_results_json_that_cannot_be_written_loses_no_other_file(tmp_path, jobs):
    d = seed_round(tmp_path)
    out = tmp_path / "out"
    (out / "results.json").mkdir(parents=True)
    r = run_cli("review", str(d), "-o", str(out), "--jobs", jobs)
    assert r.returncode == 2, r.stderr
    assert "E004" in r.stderr and "results.json" in r.stderr
    assert len(list((out / "annotated").glob("*.docx"))) == 4
    assert (out / "summary.xlsx").is_file() and (out / "index.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="results.json"' not in index and 'href="summary.xlsx"' in index


def test_two_workers_write_what_one_writes(tmp_path):
    # With two workers the Excel and results.json are the Word workers' first tasks; one worker writes them itself.
    from shuzhi.review import review

    d = seed_round(tmp_path, 6)
    two = review([str(d)], tmp_path / "two", jobs=2)
    one = review([str(d)], tmp_path / "one", jobs=1)
    assert set(two.seconds) == set(one.seconds) >= {"json", "word", "xlsx", "dashboard"}
    assert two.files.keys() == one.files.keys()
    a = json.loads((tmp_path / "two" / "results.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "one" / "results.json").read_text(encoding="utf-8"))
    a["round"].pop("jobs"), b["round"].pop("jobs")
    assert a == b
