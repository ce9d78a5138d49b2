"""`shuzhi index list` (what is in an index, with what `index remove` needs) and `index add` exit codes."""
from __future__ import annotations

import json

from conftest import run_cli, seed


def _index_two(tmp_path) -> str:
    ix = str(tmp_path / "ix")
    r = run_cli("index", "add", "--index", ix, "--person", "张三", "--unit", "水利局", "--year", "2023",
                "--round", "2023年度述职", str(seed(0)))
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
    assert (first["person"], first["unit"], first["year"], first["round"], first["kind"]) == \
        ("张三", "水利局", 2023, "2023年度述职", "report")
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
