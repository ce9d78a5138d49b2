"""`shuzhi review PATH... -o OUTDIR`: every output written, bad files listed, documented exit codes."""

from __future__ import annotations

import json

from helpers.round_files import make_round
from shuzhi.cli import main
from shuzhi.model.findings import severity_rank


def test_review_writes_every_output_and_never_stops_on_bad_files(tmp_path, capsys):
    d = make_round(tmp_path)
    out = tmp_path / "out"
    rc = main(["review", str(d), "-o", str(out), "--jobs", "2"])
    printed = capsys.readouterr()
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"]["name"] == "shuzhi"
    assert sorted(r["source"].rsplit("/", 1)[-1][:3] for r in data["results"]) == ["000", "001", "002", "003", "004"]
    assert sorted(e["source"].rsplit("/", 1)[-1] for e in data["errors"]) == ["broken.docx", "empty.txt"]
    failing = any(
        severity_rank(f["severity"]) >= severity_rank("warning") for r in data["results"] for f in r["findings"]
    )
    assert rc == (1 if failing else 0)
    assert (out / "index.html").is_file() and (out / "summary.xlsx").is_file()
    assert (out / "assets" / "review.js").is_file() and (out / "assets" / "review.css").is_file()
    assert len(list((out / "reports").glob("*.html"))) == 5
    assert sorted(p.name[:3] for p in (out / "annotated").glob("*.docx")) == ["000", "001", "002", "003", "004"]
    assert "审查了 5 份报告" in printed.out and "2 个文件无法检查" in printed.out
    assert "broken.docx" in printed.err and "E101" in printed.err


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["review", str(tmp_path)]) == 2  # no -o
    rc = main(["review", str(tmp_path), "-o", str(tmp_path / "o"), "--index", str(tmp_path / "no-index")])
    assert rc == 2 and "索引目录不存在" in capsys.readouterr().err


def test_a_round_with_nothing_readable_exits_2_but_still_writes_the_dashboard(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["review", str(tmp_path / "empty.txt"), "-o", str(out), "--jobs", "1"]) == 2
    assert "E101" in (out / "index.html").read_text(encoding="utf-8")


def test_progress_bars_for_checking_and_word_files(tmp_path, capsys):
    from shuzhi.review import review

    d = make_round(tmp_path)
    review([d], tmp_path / "out", jobs=2, progress=True)
    err = capsys.readouterr().err
    assert "检查" in err and "批注" in err and "7/7" in err and "5/5" in err


def test_rerunning_into_the_same_outdir_leaves_no_reports_of_the_previous_round(tmp_path):
    # A reviewer reuses -o out for a second round: Word files and pages of reports that are not in
    # this round must not stay beside the new ones (they would be read as part of it).
    from conftest import run_cli, seed

    first, second = tmp_path / "r1", tmp_path / "r2"
    first.mkdir()
    second.mkdir()
    for n in (0, 1):
        (first / seed(n).name).write_bytes(seed(n).read_bytes())
    (second / seed(2).name).write_bytes(seed(2).read_bytes())
    out = tmp_path / "out"
    assert run_cli("review", str(first), "-o", str(out), "--jobs", "1").returncode in (0, 1)
    assert run_cli("review", str(second), "-o", str(out), "--jobs", "1").returncode in (0, 1)
    assert [p.name[:3] for p in (out / "annotated").glob("*.docx")] == ["002"]
    assert len(list((out / "reports").glob("*.html"))) == 1


def test_a_file_named_twice_is_reviewed_once_and_not_accused_of_copying_itself(tmp_path):
    # `shuzhi review 2023/ 2023/张三.txt` is an easy slip; the report must not become its own copy source.
    from conftest import run_cli, seed

    d = tmp_path / "2023"
    d.mkdir()
    for n in (1, 3):
        (d / seed(n).name).write_bytes(seed(n).read_bytes())
    out = tmp_path / "out"
    run_cli(
        "review", str(d), str(d / seed(1).name), "./2023/" + seed(1).name, "-o", str(out), "--jobs", "1", cwd=tmp_path
    )
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(data["results"]) == 2
    assert not [f for r in data["results"] for f in r["findings"] if f["code"] == "C302"]


def test_reviewing_a_folder_twice_with_outdir_inside_it_does_not_review_its_own_outputs(tmp_path):
    # `cd 2023 && shuzhi review . -o out`, run twice: out/annotated/*.docx are copies of the reports and
    # were read back as reports, each "100% copied" (C302) from the other.
    from conftest import run_cli, seed

    for n in (1, 3):
        (tmp_path / seed(n).name).write_bytes(seed(n).read_bytes())
    for _ in range(2):
        run_cli("review", ".", "-o", "out", "--jobs", "1", cwd=tmp_path)
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert sorted(r["source"] for r in data["results"]) == sorted(seed(n).name for n in (1, 3))
