"""Walking a folder: hidden folders and shuzhi's own review outputs are not read back as reports."""

from __future__ import annotations

import json

from conftest import run_cli, seed


def _round(tmp_path):
    for n in (1, 3):
        (tmp_path / seed(n).name).write_bytes(seed(n).read_bytes())
    # A copy of a report inside a hidden folder (a VCS or a virtualenv) is not part of the round.
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "old.txt").write_bytes(seed(0).read_bytes())
    (tmp_path / "sub" / ".venv").mkdir(parents=True)
    (tmp_path / "sub" / ".venv" / "x.txt").write_bytes(seed(2).read_bytes())
    r = run_cli("review", ".", "-o", "out", "--jobs", "1", cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    assert len(list((tmp_path / "out" / "annotated").glob("*.docx"))) == 2
    return sorted(seed(n).name for n in (1, 3))


def test_check_dot_skips_hidden_folders_and_a_previous_review(tmp_path):
    expected = _round(tmp_path)
    r = run_cli("check", ".", "--format", "json", "--exit-zero", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert sorted(x["source"] for x in data["results"]) == expected and data["errors"] == []


def test_index_add_dot_skips_hidden_folders_and_a_previous_review(tmp_path):
    expected = _round(tmp_path)
    ix = str(tmp_path.parent / (tmp_path.name + "-ix"))
    r = run_cli("index", "add", "--index", ix, ".", cwd=tmp_path)
    assert r.returncode == 0 and "加入 2 份" in r.stdout, r.stdout + r.stderr
    listed = json.loads(run_cli("index", "list", "--index", ix, "--format", "json").stdout)
    assert sorted(d["source"] for d in listed) == expected


def test_folders_that_only_look_like_outputs_are_still_read(tmp_path):
    # A folder named annotated/ that shuzhi did not write, and a results.json of another tool.
    (tmp_path / "annotated").mkdir()
    (tmp_path / "annotated" / "a.txt").write_bytes(seed(1).read_bytes())
    other = tmp_path / "other"
    (other / "annotated").mkdir(parents=True)
    (other / "results.json").write_text(json.dumps({"tool": {"name": "pylint"}}), encoding="utf-8")
    (other / "annotated" / "b.txt").write_bytes(seed(3).read_bytes())
    r = run_cli("check", ".", "--format", "json", "--exit-zero", cwd=tmp_path)
    assert sorted(x["source"] for x in json.loads(r.stdout)["results"]) == ["annotated/a.txt", "other/annotated/b.txt"]


def test_a_review_folder_named_explicitly_is_read(tmp_path):
    _round(tmp_path)
    r = run_cli("check", "out", "--format", "json", "--exit-zero", cwd=tmp_path)
    assert len(json.loads(r.stdout)["results"]) == 2  # the user asked for it: its annotated/*.docx
