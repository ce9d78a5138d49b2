"""`shuzhi history PERSON --index DIR` and the H rules through `check --index` / `review --index`, run for real."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import ROOT, run_cli
from history import demo
from shuzhi.cli import main


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("reports")
    demo.build(d)
    return d


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory, demo_files) -> Path:
    ix = tmp_path_factory.mktemp("ix") / "索引"
    files = sorted(str(p) for p in demo_files.glob("*.txt"))
    assert main(["index", "add", "--index", str(ix), "--identify", *files]) == 0
    return ix


def test_the_three_commands_of_docs_history_md_work(tmp_path, demo_files):
    page = (ROOT / "docs" / "history.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", page, re.S).group(1)
    commands = [shlex.split(line) for line in block.strip().splitlines()]
    assert len(commands) == 3 and all(c[0] == "shuzhi" for c in commands)
    for y in (2021, 2022, 2023):
        shutil.copy(demo_files / f"李明远-{y}.txt", tmp_path)
    runs = [run_cli(*c[1:], cwd=tmp_path) for c in commands]
    assert [r.returncode for r in runs] == [0, 1, 1], [r.stderr for r in runs]
    assert "姓名“李明远”来自落款（“报告人：李明远”）" in runs[0].stderr
    text = runs[1].stdout
    assert "李明远：索引中 3 份报告（2021年、2022年、2023年）" in text
    assert "已连续 3 年写入" in text and "逐年对照" in text and "Traceback" not in runs[1].stderr
    html = (tmp_path / "李明远-往年对照.html").read_text(encoding="utf-8")
    assert "<table>" in html and "本年《<a href='%E6%9D%8E%E6%98%8E%E8%BF%9C-2023.txt'>李明远-2023.txt</a>》" in html
    assert "2022年《<a href='%E6%9D%8E%E6%98%8E%E8%BF%9C-2022.txt'>李明远-2022.txt</a>》" in html
    # The links work from where the page was written: the three reports are beside it.
    for href in set(re.findall(r"href='([^']+)'", html)):
        assert (tmp_path / unquote(href)).is_file(), href
    assert "较上年的41.2亿元" in html and "完成42.1亿元" in html  # both sides of the H604 quoted


def test_json_has_every_year_with_findings_identity_and_profile(demo_index):
    p = run_cli("history", "李明远", "--index", str(demo_index), "--format", "json")
    assert p.returncode == 1, p.stderr
    data = json.loads(p.stdout)
    assert data["version"] == 1 and data["person"] == "李明远" and data["years"] == [2021, 2022, 2023]
    assert data["counts"] == {"H601": 4, "H602": 3, "H603": 2, "H604": 2}
    first, _, last = data["reports"]
    assert first["findings"] == [] and "最早的一份" in first["note"]
    assert [c["year"] for c in last["compared_with"]] == [2021, 2022]
    assert last["identity"]["name"] == "李明远" and last["identity"]["evidence"]
    assert {"coverage", "personal_agency", "fact_density"} <= set(last["profile"])


def test_a_person_with_no_reports_and_a_missing_index_exit_2_in_chinese(tmp_path, demo_index):
    p = run_cli("history", "王五", "--index", str(demo_index))
    assert p.returncode == 2 and "E402" in p.stderr and "李明远" in p.stderr and "Traceback" not in p.stderr
    p = run_cli("history", "李明远", "--index", str(tmp_path / "没有"))
    assert p.returncode == 2 and "E301" in p.stderr and "Traceback" not in p.stderr


def test_check_with_index_runs_the_h_rules(demo_index, demo_files):
    p = run_cli(
        "check", "--index", str(demo_index), "--select", "H", "--format", "json", str(demo_files / "赵立新-2023.txt")
    )
    data = json.loads(p.stdout)
    [r] = data["results"] if isinstance(data, dict) else data
    codes = sorted(f["code"] for f in r["findings"])
    assert codes == ["H601", "H602", "H603"]
    assert r["profile"]["history"]["person"] == "赵立新" and r["profile"]["history"]["earlier"][0]["year"] == 2022


def test_aliases_in_config_join_two_names_and_bad_history_config_is_refused(tmp_path, demo_files):
    ix = tmp_path / "ix"
    a, b = str(demo_files / "赵立新-2022.txt"), str(demo_files / "赵立新-2023.txt")
    assert main(["index", "add", "--index", str(ix), a, "--person", "赵立新同志", "--year", "2022"]) == 0
    assert main(["index", "add", "--index", str(ix), b, "--person", "赵立新", "--year", "2023"]) == 0
    p = run_cli("history", "赵立新", "--index", str(ix), "--format", "json")
    assert json.loads(p.stdout)["years"] == [2023]
    cfg = tmp_path / "shuzhi.toml"
    cfg.write_text('[history]\naliases = { "赵立新" = ["赵立新同志"] }\n', encoding="utf-8")
    p = run_cli("history", "赵立新", "--index", str(ix), "--format", "json", "--config", str(cfg))
    data = json.loads(p.stdout)
    assert data["years"] == [2022, 2023] and data["counts"]["H601"] == 1
    cfg.write_text("[history]\naliasses = {}\n", encoding="utf-8")
    p = run_cli("history", "赵立新", "--index", str(ix), "--config", str(cfg))
    assert p.returncode == 2 and "E201" in p.stderr and "aliases" in p.stderr and "Traceback" not in p.stderr


def test_index_add_with_a_manifest(tmp_path, demo_files):
    man = tmp_path / "名册.csv"
    rows = ["文件,姓名,单位,职务,年度"] + [
        f"{r['文件']},{r['姓名']},{r['单位']},{r['职务']},{r['年度']}" for r in demo.manifest_rows()
    ]
    man.write_text("\n".join(rows), encoding="utf-8")
    ix = tmp_path / "ix"
    p = run_cli("index", "add", "--index", str(ix), "--manifest", str(man), str(demo_files))
    assert p.returncode == 0 and "来自名册" in p.stderr
    listed = json.loads(run_cli("index", "list", "--index", str(ix), "--format", "json").stdout)
    assert sorted((d["person"], d["year"], d["unit"]) for d in listed)[0] == ("周晓梅", 2023, "临河支公司客户服务部")
    bad = tmp_path / "坏.csv"
    bad.write_text("姓名\n李明远\n", encoding="utf-8")
    p = run_cli("index", "add", "--index", str(ix), "--manifest", str(bad), str(demo_files))
    assert p.returncode == 2 and "E401" in p.stderr and "Traceback" not in p.stderr


def test_review_with_index_reports_the_same_findings_as_history(tmp_path, demo_index, demo_files):
    out = tmp_path / "out"
    rc = main(
        ["review", str(demo_files / "李明远-2023.txt"), "-o", str(out), "--index", str(demo_index), "--jobs", "1"]
    )
    assert rc == 1
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    h = sorted((f["code"], f["start"]) for f in data["results"][0]["findings"] if f["code"][0] == "H")
    hist = json.loads(run_cli("history", "李明远", "--index", str(demo_index), "--format", "json").stdout)
    expected = sorted((f["code"], f["start"]) for f in hist["reports"][2]["findings"])
    assert h == expected and [c for c, _ in h] == ["H601", "H601", "H602", "H603", "H604"]


def test_check_with_index_says_whose_history_it_used(demo_index, demo_files):
    p = run_cli("check", "--index", str(demo_index), "--select", "H", str(demo_files / "李明远-2023.txt"))
    assert "往年对照：作者 李明远（索引登记），与其 2021年、2022年的报告比对" in p.stdout
    p = run_cli("check", "--index", str(demo_index), "--select", "H", str(demo_files / "李明远-2021.txt"))
    assert "往年对照：索引中没有李明远2021年以前的报告" in p.stdout and p.returncode == 0


def test_a_report_indexed_without_a_year_is_listed_not_compared(tmp_path, demo_files):
    undated = tmp_path / "李明远-未注明.txt"
    text = (demo_files / "李明远-2022.txt").read_text(encoding="utf-8").replace("2022年度", "年度", 1)
    undated.write_text(text, encoding="utf-8")
    ix = tmp_path / "ix"
    assert main(["index", "add", "--index", str(ix), str(demo_files / "李明远-2021.txt"), "--person", "李明远"]) == 0
    assert main(["index", "add", "--index", str(ix), str(undated), "--person", "李明远"]) == 0
    data = json.loads(run_cli("history", "李明远", "--index", str(ix), "--format", "json").stdout)
    assert data["years"] == [None, 2021]
    assert "没有登记年度" in data["reports"][0]["note"] and data["reports"][0]["findings"] == []
