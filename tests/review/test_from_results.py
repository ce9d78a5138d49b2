"""`shuzhi review --from OUTDIR/results.json`: the round's dashboard, Excel and Word files written again from
its results, without checking anything again, equal to the ones the round wrote."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl

from conftest import seed
from helpers.docx_comments import read_comments
from shuzhi.cli import main


def _round(tmp_path: Path) -> Path:
    src = tmp_path / "round"
    src.mkdir()
    for n in range(5):
        shutil.copy(seed(n), src / seed(n).name)
    (src / "empty.txt").write_bytes(b"")  # a bad file: listed in the round, and again
    # A report copied from seed 1 with its own opening: the round's comparison has a pair and passages.
    text = seed(1).read_text(encoding="utf-8")
    (src / "zz_copy.txt").write_text("2023年副县长述职报告\n" + text.split("\n", 3)[-1], encoding="utf-8")
    out = tmp_path / "out"
    assert main(["review", str(src), "-o", str(out), "--jobs", "1", "--no-progress"]) == 1
    return out


def _html(path: Path) -> str:
    # The generation time is the only thing allowed to differ.
    return re.sub(r"生成于 [0-9: -]+", "生成于 …", path.read_text(encoding="utf-8"))


def _cells(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb.worksheets}


def _word(path: Path) -> tuple:
    with zipfile.ZipFile(path) as z:
        document = z.read("word/document.xml")
    return document, [(c["author"], c["text"], c["anchored"]) for c in read_comments(path)]


def test_outputs_regenerated_from_results_json_equal_the_rounds_own(tmp_path, capsys):
    out = _round(tmp_path)
    again = tmp_path / "again"
    rc = main(["review", "--from", str(out / "results.json"), "-o", str(again), "--no-progress"])
    assert rc == 1, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "重新生成" in printed and "未重新检查" in printed

    assert _html(again / "index.html") == _html(out / "index.html")
    pages = sorted(p.name for p in (out / "reports").glob("*.html"))
    assert len(pages) == 6 and sorted(p.name for p in (again / "reports").glob("*.html")) == pages
    for name in pages:
        assert _html(again / "reports" / name) == _html(out / "reports" / name), name
    assert _cells(again / "summary.xlsx") == _cells(out / "summary.xlsx")
    words = sorted(p.name for p in (out / "annotated").glob("*.docx"))
    assert len(words) == 6 and sorted(p.name for p in (again / "annotated").glob("*.docx")) == words
    for name in words:
        assert _word(again / "annotated" / name) == _word(out / "annotated" / name), name
    copying = json.loads((out / "results.json").read_text(encoding="utf-8"))["round"]["copying"]
    assert copying["pairs"] and copying["passages"]  # the comparison was there to be written again
    # results.json itself is copied, not rewritten from a new check.
    assert json.loads((again / "results.json").read_text(encoding="utf-8")) == json.loads(
        (out / "results.json").read_text(encoding="utf-8")
    )


def test_the_findings_come_from_results_json_not_from_a_new_check(tmp_path):
    out = _round(tmp_path)
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    first = data["results"][0]
    first["findings"][0]["message"] = "审阅人改写的说明：此处缺少数字"
    first["findings"] = first["findings"][:1]
    (out / "results.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["review", "--from", str(out / "results.json"), "--no-progress"]) in (0, 1)  # in place
    word = out / "annotated" / (Path(first["source"]).stem + ".docx")
    comments = read_comments(word)
    assert len(comments) == 1 and "审阅人改写的说明" in comments[0]["text"]
    page = next((out / "reports").glob(f"*{Path(first['source']).stem}*.html")).read_text(encoding="utf-8")
    assert "审阅人改写的说明" in page


def test_from_a_file_that_is_not_a_rounds_results_is_a_chinese_usage_error(tmp_path, capsys):
    bad = tmp_path / "results.json"
    bad.write_text('{"version": 1, "results": []}', encoding="utf-8")  # `check --format json`, no round
    assert main(["review", "--from", str(bad), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "shuzhi review" in err and "Traceback" not in err
    assert main(["review", "--from", str(tmp_path / "nope.json"), "--no-progress"]) == 2
    assert "不存在" in capsys.readouterr().err
    assert main(["review", str(tmp_path), "--from", str(bad), "--no-progress"]) == 2  # both: which one?
    assert "--from" in capsys.readouterr().err
