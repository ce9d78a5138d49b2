"""The commands: compare (text/json/html), index add/stats/remove, check --index with C301/C302."""

from __future__ import annotations

import json

import pytest

import shuzhi
from conftest import CORPUS, seed
from shuzhi.cli import main


def _para(path, n=1):
    doc = shuzhi.load(path)
    return [doc.text[s:e] for s, e in doc.paragraphs if 150 <= e - s <= 400][n]


@pytest.fixture()
def suspect(tmp_path):
    p = tmp_path / "suspect.txt"
    p.write_text(
        "2024年度述职报告\n今年本人牵头完成了灌区改造，亲自协调解决了征地问题。\n"
        + _para(seed(0))
        + "\n"
        + _para(seed(2), 2)
        + "\n特此报告。\n",
        encoding="utf-8",
    )
    return p


def test_compare_json_matches_the_issue_contract(suspect, capsys):
    rc = main(["compare", str(suspect), str(seed(0)), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 1  # copied passages found
    assert out["version"] == 1 and out["a"]["source"] == str(suspect) and out["b"]["source"] == str(seed(0))
    assert 0.3 < out["similarity"]["a_copied"] < 0.7
    m = out["matches"][0]
    assert m["a"]["line"] == 3 and m["a"]["column"] == 1  # the pasted paragraph is line 3 of the file
    assert m["chars"] > 100 and m["identity"] == 1.0


def test_compare_seeds_exit_clean_and_html(tmp_path, suspect, capsys):
    assert main(["compare", str(seed(1)), str(seed(3))]) == 0
    assert "没有发现相同或近似的段落" in capsys.readouterr().out
    out = tmp_path / "c.html"
    assert main(["compare", str(suspect), str(seed(2)), "--format", "html", "-o", str(out)]) == 1
    html = out.read_text(encoding="utf-8")
    assert html.count('<mark id="m1"') == 2 and "复制比对" in html


def test_compare_bad_input_is_a_usage_error(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "none.txt"), str(seed(0))]) == 2
    assert "E001" in capsys.readouterr().err


def test_index_commands_and_check_with_index(tmp_path, suspect, capsys):
    ix = str(tmp_path / "ix")
    assert main(["index", "add", "--index", ix, "--person", "张三", "--year", "2023", str(seed(0))]) == 0
    assert main(["index", "add", "--index", ix, "--kind", "template", str(seed(2)), str(tmp_path / "nope.txt")]) == 0
    captured = capsys.readouterr()
    assert "加入 1 份" in captured.out and "E001" in captured.err
    assert main(["index", "stats", "--index", ix, "--format", "json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["documents"] == 2 and st["templates"] == 1 and st["version"] == 1

    rc = main(["check", "--index", ix, "--format", "json", "--select", "C", str(suspect)])
    res = json.loads(capsys.readouterr().out)["results"][0]
    assert rc == 1
    c301 = [f for f in res["findings"] if f["code"] == "C301"]
    assert {f["data"]["source"] for f in c301} == {str(seed(0)), str(seed(2))}
    f0 = next(f for f in c301 if f["data"]["source"] == str(seed(0)))
    assert f0["line"] == 3 and f0["data"]["person"] == "张三" and f0["data"]["identity"] == 1.0
    src = shuzhi.load(seed(0)).text
    # the passage is the pasted paragraph; its final 。 is punctuation, not counted
    assert src[f0["data"]["source_start"] : f0["data"]["source_end"]] == _para(seed(0)).rstrip("。")
    copy = res["profile"]["copy"]
    assert copy["total_copied"] > 0.8 and len(copy["sources"]) == 2

    # Plain check never runs the index rules.
    main(["check", "--format", "json", "--select", "C", str(suspect)])
    assert json.loads(capsys.readouterr().out)["results"][0]["findings"] == []

    # Text output ends with the CNKI-style metrics.
    main(["check", "--index", ix, "--select", "C", str(suspect)])
    assert "总文字复制比" in capsys.readouterr().out

    assert main(["index", "remove", "--index", ix, str(seed(2))]) == 0
    capsys.readouterr()
    main(["check", "--index", ix, "--format", "json", "--select", "C", str(suspect)])
    res = json.loads(capsys.readouterr().out)["results"][0]
    assert {f["data"]["source"] for f in res["findings"]} == {str(seed(0))}


def test_resubmitted_report_is_a_near_duplicate(tmp_path, capsys):
    ix = str(tmp_path / "ix")
    main(["index", "add", "--index", ix, "--person", "张三", "--year", "2023", str(seed(1))])
    capsys.readouterr()
    # Last year's report with the year changed and one sentence added.
    text = shuzhi.load(seed(1)).text.replace("2023", "2024") + "\n今年新增：完成了饮水安全工程。"
    p = tmp_path / "2024.txt"
    p.write_text(text, encoding="utf-8")
    assert main(["check", "--index", ix, "--format", "json", "--select", "C302", str(p)]) == 1
    f = json.loads(capsys.readouterr().out)["results"][0]["findings"]
    assert len(f) == 1 and f[0]["code"] == "C302" and f[0]["data"]["near_duplicate"] > 0.9


def test_check_index_missing_is_a_clear_error(tmp_path, suspect, capsys):
    assert main(["check", "--index", str(tmp_path / "none"), str(suspect)]) == 2
    assert "shuzhi index add" in capsys.readouterr().err


def test_law_revisions_in_an_index(tmp_path, capsys):
    laws = CORPUS / "laws"
    ix = str(tmp_path / "ix")
    old = next(laws.glob("0005_*.txt"))
    main(
        [
            "index",
            "add",
            "--index",
            ix,
            str(old),
            str(next(laws.glob("0007_*.txt"))),
            str(next(laws.glob("0000_*.txt"))),
        ]
    )
    capsys.readouterr()
    new = next(laws.glob("0006_*.txt"))
    main(["check", "--index", ix, "--format", "json", "--select", "C302", str(new)])
    f = json.loads(capsys.readouterr().out)["results"][0]["findings"]
    assert [x["data"]["source"] for x in f] == [str(old)]


def test_an_identical_report_under_another_path_is_found_in_the_index(tmp_path):
    # Zhang's 2022 report is indexed; Li hands in exactly the same text as a new file. Skipping it as
    # "the document itself" (same text) reported 0% copying: the most blatant case went unseen.
    from conftest import run_cli

    ix = str(tmp_path / "ix")
    assert run_cli("index", "add", "--index", ix, "--person", "张三", "--year", "2022", str(seed(1))).returncode == 0
    li = tmp_path / "李四 2023 述职报告.txt"
    li.write_bytes(seed(1).read_bytes())
    p = run_cli("check", "--index", ix, "--select", "C", "--format", "json", str(li))
    out = json.loads(p.stdout)
    assert p.returncode == 1
    assert out["results"][0]["profile"]["copy"]["total_copied"] > 0.95
    assert any(f["code"] == "C302" for f in out["results"][0]["findings"])
    # The indexed file checked itself is still not its own source.
    p = run_cli("check", "--index", ix, "--select", "C", "--format", "json", str(seed(1)))
    assert p.returncode == 0
    assert json.loads(p.stdout)["results"][0]["profile"]["copy"]["total_copied"] == 0


def test_index_remove_of_an_unknown_document_says_which_and_exits_2(tmp_path):
    from conftest import run_cli

    ix = str(tmp_path / "ix")
    assert run_cli("index", "add", "--index", ix, str(seed(1))).returncode == 0
    p = run_cli("index", "remove", "--index", ix, "no-such-report.txt")
    assert p.returncode == 2
    assert "E305" in p.stderr and "no-such-report.txt" in p.stderr  # not just "移除 0 份"
    p = run_cli("index", "remove", "--index", ix, str(seed(1)), "no-such-report.txt")
    assert "移除 1 份" in p.stdout and "no-such-report.txt" in p.stderr


def test_a_missing_index_segment_says_what_to_do_in_chinese(tmp_path):
    from conftest import run_cli

    ix = tmp_path / "ix"
    assert run_cli("index", "add", "--index", str(ix), str(seed(1)), str(seed(2))).returncode == 0
    for npy in ix.glob("*.npy"):
        npy.unlink()
    p = run_cli("check", "--index", str(ix), str(seed(3)))
    assert "E304" in p.stderr + p.stdout
    said = p.stderr + p.stdout
    assert "No such file" not in said and "重新建立" in said
