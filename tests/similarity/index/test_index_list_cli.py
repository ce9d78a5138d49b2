"""`shuzhi index list` (what is in an index, with what `index remove` needs) and `index add` exit codes."""

from __future__ import annotations

import json

from conftest import run_cli, seed


def _index_two(tmp_path) -> str:
    ix = str(tmp_path / "ix")
    r = run_cli(
        "index",
        "add",
        "--index",
        ix,
        "--person",
        "张三",
        "--unit",
        "水利局",
        "--year",
        "2023",
        "--round",
        "2023年度述职",
        str(seed(0)),
    )
    assert r.returncode == 0, r.stderr
    r = run_cli("index", "add", "--index", ix, "--kind", "template", str(seed(2)))
    assert r.returncode == 0, r.stderr
    return ix


def test_index_list_json_gives_each_document_and_its_metadata(tmp_path):
    ix = _index_two(tmp_path)
    r = run_cli("index", "list", "--index", ix, "--format", "json")
    assert r.returncode == 0, r.stderr
    docs = json.loads(r.stdout)
    assert [d["source"] for d in docs] == [str(seed(0)), str(seed(2))]
    first, second = docs
    assert (first["person"], first["unit"], first["year"], first["round"], first["kind"]) == (
        "张三",
        "水利局",
        2023,
        "2023年度述职",
        "report",
    )
    assert second["kind"] == "template" and second["person"] is None
    # chars: the counted characters of the analysed text, letters and digits only (docs/copy-detection.md).
    text = run_cli("text", str(seed(0))).stdout
    assert first["chars"] == sum(c.isalnum() for c in text)
    assert first["added"][:4].isdigit() and len(first["key"]) >= 16 and isinstance(first["id"], int)


def test_index_list_text_and_remove_by_listed_id(tmp_path):
    ix = _index_two(tmp_path)
    r = run_cli("index", "list", "--index", ix)
    assert r.returncode == 0, r.stderr
    assert str(seed(0)) in r.stdout and "张三" in r.stdout and "模板" in r.stdout and "共 2 份" in r.stdout
    first = json.loads(run_cli("index", "list", "--index", ix, "--format", "json").stdout)[0]
    assert run_cli("index", "remove", "--index", ix, str(first["id"])).returncode == 0
    after = json.loads(run_cli("index", "list", "--index", ix, "--format", "json").stdout)
    assert [d["source"] for d in after] == [str(seed(2))]


def test_index_list_of_a_missing_index_is_a_clear_error(tmp_path):
    r = run_cli("index", "list", "--index", str(tmp_path / "none"))
    assert r.returncode == 2 and "E301" in r.stderr and "Traceback" not in r.stderr


def test_index_add_with_nothing_readable_exits_2_and_names_each_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file")
    r = run_cli("index", "add", "--index", str(tmp_path / "ix"), str(empty), str(broken), str(tmp_path / "nope.txt"))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert any(str(empty) in x and "E101" in x for x in lines)
    assert any(str(broken) in x and "E103" in x for x in lines)
    assert any("nope.txt" in x and "E001" in x for x in lines)
    assert "Traceback" not in r.stderr and "加入 0 份" in r.stdout and "无法读取 3 份" in r.stdout


def test_index_add_with_some_readable_adds_them_exits_0_and_lists_the_rest(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    ix = str(tmp_path / "ix")
    r = run_cli("index", "add", "--index", ix, str(seed(0)), str(empty))
    assert r.returncode == 0  # as check: 2 only when nothing could be added (docs/output-formats.md)
    assert str(empty) in r.stderr and "E101" in r.stderr and "加入 1 份" in r.stdout
    assert len(__import__("json").loads(run_cli("index", "list", "--index", ix, "--format", "json").stdout)) == 1
    # The same files again: already indexed is not a failure.
    assert run_cli("index", "add", "--index", ix, str(seed(0))).returncode == 0


def test_index_add_help_states_the_exit_codes():
    out = run_cli("index", "add", "--help").stdout
    assert "退出码" in out and "没有一份能加入" in out


def test_compare_given_a_folder_says_it_takes_two_files_and_points_to_review(tmp_path):
    (tmp_path / "round").mkdir()
    for args in ((str(tmp_path / "round"), str(seed(0))), (str(seed(0)), str(tmp_path / "round"))):
        r = run_cli("compare", *args)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert "两个文件" in r.stderr and "shuzhi review" in r.stderr and str(tmp_path / "round") in r.stderr
        assert "shuzhi check 目录" not in r.stderr
